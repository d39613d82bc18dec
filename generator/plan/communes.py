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

import datetime as dt
import re
from pathlib import Path
from typing import Any

from generator.core.characters import name_key
from generator.core.errors import Problem, ThiduaError
from generator.core.formatting import ascii_fold
from generator.core.positions import Marks
from generator.plan import tablerows
from generator.plan.tablerows import Row, TableSpec

COLUMNS = {
    "name": ("issuer", "name"), "level": ("issuer", "level"), "place": ("issuer", "place"),
    "number": ("number",), "date": ("date",), "signer": ("signer", "name"),
    "signer_title": ("signer", "title"), "authority": ("signer", "authority"),
}
FILE_COLUMN = "file"
_PATTERN_COLUMN = re.compile(r"^(target|event):[^\s:]+$")
COLUMN_HINT = ("các cột: " + ", ".join([*COLUMNS, FILE_COLUMN]) + ", target:<mã chỉ tiêu>, event:<mã sự kiện>")
MAX_STEM = 100  # characters of a file name: well under every file system's limit
DATE_COLUMNS = ("date",)


COMMUNES = TableSpec(
    key="name", key_label="tên xã, phường, đặc khu", valid_column=lambda name: valid_column(name),
    column_hint=COLUMN_HINT, empty_message="bảng không có dòng xã, phường nào",
    empty_hint="mỗi dòng dưới dòng tiêu đề là một xã, phường, đặc khu", date_columns=DATE_COLUMNS)


def valid_column(name: str) -> bool:
    return name in COLUMNS or name == FILE_COLUMN or bool(_PATTERN_COLUMN.match(name))


def read_rows(file: Path, sheet: str | None = None) -> list[Row]:
    """Every row of the communes table; table-wide problems raise, row problems stay on the row.
    `sheet` names a workbook's sheet (default: the first visible one)."""
    rows = tablerows.read_rows(file, COMMUNES, sheet)
    for row in rows:
        _check_events(row)
    return rows


def _check_events(row: Row) -> None:
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
