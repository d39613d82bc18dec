"""Communes tables as clerks keep them: Excel workbooks, CSV in Excel's encodings, the Excel template."""

from __future__ import annotations

import csv
import datetime as dt
import subprocess
import unicodedata
from pathlib import Path

import openpyxl
import pytest
from conftest import PLANS, soffice
from hypothesis import given
from hypothesis import strategies as st

from generator.build import batch
from generator.cli.app import app
from generator.core.characters import name_key
from generator.core.errors import ThiduaError
from generator.plan.communes import read_rows
from generator.plan.sheets import cell_text, decode_table
from generator.word.text import docx_paragraphs

PROVINCE = PLANS / "2026" / "quang-ninh"
BASE = PROVINCE / "_xa-phuong-mau.yaml"
TABLE = PROVINCE / "xa-phuong.csv"
NUMERIC = ("number", "target:thu-ngan-sach", "target:bhyt")
TONES = "\u0300\u0301\u0303\u0309\u0323"


def shipped_rows() -> list[list[str]]:
    return list(csv.reader(TABLE.read_text(encoding="utf-8").splitlines()))


def as_number(text: str) -> float | int:
    value = float(text.replace(".", "").replace(",", "."))
    return int(value) if value.is_integer() else value


def write_xlsx(path: Path, rows: list[list], sheet: str = "Xã", above: list[list] | None = None,
               percent: set[tuple[int, int]] = frozenset()) -> Path:
    """A workbook as Excel keeps it: numbers as numbers, text as text, optional rows above the header."""
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = sheet
    for row in above or []:
        ws.append(row)
    start = ws.max_row + 1 if above else 1
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            if value in ("", None):
                continue
            cell = ws.cell(row=start + i, column=j + 1, value=value)
            if (i, j) in percent:
                cell.number_format = "0%"
    workbook.save(path)
    return path


def excel_shaped(rows: list[list[str]]) -> list[list]:
    """The shipped table as a clerk types it in Excel: figures as numbers, AutoCorrect's capital "Xã"."""
    header, *body = rows
    shaped: list[list] = [header]
    for row in body:
        cells: list = []
        for name, value in zip(header, row):
            if value and name in NUMERIC:
                cells.append(as_number(value))
            elif name == "level":
                cells.append(value[:1].upper() + value[1:])
            else:
                cells.append(value)
        shaped.append(cells)
    return shaped


def cp1258(text: str) -> bytes:
    """Text as Excel saves "CSV (Comma delimited)" on a Vietnamese Windows: tone marks combining."""
    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", ch)
            tones = "".join(c for c in decomposed if c in TONES)
            base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONES))
            out += (base + tones).encode("cp1258")
    return out


