"""What each table a section can print holds: targets, a report's results (for the whole or
unit by unit), rounds, registered titles. The layout is tables.py's; the verdicts are
core.assessment's, computed on the figures exactly as written.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.core import formatting as fmt
from generator.core.anniversaries import anniversary_text, resolve_event
from generator.core.assessment import Assessment, Verdict, assess
from generator.document.tables import Column, Row, Table
from generator.plan.model import Plan, Section, Target
from generator.plan.results import ReportInputs, Result

COLUMNS: dict[str, Column] = {
    "stt": Column("STT", 8),
    "label": Column("Chỉ tiêu", 32, "left"),
    "unit": Column("Đơn vị tính", 11),
    "base": Column("Cùng kỳ", 11),
    "value": Column("Kế hoạch", 16),
    "result": Column("Thực hiện", 12),
    "rate": Column("Tỷ lệ (%)", 10),
    "verdict": Column("Đánh giá", 12),
    "note": Column("Ghi chú", 14, "left"),
    "name": Column("Phong trào, đợt thi đua", 30, "left"),
    "period": Column("Thời gian", 24),
    "occasions": Column("Chào mừng các ngày kỷ niệm", 40, "left"),
    "title": Column("Danh hiệu thi đua", 50, "left"),
    "count": Column("Số lượng đăng ký", 20),
}
REGISTERED_HEADER = "Đăng ký"  # the value column of a registration


@dataclass(frozen=True)
class AssessedRow:
    """One target of a report, for the table and for the command's list."""

    unit: str  # "" for the whole
    target: Target
    planned: str  # the planned figure as printed (the unit's own, where a table gives one)
    result: Result | None
    assessment: Assessment


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def planned_text(target: Target, value: str | None = None, with_unit: bool = False) -> str:
    """The Kế hoạch cell: the comparison with its figure ("Từ 2.900 trở lên"), the unit in its own
    column unless `with_unit` (a table without one: "Đạt từ 2.900 tỷ đồng trở lên")."""
    value = value if value is not None else target.value
    if value is None:
        return ""
    figure = fmt.format_number(value)
    if target.value_to is not None:
        figure += f" {target.range_word} {fmt.format_number(target.value_to)}"
    if target.unit == "%":
        figure += "%"
    elif with_unit and target.unit:
        figure += f" {target.unit}"
    return _capital(target.compare.replace("…", figure).strip())


def _note(text: str) -> str:
    return text.strip().lstrip(";,.: ").strip()


def assessed_rows(report: ReportInputs, unit: str = "") -> list[AssessedRow]:
    """Every target of the reported plan with its result and verdict (for `unit`, or the whole)."""
    results = report.units.get(unit, {}) if unit else report.whole
    own_values = report.unit_values.get(unit, {}) if unit else {}
    rows = []
    for target in report.plan.all_targets():
        value = own_values.get(target.id or "", target.value)
        result = results.get(target.id or "")
        planned = fmt.decimal_of(value) if value is not None else None
        planned_to = fmt.decimal_of(target.value_to) if target.value_to is not None else None
        verdict = assess(target.compare, planned, planned_to, result.result if result else None,
                         result.base if result else None, target.unit == "%", target.label)
        rows.append(AssessedRow(unit, target, planned_text(target, value), result, verdict))
    return rows


def report_units(report: ReportInputs) -> list[str]:
    """The units of a province's report: the communes table's order, then any others in the results."""
    return list(dict.fromkeys([*report.unit_values, *report.units]))


def _cells(row: AssessedRow, columns: tuple[str, ...], number: str) -> list[str]:
    rate = row.assessment.rate
    result, target = row.result, row.target
    values = {
        "stt": number, "label": _capital(target.label), "unit": target.unit,
        "base": fmt.format_number(result.base_text) if result and result.base_text else "",
        "value": row.planned,
        "result": fmt.format_number(result.result_text) if result and result.result_text else "",
        "rate": fmt.decimal_text(rate) if rate is not None else "",
        "verdict": row.assessment.verdict.value,
        "note": _note(result.note if result and result.note else target.note),
    }
    return [values[c] for c in columns]


def _target_rows(plan: Plan, cells) -> list[Row]:
    """Every target as a row (`cells(target, number)`), numbered across groups, under heading rows
    when the plan has more than one group; a sub-target has no number."""
    rows: list[Row] = []
    number = 0
    for index, group in enumerate(plan.targets, start=1):
        if len(plan.targets) > 1:
            rows.append(Row([fmt.roman(index), _capital(group.title or f"Về {group.group}")], group=True))

        def walk(items: list[Target], depth: int) -> None:
            nonlocal number
            for target in items:
                if depth == 0:
                    number += 1
                rows.append(Row(cells(target, str(number) if depth == 0 else "")))
                walk(target.items, depth + 1)

        walk(group.items, 0)
    return rows


