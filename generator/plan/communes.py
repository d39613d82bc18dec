"""A communes table (Excel workbook, CSV or YAML): one row per commune, each row a small
override of a base plan.

Columns (the header row of a sheet or a CSV, or YAML keys):
  name, level, place, number, date, signer, signer_title, authority,
  file          the output file name when two names would fold to the same one,
  target:<id>   the value of the target with that id,
  event:<key>   a local event, "dd/mm/yyyy; tên sự kiện" (or "yyyy; tên").

A table is checked like a plan: every problem of a row is located (file, line, column)
(a workbook's by cell address) and only that row is left out; problems of the table as
a whole stop the batch.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.core.characters import name_key
from generator.core.errors import Problem, ThiduaError, cell_address
from generator.core.formatting import ascii_fold
from generator.core.positions import Mark, Marks
from generator.plan import yamlio
from generator.plan.loader import non_empty, read_bytes, read_text
from generator.plan.sheets import WORKBOOK_SUFFIXES, Grid, cell_text, decode_table, read_workbook

COLUMNS = {
    "name": ("issuer", "name"), "level": ("issuer", "level"), "place": ("issuer", "place"),
    "number": ("number",), "date": ("date",), "signer": ("signer", "name"),
    "signer_title": ("signer", "title"), "authority": ("signer", "authority"),
}
FILE_COLUMN = "file"
_PATTERN_COLUMN = re.compile(r"^(target|event):[^\s:]+$")
COLUMN_HINT = ("các cột: " + ", ".join([*COLUMNS, FILE_COLUMN]) + ", target:<mã chỉ tiêu>, event:<mã sự kiện>")
MAX_STEM = 100  # characters of a file name: well under every file system's limit
HEADER_SEARCH = 20  # rows of a sheet searched for the header row (a title may stand above it)
DATE_COLUMNS = ("date",)


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


ROW_NUMBER_COLUMNS = ("stt", "tt", "số tt", "số thứ tự")  # the clerk's own row numbers: read past, never printed


def row_number_column(name: str) -> bool:
    return name.casefold().strip(" .") in ROW_NUMBER_COLUMNS


def valid_column(name: str) -> bool:
    return name in COLUMNS or name == FILE_COLUMN or bool(_PATTERN_COLUMN.match(name))


def read_rows(file: Path, sheet: str | None = None) -> list[Row]:
    """Every row of the table; table-wide problems raise, row problems stay on the row.
    `sheet` names a workbook's sheet (default: the first visible one)."""
    suffix = file.suffix.lower()
    if sheet is not None and suffix not in WORKBOOK_SUFFIXES:
        raise ThiduaError([Problem(file, "chỉ tệp Excel (.xlsx, .xls, .ods) mới có trang tính",
                                   hint="bỏ --sheet, hoặc chọn tệp Excel")])
    if suffix in (".yaml", ".yml"):
        rows = _yaml_rows(file)
    elif suffix in WORKBOOK_SUFFIXES:
        rows = _workbook_rows(file, read_workbook(file, sheet))
    else:
        rows = _csv_rows(file)
    if not rows:
        raise ThiduaError([Problem(file, "bảng không có dòng xã, phường nào", hint="mỗi dòng dưới dòng tiêu đề "
                                   "là một xã, phường, đặc khu")])
    for row in rows:
        _check_values(row)
    return rows


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","  # a single column: any delimiter reads it


def _check_header(file: Path, header: list[str], line: int = 1, sheet: str | None = None) -> dict[str, int]:
    """Column number of each column name; a bad header stops the whole table."""
    def at(column: int, message: str, hint: str) -> Problem:
        return Problem(file, message, line, column, hint=hint, sheet=sheet)

    problems = [at(i + 1, f"cột '{h}' không hợp lệ", COLUMN_HINT) for i, h in enumerate(header)
                if h and not valid_column(h) and not row_number_column(h)]
    last = max((i for i, h in enumerate(header) if h), default=-1)
    problems += [at(i + 1, "cột không có tên", "xóa cột trống hoặc đặt tên cột")
                 for i, h in enumerate(header) if not h and i < last]
    seen: dict[str, int] = {}
    for i, h in enumerate(header):
        if h and h in seen:
            problems.append(at(i + 1, f"cột '{h}' xuất hiện hai lần (cột {seen[h]} và cột {i + 1})",
                               "xóa một trong hai cột"))
        seen.setdefault(h, i + 1)
    if "name" not in header:
        problems.append(at(1, "thiếu cột 'name' (tên xã, phường, đặc khu)", COLUMN_HINT))
    if problems:
        raise ThiduaError(problems)
    return {h: i + 1 for i, h in enumerate(header) if h and not row_number_column(h)}


