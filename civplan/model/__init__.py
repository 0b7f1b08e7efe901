"""The model of a plan: its schema, how a file is read, its lifecycle, its standard wording.

Imports nothing else of civplan: every other package builds on this one.
"""
