"""`thidua check` by document kind: a decision (Phụ lục III, Mẫu 1.2) has an authority line under its
summary and "QUYẾT ĐỊNH:" above its articles; these are judged as what they are, never as body text."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from generator.checking.conformance import Status, check_docx, verdict

PLAN = "000-lam-thao-ke-hoach-thi-dua"


def _set_text(paragraph_element, text: str, bold: bool | None = None) -> None:
    runs = paragraph_element.findall(qn("w:r"))
    for run in runs[1:]:
        paragraph_element.remove(run)
    run = runs[0]
    run.find(qn("w:t")).text = text
    if bold is not None:
        rpr = run.find(qn("w:rPr"))
        if rpr is None:
            rpr = run.makeelement(qn("w:rPr"), {})
            run.insert(0, rpr)
        for old in rpr.findall(qn("w:b")):
            rpr.remove(old)
        b = rpr.makeelement(qn("w:b"), {qn("w:val"): "1" if bold else "0"})
        rpr.insert(0, b)


def _decision(source: Path, target: Path, authority: bool = True, authority_bold: bool = True,
              operative: str | None = "QUYẾT ĐỊNH:") -> Path:
    """The plan's document turned into a decision of the commune's chairman, formatting copied from its own
    type line (centred, bold) and body paragraphs (justified, indented)."""
    document = Document(str(source))
    for paragraph in document.tables[0].cell(1, 0).paragraphs:
        for run in paragraph.runs:
            run.text = run.text.replace("/KH-", "/QĐ-")
    body = document.element.body
    kind = next(p for p in document.paragraphs if p.text == "KẾ HOẠCH")
    elements = list(body)
    start = elements.index(kind._p) + 3  # type line, summary, its rule
    signature = [e for e in elements if e.tag == qn("w:tbl")][-1]
    text_paragraphs = [e for e in elements[start:elements.index(signature)]
                       if e.tag == qn("w:p") and len("".join(t.text or "" for t in e.iter(qn("w:t")))) > 60]
    heading_model, body_model = copy.deepcopy(kind._p), copy.deepcopy(text_paragraphs[3])
    _set_text(kind._p, "QUYẾT ĐỊNH")
    for element in elements[start:elements.index(signature)]:
        body.remove(element)
    lines = []
    if authority:
        line = copy.deepcopy(heading_model)
        _set_text(line, "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN LÂM THAO", bold=authority_bold)
        lines.append(line)
    for text in ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;",
                 "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
                 "Theo đề nghị của Trưởng phòng Nội vụ huyện."):
        base = copy.deepcopy(body_model)
        _set_text(base, text)
        lines.append(base)
    if operative:
        line = copy.deepcopy(heading_model)
        _set_text(line, operative)
        lines.append(line)
    for number, text in ((1, "Ban hành kèm theo Quyết định này Kế hoạch phát động phong trào thi đua năm 2024 "
                             "của huyện Lâm Thao."),
                         (2, "Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng và các cơ quan, đơn vị "
                             "có liên quan chịu trách nhiệm thi hành Quyết định này.")):
        article = copy.deepcopy(body_model)
        _set_text(article, f"Điều {number}. ", bold=True)
        tail = copy.deepcopy(article.findall(qn("w:r"))[0])
        tail.find(qn("w:t")).text = text
        tail.find(qn("w:rPr")).remove(tail.find(qn("w:rPr")).find(qn("w:b")))
        article.append(tail)
        lines.append(article)
    for line in lines:
        signature.addprevious(line)
    document.save(str(target))
    return target


@pytest.fixture
def plain(built) -> Path:
    return built[PLAN]


def _by_id(path: Path) -> dict:
    return {r.id: r for r in check_docx(path)}


def test_a_correct_decision_passes_and_its_lines_are_not_body_text(plain, tmp_path):
    path = _decision(plain, tmp_path / "quyet-dinh.docx")
    results = check_docx(path)
    by_id = {r.id: r for r in results}
    assert by_id["quyet-dinh.tham-quyen"].status is Status.passed
    assert by_id["quyet-dinh.dong-quyet-dinh"].status is Status.passed
    assert by_id["quyet-dinh.dong-quyet-dinh"].rule.startswith("dòng 'QUYẾT ĐỊNH:'")
    assert by_id["noi-dung.can-deu"].status is Status.passed  # the centred lines are not judged as body text
    assert by_id["noi-dung.lui-dau-dong"].status is Status.passed
    assert by_id["de-muc.la-ma"].status is Status.not_applicable  # articles, not Roman headings
    assert verdict(results)[0] == 0, [str(r) for r in results if r.status in (Status.failed, Status.unknown)]


@pytest.mark.parametrize("defect, rule, words", [
    ({"authority": False}, "quyet-dinh.tham-quyen", "không thấy dòng thẩm quyền ban hành"),
    ({"authority_bold": False}, "quyet-dinh.tham-quyen", "đậm=False"),
    ({"operative": None}, "quyet-dinh.dong-quyet-dinh", "không thấy dòng 'QUYẾT ĐỊNH:'"),
], ids=["no-authority-line", "authority-not-bold", "no-operative-line"])
def test_a_decision_missing_its_lines_is_a_fault(plain, tmp_path, defect, rule, words):
    result = _by_id(_decision(plain, tmp_path / "loi.docx", **defect))[rule]
    assert result.status is Status.failed and words in result.detail, str(result)


def test_a_plan_has_no_decision_rules(plain):
    assert not {"quyet-dinh.tham-quyen", "quyet-dinh.dong-quyet-dinh"} & set(_by_id(plain))


# -- headings and points numbered with Word's own list numbering

def _numbered(source: Path, target: Path, left: int, hanging: int, fmt: str = "upperRoman") -> Path:
    """The plan's Roman headings numbered by Word (a list level of `fmt` with these indents, in twips)
    instead of typed: "I. MỤC ĐÍCH" becomes "MỤC ĐÍCH" with the number drawn by Word."""
    from docx.oxml import parse_xml

    document = Document(str(source))
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {w} w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1."/><w:pPr><w:ind w:left="{left}" w:hanging="{hanging}"/>'
        '</w:pPr></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {w} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    import re

    for paragraph in document.paragraphs:
        match = re.match(r"^([IVX]+)\.\s+", paragraph.text)
        if not match:
            continue
        left_to_cut = len(match.group(0))
        for run in paragraph.runs:  # the typed number may be a run of its own
            cut = min(left_to_cut, len(run.text))
            run.text, left_to_cut = run.text[cut:], left_to_cut - cut
        ppr = paragraph._p.get_or_add_pPr()
        for old in ppr.findall(qn("w:ind")):
            ppr.remove(old)  # the level's indents apply
        ppr.append(parse_xml(f'<w:numPr {w}><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr>'))
    document.save(str(target))
    return target


def test_headings_numbered_by_word_are_judged_where_their_number_stands(plain, tmp_path):
    right = _by_id(_numbered(plain, tmp_path / "dung.docx", left=1080, hanging=360))  # the number at 1.27 cm
    assert right["noi-dung.lui-dau-dong"].status is Status.passed, str(right["noi-dung.lui-dau-dong"])
    assert right["de-muc.la-ma"].status is Status.passed  # still Roman headings, upper case and bold
    wrong = _by_id(_numbered(plain, tmp_path / "sai.docx", left=360, hanging=360))  # the number at the margin
    assert wrong["noi-dung.lui-dau-dong"].status is Status.failed, str(wrong["noi-dung.lui-dau-dong"])


# -- a công văn (Mẫu 1.5): no type line, "V/v …" under the number, "Kính gửi:" before the body

def _letter(source: Path, target: Path, summary: str | None = "V/v phát động phong trào thi đua năm 2024",
            summary_bold: bool = False, addressee: str | None = "Kính gửi: Các cơ quan, đơn vị trên địa bàn huyện.",
            symbol: str = "UBND-VP") -> Path:
    """The plan's document turned into a công văn of the same committee, formatting copied from its own
    number line (the V/v line) and body paragraphs (Kính gửi)."""
    document = Document(str(source))
    cell = document.tables[0].cell(1, 0)
    number = next(p for p in cell.paragraphs if p.text.startswith("Số"))
    for run in number.runs:
        run.text = run.text.replace("KH-UBND", symbol)
    if summary is not None:
        line = copy.deepcopy(number._p)
        _set_text(line, summary, bold=summary_bold)
        number._p.addnext(line)
    body = document.element.body
    kind = next(p for p in document.paragraphs if p.text == "KẾ HOẠCH")
    elements = list(body)
    start = elements.index(kind._p)
    texts = {e: "".join(t.text or "" for t in e.iter(qn("w:t"))) for e in elements[start + 3:] if e.tag == qn("w:p")}
    paragraphs = [e for e, text in texts.items() if len(text) > 60 and not text.startswith(("Căn cứ", "Thực hiện"))]
    first = elements[start + 3]
    for element in elements[start:start + 3]:  # type line, summary, its rule
        body.remove(element)
    if addressee is not None:
        line = copy.deepcopy(paragraphs[0])
        _set_text(line, addressee)
        for italic in list(line.iter(qn("w:i"))):  # upright, whatever paragraph it was copied from
            italic.getparent().remove(italic)
        first.addprevious(line)
    document.save(str(target))
    return target


def test_a_correct_letter_passes_by_its_own_form(plain, tmp_path):
    results = check_docx(_letter(plain, tmp_path / "cong-van.docx"))
    by_id = {r.id: r for r in results}
    assert by_id["ten-loai.duoc-ho-tro"].status is Status.passed
    assert by_id["cong-van.trich-yeu"].status is Status.passed
    assert by_id["cong-van.kinh-gui"].status is Status.passed
    assert by_id["ten-loai.kieu-chu"].status is Status.not_applicable  # no type line in a công văn
    assert by_id["noi-dung.can-deu"].status is Status.passed  # its body is read after the addressees
    assert verdict(results)[0] == 0, [str(r) for r in results if r.status in (Status.failed, Status.unknown)]


@pytest.mark.parametrize("defect, rule, words", [
    ({"summary": None}, "cong-van.trich-yeu", "không thấy dòng 'V/v"),
    ({"summary_bold": True}, "cong-van.trich-yeu", "đậm=True"),
    ({"addressee": None, "summary": "V/v phát động phong trào thi đua"}, "cong-van.kinh-gui", "không thấy dòng 'Kính gửi:'"),
    ({"addressee": "Kính gửi các cơ quan, đơn vị."}, "cong-van.kinh-gui", "dấu hai chấm"),
    ({"symbol": "CV-UBND"}, "so-ky-hieu.khop-ten-loai", "công văn không có chữ viết tắt tên loại"),
], ids=["no-summary", "bold-summary", "no-addressee", "addressee-without-colon", "invented-cv"])
def test_a_letter_missing_its_parts_is_a_fault(plain, tmp_path, defect, rule, words):
    result = _by_id(_letter(plain, tmp_path / "loi.docx", **defect))[rule]
    assert result.status is Status.failed and words in result.detail, str(result)


def test_a_plan_has_no_letter_rules(plain):
    assert not {"cong-van.trich-yeu", "cong-van.kinh-gui"} & set(_by_id(plain))


def test_a_report_to_a_superior_may_be_addressed_and_still_passes(built, tmp_path):
    """ND 30 (Phụ lục I, Mục II, khoản 9, điểm b): a báo cáo or tờ trình sent up carries "Kính gửi:" as a
    công văn does; it is neither "cannot tell" nor judged as body text."""
    document = Document(str(built["an-thoi-dong-bao-cao-tong-ket"]))
    kind = next(p for p in document.paragraphs if p.text == "BÁO CÁO")
    elements = list(document.element.body)
    first_body = elements[elements.index(kind._p) + 3]  # after the type line, the summary and its rule
    texts = {e: "".join(t.text or "" for t in e.iter(qn("w:t"))) for e in elements if e.tag == qn("w:p")}
    model = next(e for e, text in texts.items() if len(text) > 60 and not text.startswith(("Căn cứ", "Thực hiện")))
    for text in ("Kính gửi:", "- Ủy ban nhân dân Thành phố Hồ Chí Minh;", "- Sở Nội vụ Thành phố Hồ Chí Minh."):
        line = copy.deepcopy(model)
        _set_text(line, text)
        first_body.addprevious(line)
    target = tmp_path / "bao-cao-kinh-gui.docx"
    document.save(str(target))
    results = check_docx(target)
    by_id = {r.id: r for r in results}
    assert by_id["ten-loai.duoc-ho-tro"].status is Status.passed
    assert "cong-van.kinh-gui" not in by_id
    assert verdict(results)[0] == 0, [str(r) for r in results if r.status in (Status.failed, Status.unknown)]
