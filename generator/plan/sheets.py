"""Reading the tables clerks keep: CSV in whatever encoding Excel saved it, and workbooks.

- CSV: UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode Text") and the Vietnamese
  Windows code page cp1258 (Excel's "CSV (Comma delimited)" on a Vietnamese Windows);
- workbooks: .xlsx, .xlsm, .xls and .ods through python-calamine; every cell becomes the
  text the clerk sees, located by its cell address ("ô C7, trang tính 'Xã'").
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from generator.core.errors import Problem, ThiduaError
from generator.plan.loader import file_size

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
MAX_TABLE_BYTES = 20 * 2**20  # a province's communes table is a few hundred KB
MAX_CELLS = 200_000  # rows × columns read from a sheet: far beyond any province
EXCEL_ERRORS = ("#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#SPILL!", "#CALC!")
_EPOCH = dt.date(1899, 12, 30)  # Excel's day 0 in the 1900 date system (its 1900 leap-year bug included)
# A UTF-8 sequence of two to four bytes: a file with these is UTF-8, even with a damaged byte.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def decode_table(file: Path, raw: bytes) -> str:
    """The text of a CSV file, whichever of the encodings Excel writes it is in."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode(file, raw, "utf-16")
    if len(raw) >= 4 and raw[1:2] == b"\x00" and raw[3:4] == b"\x00":
        return _decode(file, raw, "utf-16-le")  # UTF-16 without its mark: every ASCII letter is followed by 0
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if _UTF8_SEQUENCE.search(raw):  # UTF-8 with a damaged byte: say where, do not guess
            line = raw[: exc.start].count(b"\n") + 1
            column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
            raise ThiduaError([Problem(file, "tệp có chỗ không đúng mã UTF-8", line, column,
                                       hint="mở tệp bằng Excel và lưu lại dạng 'CSV UTF-8'")]) from None
    return _decode(file, raw, "cp1258")


