"""Rules (horizontal lines) a clerk draws without characters: a line shape, or a paragraph's bottom border.

ND30 asks for a line under the issuer, the motto and the summary; Word users draw it as "______",
as a line shape (DrawingML, with a VML copy for old readers) or as the bottom border of a
paragraph. This module measures the last two, in points, so that `check` judges them like the first.
"""

from __future__ import annotations

import re

from docx.oxml.ns import qn

_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_V = "{urn:schemas-microsoft-com:vml}"
EMU_PER_PT = 12700
_LINE_SHAPES = frozenset({"line", "straightConnector1"})
_UNITS_PT = {"pt": 1.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "px": 0.75, "": 0.75}  # VML's default: px
_LENGTH = re.compile(r"^\s*(-?[\d.]+)\s*([a-z]*)\s*$")


def _length_pt(text: str) -> float | None:
    match = _LENGTH.match(text)
    if match is None or match.group(2) not in _UNITS_PT:
        return None
    try:
        return float(match.group(1)) * _UNITS_PT[match.group(2)]
    except ValueError:
        return None


def _vml_line_width(line) -> float | None:
    try:
        (x1, _), (x2, _) = (value.split(",") for value in (line.get("from", "0,0"), line.get("to", "0,0")))
    except ValueError:
        return None
    start, end = _length_pt(x1), _length_pt(x2)
    return abs(end - start) if start is not None and end is not None else None


def shape_line_width(paragraph) -> float | None:
    """The width in pt of a horizontal line shape anchored in this w:p element; None: no such shape."""
    for drawing in paragraph.iter(f"{_WP}inline", f"{_WP}anchor"):
        extent = drawing.find(f"{_WP}extent")
        geometry = drawing.find(f".//{_A}prstGeom")
        if extent is None or geometry is None or geometry.get("prst") not in _LINE_SHAPES:
            continue
        try:
            width, height = int(extent.get("cx", "0")), int(extent.get("cy", "0"))
        except ValueError:
            continue
        if width > 0 and height * 10 <= width:  # horizontal (a line has no height, or hardly any)
            return width / EMU_PER_PT
    for line in paragraph.iter(f"{_V}line"):
        length = _vml_line_width(line)
        if length:
            return length
    return None


def twips(element, *attributes: str) -> int | None:
    """The first of `attributes` ("w:left", "w:start") that `element` states, as a whole number of twips
    (or of eighths of a point, as the attribute is); None: none stated, or not a number."""
    for attribute in attributes:
        value = element.get(qn(attribute)) if element is not None else None
        if value is not None:
            try:
                return int(value)
            except ValueError:
                return None
    return None


def cell_width_pt(paragraph) -> float | None:
    """The width of the table cell this w:p stands in, as the file states it; None: not in a cell, or a
    width given in another unit than twips."""
    cell = paragraph.getparent()
    if cell is None or cell.tag != qn("w:tc"):
        return None
    width = cell.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
    if width is None or width.get(qn("w:type")) not in (None, "dxa"):
        return None
    return (twips(width, "w:w") or 0) / 20 or None


def bottom_border_width(paragraph, column_pt: float | None) -> float | None:
    """The width in pt of this w:p's bottom border: the paragraph's box, its column less its indents.
    None: no bottom border, or a column whose width the file does not say."""
    ppr = paragraph.find(qn("w:pPr"))
    border = ppr.find(f"{qn('w:pBdr')}/{qn('w:bottom')}") if ppr is not None else None
    if border is None or border.get(qn("w:val")) in (None, "nil", "none"):
        return None
    cell = paragraph.getparent()
    if cell is not None and cell.tag == qn("w:tc"):
        column_pt = cell_width_pt(paragraph)
    if column_pt is None:
        return None
    indent = ppr.find(qn("w:ind"))
    sides = sum(twips(indent, f"w:{side}") or 0 for side in ("left", "right", "start", "end")) / 20
    return max(column_pt - sides, 0.0)
