"""civplan: plans for 创建文明单位 as data, checked and published.

The packages are the pipeline: model (what a plan is) → cache (the shape and keys every build
cache shares) → check (what is wrong with it) and export (Word) → importer (old plans in) → site
(the MkDocs plugin and its pages) → cli.
"""