def _decode(file: Path, raw: bytes, encoding: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ThiduaError([Problem(file, f"không đọc được tệp theo mã {encoding} (byte thứ {exc.start + 1})",
                                   hint="mở tệp bằng Excel và lưu lại dạng 'CSV UTF-8' hoặc 'Excel Workbook'")]) from None


@dataclass(frozen=True)
class Grid:
    """One sheet of a workbook: its name and its rows of cells, A1 first."""

    sheet: str
    rows: list[list[Any]]
    percent: frozenset[tuple[int, int]]  # (row, column), 1-based, of cells shown as percentages
    errors: dict[tuple[int, int], str]  # cells holding a formula error (#DIV/0!…), which calamine reads as empty


def read_workbook(file: Path, sheet: str | None = None) -> Grid:
    """The first visible sheet, or the one named `sheet`, as calamine reads it."""
    from python_calamine import (
        CalamineError,
        CalamineWorkbook,
        PasswordError,
        SheetTypeEnum,
        SheetVisibleEnum,
        WorksheetNotFound,
    )

    size = file_size(file)
    if size > MAX_TABLE_BYTES:
        raise ThiduaError([Problem(file, f"tệp quá lớn ({size / 2**20:.0f} MB) cho một bảng xã, phường",
                                   hint="kiểm tra xem có chọn nhầm tệp không")])
    _check_unpacked_size(file)
    try:
        workbook = CalamineWorkbook.from_path(str(file))
    except PasswordError:
        raise ThiduaError([Problem(file, "tệp Excel có đặt mật khẩu", hint="mở bằng Excel, bỏ mật khẩu rồi lưu lại")]) from None
    except (CalamineError, ValueError, OSError):
        raise ThiduaError([Problem(file, f"không đọc được tệp {file.suffix}: tệp hỏng, hoặc là loại tệp khác "
                                   "được đổi đuôi", hint="mở tệp bằng Excel để kiểm tra, rồi lưu lại dạng .xlsx")]) from None
    try:
        names = [meta.name for meta in workbook.sheets_metadata
                 if meta.visible == SheetVisibleEnum.Visible and meta.typ == SheetTypeEnum.WorkSheet]
        name = sheet if sheet is not None else (names or workbook.sheet_names)[0]
        try:
            found = workbook.get_sheet_by_name(name)
        except WorksheetNotFound:
            raise ThiduaError([Problem(file, f"không có trang tính '{name}'",
                                       hint="các trang tính: " + ", ".join(f"'{n}'" for n in workbook.sheet_names))]) from None
        end = found.end or (0, 0)  # the last cell holding a value (formatting alone does not count)
        if (end[0] + 1) * (end[1] + 1) > MAX_CELLS:
            raise ThiduaError([Problem(file, f"trang tính '{name}' quá lớn ({end[0] + 1} dòng × {end[1] + 1} cột)",
                                       hint="chỉ để bảng xã, phường trong trang tính")])
        rows = found.to_python(skip_empty_area=False)  # from A1: cell addresses stay true
    except (CalamineError, ValueError) as exc:
        raise ThiduaError([Problem(file, f"không đọc được trang tính ({type(exc).__name__})",
                                   hint="mở tệp bằng Excel để kiểm tra, rồi lưu lại dạng .xlsx")]) from None
    finally:
        workbook.close()
    percent, errors = _formats(file, name) if file.suffix.lower() in (".xlsx", ".xlsm") else (frozenset(), {})
    return Grid(name, rows, percent, errors)


MAX_UNPACKED = 200 * 2**20  # an .xlsx or .ods is a zip: a few KB can claim gigabytes


def _check_unpacked_size(file: Path) -> None:
    from generator.system.files import unpacked_size

    sizes = unpacked_size(file)
    if sizes is None:
        return  # .xls, or not a zip: calamine says what it is
    unpacked = sizes[0]
    if unpacked > MAX_UNPACKED:
        raise ThiduaError([Problem(file, f"tệp giải nén ra tới {unpacked / 2**20:.0f} MB, quá lớn cho một bảng "
                                   "xã, phường (có thể là tệp độc hại)", hint="kiểm tra nguồn gốc tệp")])


def _formats(file: Path, sheet: str) -> tuple[frozenset[tuple[int, int]], dict[tuple[int, int], str]]:
    """What calamine does not tell of an .xlsx: cells whose number format shows a percentage
    (the clerk typed 96 % and the cell holds 0,96) and cells holding a formula error (read as
    empty, they would silently give the base plan's value). openpyxl, read-only: one streaming pass."""
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - calamine read the file: without formats, values stay as they are
        return frozenset(), {}
    percent, errors = set(), {}
    try:
        if sheet in workbook.sheetnames:
            for row in workbook[sheet].iter_rows():
                for cell in row:
                    if getattr(cell, "data_type", "") == "e":
                        errors[(cell.row, cell.column)] = str(cell.value)
                    elif isinstance(cell.value, (int, float)) and "%" in str(getattr(cell, "number_format", "") or ""):
                        percent.add((cell.row, cell.column))
    finally:
        workbook.close()
    return frozenset(percent), errors


def cell_text(value: Any, *, is_date: bool, percent: bool) -> str:
    """A cell as the text the clerk sees: numbers in their shortest form with a decimal comma
    (86,5; 1250 stays 1250, which the plan prints 1.250), dates as dd/mm/yyyy, text NFC and trimmed.
    Raises ValueError with the reason for a value thidua will not guess at."""
    if isinstance(value, bool):
        raise ValueError("ô chứa giá trị đúng/sai (TRUE/FALSE), không phải chữ hay số")
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return f"{value.day:02d}/{value.month:02d}/{value.year}"
    if isinstance(value, (dt.time, dt.timedelta)):
        raise ValueError("ô chứa giờ, không phải ngày hay số")
    if isinstance(value, (int, float)):
        if isinstance(value, float) and value != value:
            raise ValueError("ô không có giá trị số")
        if is_date and float(value).is_integer() and 1 <= value <= 2_958_465:
            day = _EPOCH + dt.timedelta(days=int(value))  # a date typed into a cell formatted as a number
            return f"{day.day:02d}/{day.month:02d}/{day.year}"
        if percent:
            value = value * 100
        # Excel's own precision, 15 digits: 86.49999999999999 is the 86,5 it shows; never an exponent
        text = format(Decimal(format(value, ".15g")), "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return text.replace(".", ",")
    text = unicodedata.normalize("NFC", str(value)).strip()
    if text in EXCEL_ERRORS:
        raise ValueError(f"ô có lỗi công thức {text}")
    return text
