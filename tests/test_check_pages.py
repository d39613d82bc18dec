"""`thidua check` and page numbers: judged by the page count, in every header of every section."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from generator.cli.app import app

NOTICE = """kind: THÔNG BÁO
year: 2026
issuer: {level: xã, name: Tân Lập}
summary: Lịch tiếp công dân tháng 01 năm 2026
sections:
- title: Lịch tiếp
  paragraphs: [Chủ tịch Ủy ban nhân dân xã tiếp công dân vào ngày thứ Năm hằng tuần.]
recipients: {items: [Các ấp]}
signer: {authority: TM, title: Chủ tịch, name: ''}
"""


def _lines_of(runner, path: Path) -> tuple[int, list[str]]:
    result = runner.invoke(app, ["check", str(path)])
    return result.exit_code, [line.strip() for line in result.output.splitlines() if "số trang" in line]


@pytest.fixture
def one_page(runner, tmp_path) -> Path:
    (tmp_path / "tb.yaml").write_text(NOTICE, encoding="utf-8")
    assert runner.invoke(app, ["build", str(tmp_path / "tb.yaml"), "-o", str(tmp_path)]).exit_code == 0
    return tmp_path / "tb.docx"


def test_a_one_page_document_without_page_numbers_is_right(runner, one_page):
    document = Document(str(one_page))
    section = document.sections[0]
    section.different_first_page_header_footer = False
    for paragraph in section.header.paragraphs:  # no page number at all, as ND30 asks of one page
        for child in list(paragraph._p):
            if child.tag != qn("w:pPr"):
                paragraph._p.remove(child)
    document.save(str(one_page))
    code, lines = _lines_of(runner, one_page)
    assert code == 0, lines
    assert lines == ["[KHÔNG ÁP DỤNG] Phụ lục I, Mục I, khoản 7 – số trang ở giữa lề trên: văn bản một trang: không đánh số trang",
                     "[KHÔNG ÁP DỤNG] Phụ lục I, Mục I, khoản 7 – không đánh số trang thứ nhất: văn bản một trang: không đánh số trang"]


def _long(built) -> Path:
    return built["000-lam-thao-ke-hoach-thi-dua"]


def test_a_second_section_without_page_numbers_is_wrong(runner, built, tmp_path):
    document = Document(str(_long(built)))
    body = document.element.body
    # a section break in the middle, the new section with its own empty header
    middle = document.paragraphs[len(document.paragraphs) // 2]._p
    ppr = middle.get_or_add_pPr()
    ppr.append(copy.deepcopy(body.find(qn("w:sectPr"))))
    document.save(str(tmp_path / "hai-phan.docx"))
    document = Document(str(tmp_path / "hai-phan.docx"))
    second = document.sections[1]
    for reference in second._sectPr.findall(qn("w:headerReference")):  # its own header, not section 1's
        second._sectPr.remove(reference)
    second.header.is_linked_to_previous = False  # a new, empty header
    document.save(str(tmp_path / "hai-phan.docx"))
    code, lines = _lines_of(runner, tmp_path / "hai-phan.docx")
    assert code == 1
    assert "[SAI] Phụ lục I, Mục I, khoản 7 – số trang ở giữa lề trên: phần (section) 2, không có trường số trang (PAGE) ở đầu trang" \
        in lines


def test_a_page_number_in_16_pt_is_wrong(runner, built, tmp_path):
    document = Document(str(_long(built)))
    for paragraph in document.sections[0].header.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(16)
        paragraph.style.font.size = Pt(16)
    document.save(str(tmp_path / "co-16.docx"))
    code, lines = _lines_of(runner, tmp_path / "co-16.docx")
    assert code == 1 and any("[SAI]" in line and "cỡ 16" in line for line in lines), lines


def test_a_long_document_numbered_from_page_1_is_wrong_and_one_unnumbered_is_told(runner, built, tmp_path):
    document = Document(str(_long(built)))
    document.sections[0].different_first_page_header_footer = False
    document.save(str(tmp_path / "trang-1.docx"))
    code, lines = _lines_of(runner, tmp_path / "trang-1.docx")
    assert code == 1 and any(line.startswith("[SAI] Phụ lục I, Mục I, khoản 7 – không đánh số trang thứ nhất") for line in lines)


@pytest.mark.parametrize("fonts, verdict", [
    ('<w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi"/>', "có phông Cambria"),  # the theme's font
    # a theme beside a Times New Roman name: Word shows the theme's
    ('<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:asciiTheme="minorHAnsi" '
     'w:hAnsiTheme="minorHAnsi"/>', "có phông Cambria"),
    # the Vietnamese letters' slot in Arial, the ASCII one in Times New Roman
    ('<w:rFonts w:ascii="Times New Roman" w:hAnsi="Arial"/>', "có phông Arial"),
])
def test_a_body_font_that_comes_from_the_theme_or_the_other_latin_slot_is_read(runner, built, tmp_path, fonts,
                                                                              verdict):
    from lxml import etree

    document = Document(str(_long(built)))
    W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    paragraph = next(p for p in document.paragraphs if len(p.text) > 80)
    run = paragraph.runs[0]._r
    rpr = run.get_or_add_rPr()
    for old in rpr.findall(qn("w:rFonts")):
        rpr.remove(old)
    rpr.insert(0, etree.fromstring(fonts.replace("<w:rFonts", f'<w:rFonts xmlns:w="{W}"')))
    document.save(str(tmp_path / "phong.docx"))
    result = runner.invoke(app, ["check", str(tmp_path / "phong.docx")])
    assert result.exit_code == 1
    assert f"[SAI] Phụ lục I, Mục I, khoản 4 – phông chữ Times New Roman: {verdict}" in result.output, result.output


def test_margins_of_a_document_all_landscape_are_not_passed_unseen(runner, one_page):
    from docx.enum.section import WD_ORIENT

    document = Document(str(one_page))
    for section in document.sections:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    document.save(str(one_page))
    result = runner.invoke(app, ["check", str(one_page)])
    assert "[KHÔNG ĐÁNH GIÁ ĐƯỢC] Phụ lục I, Mục I, khoản 3 – lề trái 30–35 mm: mọi trang đều khổ ngang" in result.output, result.output
    assert "[ĐẠT] Phụ lục I, Mục I, khoản 3 – lề trái" not in result.output


def test_a_body_of_only_article_lines_is_not_passed_on_an_empty_list(runner, one_page):
    document = Document(str(one_page))
    body = next(p for p in document.paragraphs if p.text.startswith("Chủ tịch Ủy ban"))
    body.runs[0].text = "Điều 1. Lịch tiếp công dân"
    heading = next(p for p in document.paragraphs if p.text.startswith("I."))
    heading.runs[0].text = "Điều 2. Tổ chức thực hiện" if heading.runs else heading.text
    document.save(str(one_page))
    result = runner.invoke(app, ["check", str(one_page)])
    assert "[KHÔNG ÁP DỤNG] Phụ lục I, Mục II, khoản 6, điểm e (ô 6) – lùi đầu dòng 1 cm hoặc 1,27 cm" in result.output, result.output


@pytest.mark.parametrize("restyle", ["paragraph", "character"])
def test_a_font_set_by_a_style_is_found_whatever_else_a_run_shares(runner, built, tmp_path, restyle):
    """check resolves a run's fonts once per (w:rFonts, character style, paragraph style): two runs
    formatted alike but in a paragraph, or under a character style, that sets Arial differ."""
    from docx.enum.style import WD_STYLE_TYPE

    document = Document(str(_long(built)))
    kind = WD_STYLE_TYPE.PARAGRAPH if restyle == "paragraph" else WD_STYLE_TYPE.CHARACTER
    style = document.styles.add_style("Kiểu Arial", kind)
    style.font.name = "Arial"
    if restyle == "paragraph":
        style.base_style = document.styles["Normal"]
    paragraphs = [p for p in document.paragraphs if len(p.text) > 80]
    for paragraph in paragraphs[:2]:  # the same look, run for run
        for run in paragraph.runs:
            run.font.size = Pt(14)
    if restyle == "paragraph":
        paragraphs[1].style = style
    else:
        next(run for run in paragraphs[1].runs if run.text.strip()).style = style  # a run with words
    document.save(str(tmp_path / "kieu.docx"))
    result = runner.invoke(app, ["check", str(tmp_path / "kieu.docx")])
    assert "phông chữ Times New Roman: có phông Arial" in result.output, result.output
