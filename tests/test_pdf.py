"""PDF through LibreOffice: a whole batch in one run, A4, text extractable."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from conftest import PLANS, soffice

from generator.cli.app import app

needs_soffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) chưa được cài")
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils chưa được cài")


@needs_soffice
@needs_poppler
def test_build_pdf_keeps_layout_and_text(runner, tmp_path):
    plans = tmp_path / "plans"
    plans.mkdir()
    for name in ("000-lam-thao-ke-hoach-thi-dua.yaml", "003-huu-lung-phat-dong.yaml"):
        shutil.copy(PLANS / "2024" / name, plans / name)
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(plans), "-o", str(out), "--pdf"])
    assert result.exit_code == 0, result.output
    pdfs = sorted(out.glob("*.pdf"))
    assert [p.name for p in pdfs] == ["000-lam-thao-ke-hoach-thi-dua.pdf", "003-huu-lung-phat-dong.pdf"]
    assert f"Đã ghi: {pdfs[0]}" in result.output
    assert not [p for p in out.iterdir() if p.name.startswith(".thidua-pdf")]  # no scratch folder left
    info = subprocess.run(["pdfinfo", str(pdfs[0])], capture_output=True, text=True, check=True).stdout
    size = next(line for line in info.splitlines() if line.startswith("Page size"))
    assert "595" in size and ("841" in size or "842" in size)  # A4 in points
    text = subprocess.run(["pdftotext", "-layout", str(pdfs[0]), "-"], capture_output=True, text=True,
                          check=True).stdout
    for expected in ("ỦY BAN NHÂN DÂN", "HUYỆN LÂM THAO", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                     "Độc lập - Tự do - Hạnh phúc", "KẾ HOẠCH", "TM. ỦY BAN NHÂN DÂN", "Khuất Đăng Khoa"):
        assert expected in text, expected


def test_missing_libreoffice_is_reported_and_docx_still_written(runner, tmp_path, minimal_plan_text, monkeypatch):
    monkeypatch.setenv("THIDUA_SOFFICE", str(tmp_path / "khong-co-soffice"))
    plan = tmp_path / "kh.yaml"
    plan.write_text(minimal_plan_text, encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(plan), "-o", str(out), "--pdf"])
    assert result.exit_code == 2
    assert "không tìm thấy LibreOffice (soffice)" in result.output
    assert "các tệp .docx vẫn đã được ghi" in result.output
    assert (out / "kh.docx").is_file() and not (out / "kh.pdf").exists()
