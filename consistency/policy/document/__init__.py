"""Reading a policy file into a normalised :class:`~consistency.models.Document`:
format sniffing, decoding and mojibake repair, the text/HTML/Markdown/PDF readers,
and segmentation into sections and sentences with offsets. Knows nothing of data
types or the mapping tables."""
