"""A draft is marked as offices mark one: "DỰ THẢO" in a box at the top left of page 1, and
in the document's title, so that a draft is never taken for the signed text."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from generator.core import nd30

DRAFT_WORD = "DỰ THẢO"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_DOCUMENT = "word/document.xml"
_BOX_WIDTH_TWIPS = 1700  # about 3 cm: the word and its box, left of the text column


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


def _mark_paragraph(text_width_twips: int) -> etree._Element:
    p = etree.Element(_w("p"))
    ppr = etree.SubElement(p, _w("pPr"))
    borders = etree.SubElement(ppr, _w("pBdr"))
    for side in ("top", "left", "bottom", "right"):
        etree.SubElement(borders, _w(side), {_w("val"): "single", _w("sz"): "8", _w("space"): "1",
                                             _w("color"): "auto"})
    etree.SubElement(ppr, _w("spacing"), {_w("before"): "0", _w("after"): "120"})
    etree.SubElement(ppr, _w("ind"), {_w("left"): "0", _w("right"): str(max(0, text_width_twips - _BOX_WIDTH_TWIPS)),
                                      _w("firstLine"): "0"})
    etree.SubElement(ppr, _w("jc"), {_w("val"): "center"})
    run = etree.SubElement(p, _w("r"))
    rpr = etree.SubElement(run, _w("rPr"))
    etree.SubElement(rpr, _w("rFonts"), {_w("ascii"): nd30.FONT, _w("hAnsi"): nd30.FONT, _w("cs"): nd30.FONT,
                                         _w("eastAsia"): nd30.FONT})
    etree.SubElement(rpr, _w("b"))
    etree.SubElement(rpr, _w("sz"), {_w("val"): "28"})
    etree.SubElement(run, _w("t")).text = DRAFT_WORD
    return p


def _text_width(body: etree._Element) -> int:
    """The text column's width in twips, from the first section's page setup (A4, ND30 margins by default)."""
    sect = body.find(f".//{_w('sectPr')}")
    twips = 1440 / 25.4
    width, left, right = (round(mm * twips) for mm in (nd30.PAGE_MM[0], nd30.USED_MARGINS_MM["left"],
                                                         nd30.USED_MARGINS_MM["right"]))
    if sect is not None:
        size, margins = sect.find(_w("pgSz")), sect.find(_w("pgMar"))
        try:
            width = int(size.get(_w("w"))) if size is not None else width
            if margins is not None:
                left, right = int(margins.get(_w("left"))), int(margins.get(_w("right")))
        except (TypeError, ValueError):
            pass
    return width - left - right


def mark_draft(data: bytes) -> bytes:
    """`data` (a .docx) with the draft mark on page 1."""
    source = zipfile.ZipFile(io.BytesIO(data))
    root = etree.fromstring(source.read(_DOCUMENT))
    body = root.find(_w("body"))
    if body is None:
        return data
    body.insert(0, _mark_paragraph(_text_width(body)))
    xml = etree.tostring(root, encoding="UTF-8", standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for info in source.infolist():
            archive.writestr(info, xml if info.filename == _DOCUMENT else source.read(info.filename))
    return out.getvalue()
