"""The public site: the MkDocs plugin (the only module here that imports mkdocs), the steps it
runs, the HTML of the sections, directory, history pages, feeds, search index and sanitising."""
