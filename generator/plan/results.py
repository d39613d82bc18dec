"""A report's inputs: the plan it reports on and the results sheet, read and checked.

The results sheet (Excel, CSV or YAML) has one row per target (and per unit, for a
province's report on its communes): `target` (the target's id), `result` (thực hiện),
optionally `base` (the figure a growth is measured from: cùng kỳ, năm trước, dự toán),
`name` (the unit), `note`. Vietnamese headers are read too ("Mã chỉ tiêu", "Thực hiện",
"Cùng kỳ", "Đơn vị", "Ghi chú"); "Chỉ tiêu", "Đơn vị tính", "Kế hoạch" may stand beside
them for the clerk's eyes and are not read. Figures are read the Vietnamese way, or as
Excel shows them; every problem is located, and a report is never built on a bad row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from generator.core.characters import name_key
from generator.core.errors import Problem, ThiduaError
from generator.core.filenames import PLAN_SUFFIXES
from generator.core.formatting import decimal_of
from generator.core.positions import Mark
from generator.plan.model import Plan, Target
from generator.plan.references import reference_problem
from generator.plan.sheets import WORKBOOK_SUFFIXES
from generator.plan.tablerows import Row, TableSpec, read_rows

if TYPE_CHECKING:
    from generator.plan.loader import Loaded

READ_COLUMNS = ("target", "result", "base", "name", "note")
SHOWN_COLUMNS = ("label", "unit", "value")  # for the clerk's eyes; the plan's own figures are used
RESULT_SUFFIXES = (*WORKBOOK_SUFFIXES, ".csv", ".txt", *PLAN_SUFFIXES)  # what a table may be saved as
COLUMN_HINT = ("các cột: target (mã chỉ tiêu), result (thực hiện), base (số liệu gốc), name (đơn vị), note "
               "(ghi chú); có thể để thêm cột label, unit, value (chỉ để xem)")
RESULTS = TableSpec(
    key="target", key_label="mã chỉ tiêu", valid_column=lambda c: c in READ_COLUMNS or c in SHOWN_COLUMNS,
    column_hint=COLUMN_HINT, empty_message="bảng kết quả không có dòng nào",
    empty_hint="mỗi dòng dưới dòng tiêu đề là kết quả của một chỉ tiêu",
    aliases={name_key(k): v for k, v in {
        "mã chỉ tiêu": "target", "mã": "target", "thực hiện": "result", "kết quả": "result",
        "kết quả thực hiện": "result", "cùng kỳ": "base", "năm trước": "base", "số liệu gốc": "base",
        "đơn vị": "name", "tên đơn vị": "name", "ghi chú": "note", "chỉ tiêu": "label", "tên chỉ tiêu": "label",
        "đơn vị tính": "unit", "đvt": "unit", "kế hoạch": "value"}.items()})


@dataclass(frozen=True)
class Result:
    target: str
    result: Decimal | None
    result_text: str  # as the clerk wrote it: printed as written
    base: Decimal | None
    base_text: str
    note: str
    mark: Mark


@dataclass
class ReportInputs:
    """What a report's tables are computed from; `files` are what the document depends on."""

    plan: Plan
    plan_file: Path
    whole: dict[str, Result]  # target id → the result of the whole (rows without a unit)
    units: dict[str, dict[str, Result]]  # unit name (as first written) → target id → result
    unit_values: dict[str, dict[str, str]]  # unit name → target id → the unit's own planned value (communes table)
    files: set[Path] = field(default_factory=set)


