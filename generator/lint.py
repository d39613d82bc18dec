"""Warnings about a plan that is valid but probably stale or wrong (`thidua lint`).

They matter most after `thidua new-year`: references dated in an earlier year, years
written literally in text, anniversaries outside their round, targets carried over.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .anniversaries import anniversary_date, resolve_event
from .loader import Loaded, format_path, locate
from .model import PRE_2025_LEVELS, REFORM_DATE, Target
from .wording import target_text

_DATED = re.compile(r"ngày\s+\d{1,2}\s*/\s*\d{1,2}\s*/\s*(\d{4})|ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+(\d{4})")
_YEAR = re.compile(r"(?<![\d/.,])(1[89]\d\d|20\d\d)(?![\d/])")
_PERIOD = re.compile(r"\b\d{4}\s*[-–]\s*\d{4}\b")  # "giai đoạn 2021 - 2025" is a period, not a plan year
_EXPRESSION = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")
REFERENCE_FIELDS = ("legal_bases", "preamble")
NOT_TEXT = {"id", "key", "since", "start", "end", "template", "event", "level", "kind", "symbol", "group",
            "emphasis", "numbering", "unit", "range_word", "value", "value_to", "number", "year", "day", "month"}


@dataclass(frozen=True)
class Finding:
    file: Path | None
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}, dòng {self.line}" if self.line else str(self.file or "")
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


def _finding(loaded: Loaded, path: tuple, message: str) -> Finding:
    mark = locate(loaded.marks, path)
    return Finding(mark.file or loaded.file, mark.line, format_path(path), message)


def text_fields(data, path=()) -> Iterator[tuple[tuple, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in NOT_TEXT:
                yield from text_fields(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from text_fields(value, path + (i,))
    elif isinstance(data, str):
        yield path, data


def lint(loaded: Loaded, previous: Loaded | None = None) -> list[Finding]:
    plan, findings = loaded.plan, []

    def add(path: tuple, message: str) -> None:
        findings.append(_finding(loaded, path, message))

    if plan.issuer.level in PRE_2025_LEVELS:
        issued_after = plan.date and plan.date.year and plan.date.month and \
            dt.date(plan.date.year, plan.date.month, 1) >= REFORM_DATE
        if plan.year > 2025 or issued_after:
            add(("issuer", "level"), f"cấp '{plan.issuer.level.value}' không còn từ 01/7/2025; văn bản mới "
                "dùng cấp tỉnh, thành phố, xã, phường hoặc đặc khu")

    for path, text in text_fields(loaded.raw):
        literal = _EXPRESSION.sub(" ", text)
        dated = sorted({int(a or b) for a, b in _DATED.findall(literal)})
        old = [y for y in dated if y < plan.year]
        if path[0] in REFERENCE_FIELDS and old:
            add(path, f"văn bản căn cứ ghi ngày năm {', '.join(map(str, old))}: kiểm tra lại văn bản "
                f"áp dụng cho năm {plan.year}")
            continue
        literal = _PERIOD.sub(" ", _DATED.sub(" ", literal))
        years = sorted({int(y) for y in _YEAR.findall(literal) if plan.year - 1 <= int(y) <= plan.year})
        if years:
            add(path, f"năm ghi cứng {', '.join(map(str, years))} trong đoạn chữ: viết "
                "{{ year }} hoặc {{ year - 1 }} để tự đổi khi sang năm mới")

    for r, round_ in enumerate(plan.rounds):
        for o, occasion in enumerate(round_.occasions):
            event = resolve_event(occasion, plan)
            path = ("rounds", r, "occasions", o)
            if event.base_year >= plan.year:
                add(path, f"sự kiện '{event.name}' chưa diễn ra vào năm {plan.year}")
            elif isinstance(event.since, dt.date):
                day = anniversary_date(event.since, plan.year)
                if not round_.start <= day <= round_.end:
                    add(path, f"ngày kỷ niệm {day:%d/%m/%Y} nằm ngoài thời gian của đợt "
                        f"({round_.start:%d/%m/%Y} - {round_.end:%d/%m/%Y})")
    if previous is not None:
        findings += _carried_targets(loaded, previous)
    return sorted(findings, key=lambda f: (str(f.file), f.line or 0, f.field))


def _all_targets(loaded: Loaded) -> Iterator[tuple[tuple, Target]]:
    def walk(targets, path):
        for i, target in enumerate(targets):
            yield path + (i,), target
            yield from walk(target.items, path + (i, "items"))

    for g, group in enumerate(loaded.plan.targets):
        yield from walk(group.items, ("targets", g, "items"))


def _carried_targets(loaded: Loaded, previous: Loaded) -> list[Finding]:
    before = {(t.id or t.label): t for _, t in _all_targets(previous)}
    findings = []
    for path, target in _all_targets(loaded):
        old = before.get(target.id or target.label)
        if old is not None and target.value is not None and (old.value, old.value_to) == (target.value, target.value_to):
            findings.append(_finding(loaded, path, f"chỉ tiêu giữ nguyên số liệu năm {previous.plan.year}: "
                                              f"«{target_text(target)}»"))
    return findings