def build_table(runner, table: Path, out: Path, *extra: str) -> dict[str, list[str]]:
    result = runner.invoke(app, ["build", str(BASE), "--for-each", str(table), "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    return {p.name: docx_paragraphs(p) for p in sorted(out.glob("*.docx"))}


@pytest.fixture(scope="module")
def from_csv(tmp_path_factory) -> dict[str, list[str]]:
    from typer.testing import CliRunner

    return build_table(CliRunner(), TABLE, tmp_path_factory.mktemp("csv"))


def test_excel_cp1258_and_utf16_tables_build_the_same_documents_as_the_csv(runner, tmp_path, from_csv):
    rows = shipped_rows()
    assert len(from_csv) == 6
    xlsx = write_xlsx(tmp_path / "xa phường.xlsx", excel_shaped(rows), above=[["DANH SÁCH XÃ, PHƯỜNG"], []])
    text = "\r\n".join(",".join(f'"{c}"' if "," in c else c for c in row) for row in rows) + "\r\n"
    ansi = tmp_path / "xa-ansi.csv"
    ansi.write_bytes(cp1258(text))
    assert b"\xcc" in ansi.read_bytes() or b"\xec" in ansi.read_bytes()  # combining tone marks, as Excel writes
    unicode_text = tmp_path / "xa-unicode.txt"
    unicode_text.write_bytes(b"\xff\xfe" + "\r\n".join("\t".join(row) for row in rows).encode("utf-16-le"))
    semicolons = tmp_path / "xa-chấm-phẩy.csv"
    semicolons.write_text("\n".join(";".join(f'"{c}"' if ";" in c else c for c in row) for row in rows),
                          encoding="utf-8")
    for i, table in enumerate((xlsx, ansi, unicode_text, semicolons)):
        assert build_table(runner, table, tmp_path / f"out-{i}") == from_csv, table.name


def test_figures_come_out_as_the_clerk_typed_them(runner, tmp_path, from_csv):
    rows = excel_shaped(shipped_rows())
    header = rows[0]
    bhyt = header.index("target:bhyt")
    rows[1][bhyt] = 0.96  # a cell formatted as 0%: the clerk typed 96 and sees 96%
    rows[3][header.index("target:thu-ngan-sach")] = 86.49999999999999  # what 86,5 becomes after a formula
    table = write_xlsx(tmp_path / "xa.xlsx", rows, percent={(1, bhyt)})
    built = build_table(runner, table, tmp_path / "out")
    assert built == from_csv
    assert "- Thu ngân sách nhà nước trên địa bàn đạt từ 1.250 tỷ đồng trở lên." in "\n".join(built["phuong-hong-gai-2026.docx"])


def test_workbooks_saved_by_libreoffice_as_ods_and_xls_read_the_same(runner, tmp_path, from_csv):
    binary = soffice()
    if binary is None:
        pytest.skip("LibreOffice (soffice) không có trên máy này: không tạo được tệp .ods, .xls để thử")
    source = write_xlsx(tmp_path / "xa.xlsx", excel_shaped(shipped_rows()))
    for target, filter_name in (("ods", "calc8"), ("xls", "MS Excel 97")):
        subprocess.run([binary, "--headless", "--norestore", f"-env:UserInstallation={(tmp_path / 'p').as_uri()}",
                        "--convert-to", f"{target}:{filter_name}", "--outdir", str(tmp_path), str(source)],
                       check=True, capture_output=True, timeout=180)
        assert build_table(runner, tmp_path / f"xa.{target}", tmp_path / f"out-{target}") == from_csv, target


def test_bad_cells_are_named_by_their_address_and_only_their_row_is_left_out(runner, tmp_path):
    rows = excel_shaped(shipped_rows())
    header = rows[0]
    rows[2][header.index("target:thu-ngan-sach")] = "#DIV/0!"
    rows[4][header.index("signer")] = True
    rows[5][header.index("target:bhyt")] = "nhiều"
    table = write_xlsx(tmp_path / "xa.xlsx", rows, sheet="Xã")
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(BASE), "--for-each", str(table), "-o", str(out)])
    assert result.exit_code == 2
    text = " ".join(result.output.split())
    assert "ô G3, trang tính 'Xã'" in text and "#DIV/0!" in text
    assert "ô C5, trang tính 'Xã'" in text and "TRUE/FALSE" in text
    assert "ô H6, trang tính 'Xã'" in text
    assert sorted(p.name for p in out.glob("*.docx")) == ["dac-khu-co-to-2026.docx", "phuong-hong-gai-2026.docx",
                                                          "xa-tien-yen-2026.docx"]


def test_a_named_sheet_is_read_and_a_missing_one_is_named(runner, tmp_path, from_csv):
    workbook = openpyxl.Workbook()
    workbook.active.title = "Ghi chú"
    workbook.active["A1"] = "Bảng dưới đây do các xã gửi về"
    data = workbook.create_sheet("Xã")
    for row in excel_shaped(shipped_rows()):
        data.append(row)
    table = tmp_path / "xa.xlsx"
    workbook.save(table)
    assert build_table(runner, table, tmp_path / "out", "--sheet", "Xã") == from_csv
    result = runner.invoke(app, ["build", str(BASE), "--for-each", str(table), "--sheet", "Phường", "-o",
                                 str(tmp_path / "x")])
    assert result.exit_code == 2 and "không có trang tính 'Phường'" in result.output and "'Xã'" in result.output


def test_a_hidden_first_sheet_is_passed_over(tmp_path):
    workbook = openpyxl.Workbook()
    hidden = workbook.active
    hidden.title = "Cũ"
    hidden.append(["name"])
    hidden.append(["Không Dùng"])
    hidden.sheet_state = "hidden"
    visible = workbook.create_sheet("Xã")
    visible.append(["name", "level"])
    visible.append(["Tiên Yên", "xã"])
    workbook.save(tmp_path / "xa.xlsx")
    assert [r.values["name"] for r in read_rows(tmp_path / "xa.xlsx")] == ["Tiên Yên"]


def test_one_commune_spelled_twice_is_found(tmp_path):
    table = tmp_path / "xa.csv"
    table.write_text("name,level,file\nHải Hòa,xã,hai-hoa-1\nHải Hoà,Xã,hai-hoa-2\nHải Hóa,xã,hai-hoa-3\n",
                     encoding="utf-8")
    rows = read_rows(table)
    from generator.plan.communes import output_names

    output_names(rows, "xã", 2026)
    assert [bool(r.problems) for r in rows] == [True, True, False]
    assert "các dòng 2, 3 ghi cùng một xã" in str(rows[0].problems[0])
    assert name_key("Thủy Nguyên") == name_key("Thuỷ  Nguyên") and name_key("Hóa") != name_key("Hòa")


