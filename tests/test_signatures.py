"""The one-pass reading's signatures: paragraphs and runs formatted alike share one, any difference
parts them."""

from __future__ import annotations

from lxml import etree

from generator.word.onepass import PartReading

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def test_alike_share_a_signature_and_any_difference_parts_them():
    root = etree.fromstring(
        f'<w:document xmlns:w="{W}"><w:body>'
        '<w:p><w:pPr><w:ind w:firstLine="567"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>a</w:t></w:r></w:p>'
        '<w:p><w:pPr><w:ind w:firstLine="567"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>b</w:t></w:r></w:p>'
        '<w:p><w:pPr><w:ind w:left="567"/></w:pPr><w:r><w:rPr><w:i/></w:rPr><w:t>c</w:t></w:r></w:p>'
        '<w:p><w:r><w:rPr><w:rFonts w:ascii="Arial"/></w:rPr><w:t>d</w:t></w:r>'
        '<w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t>e</w:t></w:r></w:p>'
        '<w:p><w:pPr><w:pStyle w:val="a&#10;b"/></w:pPr></w:p></w:body></w:document>')
    reading = PartReading(root)
    first, second, third, fourth, fifth = (reading.of(p) for p in root.iter(f"{{{W}}}p"))
    assert first.signature == second.signature != third.signature
    assert first.runs[0][0] == second.runs[0][0]  # both bold
    signatures = {third.runs[0][0], fourth.runs[0][0], fourth.runs[1][0], first.runs[0][0]}
    assert len(signatures) == 4  # italic, Arial, bold off, bold: each its own
    assert fourth.signature == "" and fourth.text == "de"
    assert "a\nb" in fifth.signature  # a value with a line break is part of its signature, nothing shifts


def test_the_reading_separators_never_come_from_a_document():
    """The pass parts its pieces with control characters no XML file can hold; its stylesheet writes them
    as U+E001…U+E004. Those characters typed in a document (text, a font name, a style) stay the
    document's: the words and signatures come back whole and nothing shifts to the next run."""
    marks = "\ue001\ue002\ue003\ue004"
    root = etree.fromstring(
        f'<w:document xmlns:w="{W}"><w:body>'
        f'<w:p><w:pPr><w:pStyle w:val="a{marks}"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="{marks}"/></w:rPr>'
        f'<w:t>x{marks}y</w:t></w:r><w:r><w:t>z</w:t></w:r></w:p>'
        f'<w:p><w:pPr><w:pStyle w:val="a"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii=""/></w:rPr><w:t>x</w:t></w:r></w:p>'
        '</w:body></w:document>'.encode())
    reading = PartReading(root)
    first, second = (reading.of(p) for p in root.iter(f"{{{W}}}p"))
    assert first.text == f"x{marks}yz" and [text for _, text in first.runs] == [f"x{marks}y", "z"]
    assert marks in first.signature and marks in first.runs[0][0]
    assert first.signature != second.signature and first.runs[0][0] != second.runs[0][0]
    words = PartReading(root, signatures=False)
    assert [words.of(p).text for p in root.iter(f"{{{W}}}p")] == [f"x{marks}yz", "x"]
