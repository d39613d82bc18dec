"""`thidua check` finds the header wherever a clerk's Word file puts it, and measures the rules under the
issuer however they are drawn (characters, a line shape, a bottom border)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from generator.checking.conformance import Status, check_docx
from generator.core.metrics import text_width_pt

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (f'xmlns:w="{W}" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:v="urn:schemas-microsoft-com:vml"')
PLAN = "000-lam-thao-ke-hoach-thi-dua"


def _statuses(path: Path) -> dict[str, tuple[Status, str]]:
    return {r.id: (r.status, r.detail) for r in check_docx(path)}


def _save(document, tmp_path: Path, name: str) -> Path:
    target = tmp_path / f"{name}.docx"
    document.save(str(target))
    return target


@pytest.fixture
def plain(built) -> Path:
    return built[PLAN]


def test_the_plain_document_passes(plain):
    statuses = _statuses(plain)
    assert statuses["quoc-hieu.kieu-chu"][0] is Status.passed
    assert statuses["co-quan.duong-ke"][0] is Status.passed
    assert not [k for k, (s, _) in statuses.items() if s in (Status.failed, Status.unknown)]


# -- the header where it stands

def _empty_paragraphs_above(document) -> None:
    first = document.element.body[0]
    for _ in range(3):
        first.addprevious(parse_xml(f'<w:p {NS}/>'))


def _header_in_a_content_control(document) -> None:
    table = document.tables[0]._tbl
    control = parse_xml(f'<w:sdt {NS}><w:sdtPr><w:alias w:val="Phần đầu"/></w:sdtPr><w:sdtContent/></w:sdt>')
    table.addprevious(control)
    control.find(qn("w:sdtContent")).append(table)


def _three_columns(document) -> None:
    table = document.tables[0]._tbl
    grid = table.find(qn("w:tblGrid"))
    grid.insert(1, parse_xml(f'<w:gridCol {NS} w:w="300"/>'))
    for row in table.findall(qn("w:tr")):
        first = row.findall(qn("w:tc"))[0]
        first.addnext(parse_xml(f'<w:tc {NS}><w:tcPr><w:tcW w:type="dxa" w:w="300"/></w:tcPr><w:p/></w:tc>'))


def _header_in_the_first_page_header(document) -> None:
    section = document.sections[0]
    section.different_first_page_header_footer = True
    header = section.first_page_header._element
    header.insert(0, document.tables[0]._tbl)  # moved out of the body


@pytest.mark.parametrize("move", [_empty_paragraphs_above, _header_in_a_content_control, _three_columns,
                                  _header_in_the_first_page_header],
                         ids=["empty-paragraphs-above", "content-control", "three-columns", "first-page-header"])
def test_the_header_is_found_where_it_stands(plain, tmp_path, move):
    document = Document(str(plain))
    move(document)
    statuses = _statuses(_save(document, tmp_path, move.__name__))
    for rule in ("quoc-hieu.kieu-chu", "tieu-ngu.kieu-chu", "co-quan.kieu-chu", "so-ky-hieu.dang",
                 "ngay-thang.kieu-chu"):
        assert statuses[rule][0] is Status.passed, (rule, statuses[rule])
    assert "phan-dau.quoc-hieu" not in statuses  # "không có bảng phần đầu" is not said


def test_a_paragraph_in_a_content_control_is_judged(plain, tmp_path):
    document = Document(str(plain))
    body = [p for p in document.paragraphs if len(p.text) > 80][4]  # well inside the body
    control = parse_xml(f'<w:sdt {NS}><w:sdtPr/><w:sdtContent/></w:sdt>')
    body._p.addprevious(control)
    control.find(qn("w:sdtContent")).append(parse_xml(
        f'<w:p {NS}><w:pPr><w:jc w:val="both"/><w:ind w:firstLine="720"/></w:pPr><w:r><w:rPr>'
        '<w:rFonts w:ascii="Arial" w:hAnsi="Arial"/><w:sz w:val="24"/></w:rPr><w:t>Đoạn văn bản trong ô nhập '
        'liệu, viết bằng phông Arial cỡ 12, Word vẫn in ra như mọi đoạn khác của văn bản.</w:t></w:r></w:p>'))
    statuses = _statuses(_save(document, tmp_path, "sdt"))
    assert statuses["trang.phong-chu"][0] is Status.failed, statuses["trang.phong-chu"]
    assert "Arial" in statuses["trang.phong-chu"][1]
    assert statuses["noi-dung.co-chu"][0] is Status.failed


# -- the rule under the issuer, however it is drawn

def _issuer_width(document) -> float:
    lines = [p.text for p in document.tables[0].cell(0, 0).paragraphs if p.text.strip() and "_" not in p.text]
    return max(text_width_pt(text, 13, bold=True) for text in lines[-1:])


def _replace_rule(document, inner: str | None, border: bool = False) -> None:
    cell = document.tables[0].cell(0, 0)
    rule = next(p for p in cell.paragraphs if set(p.text.strip()) == {"_"})
    for run in list(rule._p.findall(qn("w:r"))):
        rule._p.remove(run)
    if inner is not None:
        rule._p.append(parse_xml(f"<w:r {NS}>{inner}</w:r>"))
    if border:
        issuer = [p for p in cell.paragraphs if p.text.strip() and "_" not in p.text][-1]
        issuer._p.get_or_add_pPr().append(parse_xml(
            f'<w:pBdr {NS}><w:bottom w:val="single" w:sz="6" w:space="1" w:color="auto"/></w:pBdr>'))


def _drawingml(width_pt: float) -> str:
    cx = int(width_pt * 12700)
    return (f'<w:drawing><wp:inline><wp:extent cx="{cx}" cy="0"/><wp:docPr id="90" name="Đường kẻ"/>'
            '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            f'<wps:wsp><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="0"/></a:xfrm>'
            '<a:prstGeom prst="line"><a:avLst/></a:prstGeom></wps:spPr><wps:bodyPr/></wps:wsp>'
            '</a:graphicData></a:graphic></wp:inline></w:drawing>')


def _vml(width_pt: float) -> str:
    return f'<w:pict><v:line from="40pt,6pt" to="{40 + width_pt:.1f}pt,6pt" strokeweight=".5pt"/></w:pict>'


@pytest.mark.parametrize("how, share, expected", [
    ("drawingml", 0.4, Status.passed), ("drawingml", 1.0, Status.failed),
    ("vml", 0.45, Status.passed), ("vml", 0.15, Status.failed),
], ids=["shape-right", "shape-too-long", "vml-right", "vml-too-short"])
def test_a_rule_drawn_as_a_line_shape_is_measured(plain, tmp_path, how, share, expected):
    document = Document(str(plain))
    width = share * _issuer_width(document)
    _replace_rule(document, (_drawingml if how == "drawingml" else _vml)(width))
    status, detail = _statuses(_save(document, tmp_path, how))["co-quan.duong-ke"]
    assert status is expected, detail
    assert f"{share:.0%}" in detail or status is Status.passed


def test_a_rule_drawn_as_a_bottom_border_spans_its_cell(plain, tmp_path):
    document = Document(str(plain))
    _replace_rule(document, None, border=True)
    status, detail = _statuses(_save(document, tmp_path, "border"))["co-quan.duong-ke"]
    assert status is Status.failed and "đường kẻ dài" in detail, detail  # a border runs the whole cell's width


def test_no_rule_at_all_is_a_fault_not_a_question(plain, tmp_path):
    document = Document(str(plain))
    _replace_rule(document, None)
    status, detail = _statuses(_save(document, tmp_path, "none"))["co-quan.duong-ke"]
    assert (status, detail) == (Status.failed, "không có đường kẻ dưới dòng chữ")


def test_the_header_part_tables_are_not_mistaken_for_a_signature(plain, tmp_path):
    document = Document(str(plain))
    _header_in_the_first_page_header(document)
    statuses = _statuses(_save(document, tmp_path, "moved"))
    assert statuses["chu-ky.kieu-chu"][0] is Status.passed
    assert statuses["noi-nhan.dong-luu"][0] is Status.passed



def test_a_pioneers_banner_in_its_short_form_is_found_and_judged(tmp_path):
    """"ĐỘI TNTP HỒ CHÍ MINH", as Liên đội papers type it, is the Đội's banner: judged, never "not seen"."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from clerk_files import ECONOMY_POINTS, PIONEERS_HEADER, PIONEERS_SIGNATURE, clerk_plan

    document = clerk_plan(tmp_path / "lien-doi.docx", ECONOMY_POINTS, header_lines=PIONEERS_HEADER,
                          signature=PIONEERS_SIGNATURE)
    banner = {r.id: r for r in check_docx(document)}["tieu-de-to-chuc.kieu-chu"]
    assert "không thấy tiêu đề" not in banner.detail and "'ĐỘI TNTP HỒ CHÍ MINH'" in banner.detail, banner.detail
