"""Output that is not the site: the Word file in the official document format, and its cache."""
