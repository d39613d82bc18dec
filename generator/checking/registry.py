"""The rule registry of `thidua check`: statuses, results, severities and the `@rule` decorator.

Each rule is a small function of a `Reading` with its clause of the decree (or of the
family's guide), its severity, the families and kinds it applies to; a rule whose part was
not found is "not evaluable", never passed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from docx.oxml.ns import qn

from generator.checking.paragraph import Para
from generator.checking.reading import Reading
from generator.core import nd30
from generator.core.families import DEFAULT, ND30_FAMILIES, OWN_GUIDE_FAMILIES, Family, FamilyKey
from generator.core.metrics import CELL_MARGINS_PT, text_width_pt
from generator.word.drawn import bottom_border_width, cell_width_pt, shape_line_width
from generator.word.text import is_drawn_rule


class Status(str, Enum):
    passed = "ĐẠT"
    failed = "SAI"
    unknown = "KHÔNG ĐÁNH GIÁ ĐƯỢC"
    notice = "LƯU Ý"
    not_applicable = "KHÔNG ÁP DỤNG"  # the rule does not apply to this document (no page 2, …): said, never a pass


@dataclass
class Result:
    ref: str  # the clause, in the decree's (or the family guide's) own terms
    rule: str
    status: Status
    detail: str = ""
    id: str = ""  # the rule's stable id ("quoc-hieu.kieu-chu")
    basis: str = ""  # "quy định" or "thực tiễn"

    def __str__(self) -> str:
        text = f"[{self.status.value}] {self.ref} – {self.rule}"
        return f"{text}: {self.detail}" if self.detail else text


# ------------------------------------------------------------------ the registry


class Severity(str, Enum):
    error = "lỗi"  # a failure makes the document fail
    notice = "lưu ý"  # said, never a failure


ALL_KINDS: frozenset[str] = frozenset()  # empty: every kind of document


class Basis(str, Enum):
    law = "quy định"  # written in the decree or in the family's guide
    practice = "thực tiễn"  # what reviewers ask for, written nowhere: its failures are still said


RULE_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)+$")


@dataclass(frozen=True)
class Rule:
    id: str  # stable, for scripts and for a reviewer's reference: "part.what" in unaccented Vietnamese
    clause_key: str  # a key of nd30.CLAUSES: where the decree says it
    name: str  # what is checked, in Vietnamese; "{range}" is the family's allowed size of `part`
    check: Callable[[Reading], tuple[bool | None, str] | None]  # (ok, detail); ok None: not evaluable
    severity: Severity = Severity.error
    kinds: frozenset[str] = ALL_KINDS
    families: frozenset[FamilyKey] | None = None  # None: every family
    part: str | None = None  # the sized part whose source the family's guide names
    practice: str | None = None  # a family that lists this key among its `practice` gets a notice, not an error

    def __post_init__(self) -> None:
        if not RULE_ID.match(self.id) or self.clause_key not in nd30.CLAUSES:
            raise ValueError(f"rule {self.id!r}: bad id or clause {self.clause_key!r}")

    @property
    def clause(self) -> str:
        return nd30.CLAUSES[self.clause_key]

    @property
    def basis(self) -> Basis:
        return Basis.practice if self.clause_key == "practice" else Basis.law

    def clause_for(self, family: Family) -> str:
        if family.guide_is_nd30 or self.basis is Basis.practice:
            return self.clause
        return family.source(self.part) if self.part else f"NĐ 30, {self.clause} (áp dụng chung)"

    def name_for(self, family: Family, kind: str | None = None) -> str:
        if "{operative}" in self.name:
            layout = nd30.KIND_LAYOUTS.get(kind or "")
            return self.name.replace("{operative}", layout.operative if layout and layout.operative else "QUYẾT ĐỊNH:")
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
        if self.kinds and reading.kind_name not in self.kinds:
            return None
        outcome = self.check(reading)
        if outcome is None:  # the rule does not apply to this document
            return None
        ok, detail = outcome
        settled = not (self.practice and self.practice in family.practice)
        basis = self.basis if settled else Basis.practice

        def result(status: Status, detail: str) -> Result:
            return Result(self.clause_for(family), self.name_for(family, reading.kind_name), status, detail, self.id,
                          basis.value)

        if ok is NOT_APPLICABLE:
            return result(Status.not_applicable, detail)
        if not settled and ok is not True:  # practice, not a rule of the family's guide: said, never a failure
            why = detail if ok is False else f"không đánh giá được: {detail}"
            return result(Status.notice, f"{why} (thực tiễn; {family.short} không quy định rõ)")
        if self.severity is Severity.notice:
            return result(Status.notice, detail) if ok is False else None
        if ok is None:
            return result(Status.unknown, detail)
        return result(Status.passed if ok else Status.failed, "" if ok else detail)


RULES: list[Rule] = []
STATE_ONLY = ND30_FAMILIES  # the national name and motto, the rule under the issuer: ND 30's layout
NOT_STATE = OWN_GUIDE_FAMILIES


def rule(id: str, clause_key: str, name: str, severity: Severity = Severity.error,
         kinds: frozenset[str] = ALL_KINDS, families: frozenset[FamilyKey] | None = None, part: str | None = None,
         practice: str | None = None):
    """Register a check: `@rule("trang.kho-giay", "paper", "khổ giấy A4")` above a function of a Reading."""
    def register(check: Callable[[Reading], tuple[bool | None, str] | None]):
        add(Rule(id, clause_key, name, check, severity, kinds, families, part, practice))
        return check
    return register


def add(new: Rule) -> None:
    if any(r.id == new.id for r in RULES):
        raise ValueError(f"rule id {new.id!r} registered twice")
    RULES.append(new)


def unknown(why: str) -> tuple[None, str]:
    return None, why


NOT_APPLICABLE: Any = object()  # a check's outcome: this rule does not apply to this document


def not_applicable(why: str) -> tuple[Any, str]:
    return NOT_APPLICABLE, why


def sizes_in(p: Para, part: str, family: Family = DEFAULT) -> bool:
    allowed = family.allowed(part)
    return bool(p.sizes()) and all(s in allowed for s in p.sizes())


class Capped:
    """A summary's first line: the text, but never wider than the page."""

    def __init__(self, para: Para, limit_pt: float):
        self.para, self.limit = para, limit_pt


