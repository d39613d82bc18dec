"""`thidua import`: last year's Word file → a plan that builds into the same document.

The lines a reader sees (wordread) are taken apart in the order of the document
(document.py): the header (header.py), type and summary, legal bases and preamble, the
numbered body (body.py) with its targets (targets.py) and rounds (rounds.py), recipients and
signature (signature.py); the plan's year and anniversaries become expressions (years.py).
Every recognition is rendered again with thidua's own wording and kept only if it gives the
same words; anything not placed stays as text where it stood, nothing is dropped.
`command.py` writes the YAML for `thidua import`.
"""
