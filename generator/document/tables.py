"""A table in the body of a document (targets, a report's results, rounds, titles) as WordprocessingML.

The table is built here, not in the template, because its columns are the plan's choice
and their widths must follow them; what a clerk restyles in Word stays in the template:
the paragraph styles "Bảng - tiêu đề", "Bảng - ô" and "Bảng - số". The header row repeats on
every page and no row splits across pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal
from xml.sax.saxutils import escape

from markupsafe import Markup

Align = Literal["left", "center"]
# the ids Word gives the template's styles "Bảng - tiêu đề", "Bảng - ô", "Bảng - số" (templates/build_templates.py)
STYLE_IDS = {"header": "Bảng-tiêuđề", "left": "Bảng-ô", "center": "Bảng-số"}
_BORDER = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'


@dataclass(frozen=True)
class Column:
    header: str
    weight: int  # share of the table's width
    align: Align = "center"


@dataclass
class Row:
    cells: list[str]
    group: bool = False  # a heading row: its first cell is its number, the second spans the rest, bold


@dataclass
class Table:
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)

    def plain_text(self) -> str:
        """The table as one line per row, for a template that has no place for tables."""
        lines = [" | ".join(c.header for c in self.columns)]
        lines += [" | ".join(cell for cell in row.cells if cell) for row in self.rows]
        return "\n".join(lines)


def _paragraph(text: str, style: str, bold: bool = False) -> str:
    """One paragraph per line of the cell's text."""
    run_pr = "<w:rPr><w:b/><w:bCs/></w:rPr>" if bold else ""
    out = []
    for line in text.split("\n") if text else [""]:
        runs = f'<w:r>{run_pr}<w:t xml:space="preserve">{escape(line)}</w:t></w:r>' if line else ""
        out.append(f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{runs}</w:p>')
    return "".join(out)


def _cell(text: str, width: int, style: str, span: int = 1, bold: bool = False) -> str:
    grid_span = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{grid_span}<w:vAlign w:val="center"/></w:tcPr>'
            f"{_paragraph(text, style, bold)}</w:tc>")


def table_xml(table: Table, width_twips: int) -> Markup:
    """The table, `width_twips` wide, as the XML of one w:tbl (safe to print unescaped)."""
    total = sum(c.weight for c in table.columns)
    widths = [width_twips * c.weight // total for c in table.columns]
    widths[-1] += width_twips - sum(widths)
    borders = "".join(_BORDER.format(side) for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    parts = [
        "<w:tbl><w:tblPr>",
        f'<w:tblW w:w="{width_twips}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>{borders}</w:tblBorders>',
        '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="85" w:type="dxa"/>'
        '<w:right w:w="85" w:type="dxa"/></w:tblCellMar>',
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" '
        'w:noVBand="1"/></w:tblPr><w:tblGrid>',
        *(f'<w:gridCol w:w="{w}"/>' for w in widths),
        "</w:tblGrid>",
        "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>",
        *(_cell(c.header, w, STYLE_IDS["header"]) for c, w in zip(table.columns, widths)),
        "</w:tr>",
    ]
    for row in table.rows:
        parts.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
        if row.group:  # its cells stand in the first columns; the last spans the rest
            cells = row.cells[:len(widths)] or [""]
            for index, text in enumerate(cells[:-1]):
                parts.append(_cell(text, widths[index], STYLE_IDS["center"], bold=True))
            last = len(cells) - 1
            parts.append(_cell(cells[-1], sum(widths[last:]), STYLE_IDS["left"], span=len(widths) - last, bold=True))
        else:
            for column, width, text in zip(table.columns, widths, row.cells):
                parts.append(_cell(text, width, STYLE_IDS[column.align]))
            for width in widths[len(row.cells):]:  # a short row: its missing cells stay empty
                parts.append(_cell("", width, STYLE_IDS["left"]))
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return Markup("".join(parts))