def test_a_damaged_utf8_file_is_located_not_read_as_cp1258(tmp_path):
    table = tmp_path / "xa.csv"
    table.write_bytes("name,level\nTiên Yên,xã\n".encode() + b"Ba Ch\xff,x\xc3\xa3\n")
    with pytest.raises(ThiduaError) as error:
        read_rows(table)
    assert "dòng 3, cột 6" in str(error.value) and "UTF-8" in str(error.value)
    assert unicodedata.normalize("NFC", decode_table(table, cp1258("Hồng Gai,phường"))) == "Hồng Gai,phường"


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False).filter(lambda x: abs(x) > 1e-6 or x == 0))
def test_a_number_cell_reads_as_the_shortest_text_of_what_excel_shows(value):
    text = cell_text(value, is_date=False, percent=False)
    assert "e" not in text and "." not in text
    shown = float(format(value, ".15g"))
    assert float(text.replace(",", ".")) == shown
    digits = text.lstrip("-").replace(",", "").lstrip("0")
    assert len(digits) <= 15


def test_dates_and_serials_in_date_cells(tmp_path):
    assert cell_text(dt.datetime(2026, 1, 5, 0, 0), is_date=True, percent=False) == "05/01/2026"
    assert cell_text(46027, is_date=True, percent=False) == "05/01/2026"  # a date typed into a number cell
    assert cell_text(46027, is_date=False, percent=False) == "46027"
    assert cell_text("007", is_date=False, percent=False) == "007"
    with pytest.raises(ValueError):
        cell_text(dt.time(8, 30), is_date=True, percent=False)


def test_the_excel_template_round_trips(runner, tmp_path):
    template = tmp_path / "mẫu xã.xlsx"
    result = runner.invoke(app, ["table-template", str(BASE), "-o", str(template)])
    assert result.exit_code == 0, result.output
    assert f"Đã ghi: {template}" in " ".join(result.output.split())
    workbook = openpyxl.load_workbook(template)
    sheet = workbook.worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header[:2] == ["name", "level"] and "target:thu-ngan-sach" in header and "target:bhyt" in header
    assert sheet.protection.sheet and sheet["A1"].protection.locked and not sheet["A2"].protection.locked
    lists = {str(v.sqref).split(":")[0][:1]: v.formula1 for v in sheet.data_validations.dataValidation}
    assert lists["B"] == '"xã,phường,đặc khu"'
    assert "Hướng dẫn" in workbook.sheetnames
    filled = {"name": "Tiên Yên", "level": "xã", "number": "12", "target:thu-ngan-sach": 86.5, "target:bhyt": 95}
    for column, value in filled.items():
        sheet.cell(row=2, column=header.index(column) + 1, value=value)
    workbook.save(template)
    again = runner.invoke(app, ["table-template", str(BASE), "-o", str(template)])
    assert again.exit_code == 2 and "không ghi đè" in again.output  # the filled file is never overwritten
    out = tmp_path / "out"
    built = build_table(runner, template, out)
    text = "\n".join(built["xa-tien-yen-2026.docx"])
    assert "Số: 12/KH-UBND" in text and "đạt từ 86,5 tỷ đồng trở lên" in text


def test_a_forty_row_table_builds_under_spawn_as_under_fork(tmp_path):
    rows = shipped_rows()
    lines = [rows[0]] + [[f"{r[0]} {i}", *r[1:]] for i in range(40) for r in [rows[1 + i % 6]]]
    table = tmp_path / "xa40.csv"
    with table.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(lines)
    made = {}
    for method in ("spawn", "fork"):
        jobs, base = batch.table_jobs(BASE, table, tmp_path / method)
        result = batch.run(jobs, tmp_path / method, base=base, workers=2, start_method=method)
        assert [o.status for o in result.outcomes].count(batch.Status.written) == 40, [
            o.problems for o in result.outcomes if o.problems][:1]
        made[method] = {p.name: p.read_bytes() for p in (tmp_path / method).glob("*.docx")}
    assert len(made["spawn"]) == 40 and made["spawn"] == made["fork"]


