"""`thidua diff`: what changed between two versions of a plan, in the plan's own terms.

Header fields, targets (old | new | difference), rounds and their anniversaries,
sections (added, removed, moved; matched by id, else by heading) and paragraphs with
word-level changes. Texts are compared after NFC normalisation and whitespace folding.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from decimal import Decimal

from babel.numbers import format_decimal

from generator.core import formatting as fmt
from generator.core.anniversaries import resolve_event
from generator.document.wording import plain, target_text, value_text
from generator.plan.loader import Loaded
from generator.plan.model import Plan, Section, Target


def norm(text: str | None) -> str:
    """Compare words, not layout: NFC, whitespace folded, emphasis markup dropped."""
    return " ".join(plain(unicodedata.normalize("NFC", text or "")).split())


_YEAR = re.compile(r"\b(19|20)\d\d\b")


@dataclass
class FieldChange:
    field: str
    old: str
    new: str


@dataclass
class TargetChange:
    label: str
    old: str
    new: str
    delta: str = ""  # "+300 (+10,3%)" for numbers
    # the same as data, for tools reading `--format json`: decimals as "2900.5", None where not a number
    id: str | None = None
    old_value: str | None = None
    new_value: str | None = None
    unit: str | None = None
    difference: str | None = None
    percent: str | None = None  # the change relative to the old value, rounded to 0.1


@dataclass
class TextChange:
    where: str
    old: str
    new: str
    words: list[tuple[str, str]] = field(default_factory=list)  # (op, text): op in " ", "-", "+"


@dataclass
class PlanDiff:
    header: list[FieldChange] = field(default_factory=list)
    targets: list[TargetChange] = field(default_factory=list)
    rounds: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    texts: list[TextChange] = field(default_factory=list)
    results: list[str] = field(default_factory=list)  # a report's results and verdicts

    @property
    def empty(self) -> bool:
        return not (self.header or self.targets or self.rounds or self.sections or self.texts or self.results)

    def as_dict(self) -> dict:
        return asdict(self)


# ------------------------------------------------------------------ header


def _date(plan: Plan) -> str:
    date = plan.date
    return fmt.date_line("", date.day if date else None, date.month if date else None,
                         (date.year if date else None) or plan.year)[2:]


def _header(plan: Plan) -> dict[str, str]:
    from generator.document.issuance import issuer_lines, number_line, signature_text

    parent, lines = issuer_lines(plan)
    return {
        "Tên loại": plan.kind, "Năm": str(plan.year),
        "Số": number_line(plan),
        "Ngày": _date(plan),
        "Cơ quan ban hành": " / ".join([*([parent] if parent else []), *lines]),
        "Trích yếu": norm(plan.summary), "Chủ đề": norm(plan.theme.text if plan.theme else ""),
        "Người ký": " / ".join(signature_text(plan)),
        "Nơi nhận": "; ".join(norm(r.text) for r in plan.recipients.items),
    }


# ------------------------------------------------------------------ targets


def _keyed(items: list, other: list, name) -> dict:
    """By id where both versions carry that id, else by name: a plan imported from Word has no ids."""
    shared = {i.id for i in items if i.id} & {i.id for i in other if i.id}
    return {(f"id:{i.id}" if i.id in shared else f"name:{name(i)}"): i for i in items}


def _targets(plan: Plan, other: Plan) -> dict[str, Target]:
    return _keyed(plan.all_targets(), other.all_targets(), lambda t: norm(t.label).casefold())  # a table capitalises


def _number(value) -> Decimal | None:
    try:
        return fmt._as_decimal(value)[0] if value is not None else None
    except ValueError:
        return None


def _delta(old: Target, new: Target) -> str:
    a, b = _number(old.value), _number(new.value)
    if a is None or b is None or old.value_to is not None or new.value_to is not None:
        return ""
    change = b - a
    text = ("+" if change > 0 else "") + format_decimal(change, locale=fmt.LOCALE)
    if a:
        percent = change / a * 100
        text += f" ({'+' if percent > 0 else ''}{format_decimal(round(percent, 1), locale=fmt.LOCALE)}%)"
    return text


def _change(label: str, old_text: str, new_text: str, old: Target | None, new: Target | None,
            delta: str = "") -> TargetChange:
    f = _figures(old, new)
    return TargetChange(label, old_text, new_text, delta, id=f["id"], old_value=f["old_value"],
                        new_value=f["new_value"], unit=f["unit"], difference=f.get("difference"),
                        percent=f.get("percent"))


def _figures(old: Target | None, new: Target | None) -> dict[str, str | None]:
    """The change as data: both values, the unit, the difference and its percentage."""
    a = _number(old.value) if old is not None and old.value_to is None else None
    b = _number(new.value) if new is not None and new.value_to is None else None
    either = new if new is not None else old
    found: dict[str, str | None] = {"id": either.id if either else None, "unit": either.unit if either else None,
                                    "old_value": str(a) if a is not None else None,
                                    "new_value": str(b) if b is not None else None}
    if a is not None and b is not None:
        found["difference"] = str(b - a)
        found["percent"] = str(round((b - a) / a * 100, 1)) if a else None
    return found


def _printer(plan: Plan):
    """How the plan prints a target: a sentence, or (in a table) its label and its Kế hoạch cell."""
    if not any(section.table == "targets" for section in plan.all_sections()):
        return lambda t: norm(target_text(t))
    from generator.document.body_tables import planned_text

    return lambda t: norm(f"{t.label[:1].upper()}{t.label[1:]} {planned_text(t, with_unit=True)}")


def _target_changes(old: Plan, new: Plan) -> list[TargetChange]:
    before, after = _targets(old, new), _targets(new, old)
    printed_old, printed_new = _printer(old), _printer(new)
    # a target printed word for word the same in both is unchanged, however it was split into fields
    same = Counter(map(printed_old, before.values())) & Counter(map(printed_new, after.values()))
    for side, print_ in ((before, printed_old), (after, printed_new)):
        left = Counter(same)
        for key, target in list(side.items()):
            printed = print_(target)
            if left[printed] > 0:
                left[printed] -= 1
                del side[key]
    changes = []
    for key, target in after.items():
        previous = before.get(key)
        if previous is None:
            changes.append(_change(norm(target.label), "(chưa có)", value_text(target) or norm(target_text(target)),
                                   None, target))
        elif norm(target_text(previous)) != norm(target_text(target)):
            changes.append(_change(norm(target.label), value_text(previous) or norm(target_text(previous)),
                                   value_text(target) or norm(target_text(target)), previous, target,
                                   _delta(previous, target)))
    for key, target in before.items():
        if key not in after:
            changes.append(_change(norm(target.label), value_text(target) or norm(target_text(target)), "(bỏ)",
                                   target, None))
    return changes


# ------------------------------------------------------------------ rounds


def _round_changes(old: Plan, new: Plan) -> list[str]:
    before = _keyed(old.rounds, new.rounds, lambda r: norm(r.name))
    after = _keyed(new.rounds, old.rounds, lambda r: norm(r.name))
    notes = []
    for key, round_ in after.items():
        previous = before.get(key)
        if previous is None:
            notes.append(f"thêm đợt: {round_.name} ({round_.start:%d/%m/%Y} - {round_.end:%d/%m/%Y})")
            continue
        if (previous.start, previous.end) != (round_.start, round_.end):
            notes.append(f"{round_.name}: thời gian {previous.start:%d/%m/%Y} - {previous.end:%d/%m/%Y} → "
                         f"{round_.start:%d/%m/%Y} - {round_.end:%d/%m/%Y}")
        names_before = [norm(resolve_event(o, old).name) for o in previous.occasions]
        names_after = [norm(resolve_event(o, new).name) for o in round_.occasions]
        notes += [f"{round_.name}: thêm ngày kỷ niệm «{n}»" for n in names_after if n not in names_before]
        notes += [f"{round_.name}: bỏ ngày kỷ niệm «{n}»" for n in names_before if n not in names_after]
    notes += [f"bỏ đợt: {r.name}" for key, r in before.items() if key not in after]
    return notes


# ------------------------------------------------------------------ sections and texts


def _heading(section: Section, level: int) -> str:
    """The heading as printed: the first level is printed in capitals, whatever was typed."""
    title = norm(section.title)
    return fmt.upper(title) if title and level == 0 else title


def _section_key(section: Section, level: int, shared_ids: set[str]) -> str:
    """By id where both versions carry it, else by heading; a year in a heading does not make
    it another section."""
    if section.id and section.id in shared_ids:
        return f"id:{section.id}"
    return _YEAR.sub("#", _heading(section, level) or norm(section.text)[:60])


def _ids(sections: list[Section]) -> set[str]:
    return {s.id for s in sections if s.id} | {i for s in sections for i in _ids(s.children)}


def _flatten(sections: list[Section], shared_ids: set[str], trail: str = "", level: int = 0,
             parent: str = "") -> Iterator[tuple[str, str, Section, int, str]]:
    """(key, where it is shown, section, level, the parent's key) of every section."""
    for section in sections:
        key = _section_key(section, level, shared_ids)
        label = _YEAR.sub("#", norm(section.title) or norm(section.text)[:60])
        where = f"{trail} › {label[:50]}" if trail else label[:50]
        yield key, where, section, level, parent
        yield from _flatten(section.children, shared_ids, where, level + 1, key)


def _section_texts(section: Section, level: int) -> list[str]:
    def items(entries):
        for item in entries:
            yield item.text
            yield from items(item.items)

    own = [_heading(section, level), section.text or "", *section.paragraphs, *items(section.items),
           *section.closing]
    return [norm(t) for t in own if t]


def _context(words: list[str], first: bool, last: bool, keep: int = 6) -> str:
    """Unchanged words around a change, shortened in long paragraphs."""
    if len(words) <= 2 * keep:
        return " ".join(words)
    if first:
        return "… " + " ".join(words[-keep:])
    if last:
        return " ".join(words[:keep]) + " …"
    return " ".join(words[:keep]) + " … " + " ".join(words[-keep:])


def _word_diff(old: str, new: str) -> list[tuple[str, str]]:
    a, b = old.split(), new.split()
    out = []
    opcodes = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    for index, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op == "equal":
            out.append((" ", _context(a[i1:i2], index == 0, index == len(opcodes) - 1)))
            continue
        if i2 > i1:
            out.append(("-", " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(("+", " ".join(b[j1:j2])))
    return out


Texts = list[tuple[str, str]]  # (as written, as printed) of each paragraph


def _text_changes(where: str, old: Texts, new: Texts, printed_old: set[str] | None = None,
                  printed_new: set[str] | None = None) -> list[TextChange]:
    """Paragraphs whose words changed both as written and as printed: "năm {{ year }}" against
    "năm 2024" is no change for the reader, and next year's "năm 2025" is no edit of the clerk.
    A paragraph printed the same on the other side (`printed_*`, e.g. in the next section) has not changed."""
    changes = []
    written_old, written_new = [w for w, _ in old], [w for w, _ in new]
    printed_old = printed_old if printed_old is not None else {p for _, p in old}
    printed_new = printed_new if printed_new is not None else {p for _, p in new}
    matcher = difflib.SequenceMatcher(None, written_old, written_new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        pairs = list(zip(old[i1:i2], new[j1:j2]))
        for (a, a_printed), (b, b_printed) in pairs:
            if a_printed != b_printed:
                changes.append(TextChange(where, a, b, _word_diff(a, b)))
        for a, a_printed in old[i1 + len(pairs):i2]:
            if a_printed not in printed_new:
                changes.append(TextChange(where, a, "", [("-", a)]))
        for b, b_printed in new[j1 + len(pairs):j2]:
            if b_printed not in printed_old:
                changes.append(TextChange(where, "", b, [("+", b)]))
    return changes


def _section_changes(old: Plan, new: Plan, old_printed: Plan, new_printed: Plan) -> tuple[list[str], list[TextChange]]:
    shared = _ids(old.sections) & _ids(new.sections)

    def sections(written: Plan, printed: Plan) -> dict:
        found = {}
        pairs = zip(_flatten(written.sections, shared), _flatten(printed.sections, shared))
        for (key, where, section, level, parent), (_, _, shown, _, _) in pairs:
            found[key] = (where, list(zip(_section_texts(section, level), _section_texts(shown, level))), parent)
        return found

    before, after = sections(old, old_printed), sections(new, new_printed)
    # a paragraph that only changed section (a closing paragraph read back as the last point's) is no change
    shown_before = {p for _, own, _ in before.values() for _, p in own}
    shown_after = {p for _, own, _ in after.values() for _, p in own}
    notes, texts = [], []
    # Sections outside the longest common order are the ones that moved.
    common_before = [k for k in before if k in after]
    common_after = [k for k in after if k in before]
    matcher = difflib.SequenceMatcher(None, common_before, common_after, autojunk=False)
    in_order = {k for block in matcher.get_matching_blocks() for k in common_after[block.b:block.b + block.size]}
    for key, (where, own, parent) in after.items():
        if key not in before:
            notes.append(f"thêm mục: {where}")
            continue
        if before[key][2] != parent or key not in in_order:
            notes.append(f"chuyển vị trí mục: {where}")
        texts += _text_changes(where, before[key][1], own, shown_before, shown_after)
    notes += [f"bỏ mục: {where}" for key, (where, _, _) in before.items() if key not in after]
    return notes, texts


def _as_written(loaded: Loaded) -> Plan:
    """The plan with its {{ … }} expressions unevaluated, so that texts that only follow
    the year (\"năm {{ year }}\") are not reported as edits; the evaluated plan if the
    text as written does not validate on its own."""
    try:
        return Plan.model_validate(loaded.raw)
    except ValueError:
        return loaded.plan


def diff_plans(old_loaded: Loaded, new_loaded: Loaded) -> PlanDiff:
    """Header fields and targets as they will print; texts and sections as written."""
    result = PlanDiff()
    before, after = _header(old_loaded.plan), _header(new_loaded.plan)
    written_before, written_after = _header(_as_written(old_loaded)), _header(_as_written(new_loaded))
    old, new = old_loaded.plan, new_loaded.plan
    result.header = []
    for key in after:
        if before[key] == after[key]:
            continue
        if key in ("Trích yếu", "Chủ đề"):  # shown as written, reported only if both differ (see _text_changes)
            if written_before[key] == written_after[key]:
                continue
            result.header.append(FieldChange(key, written_before[key], written_after[key]))
        else:
            result.header.append(FieldChange(key, before[key], after[key]))
    result.targets = _target_changes(old, new)
    result.rounds = _round_changes(old, new)
    written_old, written_new = _as_written(old_loaded), _as_written(new_loaded)
    result.sections, result.texts = _section_changes(written_old, written_new, old, new)
    for name, key in (("Căn cứ", "legal_bases"), ("Mở đầu", "preamble"), ("Kết", "closing")):
        pairs = [list(zip(map(norm, getattr(w, key)), map(norm, getattr(p, key))))
                 for w, p in ((written_old, old), (written_new, new))]
        result.texts = _text_changes(name, pairs[0], pairs[1]) + result.texts
    result.results = _result_changes(old_loaded, new_loaded)
    return result


def _result_changes(old: Loaded, new: Loaded) -> list[str]:
    """What a report's table says differently: each result and verdict, unit by unit."""
    from generator.document.body_tables import assessed_rows, report_units

    def rows(loaded: Loaded) -> dict[tuple[str, str], tuple[str, str, str]]:
        report = loaded.report
        if report is None:
            return {}
        found = {}
        for unit in ["", *report_units(report)]:
            for row in assessed_rows(report, unit):
                shown = row.result.result_text if row.result and row.result.result_text else "—"
                found[(unit, row.target.id or row.target.label)] = (row.target.label, shown, row.assessment.verdict.value)
        return found

    before, after = rows(old), rows(new)
    notes = []
    for key in dict.fromkeys([*before, *after]):
        was, now = before.get(key), after.get(key)
        if was == now:
            continue
        unit = f"{key[0]}: " if key[0] else ""
        label = (now or was)[0]  # type: ignore[index]
        if was is None or now is None:
            notes.append(f"{unit}{label}: {'thêm vào' if was is None else 'bỏ khỏi'} bảng kết quả")
            continue
        figure = f"thực hiện {was[1]} → {now[1]}" if was[1] != now[1] else f"thực hiện {now[1]}"
        verdict = f" ({was[2]} → {now[2]})" if was[2] != now[2] else f" ({now[2]})"
        notes.append(f"{unit}{label}: {figure}{verdict}")
    return notes


# ------------------------------------------------------------------ reports


def to_markdown(result: PlanDiff, old_name: str, new_name: str) -> str:
    lines = [f"# So sánh kế hoạch: `{old_name}` → `{new_name}`", ""]
    if result.empty:
        return "\n".join(lines + ["Không có thay đổi.", ""])
    if result.header:
        lines += ["## Thông tin chung", "", "| Trường | Cũ | Mới |", "|---|---|---|"]
        lines += [f"| {c.field} | {_cell(c.old)} | {_cell(c.new)} |" for c in result.header] + [""]
    if result.targets:
        lines += ["## Chỉ tiêu", "", "| Chỉ tiêu | Cũ | Mới | Chênh lệch |", "|---|---|---|---|"]
        lines += [f"| {_cell(t.label)} | {_cell(t.old)} | {_cell(t.new)} | {t.delta} |" for t in result.targets] + [""]
    for title, notes in (("## Đợt thi đua", result.rounds), ("## Kết quả", result.results),
                         ("## Các mục", result.sections)):
        if notes:
            lines += [title, ""] + [f"- {n}" for n in notes] + [""]
    if result.texts:
        lines += ["## Đoạn văn thay đổi", ""]
        for change in result.texts:
            words = " ".join({"-": f"~~{t}~~", "+": f"**{t}**"}.get(op, t) for op, t in change.words)
            lines += [f"- *{change.where}*: {words}"]
        lines.append("")
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")
