"""Formatting signatures: paragraphs and runs formatted alike share one, any difference parts them."""

from __future__ import annotations

from lxml import etree

from generator.word.signatures import Signatures

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _body(xml: str):
    return etree.fromstring(f'<w:document xmlns:w="{W}"><w:body>{xml}</w:body></w:document>')


def test_alike_share_a_signature_and_any_difference_parts_them():
    root = _body('<w:p><w:pPr><w:ind w:firstLine="567"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>a</w:t></w:r></w:p>'
                 '<w:p><w:pPr><w:ind w:firstLine="567"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>b</w:t></w:r></w:p>'
                 '<w:p><w:pPr><w:ind w:left="567"/></w:pPr><w:r><w:rPr><w:i/></w:rPr><w:t>c</w:t></w:r></w:p>'
                 '<w:p><w:r><w:rPr><w:rFonts w:ascii="Arial"/></w:rPr><w:t>d</w:t></w:r></w:p>')
    signatures = Signatures(root)
    paragraphs, runs = root.findall(f".//{{{W}}}p"), root.findall(f".//{{{W}}}r")
    assert signatures.of(paragraphs[0]) == signatures.of(paragraphs[1]) != signatures.of(paragraphs[2])
    assert signatures.of(runs[0]) == signatures.of(runs[1])
    assert len({signatures.of(r) for r in runs[1:]}) == 3  # bold, italic, Arial: each its own
    assert signatures.of(paragraphs[3]) != signatures.of(paragraphs[0])  # no properties is a signature too


def test_a_line_break_inside_a_value_falls_back_to_each_element_own_properties():
    """An attribute holding "&#10;" would shift every signature after it in the one-pass text."""
    root = _body('<w:p><w:pPr><w:pStyle w:val="a&#10;b"/></w:pPr></w:p>'
                 '<w:p><w:pPr><w:jc w:val="center"/></w:pPr></w:p><w:p><w:pPr><w:jc w:val="both"/></w:pPr></w:p>')
    signatures = Signatures(root)
    first, centred, justified = root.findall(f".//{{{W}}}p")
    assert signatures.of(centred) != signatures.of(justified)
    assert b"center" in signatures.of(centred) and b"a&#10;b" in signatures.of(first)  # type: ignore[operator]
