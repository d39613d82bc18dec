"""`thidua check` catches ND30 violations in any .docx and never passes what it cannot see."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from conftest import soffice
from docx import Document
from docx.shared import Mm, Pt

from generator.checking.conformance import Status, check_docx
from generator.cli.app import app


def statuses(path) -> dict[str, Status]:
    return {r.rule: r.status for r in check_docx(path)}


@pytest.fixture
def lam_thao(built, tmp_path):
    copy = tmp_path / "lam-thao.docx"
    shutil.copy(built["000-lam-thao-ke-hoach-thi-dua"], copy)
    return copy


def test_cli_passes_our_document(runner, lam_thao):
    result = runner.invoke(app, ["check", str(lam_thao)])
    assert result.exit_code == 0, result.output
    assert "đạt thể thức" in result.output and "[SAI]" not in result.output


def test_wrong_margin_and_font_size_fail(runner, lam_thao):
    document = Document(str(lam_thao))
    document.sections[0].left_margin = Mm(20)
    document.styles["Nội dung"].font.size = Pt(12)
    document.save(str(lam_thao))
    result = runner.invoke(app, ["check", str(lam_thao)])
    assert result.exit_code == 1
    assert "[SAI] Phụ lục I, Mục I, khoản 3 – lề trái 30–35 mm: lề trái 20.0 mm" in result.output
    assert "[SAI] Phụ lục I, Mục II, khoản 6, điểm e (ô 6) – nội dung cỡ chữ 13–14" in result.output


def test_wrong_month_format_and_upright_date_fail(lam_thao):
    document = Document(str(lam_thao))
    cell = document.tables[0].rows[1].cells[1]
    paragraph = cell.paragraphs[0]
    paragraph.runs[0].text = "Lâm Thao, ngày 05 tháng 03 năm 2024"
    paragraph.runs[0].italic = False
    document.save(str(lam_thao))
    result = statuses(lam_thao)
    assert result["ngày dưới 10 và tháng 1, 2 có số 0 đứng trước"] is Status.failed
    assert result["địa danh, ngày tháng in nghiêng, cỡ 13–14"] is Status.failed


def test_manual_line_break_in_justified_text_fails(lam_thao):
    document = Document(str(lam_thao))
    body = [p for p in document.paragraphs if p.style.name == "Nội dung" and p.runs]
    body[3].runs[0].add_break()
    document.save(str(lam_thao))
    assert statuses(lam_thao)["mỗi ý một đoạn, không ngắt dòng thủ công trong đoạn căn đều"] is Status.failed


def test_a_plain_document_is_not_evaluable_rather_than_passed(tmp_path):
    path = tmp_path / "plain.docx"
    document = Document()
    document.add_paragraph("Một đoạn văn không có thể thức.")
    document.save(str(path))
    results = check_docx(path)
    by_rule = {r.rule: r.status for r in results}
    assert by_rule["quốc hiệu"] is Status.unknown
    assert by_rule["tên loại in hoa, đậm, cỡ 13–14, căn giữa"] is Status.unknown
    assert by_rule["khổ giấy A4 (210 × 297 mm)"] is Status.failed  # python-docx default is US Letter
    assert not any(r.status is Status.passed and "quốc hiệu" in r.rule for r in results)


def test_not_a_docx_is_a_clear_error(runner, tmp_path):
    bogus = tmp_path / "bogus.docx"
    bogus.write_text("không phải Word")
    result = runner.invoke(app, ["check", str(bogus)])
    assert result.exit_code == 2
    assert "không đọc được tệp .docx" in result.output


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) chưa được cài")
def test_libreoffice_opens_every_output(built, tmp_path):
    files = [str(p) for p in built.values()]
    subprocess.run([soffice(), "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), *files],
                   check=True, capture_output=True, timeout=300)
    pdfs = sorted(tmp_path.glob("*.pdf"))
    assert len(pdfs) == len(files)
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(tmp_path / "000-lam-thao-ke-hoach-thi-dua.pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Khuất Đăng Khoa" in text


def test_a_style_loop_does_not_hang_check(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "loop.docx"
    document = Document()
    first, second = document.styles.add_style("A", 1), document.styles.add_style("B", 1)
    first.base_style, second.base_style = second, first
    document.add_paragraph("Xin chào", style="A")
    document.save(str(path))
    result = subprocess.run([sys.executable, "-m", "generator", "check", str(path)], capture_output=True, text=True,
                            timeout=30)
    assert result.returncode in (1, 3) and "Traceback" not in result.stderr


def test_a_rule_that_could_not_be_evaluated_is_not_a_pass(runner, lam_thao):
    document = Document(str(lam_thao))
    signature = document.tables[-1]._tbl
    signature.getparent().remove(signature)
    document.save(str(lam_thao))
    result = runner.invoke(app, ["check", str(lam_thao)])
    assert result.exit_code == 3, result.output
    assert "chưa đánh giá được đầy đủ" in result.output and "đạt thể thức" not in result.output


def test_check_json_and_one_bad_file_does_not_stop_the_others(runner, lam_thao, tmp_path):
    import json

    bogus = tmp_path / "hong.docx"
    bogus.write_text("không phải Word")
    result = runner.invoke(app, ["check", str(bogus), str(lam_thao), "--format", "json"])
    assert result.exit_code == 2
    report = json.loads(result.stdout if hasattr(result, "stdout") else result.output)
    assert [r["verdict"] for r in report] == ["đạt thể thức"]


def _edit_xml(path, part: str, change) -> None:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        items = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in items:
            archive.writestr(info, change(data) if info.filename == part else data)


def test_justification_from_the_document_defaults_is_justified(lam_thao):
    """Word and LibreOffice justify a paragraph whose alignment comes from w:docDefaults."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = Document(str(lam_thao))
    for name in ("Nội dung", "Căn cứ", "Đề mục cấp I", "Đề mục cấp 1", "Đề mục cấp a", "Gạch đầu dòng",
                 "Gạch đầu dòng cấp 2", "Lời kết"):
        document.styles[name].paragraph_format.alignment = None
    defaults = document.styles.element.find(qn("w:docDefaults"))
    ppr_default = defaults.find(qn("w:pPrDefault"))
    if ppr_default is None:
        ppr_default = OxmlElement("w:pPrDefault")
        defaults.append(ppr_default)
    ppr = ppr_default.find(qn("w:pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        ppr_default.append(ppr)
    jc = OxmlElement("w:jc")
    jc.set(qn("w:val"), "both")
    ppr.append(jc)
    document.save(str(lam_thao))
    assert statuses(lam_thao)["nội dung căn đều hai lề"] is Status.passed


def test_every_section_is_read_and_a_landscape_section_is_allowed(lam_thao):
    from docx.enum.section import WD_ORIENT, WD_SECTION

    document = Document(str(lam_thao))
    wide = document.add_section(WD_SECTION.NEW_PAGE)
    wide.orientation = WD_ORIENT.LANDSCAPE
    wide.page_width, wide.page_height = Mm(297), Mm(210)
    document.save(str(lam_thao))
    assert statuses(lam_thao)["khổ giấy A4 (210 × 297 mm)"] is Status.passed
    document = Document(str(lam_thao))
    letter = document.add_section(WD_SECTION.NEW_PAGE)
    letter.page_width, letter.page_height = Mm(216), Mm(279)
    document.save(str(lam_thao))
    results = {r.rule: r for r in check_docx(lam_thao)}
    assert results["khổ giấy A4 (210 × 297 mm)"].status is Status.failed
    assert "phần 3" in results["khổ giấy A4 (210 × 297 mm)"].detail


def test_a_macro_enabled_document_is_read_without_running_anything(runner, lam_thao, tmp_path):
    docm = tmp_path / "van-ban.docm"
    shutil.copy(lam_thao, docm)
    _edit_xml(docm, "[Content_Types].xml", lambda data: data.replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b"application/vnd.ms-word.document.macroEnabled.main+xml"))
    result = runner.invoke(app, ["check", str(docm)])
    assert result.exit_code == 0, result.output
    assert "đạt thể thức" in result.output


def test_unaccepted_tracked_changes_are_a_notice(lam_thao):
    _edit_xml(lam_thao, "word/document.xml", lambda data: data.replace(
        b"<w:body>", b'<w:body><w:p><w:ins w:id="1" w:author="A" w:date="2024-01-01T00:00:00Z"><w:r><w:t>x</w:t>'
                     b"</w:r></w:ins></w:p>", 1))
    results = {r.rule: r for r in check_docx(lam_thao)}
    assert results["tệp còn thay đổi chưa chấp nhận (Track Changes)"].status is Status.notice


def test_an_official_letter_is_not_passed_as_a_plan(runner, lam_thao):
    document = Document(str(lam_thao))
    paragraph = document.tables[0].rows[1].cells[0].add_paragraph("V/v triển khai phong trào thi đua")
    paragraph.runs[0].font.size = Pt(12)
    document.save(str(lam_thao))
    result = runner.invoke(app, ["check", str(lam_thao)])
    assert result.exit_code == 3, result.output
    assert "công văn" in result.output and "đạt thể thức" not in result.output


def test_a_zip_bomb_is_refused_before_it_is_opened(runner, tmp_path):
    import zipfile

    bomb = tmp_path / "bom.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"0" * (210 * 2**20))
    result = runner.invoke(app, ["check", str(bomb)])
    assert result.exit_code == 2 and "quá lớn" in result.output


def test_a_party_document_is_not_marked_wrong_for_lacking_the_national_name(runner, lam_thao):
    document = Document(str(lam_thao))
    header = document.tables[0]
    right = header.rows[0].cells[1].paragraphs
    right[0].runs[0].text = "ĐẢNG CỘNG SẢN VIỆT NAM"
    number = header.rows[1].cells[0].paragraphs[0]
    number.runs[0].text = "Số 15-KH/ĐU"
    for run in number.runs[1:]:
        run.text = ""
    document.save(str(lam_thao))
    result = runner.invoke(app, ["check", str(lam_thao)])
    # judged by HD 36: no national name asked for, the Party number accepted ...
    assert "quốc hiệu" not in result.output, result.output
    assert "[ĐẠT] HD 36-HD/VPTW: số và ký hiệu – ký hiệu dạng 'Số 05-KH/ĐU'" in result.output
    # ... and the state sizes left in the converted file are wrong by HD 36 (the banner at 13 pt, not 15)
    assert result.exit_code == 1
    assert "[SAI] HD 36-HD/VPTW: tiêu đề ĐẢNG CỘNG SẢN VIỆT NAM" in result.output
    # the signer's "TM." is Party practice's "T/M": a notice, never a failure
    assert "[LƯU Ý] HD 36-HD/VPTW: thể thức đề ký – viết tắt thẩm quyền ký (T/M)" in result.output