def targets_table(plan: Plan, section: Section) -> Table:
    columns = section.table_columns
    header = REGISTERED_HEADER if plan.kind == "BẢN ĐĂNG KÝ" else COLUMNS["value"].header

    def cells(target: Target, number: str) -> list[str]:
        values = {"stt": number, "label": _capital(target.label), "unit": target.unit,
                  "value": planned_text(target, with_unit="unit" not in columns), "note": _note(target.note)}
        return [values[c] for c in columns]

    return Table(_columns(columns, {"value": header}), _target_rows(plan, cells))


def results_table(report: ReportInputs, section: Section, unit: str = "") -> Table:
    columns = section.table_columns
    by_target = {id(r.target): r for r in assessed_rows(report, unit)}
    return Table(_columns(columns), _target_rows(report.plan,
                                                 lambda t, n: _cells(by_target[id(t)], columns, n)))


def units_table(report: ReportInputs, section: Section) -> Table:
    """Unit by unit: a heading row per unit, then its targets."""
    columns = section.table_columns
    rows: list[Row] = []
    for index, unit in enumerate(report_units(report), start=1):
        rows.append(Row([str(index), unit], group=True))
        for row in assessed_rows(report, unit):
            rows.append(Row(_cells(row, columns, "")))
    return Table(_columns(columns, {"label": "Đơn vị, chỉ tiêu"}), rows)


def rounds_table(plan: Plan, section: Section) -> Table:
    columns = section.table_columns
    rows = []
    for number, round_ in enumerate(plan.rounds, start=1):
        occasions = "; ".join(anniversary_text(e.name, e.since, plan.year)
                              for e in (resolve_event(o, plan) for o in round_.occasions))
        period = round_.period or f"Từ ngày {fmt.short_date(round_.start)} đến ngày {fmt.short_date(round_.end)}"
        values = {"stt": str(number), "name": round_.name, "period": _capital(period), "occasions": _capital(occasions)}
        rows.append(Row([values[c] for c in columns]))
    return Table(_columns(columns), rows)


def titles_table(plan: Plan, section: Section) -> Table:
    columns = section.table_columns
    rows: list[Row] = []
    registration = plan.registration
    assert registration is not None
    for index, (heading, entries) in enumerate((("Danh hiệu thi đua tập thể", registration.collective),
                                                ("Danh hiệu thi đua cá nhân", registration.individual)), start=1):
        if not entries:
            continue
        rows.append(Row([fmt.roman(index), heading], group=True))
        for number, entry in enumerate(entries, start=1):
            values = {"stt": str(number), "title": entry.title, "count": entry.count, "note": entry.note}
            rows.append(Row([values[c] for c in columns]))
    return Table(_columns(columns), rows)


def _columns(keys: tuple[str, ...], headers: dict[str, str] | None = None) -> list[Column]:
    headers = headers or {}
    return [Column(headers.get(k, COLUMNS[k].header), COLUMNS[k].weight, COLUMNS[k].align) for k in keys]


def results_sentence(report: ReportInputs) -> str:
    """"Trong 7 chỉ tiêu: 2 chỉ tiêu vượt, 2 chỉ tiêu đạt, 2 chỉ tiêu chưa đạt, 1 chỉ tiêu chưa có số liệu."."""
    rows = assessed_rows(report)
    counts = {verdict: sum(r.assessment.verdict is verdict for r in rows) for verdict in Verdict}
    parts = [f"{n:02d} chỉ tiêu {verdict.value.lower()}" for verdict, n in counts.items() if n]
    return f"Trong {len(rows):02d} chỉ tiêu: {', '.join(parts)}." if rows else ""


def fixed_table(section: Section) -> Table:
    """A table whose cells the plan writes: columns as wide as what they hold, text columns aligned left."""
    width = len(section.header)
    full = [row for row in section.rows if len(row) == width]
    columns = []
    for index, header in enumerate(section.header):
        cells = [header, *(row[index] for row in full)]
        longest = max((len(line) for cell in cells for line in cell.split("\n")), default=1)
        wordy = any(len(row[index]) > 12 for row in full)
        columns.append(Column(header, max(4, min(longest, 40)), "left" if wordy else "center"))
    rows = [Row(list(row), group=len(row) < width) for row in section.rows]
    return Table(columns, rows)


def section_table(plan: Plan, section: Section, report: ReportInputs | None) -> Table:
    kind = section.table
    if kind == "fixed":
        return fixed_table(section)
    if kind == "targets":
        return targets_table(plan, section)
    if kind == "rounds":
        return rounds_table(plan, section)
    if kind == "titles":
        return titles_table(plan, section)
    assert report is not None, "the model refuses results and units tables without report"
    return results_table(report, section) if kind == "results" else units_table(report, section)
