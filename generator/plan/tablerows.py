"""Rows of a table a clerk keeps (Excel workbook, CSV or YAML), read the same way whatever
the table is for: a communes table, a results sheet.

A `TableSpec` says which columns a table may have and which column names a row (the key):
the header row is searched below title rows, the clerk's own row numbers (STT) are read
past, a workbook's table ends at its first row without a key (totals and footers lie
below), and every problem is located (file, line, column; a workbook's by cell address).
Problems of the table as a whole raise; a row's problems stay on the row.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.core.characters import name_key
from generator.core.errors import Problem, ThiduaError, cell_address
from generator.core.positions import Mark
from generator.plan import yamlio
from generator.plan.loader import non_empty, read_bytes, read_text
from generator.plan.sheets import WORKBOOK_SUFFIXES, Grid, cell_text, decode_table, read_workbook

HEADER_SEARCH = 20  # rows of a sheet searched for the header row (a title may stand above it)
ROW_NUMBER_COLUMNS = ("stt", "tt", "số tt", "số thứ tự")  # the clerk's own row numbers: read past, never printed


@dataclass(frozen=True)
class TableSpec:
    """What one kind of table holds."""

    key: str  # the column every row needs (it names the row); the table ends where it is empty
    key_label: str  # what the key is, in the messages: "tên xã, phường, đặc khu"
    valid_column: Callable[[str], bool]
    column_hint: str
    empty_message: str  # a table with no row at all
    empty_hint: str
    date_columns: tuple[str, ...] = ()
    aliases: dict[str, str] = field(default_factory=dict)  # name_key of a Vietnamese header → column


@dataclass
class Row:
    file: Path
    line: int  # line in the table file (CSV: the header is line 1)
    values: dict[str, Any]
    columns: dict[str, int]  # column number of each value, for located errors
    lines: dict[str, int] = field(default_factory=dict)  # YAML tables: one line per value
    problems: list[Problem] = field(default_factory=list)  # the row is not built when there are any
    sheet: str | None = None  # a workbook's sheet: line and columns are then a cell address

    def mark(self, column: str) -> Mark:
        return Mark(self.lines.get(column, self.line), self.columns.get(column), self.file, self.sheet)

    def problem(self, column: str | None, message: str, hint: str = "") -> None:
        mark = self.mark(column) if column else Mark(self.line, None, self.file, self.sheet)
        self.problems.append(Problem(self.file, message, mark.line, mark.column, column or "", hint, self.sheet))


def row_number_column(name: str) -> bool:
    return name.casefold().strip(" .") in ROW_NUMBER_COLUMNS


def read_rows(file: Path, spec: TableSpec, sheet: str | None = None) -> list[Row]:
    """Every row of the table; table-wide problems raise, row problems stay on the row.
    `sheet` names a workbook's sheet (default: the first visible one)."""
    suffix = file.suffix.lower()
    if sheet is not None and suffix not in WORKBOOK_SUFFIXES:
        raise ThiduaError([Problem(file, "chỉ tệp Excel (.xlsx, .xls, .ods) mới có trang tính",
                                   hint="bỏ --sheet, hoặc chọn tệp Excel")])
    if suffix in (".yaml", ".yml"):
        rows = _yaml_rows(file, spec)
    elif suffix in WORKBOOK_SUFFIXES:
        rows = _workbook_rows(file, read_workbook(file, sheet), spec)
    else:
        rows = _csv_rows(file, spec)
    if not rows:
        raise ThiduaError([Problem(file, spec.empty_message, hint=spec.empty_hint)])
    for row in rows:
        _check_values(row, spec)
    return rows


def _column_name(header: str, spec: TableSpec) -> str:
    header = unicodedata.normalize("NFC", header.strip())
    return spec.aliases.get(name_key(header), header) if header else header


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","  # a single column: any delimiter reads it