def test_output_names_windows_refuses(tmp_path):
    folder = tmp_path / "plans"
    folder.mkdir()
    plan = (PLANS / "2024" / "000-lam-thao-ke-hoach-thi-dua.yaml").read_text(encoding="utf-8")
    for name in ("con.yaml", "Ke-Hoach.yaml", "ke-hoach.yaml", "~$ke-hoach.yaml"):
        (folder / name).write_text(plan, encoding="utf-8")
    with pytest.raises(ThiduaError) as error:
        batch.plan_jobs([folder], tmp_path / "out")
    text = str(error.value)
    assert "tên thiết bị dành riêng của Windows (CON)" in text
    assert "khi không phân biệt chữ hoa, chữ thường" in text
    assert "~$" not in text  # Word's lock files are not plans
    deep = tmp_path / ("thư mục rất dài " * 12).strip()
    jobs = [batch.Job("x", deep / "ke-hoach.docx", plan_file=folder / "ke-hoach.yaml")]
    assert any("260 ký tự" in m for _, m, _ in batch.portable_names(jobs, deep, windows=True))
    assert not batch.portable_names(jobs, deep, windows=False)


def test_a_document_open_in_word_is_named_when_it_cannot_be_written(tmp_path, monkeypatch):
    import os

    from generator.system import files

    target = tmp_path / "ke-hoach-2026.docx"
    target.write_bytes(b"old")
    (tmp_path / "~$-hoach-2026.docx").write_bytes(b"lock")  # Word drops two letters of a long name

    def refuse(*_):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ThiduaError) as error:
        files.write_atomic(target, b"new")
    assert "đang mở trong Word" in str(error.value) and "~$-hoach-2026.docx" in str(error.value)
    assert target.read_bytes() == b"old"  # the document as it was, and no temporary file left beside it
    assert {p.name for p in tmp_path.iterdir()} == {"~$-hoach-2026.docx", "ke-hoach-2026.docx"}


def test_a_plan_level_in_any_case_is_read(tmp_path, minimal_plan_text):
    from generator.plan.loader import load

    plan = tmp_path / "kh.yaml"
    plan.write_text(minimal_plan_text.replace("level: phường", "level: Phường"), encoding="utf-8")
    assert "level: Phường" in plan.read_text(encoding="utf-8")
    assert load(plan).plan.issuer.level.value == "phường"



def test_a_real_shaped_sheet_title_row_numbers_and_totals(runner, tmp_path, from_csv):
    rows = excel_shaped(shipped_rows())
    rows = [["STT", *rows[0]], *([i, *row] for i, row in enumerate(rows[1:], start=1))]
    rows += [[], ["", "Tổng cộng", "", "", "", "", "", 4593.9], [], ["", "", "", "Người lập biểu"]]
    table = write_xlsx(tmp_path / "xa.xlsx", rows, above=[["ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH"],
                                                          ["DANH SÁCH XÃ, PHƯỜNG, ĐẶC KHU"], []])
    result = runner.invoke(app, ["build", str(BASE), "--for-each", str(table), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "6 xã, phường (dòng 4 đến dòng 9)" in " ".join(result.output.split())
    assert {p.name: docx_paragraphs(p) for p in sorted((tmp_path / "out").glob("*.docx"))} == from_csv


@given(st.lists(st.lists(st.one_of(st.none(), st.text(max_size=12), st.integers(-10**6, 10**6),
                                   st.floats(allow_nan=False, allow_infinity=False), st.booleans(),
                                   st.dates(dt.date(1900, 3, 1), dt.date(2100, 1, 1)),
                                   st.sampled_from(["name", "level", "target:x", "Xã", "#N/A", "=1/0"])),
                         max_size=6), max_size=8))
def test_any_workbook_reads_or_is_refused_with_a_located_message(grid):
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        workbook = openpyxl.Workbook()
        for row in grid:
            workbook.active.append([v if not isinstance(v, str) else "".join(
                ch for ch in v if ch.isprintable()) for v in row])
        path = Path(folder) / "xa.xlsx"
        workbook.save(path)
        try:
            rows = read_rows(path)
        except ThiduaError as error:
            assert all(str(p.file) == str(path) for p in error.problems)
        else:
            assert all(r.values.get("name") or r.problems for r in rows)


def test_a_capitalised_level_reads_right_inside_the_text(tmp_path, minimal_plan_text):
    from generator.plan.loader import load

    plan = tmp_path / "kh.yaml"
    plan.write_text(minimal_plan_text.replace("level: phường", "level: Phường").replace(
        "summary: Phát động phong trào thi đua năm 2026", "summary: Phát động phong trào thi đua của {{ unit }}"),
        encoding="utf-8")
    summary = load(plan).plan.summary
    assert summary.startswith("Phát động phong trào thi đua của phường ") and "Phường" not in summary