def report_inputs(loaded: Loaded) -> ReportInputs:
    """The linked plan and its results, checked; raise ThiduaError with every problem located."""
    from generator.plan.loader import load, problem_at  # the loader loads reports through this module

    source = loaded.plan.report
    assert source is not None

    def refused(key: str, message: str, hint: str = "") -> ThiduaError:
        return ThiduaError([problem_at(loaded.marks, ("report", key), loaded.file, message, hint)])

    def reference(key: str, value: str, suffixes: tuple[str, ...], what: str) -> Path:
        resolved, message, hint = reference_problem(loaded.file, value, suffixes)
        if resolved is None:
            raise refused(key, message, hint)
        if not resolved.is_file():
            raise refused(key, f"không tìm thấy {what} '{value}'", "ghi đường dẫn tính từ thư mục của báo cáo")
        return resolved

    linked_file = reference("plan", source.plan, (".yaml", ".yml"), "kế hoạch")
    linked = load(linked_file)
    if linked.plan.report is not None:
        raise refused("plan", f"'{source.plan}' là một báo cáo, không phải kế hoạch",
                      "trỏ tới tệp kế hoạch phát động thi đua")
    files = {linked_file} | {m.file for m in linked.marks.values() if m.file}
    targets = {t.id: t for t in linked.plan.all_targets() if t.id}
    inputs = ReportInputs(linked.plan, linked_file, {}, {}, {}, files)
    if source.table:
        table = reference("table", source.table, RESULT_SUFFIXES, "bảng xã, phường")
        inputs.unit_values = _unit_values(table, targets)
        files.add(table)
    if source.results:
        results_file = reference("results", source.results, RESULT_SUFFIXES, "bảng kết quả")
        files.add(results_file)
        _read_results(results_file, source.sheet, targets, inputs)
    return inputs


def _unit_values(table: Path, targets: dict[str, Target]) -> dict[str, dict[str, str]]:
    from generator.plan.communes import read_rows as read_communes

    values: dict[str, dict[str, str]] = {}
    for row in read_communes(table):
        if row.problems:
            raise ThiduaError(row.problems)
        own = {column.split(":", 1)[1]: value for column, value in row.values.items()
               if column.startswith("target:") and column.split(":", 1)[1] in targets}
        values[row.values["name"]] = own
    return values


def _figure(row: Row, column: str, target: Target | None) -> tuple[Decimal | None, str]:
    text = str(row.values.get(column, "")).strip()
    if not text:
        return None, ""
    if text.endswith("%"):  # "96%" typed for a target in %: the figure is 96
        if target is not None and target.unit != "%":
            row.problem(column, f"'{text}' ghi đơn vị %, nhưng chỉ tiêu tính bằng {target.unit or 'số'}",
                        "chỉ ghi con số, không kèm đơn vị")
            return None, text
        text = text[:-1].strip()
    try:
        return decimal_of(text), text
    except ValueError as exc:
        row.problem(column, str(exc), "gõ số kiểu Việt Nam (12.500; 72,89) hoặc để ô số trong Excel")
        return None, text


def _read_results(file: Path, sheet: str | None, targets: dict[str, Target], inputs: ReportInputs) -> None:
    rows = read_rows(file, RESULTS, sheet)
    known_units = {name_key(n): n for n in inputs.unit_values}
    first_row: dict[tuple[str, str], Row] = {}
    problems: list[Problem] = []
    for row in rows:
        target_id = str(row.values.get("target", ""))
        if target_id and target_id not in targets:
            row.problem("target", f"kế hoạch không có chỉ tiêu mã '{target_id}'",
                        "các mã chỉ tiêu: " + ", ".join(targets) if targets else
                        "thêm id cho các chỉ tiêu của kế hoạch (thidua lint nhắc chỉ tiêu chưa có id)")
        unit = str(row.values.get("name", ""))
        if unit and known_units and name_key(unit) not in known_units:
            row.problem("name", f"đơn vị '{unit}' không có trong bảng xã, phường của kế hoạch",
                        "sửa tên cho giống bảng xã, phường")
        unit = known_units.get(name_key(unit), unit) if unit else ""
        key = (name_key(unit), target_id)
        if target_id and key in first_row:
            earlier = first_row[key]
            row.problem("target", f"chỉ tiêu '{target_id}'{f' của {unit}' if unit else ''} đã có ở dòng {earlier.line}",
                        "mỗi chỉ tiêu (của mỗi đơn vị) một dòng: xóa dòng thừa")
        first_row.setdefault(key, row)
        result, result_text = _figure(row, "result", targets.get(target_id))
        base, base_text = _figure(row, "base", targets.get(target_id))
        problems += row.problems
        if row.problems:
            continue
        found = Result(target_id, result, result_text, base, base_text, str(row.values.get("note", "")),
                       row.mark("result"))
        if unit:
            inputs.units.setdefault(unit, {})[target_id] = found
        else:
            inputs.whole[target_id] = found
    if problems:
        raise ThiduaError(problems)
