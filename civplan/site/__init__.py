"""The public site: one build as a plain object (build), the MkDocs plugin package that drives
it (the only part here that imports mkdocs), the steps it runs, the sections and their
templates, directory, history pages, feeds, search index, shards and sanitising."""
