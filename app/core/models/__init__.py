"""Models: the catalog, this machine's hardware and fit, the Hugging Face cache and downloads, installed files."""
