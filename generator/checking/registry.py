"""The rule registry of `thidua check`: statuses, results, severities and the `@rule` decorator.

Each rule is a small function of a `Reading` with its clause of the decree (or of the
family's guide), its severity, the families and kinds it applies to; a rule whose part was
not found is "not evaluable", never passed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from generator.checking.reading import Para, Reading, printed_width
from generator.core import nd30
from generator.core.families import STATE, Family, FamilyKey
from generator.word.text import is_drawn_rule


class Status(str, Enum):
    passed = "ĐẠT"
    failed = "SAI"
    unknown = "KHÔNG ĐÁNH GIÁ ĐƯỢC"
    notice = "LƯU Ý"
    not_applicable = "KHÔNG ÁP DỤNG"  # the rule does not apply to this document (no page 2, …): said, never a pass


@dataclass
class Result:
    ref: str
    rule: str
    status: Status
    detail: str = ""

    def __str__(self) -> str:
        text = f"[{self.status.value}] {self.ref} – {self.rule}"
        return f"{text}: {self.detail}" if self.detail else text



# ------------------------------------------------------------------ the registry


class Severity(str, Enum):
    error = "lỗi"  # a failure makes the document fail
    notice = "lưu ý"  # said, never a failure


ALL_KINDS: frozenset[str] = frozenset()  # empty: every kind of document


@dataclass(frozen=True)
class Rule:
    clause: str  # the item of Nghị định 30, e.g. "PL I §1", "PL I ô 5a"
    name: str  # what is checked, in Vietnamese; "{range}" is the family's allowed size of `part`
    check: Callable[[Reading], tuple[bool | None, str] | None]  # (ok, detail); ok None: not evaluable
    severity: Severity = Severity.error
    kinds: frozenset[str] = ALL_KINDS
    families: frozenset[FamilyKey] | None = None  # None: every family
    part: str | None = None  # the sized part whose source the family's guide names
    practice: str | None = None  # a family that lists this key among its `practice` gets a notice, not an error

    def clause_for(self, family: Family) -> str:
        if family.key is FamilyKey.state:
            return self.clause
        return family.source(self.part) if self.part else f"NĐ 30 {self.clause} (áp dụng chung)"

    def name_for(self, family: Family) -> str:
        if "{example}" in self.name:
            example = family.prefix("TM") if self.part == "signature" else \
                family.number_line(5, "KH", [family.example_symbol])
            return self.name.replace("{example}", example)
        if "{range}" not in self.name or self.part is None:
            return self.name
        allowed = family.allowed(self.part)
        sizes = f"{allowed.low:g}" if allowed.low == allowed.high else f"{allowed.low:g}–{allowed.high:g}"
        return self.name.replace("{range}", sizes)

    def run(self, reading: Reading) -> Result | None:
        family = reading.family
        if self.families is not None and family.key not in self.families:
            return None
        outcome = self.check(reading)
        if outcome is None:  # the rule does not apply to this document
            return None
        ok, detail = outcome
        clause, name = self.clause_for(family), self.name_for(family)
        if ok is NOT_APPLICABLE:
            return Result(clause, name, Status.not_applicable, detail)
        settled = not (self.practice and self.practice in family.practice)
        if not settled and ok is not True:  # practice, not a rule of the family's guide: said, never a failure
            why = detail if ok is False else f"không đánh giá được: {detail}"
            return Result(clause, name, Status.notice, f"{why} (thực tiễn; {family.short} không quy định rõ)")
        if self.severity is Severity.notice:
            return Result(clause, name, Status.notice, detail) if ok is False else None
        if ok is None:
            return Result(clause, name, Status.unknown, detail)
        return Result(clause, name, Status.passed if ok else Status.failed, "" if ok else detail)


RULES: list[Rule] = []
STATE_ONLY = frozenset({FamilyKey.state})
NOT_STATE = frozenset(set(FamilyKey) - {FamilyKey.state})


def rule(clause: str, name: str, severity: Severity = Severity.error, kinds: frozenset[str] = ALL_KINDS,
         families: frozenset[FamilyKey] | None = None, part: str | None = None, practice: str | None = None):
    """Register a check: `@rule("PL I §1", "khổ giấy A4")` above a function of a Reading."""
    def register(check: Callable[[Reading], tuple[bool | None, str] | None]):
        RULES.append(Rule(clause, name, check, severity, kinds, families, part, practice))
        return check
    return register


def unknown(why: str) -> tuple[None, str]:
    return None, why


NOT_APPLICABLE: Any = object()  # a check's outcome: this rule does not apply to this document


def not_applicable(why: str) -> tuple[Any, str]:
    return NOT_APPLICABLE, why


def sizes_in(p: Para, part: str, family: Family = STATE) -> bool:
    allowed = family.allowed(part)
    return bool(p.sizes()) and all(s in allowed for s in p.sizes())


def rule_ratio(paras: list[Para], above: Para | None, reference) -> tuple[float | None, str]:
    if above is None:
        return None, "không thấy dòng chữ phía trên đường kẻ"
    index = paras.index(above)
    below = paras[index + 1] if index + 1 < len(paras) else None
    if below is None or not is_drawn_rule(below.text):
        return None, "không thấy đường kẻ bằng ký tự gạch dưới (có thể là hình vẽ)"
    return printed_width(below) / printed_width(reference), ""


def ratio_verdict(paras, above, reference, allowed: nd30.Range) -> tuple[bool | None, str]:
    ratio, why = rule_ratio(paras, above, reference)
    if ratio is None:
        return unknown(why)
    return allowed.low <= ratio <= allowed.high, f"đường kẻ dài {ratio:.0%} dòng chữ"


# -- page (PL I §1)

NO_SECTIONS = "tệp không ghi thiết lập trang (khổ giấy, lề): Word dùng mặc định của máy"