def printed_width(p) -> float:
    if isinstance(p, Capped):
        return min(printed_width(p.para), p.limit)
    size = max(p.sizes() or {14})
    return text_width_pt(p.text, size, bold=bool(p.bold))


def rule_ratio(paras: list[Para], above: Para | None, reference,
               column_pt: float | None = None) -> tuple[float | None | bool, str]:
    """The length of the line under `above` over the width of `reference`'s text: a line of "____", a line
    shape or a bottom border. False: there is no line; None: there may be one thidua cannot measure."""
    if above is None:
        return None, "không thấy dòng chữ phía trên đường kẻ"
    index = paras.index(above)
    below = paras[index + 1] if index + 1 < len(paras) else None
    width = printed_width(reference)
    column = cell_width_pt(above.p._p)
    if column is not None:  # a line longer than its column wraps: the printed line is at most the column
        width = min(width, column - CELL_MARGINS_PT)
    if below is not None and is_drawn_rule(below.text):
        if column is not None and printed_width(below) > column - CELL_MARGINS_PT:  # it wraps to a second line
            return False, f"đường kẻ dài {printed_width(below):.0f} pt, rộng hơn cột ({column:.0f} pt) nên bị " \
                "xuống dòng"
        return printed_width(below) / width, ""
    stop = below.p._p if below is not None else None
    candidates = [above.p._p]
    for sibling in above.p._p.itersiblings(qn("w:p")):
        if sibling is stop:
            break
        candidates.append(sibling)
    for element in candidates:
        drawn = shape_line_width(element) or bottom_border_width(element, column_pt)
        if drawn:
            return drawn / width, ""
    part = above.p._p.getroottree().getroot()  # a shape may be anchored anywhere on the page
    drawn_in = above.defaults.setdefault("_drawn_in", {})  # looked for once per part of the document
    if part not in drawn_in:
        drawn_in[part] = any(True for _ in part.iter(*_DRAWN))
    if drawn_in[part]:
        return None, "có hình vẽ hoặc viền mà thidua không đo được vị trí: xem đường kẻ bằng mắt"
    return False, "không có đường kẻ dưới dòng chữ"


_DRAWN = (qn("w:drawing"), qn("w:pict"), qn("w:pBdr"), qn("w:tcBorders"))


def ratio_verdict(paras, above, reference, allowed: nd30.Range,
                  column_pt: float | None = None) -> tuple[bool | None, str]:
    ratio, why = rule_ratio(paras, above, reference, column_pt)
    if ratio is None or ratio is False:
        return ratio, why
    return allowed.low <= ratio <= allowed.high, f"đường kẻ dài {ratio:.0%} dòng chữ"


# -- page (PL I Mục I)

NO_SECTIONS = "tệp không ghi thiết lập trang (khổ giấy, lề): Word dùng mặc định của máy"