def _check_header(file: Path, header: list[str], spec: TableSpec, line: int = 1,
                  sheet: str | None = None) -> dict[str, int]:
    """Column number of each column name; a bad header stops the whole table."""
    def at(column: int, message: str, hint: str) -> Problem:
        return Problem(file, message, line, column, hint=hint, sheet=sheet)

    problems = [at(i + 1, f"cột '{h}' không hợp lệ", spec.column_hint) for i, h in enumerate(header)
                if h and not spec.valid_column(h) and not row_number_column(h)]
    last = max((i for i, h in enumerate(header) if h), default=-1)
    problems += [at(i + 1, "cột không có tên", "xóa cột trống hoặc đặt tên cột")
                 for i, h in enumerate(header) if not h and i < last]
    seen: dict[str, int] = {}
    for i, h in enumerate(header):
        if h and h in seen:
            problems.append(at(i + 1, f"cột '{h}' xuất hiện hai lần (cột {seen[h]} và cột {i + 1})",
                               "xóa một trong hai cột"))
        seen.setdefault(h, i + 1)
    if spec.key not in header:
        problems.append(at(1, f"thiếu cột '{spec.key}' ({spec.key_label})", spec.column_hint))
    if problems:
        raise ThiduaError(problems)
    return {h: i + 1 for i, h in enumerate(header) if h and not row_number_column(h)}


def _csv_rows(file: Path, spec: TableSpec) -> list[Row]:
    text = non_empty(file, decode_table(file, read_bytes(file)))
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(first), strict=True)
    try:
        header = [_column_name(h, spec) for h in next(reader)]
    except (csv.Error, StopIteration) as exc:
        raise ThiduaError([Problem(file, f"không đọc được dòng tiêu đề của bảng ({exc})", 1, 1)]) from None
    columns = _check_header(file, header, spec)
    rows = []
    previous_end = 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error:  # strict mode: a quote opened and never closed, or a stray quote
            row = Row(file, previous_end + 1, {}, columns)
            row.problem(None, f"dấu ngoặc kép mở ở dòng {previous_end + 1} không được đóng: từ dòng "
                        f"{previous_end + 1} đến dòng {max(reader.line_num, previous_end + 1)} bị gộp làm một ô",
                        'đóng dấu ngoặc kép của ô đó (ví dụ: "86,5")')
            rows.append(row)
            break
        start, previous_end = previous_end + 1, reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        row = Row(file, start, {}, columns)
        if reader.line_num > start and any("\n" in cell or "\r" in cell for cell in record):
            row.problem(None, f"một ô kéo dài từ dòng {start} đến dòng {reader.line_num}: có dấu ngoặc kép "
                        "chưa đóng, các dòng ở giữa bị gộp vào dòng này",
                        'đóng dấu ngoặc kép của ô đó (ví dụ: "86,5")')
        if len(record) > len(header) and any(cell.strip() for cell in record[len(header):]):
            row.problem(None, f"dòng có {len(record)} ô nhưng bảng chỉ có {len(header)} cột",
                        "đặt ô có dấu phẩy trong ngoặc kép, ví dụ: \"Phường 1, Quận 3\"")
        for h, cell in zip(header, record):
            if h in columns and cell.strip():
                row.values[h] = unicodedata.normalize("NFC", cell.strip())
        rows.append(row)
    return rows


