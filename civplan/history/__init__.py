"""A plan's change history: its committed versions, their change notes and what each changed.

Data only, no HTML: the site renders it (civplan/site/history_page.py, derived.py) and the
command line checks with it (`civplan changes`, `civplan note`). It stands after civplan.check in
the pipeline, because a version is published only when today's check chain passes it.

- git.py: git run on a checkout, the one way the package reads committed versions
- versions.py: every published version of every plan, read from git once per build; a version's
  text parsed, when a plan last changed, the commits behind it
- verdicts.py: which versions today's check withholds, remembered by text and code
- notes.py: the editor's change notes, and the rule that a change to a published plan adds one
- changed_parts.py: which parts of a plan changed, by Chinese titles, and the neutral line
- public_changes.py: what the public is told about each version (one entry per visible change)
- diff.py: what changed between two versions, section by section, as marked pieces of text
- page_data.py: what the history page lists of each version
- since_base.py: what `civplan changes --base REF` finds in a pull request
"""