def _csv_rows(file: Path) -> list[Row]:
    text = non_empty(file, decode_table(file, read_bytes(file)))
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(first), strict=True)
    try:
        header = [unicodedata.normalize("NFC", h.strip()) for h in next(reader)]
    except (csv.Error, StopIteration) as exc:
        raise ThiduaError([Problem(file, f"không đọc được dòng tiêu đề của bảng ({exc})", 1, 1)]) from None
    columns = _check_header(file, header)
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


def _workbook_rows(file: Path, grid: Grid) -> list[Row]:
    """The rows below the header row; each cell read as the clerk sees it, located by its address."""
    texts = [[str(c).strip() if isinstance(c, str) else "" for c in row] for row in grid.rows]
    header_at = next((i for i, row in enumerate(texts[:HEADER_SEARCH]) if "name" in row),
                     next((i for i, row in enumerate(texts) if any(row)), None))
    if header_at is None:
        raise ThiduaError([Problem(file, f"trang tính '{grid.sheet}' trống", hint="điền bảng xã, phường vào "
                                   "trang tính đầu tiên, hoặc chọn trang tính bằng --sheet")])
    header = [unicodedata.normalize("NFC", h) for h in texts[header_at]]
    columns = _check_header(file, header, header_at + 1, grid.sheet)
    rows: list[Row] = []
    for index in range(header_at + 1, len(grid.rows)):
        cells = grid.rows[index]
        name = cells[columns["name"] - 1] if len(cells) >= columns["name"] else ""
        if name in ("", None) or (isinstance(name, str) and not name.strip()):
            if rows:
                break  # the table ends at the first row without a name: totals and footers lie below
            continue  # blank rows between the header and the first commune
        row = Row(file, index + 1, {}, columns, sheet=grid.sheet)
        for column in header:
            error = grid.errors.get((index + 1, columns.get(column, 0)))
            if error:
                row.problem(column, f"ô có lỗi công thức {error}", "sửa công thức, hoặc gõ thẳng giá trị vào ô")
        for column, value in zip(header, cells):
            if value in ("", None) or column not in columns:
                continue
            try:
                text = cell_text(value, is_date=column in DATE_COLUMNS,
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


def _yaml_rows(file: Path) -> list[Row]:
    data, node = yamlio.parse(file, read_text(file))
    if not isinstance(data, list) or not isinstance(node, yamlio.yaml.SequenceNode):
        raise ThiduaError([Problem(file, "bảng phải là một danh sách, mỗi xã một mục '- name: …'", 1, 1)])
    rows = []
    for item, item_node in zip(data, node.value):
        line = item_node.start_mark.line + 1
        if not isinstance(item, dict) or not isinstance(item_node, yamlio.yaml.MappingNode):
            row = Row(file, line, {}, {})
            row.problem(None, "mỗi dòng của bảng cần các cặp 'cột: giá trị'", "ví dụ: - {name: Tân Lập, level: xã}")
            rows.append(row)
            continue
        columns = {str(k.value): k.start_mark.column + 1 for k, _ in item_node.value}
        lines = {str(k.value): k.start_mark.line + 1 for k, _ in item_node.value}
        row = Row(file, line, {}, columns, lines)
        for key, value in item.items():
            key = str(key)
            if not valid_column(key):
                row.problem(key, f"cột '{key}' không hợp lệ", COLUMN_HINT)
            elif isinstance(value, (dict, list)):
                row.problem(key, "cần một giá trị (chữ hoặc số), không phải danh sách")
            elif value is not None and value is not False:
                row.values[key] = unicodedata.normalize("NFC", str(value)).strip()
        rows.append(row)
    return rows


def _check_values(row: Row) -> None:
    # level and authority in any case ("Xã", as Excel's AutoCorrect writes it): the model reads them so
    for column, value in row.values.items():
        problem = yamlio.control_problem(row.file, value, *row.mark(column)[:2], column)
        if problem:
            row.problems.append(problem)
    if not row.values.get("name") and not (row.problems and not row.values):
        row.problem("name" if "name" in row.columns else None, "thiếu tên xã, phường, đặc khu (cột name)",
                    "điền tên vào cột name, hoặc xóa dòng này")
    for column, value in row.values.items():
        if column.startswith("event:"):
            since, _, name = value.partition(";")
            if not since.strip() or not name.strip():
                row.problem(column, "sự kiện cần ghi 'ngày; tên sự kiện'",
                            "ví dụ: 09/05/1961; Ngày Bác Hồ về thăm đảo Cô Tô")


def same_commune_twice(rows: list[Row]) -> set[int]:
    """Rows naming one commune twice ("Hải Hòa" and "Hải Hoà", "Tân Lập" and "tân lập"):
    each gets a problem, whatever file name they would have."""
    owners: dict[tuple[str, str], list[Row]] = {}
    twice: set[int] = set()
    for row in rows:
        if row.values.get("name"):
            key = (name_key(row.values.get("level", "")), name_key(row.values["name"]))
            owners.setdefault(key, []).append(row)
    for same in owners.values():
        if len(same) > 1:
            where = ", ".join(str(r.line) for r in same)
            twice.update(id(r) for r in same)
            for row in same:
                row.problem("name", f"các dòng {where} ghi cùng một xã, phường (tên chỉ khác chữ hoa hoặc cách bỏ dấu)",
                            "xóa dòng thừa, hoặc sửa tên cho đúng")
    return twice


def output_names(rows: list[Row], level: str, year: int) -> list[str | None]:
    """One file name per row; rows whose names fold together get a problem each (None)."""
    twice = same_commune_twice(rows)
    names: list[str | None] = []
    owners: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        explicit = row.values.get(FILE_COLUMN)
        stem = slug(explicit) if explicit else slug(f"{row.values.get('level', level)} "
                                                    f"{row.values.get('name', '')} {year}")
        stem = stem[:MAX_STEM].rstrip("-")
        names.append(f"{stem}.docx")
        owners.setdefault(stem, []).append(i)
    for stem, indexes in owners.items():
        if len(indexes) < 2:
            continue
        lines = ", ".join(str(rows[i].line) for i in indexes)
        for i in indexes:
            names[i] = None
            if id(rows[i]) in twice:
                continue  # already told: the same commune twice
            rows[i].problem(FILE_COLUMN if FILE_COLUMN in rows[i].values else "name",
                            f"các dòng {lines} cùng cho ra tệp '{stem}.docx' (tên trùng hoặc chỉ khác dấu)",
                            "thêm cột 'file' ghi tên tệp riêng cho từng dòng, ví dụ: xa-tan-lap-thanh-son")
    return names


def row_override(row: Row, base: dict) -> tuple[dict, dict, list[str]]:
    """The row as a partial plan to merge onto the base, its marks, and its event keys."""
    over: dict = {}
    marks = Marks({(): row.mark("name")})
    problems = []
    groups = _target_groups(base)
    event_keys: list[str] = []

    def put(path: tuple, value, column: str):
        node = over
        for depth, key in enumerate(path[:-1]):
            node = node.setdefault(key, {})
            marks[tuple(path[: depth + 1])] = row.mark(column)
        node[path[-1]] = value
        marks[path] = row.mark(column)

    for column, value in row.values.items():
        if column in COLUMNS:
            put(COLUMNS[column], value, column)
        elif column.startswith("target:"):
            target_id = column.split(":", 1)[1]
            if target_id not in groups:
                problems.append(Problem(row.file, f"kế hoạch gốc không có chỉ tiêu mã '{target_id}'", row.line,
                                        row.columns.get(column), column, "kiểm tra id của chỉ tiêu trong kế hoạch gốc"))
                continue
            targets = over.setdefault("targets", [])
            group = next((g for g in targets if g["id"] == groups[target_id]), None)
            if group is None:
                group = {"id": groups[target_id], "items": []}
                targets.append(group)
            group["items"].append({"id": target_id, "value": value})
            index = (targets.index(group), "items", len(group["items"]) - 1)
            for path in (("targets",), ("targets", index[0]), ("targets", *index), ("targets", *index, "value")):
                marks[path] = row.mark(column)
        elif column.startswith("event:"):
            since, _, name = value.partition(";")
            key = column.split(":", 1)[1]
            event_keys.append(key)
            events = over.setdefault("events", [])
            events.append({"key": key, "since": since.strip(), "name": name.strip()})
            event_paths: tuple[tuple, ...] = (("events",), ("events", len(events) - 1),
                                              ("events", len(events) - 1, "since"), ("events", len(events) - 1, "name"))
            for event_path in event_paths:
                marks[event_path] = row.mark(column)
    if problems:
        raise ThiduaError(problems)
    return over, marks, event_keys


def _target_groups(base: dict) -> dict[str, str]:
    """Target id → id of the group that holds it (targets nest inside groups)."""
    found = {}

    def walk(items, group_id):
        for item in items or []:
            if isinstance(item, dict):
                if item.get("id"):
                    found[str(item["id"])] = group_id
                walk(item.get("items"), group_id)

    for group in base.get("targets") or []:
        if isinstance(group, dict) and group.get("id"):
            walk(group.get("items"), str(group["id"]))
    return found


def _mentions(data: Any, key: str) -> bool:
    """Whether the plan already cites event `key` (an occasion or an anniversary('key') expression)."""
    if isinstance(data, dict):
        return data.get("event") == key or any(_mentions(v, key) for v in data.values())
    if isinstance(data, list):
        return any(_mentions(v, key) for v in data)
    return isinstance(data, str) and "{{" in data and (f"'{key}'" in data or f'"{key}"' in data)


def place_row_events(merged: dict, row: Row, keys: list[str]) -> None:
    """A row's own event reaches the document: when the plan does not cite it already,
    it is added to the round whose dates hold its anniversary; otherwise it is an error."""
    from generator.core.anniversaries import anniversary_date
    from generator.plan.model import _parse_date

    year = merged.get("year")
    for key in keys:
        if _mentions(merged, key):
            continue
        column = f"event:{key}"
        since_text = row.values.get(column, "").partition(";")[0].strip()
        try:
            since = _parse_date(since_text)
        except ValueError:
            since = None  # a year alone, or a wrong date that validation reports
        found = merged.get("rounds")
        rounds: list = found if isinstance(found, list) else []
        target = None
        if isinstance(since, dt.date) and str(year).isdigit():
            day = anniversary_date(since, int(str(year)))
            for round_ in rounds:
                try:
                    start, end = _parse_date(round_.get("start")), _parse_date(round_.get("end"))
                except (AttributeError, ValueError, TypeError):
                    continue
                if isinstance(start, dt.date) and isinstance(end, dt.date) and start <= day <= end:
                    target = round_
                    break
        if target is None:
            row.problem(column, f"sự kiện '{key}' của dòng này không được in ở đâu: không đợt thi đua nào "
                        "của kế hoạch gốc chứa ngày kỷ niệm của nó",
                        f"thêm vào kế hoạch gốc một ngày kỷ niệm 'event: {key}', hoặc bỏ cột này")
            continue
        # copies: the merged plan shares the base's objects, which the other rows use too
        occasions = target.get("occasions")
        placed = {**target, "occasions": [*(occasions if isinstance(occasions, list) else []), {"event": key}]}
        merged["rounds"] = [placed if r is target else r for r in rounds]


def slug(text: str) -> str:
    """"Xã Tân Lập" → "xa-tan-lap": ASCII, lower case, no separators or dots."""
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(text).lower()).strip("-") or "van-ban"