def _workbook_rows(file: Path, grid: Grid, spec: TableSpec) -> list[Row]:
    """The rows below the header row; each cell read as the clerk sees it, located by its address."""
    def names(row: list) -> list[str]:
        return [_column_name(c, spec) if isinstance(c, str) else "" for c in row]

    # only the rows where a header may stand are read as column names (a sheet may hold 200.000 cells)
    header_at = next((i for i, row in enumerate(grid.rows[:HEADER_SEARCH]) if spec.key in names(row)),
                     next((i for i, row in enumerate(grid.rows) if any(isinstance(c, str) and c.strip() for c in row)),
                          None))
    if header_at is None:
        raise ThiduaError([Problem(file, f"trang tính '{grid.sheet}' trống", hint="điền bảng vào trang tính "
                                   "đầu tiên, hoặc chọn trang tính bằng --sheet")])
    header = names(grid.rows[header_at])
    columns = _check_header(file, header, spec, header_at + 1, grid.sheet)
    rows: list[Row] = []
    for index in range(header_at + 1, len(grid.rows)):
        cells = grid.rows[index]
        key = cells[columns[spec.key] - 1] if len(cells) >= columns[spec.key] else ""
        if key in ("", None) or (isinstance(key, str) and not key.strip()):
            if rows:
                break  # the table ends at the first row without a key: totals and footers lie below
            continue  # blank rows between the header and the first row
        row = Row(file, index + 1, {}, columns, sheet=grid.sheet)
        for column in header:
            error = grid.errors.get((index + 1, columns.get(column, 0)))
            if error:
                row.problem(column, f"ô có lỗi công thức {error}", "sửa công thức, hoặc gõ thẳng giá trị vào ô")
        for column, value in zip(header, cells):
            if value in ("", None) or column not in columns:
                continue
            try:
                text = cell_text(value, is_date=column in spec.date_columns,
                                 percent=(index + 1, columns[column]) in grid.percent)
            except ValueError as exc:
                row.problem(column, str(exc), "gõ lại giá trị của ô, ví dụ 1.250 hoặc 86,5")
                continue
            if text:
                row.values[column] = text
        unnamed = [i + 1 for i, c in enumerate(cells) if c not in ("", None) and (i >= len(header) or not header[i])]
        if unnamed:
            row.problem(None, f"ô {cell_address(row.line, unnamed[0])} có giá trị nhưng cột của nó không có tên",
                        "đặt tên cột ở dòng tiêu đề, hoặc xóa ô đó")
        rows.append(row)
    return rows


def _yaml_rows(file: Path, spec: TableSpec) -> list[Row]:
    data, node = yamlio.parse(file, read_text(file))
    if not isinstance(data, list) or not isinstance(node, yamlio.yaml.SequenceNode):
        raise ThiduaError([Problem(file, f"bảng phải là một danh sách, mỗi dòng một mục '- {spec.key}: …'", 1, 1)])
    rows = []
    for item, item_node in zip(data, node.value):
        line = item_node.start_mark.line + 1
        if not isinstance(item, dict) or not isinstance(item_node, yamlio.yaml.MappingNode):
            row = Row(file, line, {}, {})
            row.problem(None, "mỗi dòng của bảng cần các cặp 'cột: giá trị'", f"ví dụ: - {{{spec.key}: …}}")
            rows.append(row)
            continue
        columns = {_column_name(str(k.value), spec): k.start_mark.column + 1 for k, _ in item_node.value}
        lines = {_column_name(str(k.value), spec): k.start_mark.line + 1 for k, _ in item_node.value}
        row = Row(file, line, {}, columns, lines)
        for key, value in item.items():
            key = _column_name(str(key), spec)
            if not spec.valid_column(key):
                row.problem(key, f"cột '{key}' không hợp lệ", spec.column_hint)
            elif isinstance(value, (dict, list)):
                row.problem(key, "cần một giá trị (chữ hoặc số), không phải danh sách")
            elif value is not None and value is not False:
                row.values[key] = unicodedata.normalize("NFC", str(value)).strip()
        rows.append(row)
    return rows


def _check_values(row: Row, spec: TableSpec) -> None:
    for column, value in row.values.items():
        problem = yamlio.control_problem(row.file, value, *row.mark(column)[:2], column)
        if problem:
            row.problems.append(problem)
    if not row.values.get(spec.key) and not (row.problems and not row.values):
        row.problem(spec.key if spec.key in row.columns else None, f"thiếu {spec.key_label} (cột {spec.key})",
                    f"điền vào cột {spec.key}, hoặc xóa dòng này")
