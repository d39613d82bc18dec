"""A communes table (CSV or YAML): one row per commune, each row a small override of a base plan.

Columns (CSV header or YAML keys):
  name, level, place, number, date, signer, signer_title, authority,
  target:<id>   the value of the target with that id,
  event:<key>   a local event, "dd/mm/yyyy; tên sự kiện" (or "yyyy; tên").
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from .errors import Problem, ThiduaError
from .formatting import ascii_fold
import yaml

from .loader import _Loader, read_text
from .positions import Mark

COLUMNS = {
    "name": ("issuer", "name"), "level": ("issuer", "level"), "place": ("issuer", "place"),
    "number": ("number",), "date": ("date",), "signer": ("signer", "name"),
    "signer_title": ("signer", "title"), "authority": ("signer", "authority"),
}


@dataclass
class Row:
    file: Path
    line: int  # line in the table file (CSV: the header is line 1)
    values: dict[str, Any]
    columns: dict[str, int]  # column number of each value, for located errors
    lines: dict[str, int] = field(default_factory=dict)  # YAML tables: one line per value

    def mark(self, column: str) -> Mark:
        return Mark(self.lines.get(column, self.line), self.columns.get(column), self.file)


def read_rows(file: Path) -> list[Row]:
    if file.suffix.lower() in (".yaml", ".yml"):
        return _yaml_rows(file)
    text = read_text(file)
    dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;\t") if text.strip() else csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    header = [h.strip() for h in next(reader)]
    problems = [Problem(file, f"cột '{h}' không hợp lệ", 1, i + 1, hint="các cột: " + ", ".join(COLUMNS)
                        + ", target:<mã chỉ tiêu>, event:<mã sự kiện>")
                for i, h in enumerate(header) if h not in COLUMNS and not re.match(r"^(target|event):\S+$", h)]
    if "name" not in header:
        problems.append(Problem(file, "thiếu cột 'name' (tên xã, phường, đặc khu)", 1, 1))
    if problems:
        raise ThiduaError(problems)
    rows = []
    for record in reader:
        if not any(cell.strip() for cell in record):
            continue
        line = reader.line_num
        values = {h: cell.strip() for h, cell in zip(header, record) if cell.strip()}
        rows.append(Row(file, line, values, {h: i + 1 for i, h in enumerate(header)}))
    return rows


def _yaml_rows(file: Path) -> list[Row]:
    text = read_text(file)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise ThiduaError([Problem(file, f"lỗi cú pháp YAML: {exc.problem}", mark and mark.line + 1,
                                   mark and mark.column + 1)]) from None
    finally:
        loader.dispose()
    if not isinstance(data, list) or not isinstance(node, yaml.SequenceNode):
        raise ThiduaError([Problem(file, "bảng phải là một danh sách, mỗi xã một mục '- name: …'", 1, 1)])
    rows = []
    for item, item_node in zip(data, node.value):
        if not isinstance(item, dict):
            raise ThiduaError([Problem(file, "mỗi dòng của bảng cần các cặp 'cột: giá trị'",
                                       item_node.start_mark.line + 1, 1)])
        columns = {k.value: k.start_mark.column + 1 for k, _ in item_node.value}
        lines = {k.value: k.start_mark.line + 1 for k, _ in item_node.value}
        rows.append(Row(file, item_node.start_mark.line + 1, {k: v for k, v in item.items() if v is not None},
                        columns, lines))
    return rows


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


def row_override(row: Row, base: dict) -> tuple[dict, dict]:
    """The row as a partial plan to merge onto the base, with its marks."""
    over: dict = {}
    marks: dict = {(): row.mark("name")}
    problems = []
    groups = _target_groups(base)

    def put(path: tuple, value, column: str):
        node = over
        for key in path[:-1]:
            node = node.setdefault(key, {})
            marks[tuple(path[: path.index(key) + 1])] = row.mark(column)
        node[path[-1]] = value
        marks[path] = row.mark(column)

    for column, value in row.values.items():
        if column in COLUMNS:
            if column == "number":
                try:
                    value = int(str(value))
                except ValueError:
                    problems.append(Problem(row.file, f"số văn bản '{value}' không phải số nguyên", row.line,
                                            row.columns.get(column), column))
                    continue
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
            group["items"].append({"id": target_id, "value": str(value)})
            index = (targets.index(group), "items", len(group["items"]) - 1)
            for path in (("targets",), ("targets", index[0]), ("targets", *index), ("targets", *index, "value")):
                marks[path] = row.mark(column)
        elif column.startswith("event:"):
            since, _, name = str(value).partition(";")
            events = over.setdefault("events", [])
            events.append({"key": column.split(":", 1)[1], "since": _year_or_text(since.strip()),
                           "name": name.strip()})
            for path in (("events",), ("events", len(events) - 1), ("events", len(events) - 1, "since"),
                         ("events", len(events) - 1, "name")):
                marks[path] = row.mark(column)
    if problems:
        raise ThiduaError(problems)
    return over, marks


def _year_or_text(text: str):
    return int(text) if text.isdigit() else text


def slug(text: str) -> str:
    """"Xã Tân Lập" → "xa-tan-lap": ASCII, lower case, no separators or dots."""
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(text).lower()).strip("-") or "van-ban"


def output_names(rows: list[tuple[str, str, int]]) -> Iterator[str]:
    """File names for (level, name, year) triples, never the same twice."""
    used: set[str] = set()
    for level, name, year in rows:
        stem = slug(f"{level} {name} {year}")
        candidate, n = stem, 2
        while candidate in used:
            candidate, n = f"{stem}-{n}", n + 1
        used.add(candidate)
        yield f"{candidate}.docx"
