"""Who Says? — find who is cited for each claim in a news text, and which
claims nobody is cited for.

>>> import whosays
>>> [f["kind"] for f in whosays.scan("He said it was undeniable.")]
['attribution']

``scan`` and ``profile`` take a ``str`` (paragraphs separated by blank
lines) or a page from ``read_html``. Every span carries the JSON Lines
contract's ``start``/``end`` (UTF-16 code units, as in JavaScript) and
``cp_start``/``cp_end`` (code points: ``text[f["cp_start"]:f["cp_end"]]``).
The GIL is released while the core works.
"""

from ._whosays import __version__, merge_profiles, profile, read_html, scan

__all__ = ["__version__", "merge_profiles", "profile", "read_html", "scan"]
