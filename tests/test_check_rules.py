"""`thidua check` on one-defect variants of a correct document: each defect is a SAI of its own rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from generator.cli.app import app


def _variant(built, tmp_path: Path, edit) -> Path:
    document = Document(str(built["000-lam-thao-ke-hoach-thi-dua"]))
    edit(document)
    target = tmp_path / "mot-loi.docx"
    document.save(str(target))
    return target


def _signature_authority_without_full_stop(document) -> None:
    for table in document.tables[-1:]:
        for cell in table._cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.text = run.text.replace("TM.", "TM")


def _issuer_not_bold(document) -> None:
    for paragraph in document.tables[0].cell(0, 0).paragraphs:
        for run in paragraph.runs:
            run.bold = False
        if paragraph.style is not None:
            paragraph.style.font.bold = False


def test_an_authority_line_without_its_full_stop_is_wrong_not_unseen(runner, built, tmp_path):
    result = runner.invoke(app, ["check", str(_variant(built, tmp_path, _signature_authority_without_full_stop))])
    assert result.exit_code == 1
    assert "[SAI] Phụ lục I, Mục II, khoản 7, điểm b (ô 7a) – viết tắt thẩm quyền ký (TM.): 'TM ỦY BAN NHÂN DÂN'" in result.output, result.output


def test_an_issuer_not_in_bold_is_a_fault_of_its_weight(runner, built, tmp_path):
    result = runner.invoke(app, ["check", str(_variant(built, tmp_path, _issuer_not_bold))])
    assert result.exit_code == 1
    assert "[SAI] Phụ lục I, Mục II, khoản 2, điểm b (ô 2) – tên cơ quan ban hành in hoa, đậm, cỡ 12–13: 'HUYỆN LÂM THAO' không in đậm" \
        in result.output, result.output


def _replace_in(cells, old: str, new: str) -> None:
    for cell in cells:
        for paragraph in cell.paragraphs:
            for run in paragraph.runs:
                run.text = run.text.replace(old, new)


def _motto_with_en_dashes(document) -> None:
    _replace_in([document.tables[0].cell(0, 1)], " - ", " – ")


def _academic_title_before_the_name(document) -> None:
    last = [p for p in document.tables[-1]._cells[-1].paragraphs if p.text.strip()][-1]
    last.runs[0].text = "TS. " + last.runs[0].text


def _notice_number_on_a_plan(document) -> None:
    _replace_in([document.tables[0].cell(1, 0)], "/KH-", "/TB-")


@pytest.mark.parametrize("edit, line", [
    (_motto_with_en_dashes, "[SAI] Phụ lục I, Mục II, khoản 1, điểm b (ô 1) – tiêu ngữ viết 'Độc lập - Tự do - Hạnh phúc' (gạch nối, cách chữ): "
                            "viết 'Độc lập – Tự do – Hạnh phúc'"),
    (_academic_title_before_the_name, "[SAI] Phụ lục I, Mục II, khoản 7, điểm c (ô 7b) – họ tên người ký không kèm học hàm, học vị: 'TS. "),
    (_notice_number_on_a_plan, "[SAI] Phụ lục I, Mục II, khoản 3, điểm b (ô 3) – chữ viết tắt tên loại trong số khớp với tên loại văn bản: "
                               "KẾ HOẠCH viết tắt là KH, số ghi 'TB'"),
], ids=["motto-dashes", "academic-title", "kind-symbol"])
def test_each_defect_is_said_by_its_own_rule(runner, built, tmp_path, edit, line):
    result = runner.invoke(app, ["check", str(_variant(built, tmp_path, edit))])
    assert result.exit_code == 1
    assert line in result.output, result.output


def _second_type_line_not_centred(document) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    kind = next(p for p in document.paragraphs if p.text == "KẾ HOẠCH")
    kind.alignment = WD_ALIGN_PARAGRAPH.LEFT  # neither type line centred
    attached = document.paragraphs[-1].insert_paragraph_before("")
    attached.add_run("KẾ HOẠCH").bold = True
    attached.alignment = WD_ALIGN_PARAGRAPH.LEFT


def test_two_type_lines_are_noticed_even_when_neither_is_centred(runner, built, tmp_path):
    result = runner.invoke(app, ["check", str(_variant(built, tmp_path, _second_type_line_not_centred))])
    assert result.exit_code in (1, 3)
    assert "[KHÔNG ĐÁNH GIÁ ĐƯỢC] Phụ lục I, Mục II, khoản 5, điểm b (ô 5a) – loại văn bản được kiểm tra theo đúng quy tắc của loại đó: văn bản có 2 " \
        "dòng tên loại" in result.output, result.output


# -- every rule has a stable id, a citation in the decree's own terms, a severity and a basis

EXPECTED_IDS = {
    "noi-dung.co-noi-dung", "noi-dung.co-chu", "noi-dung.can-deu", "noi-dung.lui-dau-dong", "noi-dung.cach-doan",
    "noi-dung.gian-dong", "noi-dung.ngat-dong", "de-muc.phan-chuong-dieu", "de-muc.la-ma",
    "ghi-chu.theo-doi-thay-doi", "ten-loai.duoc-ho-tro", "ghi-chu.ho-da-neu", "ghi-chu.chu-ky-so",
    "ghi-chu.khoa-chinh-sua", "ghi-chu.macro", "ghi-chu.doi-tuong-nhung", "ghi-chu.noi-dung-chen",
    "so-trang.giua-le-tren", "so-trang.khong-o-trang-dau", "ghi-chu.cho-de-dien",
    "phan-dau.quoc-hieu", "phan-dau.tieu-ngu", "phan-dau.co-quan", "phan-dau.so-ky-hieu", "phan-dau.ngay-thang",
    "quoc-hieu.kieu-chu", "tieu-ngu.kieu-chu", "tieu-ngu.chu-viet", "tieu-ngu.duong-ke", "tieu-de-to-chuc.kieu-chu",
    "co-quan.kieu-chu", "co-quan.duong-ke", "co-quan.dau-phan-cach", "so-ky-hieu.kieu-chu", "so-ky-hieu.dang",
    "so-ky-hieu.so-0", "so-ky-hieu.khop-ten-loai", "so-ky-hieu.viet-tat-ten-loai", "ngay-thang.kieu-chu",
    "ngay-thang.viet-day-du", "ngay-thang.so-0", "ngay-thang.cung-dong-so", "ten-loai.kieu-chu",
    "trich-yeu.kieu-chu", "trich-yeu.duong-ke", "trang.kho-giay", "trang.le-tren", "trang.le-duoi", "trang.le-trai",
    "trang.le-phai", "trang.phong-chu", "noi-nhan.kieu-chu", "noi-nhan.dong-luu", "chu-ky.kieu-chu",
    "chu-ky.khong-hoc-ham", "chu-ky.chuc-vu-in-hoa", "chu-ky.viet-tat-tham-quyen",
    "quyet-dinh.tham-quyen", "quyet-dinh.dong-quyet-dinh", "co-quan.chu-quan-kieu-chu", "cong-van.trich-yeu",
    "cong-van.kinh-gui",
}


def test_every_rule_has_a_stable_id_and_a_citation_in_the_decrees_terms(runner):
    import json

    result = runner.invoke(app, ["check", "--rules", "--format", "json"])
    assert result.exit_code == 0, result.output
    listing = json.loads(result.output)
    ids = [entry["id"] for entry in listing]
    assert len(ids) == len(set(ids))  # one id, one rule
    assert set(ids) == EXPECTED_IDS  # renaming an id breaks the scripts that quote it: change it here on purpose
    for entry in listing:
        assert entry["clause"].startswith(("Phụ lục I, Mục", "Phụ lục III", "thực tiễn")), entry
        assert "{" not in entry["rule"], entry  # every placeholder of a rule's name filled in
        assert entry["severity"] in ("lỗi", "lưu ý") and entry["basis"] in ("quy định", "thực tiễn"), entry
    by_id = {entry["id"]: entry for entry in listing}
    assert by_id["so-trang.khong-o-trang-dau"]["clause"] == "Phụ lục I, Mục I, khoản 7"
    assert by_id["quoc-hieu.kieu-chu"]["clause"] == "Phụ lục I, Mục II, khoản 1, điểm a (ô 1)"
    assert by_id["de-muc.la-ma"]["basis"] == "thực tiễn"  # Roman headings are practice, not the decree's


def test_the_json_report_names_each_rule_by_its_id(runner, built):
    import json

    result = runner.invoke(app, ["check", "--format", "json", str(built["000-lam-thao-ke-hoach-thi-dua"])])
    assert result.exit_code == 0, result.output
    results = json.loads(result.output)[0]["results"]
    assert {r["id"] for r in results} <= EXPECTED_IDS and "quoc-hieu.kieu-chu" in {r["id"] for r in results}
    assert all(r["basis"] in ("quy định", "thực tiễn") for r in results)


def test_a_stated_kind_the_document_does_not_carry_is_a_fault(runner, built):
    result = runner.invoke(app, ["check", "--kind", "tb", str(built["000-lam-thao-ke-hoach-thi-dua"])])
    assert result.exit_code == 1, result.output
    assert "đã nêu loại 'THÔNG BÁO' (--kind), văn bản ghi 'KẾ HOẠCH'" in result.output
    result = runner.invoke(app, ["check", "--kind", "Kế hoạch", str(built["000-lam-thao-ke-hoach-thi-dua"])])
    assert result.exit_code == 0, result.output


def test_a_stated_family_is_checked_by_its_guide_and_the_disagreement_said(runner, built):
    result = runner.invoke(app, ["check", "--family", "dang", str(built["000-lam-thao-ke-hoach-thi-dua"])])
    assert result.exit_code == 1, result.output
    assert "[LƯU Ý] thực tiễn văn thư – họ văn bản đã nêu (--family)" in result.output
    assert "HD 36-HD/VPTW" in result.output  # judged by the Party's guide, as stated


@pytest.mark.parametrize("option, value", [("--family", "hội"), ("--kind", "BIÊN BẢN LẠ")])
def test_an_unknown_family_or_kind_is_refused_with_the_choices(runner, built, option, value):
    result = runner.invoke(app, ["check", option, value, str(built["000-lam-thao-ke-hoach-thi-dua"])])
    assert result.exit_code == 2
    assert f"'{value}' không phải" in result.output and "Traceback" not in result.output


# -- documents that need care: a notice each, never a pass or a failure of their own

def _with_part(source: Path, target: Path, name: str, content_type: str, rels: str, reltype: str,
               data: bytes = b"x") -> Path:
    """A copy of `source` with one more part, related from the relationships part `rels`."""
    import re
    import zipfile

    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            content = zin.read(item.filename)
            if item.filename == "[Content_Types].xml":
                content = content.replace(b"</Types>", f'<Override PartName="/{name}" ContentType="{content_type}"/>'
                                          "</Types>".encode())
            elif item.filename == rels:
                base = "/" if rels == "_rels/.rels" else ""
                content = re.sub(rb"</Relationships>", f'<Relationship Id="rIdCare1" Type="{reltype}" '
                                 f'Target="{base}{name if base else name.split("/", 1)[1]}"/></Relationships>'.encode(),
                                 content)
            zout.writestr(item, content)
        zout.writestr(name, data)
    return target


def _protected(source: Path, target: Path) -> Path:
    from docx.oxml import parse_xml

    document = Document(str(source))
    document.settings.element.append(parse_xml(
        '<w:documentProtection xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'w:edit="readOnly" w:enforcement="1"/>'))
    document.save(str(target))
    return target


def _alt_chunk(source: Path, target: Path) -> Path:
    from docx.oxml import parse_xml

    document = Document(str(source))
    document.paragraphs[-1]._p.addnext(parse_xml(
        '<w:altChunk xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rIdChunk"/>'))
    document.save(str(target))
    return target


_REL = "http://schemas.openxmlformats.org/"
CARE = {
    "signed": (lambda s, t: _with_part(s, t, "_xmlsignatures/origin.sigs",
                                       "application/vnd.openxmlformats-package.digital-signature-origin",
                                       "_rels/.rels", _REL + "package/2006/relationships/digital-signature/origin",
                                       b""), "văn bản đã ký số"),
    "protected": (_protected, "khóa chỉnh sửa"),
    "macros": (lambda s, t: _with_part(s, t, "word/vbaProject.bin", "application/vnd.ms-office.vbaProject",
                                       "word/_rels/document.xml.rels",
                                       "http://schemas.microsoft.com/office/2006/relationships/vbaProject"),
               "macro (VBA)"),
    "ole": (lambda s, t: _with_part(s, t, "word/embeddings/bang.xlsx",
                                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                    "word/_rels/document.xml.rels",
                                    _REL + "officeDocument/2006/relationships/package"), "đối tượng nhúng"),
    "altchunk": (_alt_chunk, "nội dung chèn từ tệp khác"),
}


@pytest.mark.parametrize("case", sorted(CARE))
def test_a_document_that_needs_care_gets_its_notice(runner, built, tmp_path, case):
    make, words = CARE[case]
    source = built["000-lam-thao-ke-hoach-thi-dua"]
    target = make(Path(source), tmp_path / f"{case}.docx")
    result = runner.invoke(app, ["check", str(target)])
    notices = [line for line in result.output.splitlines() if "[LƯU Ý]" in line and words in line]
    assert notices, result.output
    assert result.exit_code == 0, result.output  # a notice, not a failure
    plain = runner.invoke(app, ["check", str(source)])
    assert words not in plain.output  # and the plain document gets none


def test_a_rules_own_bug_is_not_blamed_on_the_file(runner, built):
    from dataclasses import replace

    from generator.checking import conformance, registry  # noqa: F401  (conformance registers the rules)

    def broken(reading):
        raise TypeError("a bug in the rule")

    index = next(i for i, r in enumerate(registry.RULES) if r.id == "quoc-hieu.kieu-chu")
    original = registry.RULES[index]
    registry.RULES[index] = replace(original, check=broken)
    try:
        result = runner.invoke(app, ["check", str(built["000-lam-thao-ke-hoach-thi-dua"])])
    finally:
        registry.RULES[index] = original
    assert result.exit_code == 2
    assert "lỗi nội bộ của thidua ở quy tắc quoc-hieu.kieu-chu (TypeError" in result.output, result.output
    assert "không đọc được tệp" not in result.output and "Traceback" not in result.output


def test_a_bold_parent_line_is_a_fault_and_two_issuers_side_by_side_are_not_a_parent(runner, built, tmp_path):
    from generator.checking.conformance import Status, check_docx

    document = Document(str(built["so-noi-vu"]))
    parent = next(p for p in document.tables[0].cell(0, 0).paragraphs if p.text.strip())
    for run in parent.runs:
        run.bold = True  # "ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH" in bold above "SỞ NỘI VỤ"
    target = tmp_path / "chu-quan-dam.docx"
    document.save(str(target))
    results = {r.id: r for r in check_docx(target)}
    assert results["co-quan.chu-quan-kieu-chu"].status is Status.failed, str(results["co-quan.chu-quan-kieu-chu"])
    assert "đậm=True" in results["co-quan.chu-quan-kieu-chu"].detail
    assert results["co-quan.kieu-chu"].status is Status.passed  # the issuer itself is judged without its parent
    plain = {r.id: r for r in check_docx(built["so-noi-vu"])}
    assert plain["co-quan.chu-quan-kieu-chu"].status is Status.passed
    for stem in ("000-lam-thao-ke-hoach-thi-dua", "lien-tich-ubnd-mttq"):  # no parent: the rule does not speak
        assert "co-quan.chu-quan-kieu-chu" not in {r.id for r in check_docx(built[stem])}


def test_documents_checked_together_are_each_judged_by_their_own_styles(runner, built, tmp_path):
    """Resolutions are shared between files whose styles are the same bytes, never between others: a copy
    whose body style was set to 12 pt fails between two copies of the original that pass."""
    import json

    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    original = built["000-lam-thao-ke-hoach-thi-dua"]
    smaller = Document(str(original))
    for style in smaller.styles:
        if style.type == WD_STYLE_TYPE.PARAGRAPH and style.font.size == Pt(14):
            style.font.size = Pt(12)
    changed = tmp_path / "co-12.docx"
    smaller.save(str(changed))
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    first.write_bytes(original.read_bytes())
    second.write_bytes(original.read_bytes())
    result = runner.invoke(app, ["check", "--format", "json", str(first), str(changed), str(second)])
    verdicts = {Path(r["file"]).name: {x["id"]: x["status"] for x in r["results"]} for r in json.loads(result.output)}
    assert verdicts["a.docx"]["noi-dung.co-chu"] == verdicts["b.docx"]["noi-dung.co-chu"] == "ĐẠT"
    assert verdicts["co-12.docx"]["noi-dung.co-chu"] == "SAI"
