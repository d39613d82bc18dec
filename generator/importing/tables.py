"""Tables in the body of a Word file.

- A table of targets (a heading row such as "STT | Chỉ tiêu | Đơn vị tính | Kế hoạch | Ghi chú",
  or "STT | Chỉ tiêu | Kế hoạch" with the unit beside the figure) becomes target groups printed
  as a table again (`table: targets`): each row's figure, unit and comparison are read from their
  columns, and a row is taken only if thidua's wording gives the cell back (letter case aside).
- Any other table (a report's results, a list of rounds, of titles) is kept cell for cell
  (`table: fixed`): rebuilt, it reads as it did.
- A table that cannot stand where it is (before the first heading, after a section's
  sub-sections) becomes one "-" point per row, and the import report says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from generator.core.characters import name_key
from generator.importing.common import Imported
from generator.importing.targets import FIGURE, UNITS, group_of_title
from generator.word.lines import Line

ROUND_HEADERS = {name_key(k): v for k, v in {
    "STT": "stt", "TT": "stt", "Phong trào, đợt thi đua": "name", "Đợt thi đua": "name", "Tên đợt thi đua": "name",
    "Thời gian": "period", "Chào mừng các ngày kỷ niệm": "occasions", "Nội dung": "occasions"}.items()}
HEADERS = {name_key(k): v for k, v in {
    "STT": "stt", "TT": "stt", "Chỉ tiêu": "label", "Nội dung": "label", "Tên chỉ tiêu": "label",
    "Đơn vị tính": "unit", "ĐVT": "unit", "Kế hoạch": "value", "Đăng ký": "value", "Chỉ tiêu năm": "value",
    "Ghi chú": "note"}.items()}
_VALUE = re.compile(rf"(?P<value>{FIGURE})(?:\s*(?P<word>-|đến)\s*(?P<value_to>{FIGURE}))?"
                    rf"(?P<unit>\s*(?:{'|'.join(re.escape(u) for u in UNITS)})(?![\w]))?")


@dataclass
class TableLine(Line):
    """A table of the body, as its rows of cells (a cell's paragraphs joined by a line break)."""

    rows: list[list[str]] = field(default_factory=list)


def body_tables(lines: list[Line]) -> list[Line]:
    """The body's lines with each table gathered into one TableLine."""
    out: list[Line] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.cell is None:
            out.append(line)
            index += 1
            continue
        table = line.cell[0]
        rows: dict[int, list[list[str]]] = {}
        while index < len(lines) and lines[index].cell is not None and lines[index].cell[0] == table:  # type: ignore[index]
            current = lines[index]
            _, row, column = current.cell  # type: ignore[misc]
            cells = rows.setdefault(row, [[] for _ in range(max(current.row_cells, column + 1))])
            while len(cells) <= column:
                cells.append([])
            cells[column].append(current.plain)
            index += 1
        texts = [["\n".join(cell) for cell in cells] for _, cells in sorted(rows.items())]
        flat = " | ".join(" ".join(row) for row in texts)
        out.append(TableLine(flat, flat, rows=texts))
    return out


def as_points(table: TableLine, imported: Imported) -> list[Line]:
    """A table where no section can hold it: one "-" point per row, the row number left out."""
    texts = table.rows
    if texts and not any(re.search(r"\d", cell) for cell in texts[0][1:]):
        imported.table_headings.append(" | ".join(texts[0]))
        texts = texts[1:]
    out = []
    for number, cells in enumerate(texts):
        if cells and cells[0].strip().rstrip(".").isdigit() and len(cells) > 1:
            cells = cells[1:]
        joined = " ".join(c.replace("\n", " ") for c in cells if c)
        if joined:
            end = "." if number == len(texts) - 1 else ";"
            text = f"- {joined.rstrip(' ;.')}{end}"
            out.append(Line(text, text))
    return out


def fixed(table: TableLine) -> dict[str, Any]:
    return {"table": "fixed", "header": table.rows[0], "rows": table.rows[1:]}


def targets_of(table: TableLine, title: str | None = None) -> tuple[list[dict], dict[str, Any]] | None:
    """(target groups, the section's table fields) of a table of targets, or None; `title`: the
    heading the table stands under ("Về kinh tế" names the group of a table without heading rows)."""
    from generator.document.body_tables import planned_text
    from generator.plan.model import TABLE_COLUMNS, Target

    header = table.rows[0] if table.rows else []
    keys = [HEADERS.get(name_key(cell)) for cell in header]
    if None in keys or "label" not in keys or "value" not in keys or len(set(keys)) != len(keys):
        return None
    unit_column = "unit" in keys
    groups: list[dict] = []
    current: dict | None = None
    for row in table.rows[1:]:
        if len(row) < len(header):  # a heading row: "I | Về kinh tế"
            title = row[-1].strip()
            group = group_of_title(title)
            if group is None:
                return None
            current = {"group": group, "items": []}
            if title != f"Về {group}":
                current["title"] = title
            groups.append(current)
            continue
        cells = {key: text for key, text in zip(keys, row) if key is not None}
        target = _target(cells, unit_column)
        if target is None:
            return None
        model = Target.model_validate(target)
        shown = planned_text(model, with_unit=not unit_column)
        if shown.casefold() != cells["value"].strip().casefold() or \
                (unit_column and model.unit != cells.get("unit", "").strip()):
            return None
        if current is None:
            current = {"group": group_of_title(title or "") or "khác", "items": []}
            groups.append(current)
        if cells.get("stt", "x").strip() == "" and current["items"]:  # no number: a sub-target of the one above
            current["items"][-1].setdefault("items", []).append(target)
        else:
            current["items"].append(target)
    if not groups or not all(g["items"] for g in groups):
        return None
    section: dict[str, Any] = {"table": "targets"}
    if tuple(keys) != TABLE_COLUMNS["targets"][0]:
        section["columns"] = keys
    return groups, section


def _target(cells: dict[str, str], unit_column: bool) -> dict | None:
    label = cells["label"].strip().replace("\n", " ")
    value_cell = cells["value"].strip()
    if not label:
        return None
    target: dict[str, Any] = {"label": label}
    if cells.get("note", "").strip():
        target["note"] = cells["note"].strip().replace("\n", " ")
    if unit_column and cells.get("unit", "").strip():
        target["unit"] = cells["unit"].strip()
    if not value_cell:
        return target
    matches = list(_VALUE.finditer(value_cell))
    if len(matches) != 1:
        return None  # no figure, or several: the cell is not one target's figure
    match = matches[0]
    unit = (match.group("unit") or "").strip()
    if unit and not unit_column:
        target["unit"] = unit
    elif unit and unit != "%":
        return None  # a unit beside the figure and in its own column: not the shape thidua prints
    elif unit == "%":
        target["unit"] = "%"
    target["value"] = match.group("value")
    if match.group("value_to"):
        target["value_to"] = match.group("value_to")
        if match.group("word") == "đến":
            target["range_word"] = "đến"
    compare = value_cell[:match.start()] + "…" + value_cell[match.end():]
    target["compare"] = compare[:1].lower() + compare[1:] if compare[:1].isupper() and compare[1:2].islower() \
        else compare
    return target


def rounds_of(table: TableLine, year: int) -> tuple[list[dict], dict[str, Any]] | None:
    """(rounds, the section's table fields) of a table of rounds as thidua prints one, or None:
    each row's dates and anniversaries are read back only if thidua prints the row the same way."""
    from generator.document.body_tables import rounds_table
    from generator.importing.common import Node, probe_plan
    from generator.importing.rounds import round_of
    from generator.plan.model import TABLE_COLUMNS, Section

    header = table.rows[0] if table.rows else []
    keys = [ROUND_HEADERS.get(name_key(cell)) for cell in header]
    if None in keys or "name" not in keys or "period" not in keys or len(set(keys)) != len(keys):
        return None
    rounds = []
    for row in table.rows[1:]:
        cells = {key: text.replace("\n", " ").strip() for key, text in zip(keys, row) if key is not None}
        if len(row) < len(header) or not cells.get("name") or not cells.get("period"):
            return None
        period = cells["period"][:1].lower() + cells["period"][1:]
        occasions = cells.get("occasions", "")
        found = round_of(Node("1.", text=f"{cells['name']} ({period}): {occasions}"), year)
        if found is None:
            return None
        for key in ("intro", "outro", "emphasis"):
            found.pop(key, None)
        rounds.append(found)
    columns = [k for k in keys if k is not None]
    section: dict[str, Any] = {"table": "rounds"}
    if tuple(columns) != TABLE_COLUMNS["rounds"][0]:
        section["columns"] = columns
    try:
        probe = probe_plan(year, rounds=rounds)
        printed = rounds_table(probe, Section.model_validate({"title": "x", **section}))
    except ValueError:
        return None
    if [[c.casefold() for c in r.cells] for r in printed.rows] != \
            [[c.replace("\n", " ").strip().casefold() for c in row] for row in table.rows[1:]]:
        return None
    return rounds, section
