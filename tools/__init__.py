"""Development tools that are not part of the installed package (evaluation
against labelled policies and research corpora)."""
