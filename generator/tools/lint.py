"""Warnings about a plan that is valid but probably stale or wrong (`thidua lint`).

They matter most after `thidua new-year`: references dated in an earlier year, years
written literally in text, anniversaries outside their round, targets carried over.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

from generator.core.acknowledgement import acknowledged
from generator.core.anniversaries import anniversary_date, resolve_event
from generator.core.errors import Problem, Severity
from generator.core.legal import cited, repeal_message, standing
from generator.core.placeholders import find_placeholders
from generator.core.reform import REFORM_DATE, abolished_in
from generator.document.fit import located_fit_warnings
from generator.document.wording import target_text
from generator.plan.loader import Loaded, format_path, locate
from generator.plan.model import PRE_2025_LEVELS, Target
from generator.plan.texts import text_fields

_DATED = re.compile(r"ngày\s+\d{1,2}\s*/\s*\d{1,2}\s*/\s*(\d{4})|ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+(\d{4})")
_YEAR = re.compile(r"(?<![\d/.,])(1[89]\d\d|20\d\d)(?![\d/])")
_PERIOD = re.compile(r"\b\d{4}\s*[-–]\s*\d{4}\b")  # "giai đoạn 2021 - 2025" is a period, not a plan year
_PERIOD_YEARS = re.compile(r"\b((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)\b")
_EXPRESSION = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")
REFERENCE_FIELDS = ("legal_bases", "preamble")


Finding = Problem  # a lint finding is a Problem of severity warning


def _finding(loaded: Loaded, path: tuple, message: str, fragment: str = "") -> Finding:
    """A warning at `path`; with `fragment`, at the column where it stands in the source line."""
    mark = locate(loaded.marks, path)
    column = mark.column
    if fragment and mark.file and mark.line:
        column = _column(Path(mark.file), mark.line, mark.column or 1, fragment) or column
    return Problem(Path(mark.file or loaded.file), message, mark.line, column, format_path(path),
                   severity=Severity.warning)


_SOURCES: dict[Path, list[str]] = {}


def _source_lines(file: Path) -> list[str]:
    if file not in _SOURCES:
        try:
            _SOURCES[file] = file.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError):
            _SOURCES[file] = []
    return _SOURCES[file]


def _column(file: Path, line: int, start: int, fragment: str) -> int | None:
    lines = _source_lines(file)
    if not 0 < line <= len(lines):
        return None
    found = lines[line - 1].find(fragment, max(start - 1, 0))
    return found + 1 if found >= 0 else None


def lint(loaded: Loaded, previous: Loaded | None = None) -> list[Finding]:
    _SOURCES.clear()  # source lines are read afresh for each plan: a file may have changed since
    plan, findings = loaded.plan, []

    def add(path: tuple, message: str) -> None:
        findings.append(_finding(loaded, path, message))

    if plan.issuer.level in PRE_2025_LEVELS:
        if plan.year > 2025 or issued_on(loaded) >= REFORM_DATE:
            add(("issuer", "level"), f"cấp '{plan.issuer.level.value}' không còn từ 01/7/2025; văn bản mới "
                "dùng cấp tỉnh, thành phố, xã, phường hoặc đặc khu")

    issued = issued_on(loaded)
    year_bound = plan.report is not None or plan.registration is not None  # never rolled to a new year
    for path, text in text_fields(loaded.raw):
        literal = _EXPRESSION.sub(" ", text)
        for words, form in abolished_in(literal) if issued >= REFORM_DATE else []:
            findings.append(_finding(loaded, path, f"«{words}»: {form.what} không còn từ 01/7/2025 "
                                     f"(chính quyền hai cấp); dùng: {form.instead}", words))
        if "{{" in text and "year" in text:
            for start, end in _PERIOD_YEARS.findall(literal):
                if not int(start) <= plan.year <= int(end):
                    add(path, f"câu có năm tự tính {{{{ year }}}} ({plan.year}) nhưng nêu giai đoạn {start} - {end} "
                        "đã qua hoặc chưa tới: viết lại câu cho năm này")
                    break
        texts = cited(literal)
        repealed = [t for t in texts if t.repealed and issued >= t.repealed]
        for legal in repealed:
            add(path, repeal_message(legal))
        if path[0] in REFERENCE_FIELDS and (repealed or (texts and all(standing(t, issued) for t in texts))):
            continue  # a repealed text is said above; a standing one is not stale for its own date
        dated = sorted({int(a or b) for a, b in _DATED.findall(literal)})
        old = [y for y in dated if y < plan.year]
        if path[0] in REFERENCE_FIELDS and old:
            add(path, f"văn bản căn cứ ghi ngày năm {', '.join(map(str, old))}: kiểm tra lại văn bản "
                f"áp dụng cho năm {plan.year}")
            continue
        if path[0] in REFERENCE_FIELDS or year_bound:
            continue  # a citation's words are the cited text's own; a report's year is its own for good
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
    findings += _honesty(loaded) + _typography(loaded) + _signers(loaded)
    findings += located_fit_warnings(loaded)
    if previous is not None:
        findings += _carried_targets(loaded, previous)
    return sorted((f for f in findings if not _acknowledged(f)), key=lambda f: (str(f.file), f.line or 0, f.field))



def _acknowledged(finding: Finding) -> bool:
    """A warning on a line whose comment says it is kept on purpose (core.acknowledgement)."""
    if not finding.line:
        return False
    lines = _source_lines(Path(finding.file))
    return 0 < finding.line <= len(lines) and acknowledged(lines[finding.line - 1])


def issued_on(loaded: Loaded) -> dt.date:
    """The day the plan is issued, as far as it is known (the month's first day, else 1 January)."""
    date, year = loaded.plan.date, loaded.plan.year
    if date and date.year and date.month:
        return dt.date(date.year, date.month, date.day or 1)
    return dt.date(year, date.month if date and date.month else 1, 1)


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



def _signers(loaded: Loaded) -> list[Finding]:
    """A collective body's head signs on its behalf ("TM. ỦY BAN NHÂN DÂN", "T/M BAN THƯỜNG VỤ"):
    a missing line is the most common slip (ND30 Đ.13.2; HD 36 for cấp ủy)."""
    from generator.core.families import FAMILIES, is_collective
    from generator.document.issuance import body_of

    plan = loaded.plan
    family = FAMILIES[plan.family]
    findings = []
    signers = [(("signer",), plan.issuer, plan.signer)] + [
        (("partners", i, "signer"), p.issuer, p.signer) for i, p in enumerate(plan.partners)]
    for path, issuer, signer in signers:
        collective = signer.on_behalf_of if signer.on_behalf_of is not None else body_of(issuer)
        if not is_collective(collective):
            if signer.authority is not None and signer.authority.value == "TM" and signer.on_behalf_of is None:
                findings.append(_finding(loaded, path, f"{collective} không phải tập thể: người đứng đầu ký trực "
                                         "tiếp (bỏ 'authority: TM'), hoặc ghi on_behalf_of là tập thể được thay mặt"))
            continue
        on_behalf = family.prefix("TM")
        if signer.authority is None or (signer.authority.value in ("KT", "Q") and signer.on_behalf_of == ""):
            findings.append(_finding(loaded, path, f"{collective} là tập thể: người ký thay mặt tập thể "
                                     f"('{on_behalf} {collective.upper()}'); thêm 'authority: TM' "
                                     "(cấp phó ký thay: 'authority: KT') hoặc ghi on_behalf_of"))
        refused = family.refused_authorities.get(signer.authority.value) if signer.authority is not None else None
        if refused:
            findings.append(_finding(loaded, path, refused))
    return findings




def _honesty(loaded: Loaded) -> list[Finding]:
    """A blank signer name and placeholders left in text: the document is not ready to sign."""
    findings = []
    if not loaded.plan.signer.name.strip():
        findings.append(_finding(loaded, ("signer", "name"), "chưa có họ và tên người ký: văn bản chừa chỗ trống; "
                                 "điền tên trước khi trình ký"))
    for path, text in text_fields(loaded.raw):
        for blank in find_placeholders(text):
            findings.append(_finding(loaded, path, f"còn chỗ để điền «{blank}»: thay bằng nội dung thật "
                                     "(bản chính thức không tạo được khi còn chỗ này)", blank))
    return findings


# Typography of new plans (the 2024 examples reproduce their seeds' slips on purpose).
_TYPO = [
    (re.compile(r"&"), "dùng chữ 'và' thay cho '&' trong văn bản hành chính"),
    (re.compile(r"[\u2013\u2014]"), "dấu gạch dài (– hoặc —): dùng dấu gạch nối '-' như phần còn lại của văn bản"),
    (re.compile(r"([,;:!?])\1+|(?<![./])\.\.(?![./])"), "dấu câu lặp lại"),
    (re.compile(r"\s+[,;:.!?](?![.]{2})"), "dấu cách đứng trước dấu câu"),
]


def _typography(loaded: Loaded) -> list[Finding]:
    findings = []
    straight, curly = [], bool(loaded.plan.theme)  # the theme is printed in curly quotes
    for path, text in text_fields(loaded.raw):
        literal = _EXPRESSION.sub(lambda m: "x" * len(m.group()), text)  # keeps columns, no false spaces
        for pattern, message in _TYPO:
            for match in pattern.finditer(literal):
                findings.append(_finding(loaded, path, f"{message}: «{text[max(0, match.start() - 12):match.end() + 12]}»",
                                         match.group().strip() or match.group()))
        if '"' in literal:
            straight.append(path)
        curly = curly or "“" in literal or "”" in literal
    if straight and curly:
        findings += [_finding(loaded, path, "văn bản dùng cả ngoặc kép thẳng (\") lẫn ngoặc kép cong (“ ”): "
                              "chọn một kiểu", '"') for path in straight]
    closing = loaded.plan.closing
    if closing and not closing[-1].rstrip().endswith("./."):
        findings.append(_finding(loaded, ("closing", len(closing) - 1), "đoạn cuối của văn bản kết thúc bằng './.'"))
    return findings
