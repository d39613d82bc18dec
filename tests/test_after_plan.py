"""After the plan: the results sheet, the assessment of each target, `thidua report` and `thidua register`."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from conftest import PLANS, soffice
from hypothesis import given
from hypothesis import strategies as st
from test_tables import write_xlsx

from generator.cli.app import app
from generator.core.assessment import Verdict, assess, reading_of
from generator.core.errors import ThiduaError
from generator.plan.loader import load
from generator.word.text import docx_paragraphs

PLAN = PLANS / "2026" / "an-thoi-dong-ke-hoach-thi-dua.yaml"
PROVINCE = PLANS / "2026" / "quang-ninh"
D = Decimal


# ------------------------------------------------------------------ assessment


@pytest.mark.parametrize("compare, planned, planned_to, result, base, percent, label, verdict, rate", [
    ("đạt từ … trở lên", "48.5", None, "52.1", None, False, "Thu ngân sách", Verdict.exceeded, "107.4"),
    ("đạt từ … trở lên", "48.5", None, "48.5", None, False, "Thu ngân sách", Verdict.met, "100.0"),
    ("đạt từ … trở lên", "48.5", None, "48.4", None, False, "Thu ngân sách", Verdict.not_met, "99.8"),
    ("đạt trên …", "320", None, "320", None, False, "Giá trị sản xuất", Verdict.not_met, "100.0"),
    ("đạt trên …", "320", None, "321", None, False, "Giá trị sản xuất", Verdict.met, "100.3"),
    ("giảm còn dưới …", "0.5", None, "0.5", None, True, "Tỷ lệ hộ nghèo", Verdict.not_met, "100.0"),
    ("giảm còn dưới …", "0.5", None, "0.42", None, True, "Tỷ lệ hộ nghèo", Verdict.met, "84.0"),
    ("không quá …", "10", None, "10", None, False, "Số vụ", Verdict.met, "100.0"),
    ("không quá …", "10", None, "8", None, False, "Số vụ", Verdict.exceeded, "80.0"),
    ("…", "85", "90", "87", None, True, "Cán bộ đạt danh hiệu", Verdict.met, "102.4"),
    ("…", "85", "90", "91", None, True, "Cán bộ đạt danh hiệu", Verdict.exceeded, "107.1"),
    ("…", "85", "90", "84", None, True, "Cán bộ đạt danh hiệu", Verdict.not_met, "98.8"),
    ("tăng …% so với cùng kỳ", "10", None, "115", None, True, "Thu ngân sách", Verdict.to_assess, None),
    ("tăng …% so với cùng kỳ", "10", None, "110", "100", True, "Thu ngân sách", Verdict.met, "110.0"),
    ("tăng …% so với cùng kỳ", "10", None, "109.9", "100", True, "Thu ngân sách", Verdict.not_met, "109.9"),
    ("tăng khoảng …", "5", None, "6", None, False, "Số doanh nghiệp", Verdict.to_assess, "120.0"),
    ("…", "1.2", None, "1.0", None, True, "Tỷ lệ hộ nghèo", Verdict.to_assess, "83.3"),
    ("đạt …", "95", None, None, None, True, "Tỷ lệ bảo hiểm y tế", Verdict.no_data, None),
    ("đạt …", "100", None, "100.05", None, False, "Số hộ", Verdict.exceeded, "100.1"),  # half up, not half even
])
def test_each_comparison_is_judged_by_its_own_words(compare, planned, planned_to, result, base, percent, label,
                                                    verdict, rate):
    found = assess(compare, D(planned), D(planned_to) if planned_to else None, D(result) if result else None,
                   D(base) if base else None, percent, label)
    assert found.verdict is verdict, found.reason
    assert found.rate == (D(rate) if rate else None)
    if verdict in (Verdict.to_assess, Verdict.no_data):
        assert found.reason  # said, never guessed


@pytest.mark.parametrize("phrase", ["tăng khoảng …", "giảm … so với năm trước", "…, 14 cá nhân", "duy trì ở mức …"])
def test_a_phrase_whose_meaning_is_not_known_is_never_read(phrase):
    assert reading_of(phrase) is None


figures = st.decimals(min_value=D("0.01"), max_value=D("1000000"), places=2, allow_nan=False, allow_infinity=False)


@given(planned=figures, result=figures)
def test_at_least_follows_exact_arithmetic_for_any_figures(planned, result):
    found = assess("đạt từ … trở lên", planned, None, result, None, False, "Thu ngân sách")
    expected = Verdict.exceeded if result > planned else Verdict.met if result == planned else Verdict.not_met
    assert found.verdict is expected
    exact = Fraction(result) / Fraction(planned) * 100  # rational arithmetic: no float anywhere
    assert abs(Fraction(found.rate) - exact) <= Fraction(1, 20)


# ------------------------------------------------------------------ results sheet


def _report(folder: Path, results_name: str, extra: str = "") -> Path:
    shutil.copy(PLAN, folder / "ke-hoach.yaml")
    report = folder / "bao-cao.yaml"
    report.write_text(
        "kind: BÁO CÁO\nyear: 2026\nissuer: {level: xã, name: An Thới Đông}\n"
        "summary: Tổng kết phong trào thi đua yêu nước năm 2026\n"
        f"report: {{plan: ke-hoach.yaml, results: {results_name}{extra}}}\n"
        "sections:\n- title: Kết quả thực hiện\n  children:\n  - title: Kết quả thực hiện các chỉ tiêu\n"
        "    table: results\n"
        "recipients: {items: [Sở Nội vụ]}\nsigner: {authority: TM, title: Chủ tịch, name: ''}\n", encoding="utf-8")
    return report


def test_a_results_sheet_in_vietnamese_headers_gives_the_figures_as_typed(tmp_path):
    (tmp_path / "kq.csv").write_text("STT,Mã chỉ tiêu,Chỉ tiêu,Thực hiện,Ghi chú\n1,thu-ngan-sach,Thu ngân sách,"
                                     "\"52,1\",\n2,gia-tri-san-xuat,,12.500,ước tính\n", encoding="utf-8")
    loaded = load(_report(tmp_path, "kq.csv"))
    assert loaded.report is not None
    assert loaded.report.whole["thu-ngan-sach"].result == D("52.1")
    assert loaded.report.whole["gia-tri-san-xuat"].result == D("12500")  # 12.500 is twelve thousand five hundred
    assert loaded.report.whole["gia-tri-san-xuat"].note == "ước tính"


@pytest.mark.parametrize("rows, message, line, column", [
    ("target,result\nthu-ngan-sach,\"52,1\"\nkhong-co,3\n", "không có chỉ tiêu mã 'khong-co'", 3, 1),
    ("target,result\nthu-ngan-sach,52.1.0\n", "không đọc được số", 2, 2),
    ("target,result\nthu-ngan-sach,\"52,1\"\nthu-ngan-sach,53\n", "đã có ở dòng 2", 3, 1),
    ("target,result,bao\nthu-ngan-sach,1,2\n", "cột 'bao' không hợp lệ", 1, 3),
    ("result\n3\n", "thiếu cột 'target'", 1, 1),
])
def test_a_bad_results_row_is_a_located_error(tmp_path, rows, message, line, column):
    (tmp_path / "kq.csv").write_text(rows, encoding="utf-8")
    with pytest.raises(ThiduaError) as caught:
        load(_report(tmp_path, "kq.csv"))
    problem = next(p for p in caught.value.problems if message in p.message)
    assert (problem.file.name, problem.line, problem.column) == ("kq.csv", line, column)


def test_an_excel_results_sheet_is_located_by_cell(tmp_path):
    write_xlsx(tmp_path / "kq.xlsx", [["Mã chỉ tiêu", "Thực hiện"], ["thu-ngan-sach", 52.1], ["bhyt", "chín mươi"]],
               sheet="Kết quả", above=[["KẾT QUẢ THỰC HIỆN CHỈ TIÊU NĂM 2026"]])
    with pytest.raises(ThiduaError) as caught:
        load(_report(tmp_path, "kq.xlsx"))
    assert "ô B4, trang tính 'Kết quả'" in str(caught.value.problems[0])
    write_xlsx(tmp_path / "kq2.xlsx", [["target", "result"], ["thu-ngan-sach", 52.1], ["bhyt", 0.962]],
               percent={(2, 1)})
    loaded = load(_report(tmp_path, "kq2.xlsx"))
    assert loaded.report is not None
    assert loaded.report.whole["thu-ngan-sach"].result_text == "52,1"
    assert loaded.report.whole["bhyt"].result == D("96.2")  # a percent cell is the 96,2 the clerk typed


# ------------------------------------------------------------------ thidua report


def _table_rows(docx: Path) -> list[list[str]]:
    from docx import Document

    document = Document(str(docx))
    table = next(t for t in document.tables if t.rows and t.rows[0].cells[0].text == "STT")
    return [[c.text for c in row.cells] for row in table.rows]


def test_report_drafts_the_table_and_recomputes_it_when_results_change(tmp_path, runner):
    shutil.copy(PLAN, tmp_path / "ke-hoach.yaml")
    results = tmp_path / "ket qua 2026.csv"  # a space in the name, as on a clerk's desktop
    results.write_text("target,result\nthu-ngan-sach,\"52,1\"\nho-ngheo,\"0,42\"\n", encoding="utf-8")
    done = runner.invoke(app, ["report", str(tmp_path / "ke-hoach.yaml"), "--results", str(results)])
    assert done.exit_code == 0, done.output
    report = tmp_path / "bao-cao-tong-ket-ke-hoach.yaml"
    assert f"Đã ghi: {report}" in done.output
    assert "chưa có số liệu thực hiện: gia-tri-san-xuat" in done.output  # listed, never judged

    final = runner.invoke(app, ["build", str(report), "-o", str(tmp_path / "out")])
    assert final.exit_code != 0 and "còn chỗ để điền «……»" in final.output + str(final.stderr_bytes or b"")
    draft = runner.invoke(app, ["build", "--draft", str(report), "-o", str(tmp_path / "out")])
    assert draft.exit_code == 0, draft.output
    rows = _table_rows(tmp_path / "out" / "bao-cao-tong-ket-ke-hoach.docx")
    assert rows[0] == ["STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện", "Tỷ lệ (%)", "Đánh giá"]
    assert ["1", "Thu ngân sách nhà nước trên địa bàn", "tỷ đồng", "Đạt từ 48,5 trở lên", "52,1", "107,4", "Vượt"] in rows
    assert ["4", "Tỷ lệ hộ nghèo theo chuẩn của Thành phố", "%", "Giảm còn dưới 0,5%", "0,42", "84,0", "Đạt"] in rows
    assert any(r[1].startswith("Giá trị sản xuất") and r[-1] == "Chưa có số liệu" for r in rows)

    results.write_text("target,result\nthu-ngan-sach,\"47,0\"\nho-ngheo,\"0,42\"\n", encoding="utf-8")
    again = runner.invoke(app, ["build", "--draft", str(report), "-o", str(tmp_path / "out")])
    assert again.exit_code == 0, again.output
    rows = _table_rows(tmp_path / "out" / "bao-cao-tong-ket-ke-hoach.docx")
    assert ["1", "Thu ngân sách nhà nước trên địa bàn", "tỷ đồng", "Đạt từ 48,5 trở lên", "47,0", "96,9", "Chưa đạt"] in rows


def test_report_never_overwrites_and_a_written_report_builds_and_passes_check(tmp_path, runner):
    shutil.copy(PLAN, tmp_path / "ke-hoach.yaml")
    (tmp_path / "kq.csv").write_text("target,result\nthu-ngan-sach,\"52,1\"\n", encoding="utf-8")
    args = ["report", str(tmp_path / "ke-hoach.yaml"), "-r", str(tmp_path / "kq.csv"), "-o", str(tmp_path / "bc.yaml")]
    assert runner.invoke(app, args).exit_code == 0
    written = (tmp_path / "bc.yaml").read_text(encoding="utf-8")
    (tmp_path / "bc.yaml").write_text(written.replace("……", "Đã viết"), encoding="utf-8")  # the clerk writes
    second = runner.invoke(app, args)
    assert second.exit_code != 0 and "không ghi đè" in second.output
    assert "Đã viết" in (tmp_path / "bc.yaml").read_text(encoding="utf-8")
    built = runner.invoke(app, ["build", str(tmp_path / "bc.yaml"), "-o", str(tmp_path / "out")])
    assert built.exit_code == 0, built.output
    checked = runner.invoke(app, ["check", str(tmp_path / "out" / "bc.docx")])
    assert checked.exit_code == 0, checked.output
    assert "[SAI]" not in checked.output


def test_a_party_report_takes_the_party_layout(tmp_path, runner):
    source = PLANS / "2026" / "an-thoi-dong" / "dang-uy-ke-hoach-thi-dua.yaml"
    shutil.copy(source, tmp_path / "dang-uy.yaml")
    assert runner.invoke(app, ["report", str(tmp_path / "dang-uy.yaml")]).exit_code == 0
    report = tmp_path / "bao-cao-tong-ket-dang-uy.yaml"
    assert "family: đảng" in report.read_text(encoding="utf-8")
    assert runner.invoke(app, ["build", "--draft", str(report), "-o", str(tmp_path)]).exit_code == 0
    text = docx_paragraphs(tmp_path / "bao-cao-tong-ket-dang-uy.docx")
    assert any(t.startswith("Số") and "-BC/ĐU" in t for t in text), text[:12]
    assert "BÁO CÁO" in text


def test_a_province_report_gives_each_unit_its_own_planned_value(tmp_path, runner):
    for name in ("ke-hoach-tinh.yaml", "_xa-phuong-mau.yaml", "xa-phuong.csv"):
        shutil.copy(PROVINCE / name, tmp_path / name)
    (tmp_path / "kq.csv").write_text("name,target,result\nHồng Gai,thu-ngan-sach,1.310\n"
                                     "Tiên Yên,thu-ngan-sach,\"80,2\"\nHồng Gai,bhyt,\"96,4\"\n", encoding="utf-8")
    done = runner.invoke(app, ["report", str(tmp_path / "_xa-phuong-mau.yaml"), "-r", str(tmp_path / "kq.csv"),
                               "--table", str(tmp_path / "xa-phuong.csv"), "-o", str(tmp_path / "bc.yaml")])
    assert done.exit_code == 0, done.output
    assert runner.invoke(app, ["build", "--draft", str(tmp_path / "bc.yaml"), "-o", str(tmp_path)]).exit_code == 0
    rows = _table_rows(tmp_path / "bc.docx")
    hong_gai = rows.index(next(r for r in rows if r[1] == "Hồng Gai"))
    assert rows[hong_gai + 1][3:] == ["Đạt từ 1.250 trở lên", "1.310", "104,8", "Vượt"]  # the table's 1.250, not the plan's
    tien_yen = rows.index(next(r for r in rows if r[1] == "Tiên Yên"))
    assert rows[tien_yen + 1][3:] == ["Đạt từ 86,5 trở lên", "80,2", "92,7", "Chưa đạt"]
    (tmp_path / "kq.csv").write_text("name,target,result\nHồng Gai,thu-ngan-sach,1.310\nHồng Gay,bhyt,1\n",
                                     encoding="utf-8")
    with pytest.raises(ThiduaError) as caught:
        load(tmp_path / "bc.yaml")
    assert "đơn vị 'Hồng Gay' không có trong bảng" in str(caught.value.problems[0])


def test_diff_of_two_report_versions_shows_the_changed_results(tmp_path, runner):
    shutil.copy(PLAN, tmp_path / "ke-hoach.yaml")
    for name, figure in (("v1", "52,1"), ("v2", "47,0")):
        (tmp_path / f"{name}.csv").write_text(f"target,result\nthu-ngan-sach,\"{figure}\"\n", encoding="utf-8")
        assert runner.invoke(app, ["report", str(tmp_path / "ke-hoach.yaml"), "-r", str(tmp_path / f"{name}.csv"),
                                   "-o", str(tmp_path / f"{name}.yaml")]).exit_code == 0
    shown = runner.invoke(app, ["diff", str(tmp_path / "v1.yaml"), str(tmp_path / "v2.yaml")])
    assert "Thu ngân sách nhà nước trên địa bàn: thực hiện 52,1 → 47,0 (Vượt → Chưa đạt)" in shown.output


def test_the_report_table_prints_in_libreoffice_with_its_header_on_every_page(tmp_path, runner):
    shutil.copy(PLAN, tmp_path / "ke-hoach.yaml")
    (tmp_path / "kq.csv").write_text("target,result\nthu-ngan-sach,\"52,1\"\n", encoding="utf-8")
    runner.invoke(app, ["report", str(tmp_path / "ke-hoach.yaml"), "-r", str(tmp_path / "kq.csv")])
    assert runner.invoke(app, ["build", "--draft", str(tmp_path / "bao-cao-tong-ket-ke-hoach.yaml"),
                               "-o", str(tmp_path)]).exit_code == 0
    docx = tmp_path / "bao-cao-tong-ket-ke-hoach.docx"
    xml = zipfile.ZipFile(docx).read("word/document.xml").decode()
    assert "<w:tblHeader/>" in xml and xml.count("<w:cantSplit/>") >= 8  # header repeats; no row splits
    if soffice() is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice or poppler-utils is not installed (.ci/run installs them)")
    subprocess.run([soffice(), "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
                   check=True, capture_output=True, timeout=180)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "bao-cao-tong-ket-ke-hoach.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "107,4" in text and "Vượt" in text and "48,5" in text


# ------------------------------------------------------------------ thidua register


def test_register_lists_the_plans_rounds_targets_and_titles(tmp_path, runner):
    shutil.copy(PLAN, tmp_path / "ke-hoach.yaml")
    done = runner.invoke(app, ["register", str(tmp_path / "ke-hoach.yaml"), "--unit", "Trường THCS An Thới Đông",
                               "--symbol", "THCS"])
    assert done.exit_code == 0, done.output
    registration = tmp_path / "dang-ky-thi-dua-ke-hoach.yaml"
    final = runner.invoke(app, ["build", str(registration), "-o", str(tmp_path)])
    assert final.exit_code != 0  # the counts are blanks to fill
    filled = registration.read_text(encoding="utf-8").replace("……", "01").replace("(chức vụ người ký)", "Hiệu trưởng")
    registration.write_text(filled, encoding="utf-8")
    built = runner.invoke(app, ["build", str(registration), "-o", str(tmp_path)])
    assert built.exit_code == 0, built.output
    docx = tmp_path / "dang-ky-thi-dua-ke-hoach.docx"
    from docx import Document

    tables = [[[c.text for c in r.cells] for r in t.rows] for t in Document(str(docx)).tables]
    flat = [row for table in tables for row in table]
    assert ["1", "Đợt thi đua thứ nhất", "Từ ngày 01/01/2026 đến ngày 30/6/2026"] == flat[
        next(i for i, r in enumerate(flat) if r[1:2] == ["Đợt thi đua thứ nhất"])][:3]
    assert any(r[1] == "Thu ngân sách nhà nước trên địa bàn" and r[3] == "Đạt từ 48,5 trở lên" for r in flat)
    assert any(r[1] == "Chiến sĩ thi đua cơ sở" and r[2] == "01" for r in flat)
    assert "Đăng ký" in next(t for t in tables if t[0][1] == "Chỉ tiêu")[0]
    checked = runner.invoke(app, ["check", str(docx)])
    assert checked.exit_code == 0, checked.output


def test_register_for_each_row_takes_the_rows_own_values(tmp_path, runner):
    table = tmp_path / "xa.csv"
    table.write_text("name,level,signer_title,target:thu-ngan-sach\nTiên Yên,xã,Chủ tịch,\"86,5\"\n"
                     "Ba Chẽ,xã,Chủ tịch,\"3x\"\n", encoding="utf-8")
    shutil.copy(PROVINCE / "ke-hoach-tinh.yaml", tmp_path / "ke-hoach-tinh.yaml")
    done = runner.invoke(app, ["register", str(tmp_path / "ke-hoach-tinh.yaml"), "--for-each", str(table),
                               "-o", str(tmp_path / "dang-ky")])
    assert done.exit_code == 1  # Ba Chẽ's figure is wrong: said, and its file not written
    written = sorted(p.name for p in (tmp_path / "dang-ky").iterdir())
    assert written == ["dang-ky-xa-tien-yen-2026.yaml"]
    assert "Ba Chẽ" not in done.output or "3x" in done.output
    text = (tmp_path / "dang-ky" / written[0]).read_text(encoding="utf-8")
    assert "value: 86,5" in text and "name: Tiên Yên" in text


def test_a_percent_sign_is_read_for_a_target_in_percent_and_refused_for_another(tmp_path):
    (tmp_path / "kq.csv").write_text("target,result\nbhyt,96%\n", encoding="utf-8")
    loaded = load(_report(tmp_path, "kq.csv"))
    assert loaded.report is not None and loaded.report.whole["bhyt"].result == D("96")
    (tmp_path / "kq.csv").write_text("target,result\nthu-ngan-sach,52%\n", encoding="utf-8")
    with pytest.raises(ThiduaError) as caught:
        load(_report(tmp_path, "kq.csv"))
    problem = caught.value.problems[0]
    assert (problem.line, problem.column) == (2, 2) and "chỉ tiêu tính bằng tỷ đồng" in problem.message
