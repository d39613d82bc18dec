"""`thidua check` catches ND30 violations in any .docx and never passes what it cannot see."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from conftest import soffice
from docx import Document
from docx.shared import Mm, Pt

from generator.cli import app
from generator.conformance import Status, check_docx


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
    assert "[SAI] PL I §1 – lề trái 30–35 mm: lề trái 20.0 mm" in result.output
    assert "[SAI] PL I ô 6 – nội dung cỡ chữ 13–14" in result.output


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
