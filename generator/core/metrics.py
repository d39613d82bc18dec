"""Approximate printed widths in Times New Roman, for the short rules ND30 asks for.

ND30 sizes the rule under the issuer and under the summary relative to the text above
it (1/3 to 1/2), and the rule under the motto as long as the motto. Word does not
store line widths, so both the renderer (to size the rule) and `thidua check` (to
verify it) estimate them from Times New Roman's advance widths (units per 1000 em;
Liberation Serif has the same metrics). Accents do not change a letter's width.
"""

from __future__ import annotations

import unicodedata

_REGULAR = dict(zip(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 _-.,:;/()“”\"'%",
    [722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667,
     556, 611, 722, 722, 944, 722, 722, 611,
     444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333,
     389, 278, 500, 500, 722, 500, 500, 444,
     *[500] * 10, 250, 500, 333, 250, 250, 278, 278, 278, 333, 333, 444, 444, 408, 180, 833],
))
_BOLD = dict(zip(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 _-.,:;/()“”\"'%",
    [722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722,
     556, 667, 722, 722, 1000, 722, 722, 667,
     500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500, 556, 556, 444,
     389, 333, 556, 500, 722, 500, 500, 444,
     *[500] * 10, 250, 500, 333, 250, 250, 333, 333, 278, 333, 333, 500, 500, 555, 278, 1000],
))
UNDERSCORE = 500  # the same in both weights


def _base(ch: str) -> str:
    if ch in "đĐ":
        return "d" if ch == "đ" else "D"
    return unicodedata.normalize("NFD", ch)[0]


def text_width_pt(text: str, size_pt: float, bold: bool = False) -> float:
    table = _BOLD if bold else _REGULAR
    units = sum(table.get(_base(ch), 500) for ch in text)
    return units * size_pt / 1000


def rule_for(text_width: float, size_pt: float, fraction: float) -> str:
    """A run of underscores about `fraction` of `text_width` long."""
    count = max(1, round(text_width * fraction / (UNDERSCORE * size_pt / 1000)))
    return "_" * count


CELL_MARGINS_PT = 10.8  # Word's default left and right cell margins together (0.19 cm each)
