"""Import an existing plan (plain text, Markdown or .docx) into a structured draft.

read_source (bytes → lines, encoding detected) → outline (numbering) → text (sections, by
wording and content cues) → people, stages, contacts, fields, unit (metadata) → body (every
source line kept) → plan (YAML written, re-read by civplan.model.loader) → report (what went where).
"""
