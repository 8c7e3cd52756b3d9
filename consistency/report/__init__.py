"""Reports: one module per output format, each rendering a finished result to a string."""
