"""`thidua check`: verify any .docx against the layout rules of Nghị định 30/2020/NĐ-CP.

The rules are a registry (`RULES`): each is a small function with its clause of the
decree, its severity and the document kinds it applies to. A rule ends as passed,
failed, not evaluable (the part could not be found or its value is not stored in the
file: never reported as passed) or a notice. Adding a rule is adding an entry.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from functools import cached_property
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Length

from . import nd30
from .docx_text import inherited, is_drawn_rule, open_document, paragraph_text
from .families import AUTHORITY_LINE, STATE, Family, FamilyKey, detect
from .metrics import text_width_pt
from .model import DOCUMENT_KINDS


class Status(str, Enum):
    passed = "ĐẠT"
    failed = "SAI"
    unknown = "KHÔNG ĐÁNH GIÁ ĐƯỢC"
    notice = "LƯU Ý"


@dataclass
class Result:
    ref: str
    rule: str
    status: Status
    detail: str = ""

    def __str__(self) -> str:
        text = f"[{self.status.value}] {self.ref} – {self.rule}"
        return f"{text}: {self.detail}" if self.detail else text


MM = 36000  # EMU per millimetre
TNR = nd30.FONT


# ------------------------------------------------------------------ effective formatting


def _safe(read: Callable):
    """A value Word would ignore (w:jc="weird", w:sz="abc") reads as not set, as Word shows it."""
    try:
        return read()
    except (ValueError, TypeError, KeyError):
        return None


_TYPE_LINES = set(DOCUMENT_KINDS) | {"CÔNG VĂN", "TỜ TRÌNH", "QUY CHẾ", "QUY ĐỊNH", "NGHỊ QUYẾT"}
_NOT_SHOWN = {qn("w:del"), qn("w:moveFrom")}  # revisions that accepting them removes


class Para:
    """A paragraph with its formatting resolved through the style chain."""

    def __init__(self, paragraph, defaults: dict):
        self.p = paragraph
        self.text = paragraph_text(paragraph._p).strip()
        self.defaults = defaults

    def pformat(self, name: str):
        """Direct formatting, then the style chain, then the document defaults (as Word renders it)."""
        value = _safe(lambda: getattr(self.p.paragraph_format, name))
        if value is None:
            value = _safe(lambda: inherited(self.p.style, lambda s: getattr(s.paragraph_format, name)))
        return value if value is not None else self.defaults.get(f"paragraph.{name}")

    def runs(self):
        """The runs with text, tracked insertions included (read as if accepted), deletions left out."""
        from docx.text.run import Run

        runs = [Run(r, self.p) for r in self.p._p.iter(qn("w:r"))
                if not any(a.tag in _NOT_SHOWN for a in r.iterancestors())]
        return [r for r in runs if r.text.strip()]

    def font(self, run, name: str):
        value = _safe(lambda: getattr(run.font, name))
        if value is None and run.style is not None and run.style.type == 2:
            value = _safe(lambda: getattr(run.style.font, name))
        if value is None:
            value = _safe(lambda: inherited(self.p.style, lambda s: getattr(s.font, name)))
        return value if value is not None else self.defaults.get(name)

    def all_runs(self, name: str, test: Callable[[object], bool]) -> bool | None:
        runs = self.runs()
        if not runs:
            return None
        return all(test(self.font(r, name)) for r in runs)

    def sizes(self) -> set[float]:
        return {self.font(r, "size").pt for r in self.runs() if self.font(r, "size") is not None}

    @property
    def bold(self) -> bool | None:
        return self.all_runs("bold", bool)

    @property
    def italic(self) -> bool | None:
        return self.all_runs("italic", bool)

    @property
    def centred(self) -> bool:
        return self.pformat("alignment") == WD_ALIGN_PARAGRAPH.CENTER


def _defaults(document) -> dict:
    defaults: dict = {"bold": False, "italic": False}
    rpr = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if rpr is not None:
        size = rpr.find(qn("w:sz"))
        if size is not None:
            defaults["size"] = Length(int(size.get(qn("w:val"))) * 6350)
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is not None and fonts.get(qn("w:ascii")):
            defaults["name"] = fonts.get(qn("w:ascii"))
    defaults.setdefault("size", Length(10 * 12700))  # Word's built-in default
    ppr = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}")
    if ppr is not None:  # paragraph defaults: what Word and LibreOffice apply when nothing else says
        defaults.update(_paragraph_defaults(ppr))
    return defaults


def _paragraph_defaults(ppr) -> dict:
    found: dict = {}
    jc = ppr.find(qn("w:jc"))
    if jc is not None:
        value = jc.get(qn("w:val"))
        found["paragraph.alignment"] = {"both": WD_ALIGN_PARAGRAPH.JUSTIFY, "center": WD_ALIGN_PARAGRAPH.CENTER,
                                        "left": WD_ALIGN_PARAGRAPH.LEFT, "start": WD_ALIGN_PARAGRAPH.LEFT,
                                        "right": WD_ALIGN_PARAGRAPH.RIGHT, "end": WD_ALIGN_PARAGRAPH.RIGHT,
                                        "distribute": WD_ALIGN_PARAGRAPH.DISTRIBUTE}.get(value)
    ind = ppr.find(qn("w:ind"))
    if ind is not None and ind.get(qn("w:firstLine")):
        found["paragraph.first_line_indent"] = Length(int(ind.get(qn("w:firstLine"))) * 635)
    spacing = ppr.find(qn("w:spacing"))
    if spacing is not None:
        for attr, name in (("w:before", "space_before"), ("w:after", "space_after")):
            if spacing.get(qn(attr)):
                found[f"paragraph.{name}"] = Length(int(spacing.get(qn(attr))) * 635)
        line, rule = spacing.get(qn("w:line")), spacing.get(qn("w:lineRule"))
        if line and rule in (None, "auto"):
            found["paragraph.line_spacing"] = int(line) / 240
    return {k: v for k, v in found.items() if v is not None}


# ------------------------------------------------------------------ the document as the rules see it

class Reading:
    """The parts of a document that the rules look at, found once."""

    def __init__(self, path: Path):
        self.document = open_document(path)
        self.revisions = any(True for _ in self.document.element.body.iter(qn("w:ins"), qn("w:del")))
        self.defaults = _defaults(self.document)
        body = self.document.element.body
        self.tables = self.document.tables
        self.header_table = self.tables[0] if self.tables and body.index(self.tables[0]._tbl) < 3 else None
        self.signature_table = self.tables[-1] if len(self.tables) > 1 else None
        self.body = [q for q in (Para(p, self.defaults) for p in self.document.paragraphs) if q.text]
        self.kind_index = next((i for i, p in enumerate(self.body) if p.text in _TYPE_LINES), None)
        self._cells: dict[tuple[int, int], list[Para]] = {}
        self.family = self._family()

    def _family(self) -> Family:
        """The issuer family, from the banner (header cell or page header) and the number line."""
        texts = [p.text for p in self.cell_paras(0, 1)] + [p.text for p in self.cell_paras(0, 0)]
        texts += [p.text for p in self.page_header_paras]
        number = next((p.text for p in self.cell_paras(1, 0) + self.cell_paras(0, 0) if p.text.startswith("Số")), "")
        return detect(" ".join(texts), number)

    @cached_property
    def page_header_paras(self) -> list[Para]:
        """Text in the page headers of every section (a banner is sometimes placed there)."""
        found: list[Para] = []
        for section in self.document.sections:
            for header in (section.header, section.first_page_header):
                if not header.is_linked_to_previous:
                    found += [q for q in (Para(p, self.defaults) for p in header.paragraphs) if q.text]
        return found

    def banner(self) -> Para | None:
        """The organisation's title line on the right (ĐẢNG CỘNG SẢN VIỆT NAM, ĐOÀN TNCS HỒ CHÍ MINH, …)."""
        first = self.family.banner[0]
        return next((p for p in self.cell_paras(0, 1) + self.page_header_paras if first in p.text.upper()), None)

    def cell_paras(self, row: int, col: int) -> list[Para]:
        """The paragraphs of a header cell, the same objects on every call."""
        if (row, col) not in self._cells:
            found: list[Para] = []
            if self.header_table is not None and len(self.header_table.rows) > row:
                cells = self.header_table.rows[row].cells
                if len(cells) > col:
                    found = [q for q in (Para(p, self.defaults) for p in cells[col].paragraphs) if q.text]
            self._cells[(row, col)] = found
        return self._cells[(row, col)]

    def all_paragraphs(self) -> Iterable[Para]:
        yield from self.body
        for table in self.tables:
            for row in table.rows:
                for cell in row.cells:
                    yield from (q for q in (Para(p, self.defaults) for p in cell.paragraphs) if q.text)

    @property
    def kind(self) -> Para | None:
        return self.body[self.kind_index] if self.kind_index is not None else None

    @property
    def summary(self) -> Para | None:
        if self.kind_index is None or self.kind_index + 1 >= len(self.body):
            return None
        summary = self.body[self.kind_index + 1]
        return None if is_drawn_rule(summary.text) else summary

    def body_paragraphs(self) -> list[Para] | None:
        """The paragraphs after the summary (and its rule, when there is one); None: no summary found."""
        if self.kind_index is None:
            return None
        start = self.kind_index + 2
        if start < len(self.body) and is_drawn_rule(self.body[start].text):
            start += 1
        body = []
        for p in self.body[start:]:
            if p.text.startswith("Nơi nhận") or _is_prefix_line(p.text) or p.text in _TYPE_LINES:
                break  # recipients and signature typed as paragraphs, or an attached document: not this body
            if not _in_table(p):
                body.append(p)
        return body

    def _signature_cell_paras(self) -> list[list[Para]]:
        if self.signature_table is None:
            return []
        cells, seen = [], set()
        for row in self.signature_table.rows:
            for cell in row.cells:
                if id(cell._tc) in seen:
                    continue
                seen.add(id(cell._tc))
                paras = [q for q in (Para(p, self.defaults) for p in cell.paragraphs) if q.text]
                if paras:
                    cells.append(paras)
        return cells

    @cached_property
    def _split_cells(self) -> tuple[list[Para], list[list[Para]]]:
        """(the recipients, every signature block): a cell may hold a block above its recipients."""
        recipients: list[Para] = []
        blocks: list[list[Para]] = []
        for cell in self._signature_cell_paras():
            start = next((i for i, p in enumerate(cell) if p.text.startswith("Nơi nhận")), len(cell))
            if start < len(cell) and not recipients:
                recipients = cell[start:]
            if cell[:start]:
                blocks.append(cell[:start])
        return recipients, blocks

    def recipients(self) -> list[Para]:
        """'Nơi nhận:' and its lines ([] when there is none)."""
        return self._split_cells[0]

    def signature_blocks(self) -> list[list[Para]]:
        """Every signature block: the signer's, a joint issuer's, an approval block."""
        return self._split_cells[1]

    def text_width_pt(self) -> float:
        if not self.document.sections:
            return nd30.TEXT_WIDTH_PT
        section = self.document.sections[0]
        if section.page_width is None or section.left_margin is None or section.right_margin is None:
            return nd30.TEXT_WIDTH_PT
        return (section.page_width - section.left_margin - section.right_margin) / 12700


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


def _sizes_in(p: Para, part: str, family: Family = STATE) -> bool:
    allowed = family.allowed(part)
    return bool(p.sizes()) and all(s in allowed for s in p.sizes())


def _rule_ratio(paras: list[Para], above: Para | None, reference) -> tuple[float | None, str]:
    if above is None:
        return None, "không thấy dòng chữ phía trên đường kẻ"
    index = paras.index(above)
    below = paras[index + 1] if index + 1 < len(paras) else None
    if below is None or not is_drawn_rule(below.text):
        return None, "không thấy đường kẻ bằng ký tự gạch dưới (có thể là hình vẽ)"
    return _width(below) / _width(reference), ""


def _ratio_verdict(paras, above, reference, allowed: nd30.Range) -> tuple[bool | None, str]:
    ratio, why = _rule_ratio(paras, above, reference)
    if ratio is None:
        return unknown(why)
    return allowed.low <= ratio <= allowed.high, f"đường kẻ dài {ratio:.0%} dòng chữ"


# -- page (PL I §1)

_NO_SECTIONS = "tệp không ghi thiết lập trang (khổ giấy, lề): Word dùng mặc định của máy"

@rule("PL I §1", "khổ giấy A4 (210 × 297 mm)")
def _paper(r: Reading):
    """Every section is A4; a section after the first may be landscape (a wide table, PL I §1)."""
    short, long_ = nd30.PAGE_MM[0] * MM, nd30.PAGE_MM[1] * MM
    if not r.document.sections:
        return unknown(_NO_SECTIONS)
    for number, section in enumerate(r.document.sections, start=1):
        width, height = section.page_width, section.page_height
        if width is None or height is None:
            return unknown(f"phần {number} của tệp không ghi khổ giấy")
        portrait = abs(width - short) < MM and abs(height - long_) < MM
        landscape = number > 1 and abs(width - long_) < MM and abs(height - short) < MM
        if not (portrait or landscape):
            where = f"phần {number}: " if len(r.document.sections) > 1 else ""
            return False, f"{where}khổ {width / MM:.0f} × {height / MM:.0f} mm"
    return True, ""


def _margin_rule(side: str, label: str) -> None:
    allowed = nd30.MARGINS_MM[side]

    def check(r: Reading):
        allowed = r.family.margins_mm[side]
        if not r.document.sections:
            return unknown(_NO_SECTIONS)
        for number, section in enumerate(r.document.sections, start=1):
            value = getattr(section, f"{side}_margin")
            if value is None:
                return unknown("tệp không ghi lề")
            if section.page_width is not None and section.page_height is not None and \
                    section.page_width > section.page_height:
                continue  # a landscape section turns the margins round: not judged side by side
            mm = value / MM
            if not allowed.low - 0.5 <= mm <= allowed.high + 0.5:
                where = f"phần {number}: " if len(r.document.sections) > 1 else ""
                return False, f"{where}lề {label} {mm:.1f} mm"
        return True, ""

    RULES.append(Rule("PL I §1", f"lề {label} {allowed.low:.0f}–{allowed.high:.0f} mm", check, practice="margins"))


for _side, _label in (("top", "trên"), ("bottom", "dưới"), ("left", "trái"), ("right", "phải")):
    _margin_rule(_side, _label)


@rule("PL I §1", "phông chữ Times New Roman")
def _fonts(r: Reading):
    names, unknown_count = set(), 0
    for paragraph in r.all_paragraphs():
        for run in paragraph.runs():
            name = paragraph.font(run, "name")
            if name is None:
                unknown_count += 1
            else:
                names.add(name)
    if not names and unknown_count:
        return unknown("phông chữ lấy theo theme của Word")
    return names <= {TNR}, "có phông " + ", ".join(sorted(names - {TNR}))


# -- header (PL I ô 1–4)

_NO_HEADER = "không có bảng phần đầu văn bản (2 cột không viền)"


def _header_missing_rule(name: str) -> None:
    RULES.append(Rule("PL I §2 ô 1–4", name, lambda r: unknown(_NO_HEADER) if r.header_table is None else None,
                      families=STATE_ONLY if name in ("quốc hiệu", "tiêu ngữ") else None))


for _name in ("quốc hiệu", "tiêu ngữ", "tên cơ quan ban hành", "số, ký hiệu", "địa danh, ngày tháng"):
    _header_missing_rule(_name)


def _national(r: Reading) -> Para | None:
    return next((p for p in r.cell_paras(0, 1) if "CỘNG HÒA" in p.text.upper()), None)


def _motto(r: Reading) -> Para | None:
    return next((p for p in r.cell_paras(0, 1) if p.text.startswith("Độc lập")), None)


def _issuer(r: Reading) -> list[Para]:
    return [p for p in r.cell_paras(0, 0) if not is_drawn_rule(p.text) and p.bold]


@rule("PL I ô 1", "quốc hiệu in hoa, đậm, cỡ 12–13", families=STATE_ONLY)
def _national_name(r: Reading):
    if r.header_table is None:
        return None
    national = _national(r)
    if national is None:
        return unknown("không thấy quốc hiệu")
    ok = national.text == national.text.upper() and bool(national.bold) and _sizes_in(national, "national_name")
    return ok, f"'{national.text}' cỡ {sorted(national.sizes())}, đậm={national.bold}"


@rule("PL I ô 1", "tiêu ngữ đậm, cỡ 13–14", families=STATE_ONLY)
def _motto_style(r: Reading):
    if r.header_table is None:
        return None
    motto = _motto(r)
    if motto is None:
        return unknown("không thấy tiêu ngữ")
    return bool(motto.bold) and _sizes_in(motto, "motto"), f"cỡ {sorted(motto.sizes())}, đậm={motto.bold}"


@rule("PL I ô 1", "đường kẻ dưới tiêu ngữ dài bằng tiêu ngữ", families=STATE_ONLY)
def _motto_rule(r: Reading):
    motto = _motto(r) if r.header_table is not None else None
    if motto is None:
        return None
    return _ratio_verdict(r.cell_paras(0, 1), motto, motto, nd30.RULE_UNDER_MOTTO)


@rule("PL I ô 1", "tiêu đề của tổ chức in hoa, đậm, cỡ {range}", families=NOT_STATE, part="national_name",
      practice="banner")
def _banner(r: Reading):
    """ĐẢNG CỘNG SẢN VIỆT NAM (HD 36), ĐOÀN TNCS HỒ CHÍ MINH (HD 29), ĐỘI THIẾU NIÊN TIỀN PHONG HỒ CHÍ MINH."""
    banner = r.banner()
    if banner is None:
        return unknown(f"không thấy tiêu đề '{r.family.banner[0]}'")
    ok = banner.text == banner.text.upper() and bool(banner.bold) and _sizes_in(banner, "national_name", r.family)
    return ok, f"'{banner.text}' cỡ {sorted(banner.sizes())}, đậm={banner.bold}"


@rule("PL I ô 2", "tên cơ quan ban hành in hoa, đậm, cỡ {range}", part="issuer", practice="parts")
def _issuer_style(r: Reading):
    if r.header_table is None:
        return None
    issuer = _issuer(r)
    if not issuer:
        return unknown("không thấy tên cơ quan")
    ok = all(p.text == p.text.upper() and _sizes_in(p, "issuer", r.family) for p in issuer)
    return ok, "; ".join(f"'{p.text}' cỡ {sorted(p.sizes())}" for p in issuer)


@rule("PL I ô 2", "đường kẻ dưới tên cơ quan dài 1/3–1/2 dòng chữ", families=STATE_ONLY)
def _issuer_rule(r: Reading):
    issuer = _issuer(r) if r.header_table is not None else []
    if not issuer:
        return None
    return _ratio_verdict(r.cell_paras(0, 0), issuer[-1], max(issuer, key=_width), nd30.RULE_UNDER_ISSUER)


@rule("PL I ô 2", "dấu phân cách dưới tên cơ quan", families=NOT_STATE, part="issuer", practice="separator")
def _issuer_separator(r: Reading):
    """"*" under a Party issuer (HD 36), "***" under a Đoàn issuer (HD 29)."""
    issuer = _issuer(r) if r.header_table is not None else []
    if not issuer:
        return None
    paras = r.cell_paras(0, 0)
    below = paras[paras.index(issuer[-1]) + 1] if paras.index(issuer[-1]) + 1 < len(paras) else None
    expected = r.family.separator
    return below is not None and below.text.replace(" ", "") == expected, \
        f"cần '{expected}' dưới tên cơ quan, thấy '{below.text if below else ''}'"


def _number_line(r: Reading) -> Para | None:
    paras = r.cell_paras(1, 0) or [p for p in r.cell_paras(0, 0) if p.text.startswith("Số")]
    return next((p for p in paras if p.text.startswith("Số")), None)


@rule("PL I ô 3", "số, ký hiệu cỡ {range}, đứng", part="number", practice="parts")
def _number_style(r: Reading):
    if r.header_table is None:
        return None
    number = _number_line(r)
    if number is None:
        return unknown("không thấy dòng 'Số:'")
    return _sizes_in(number, "number", r.family) and not number.italic, \
        f"cỡ {sorted(number.sizes())}, nghiêng={number.italic}"


def _number_match(r: Reading) -> re.Match | None:
    number = _number_line(r) if r.header_table is not None else None
    return re.fullmatch(r.family.number_pattern, number.text) if number is not None else None


@rule("PL I §3.3", "ký hiệu dạng '{example}'", part="number", practice="number")
def _number_shape(r: Reading):
    number = _number_line(r) if r.header_table is not None else None
    if number is None:
        return None
    return _number_match(r) is not None, f"'{number.text}', cần dạng '{r.family.number_line(5, 'KH', [r.family.example_symbol])}'"


@rule("PL I §3.3", "số văn bản dưới 10 có số 0 đứng trước", part="number")
def _number_zero(r: Reading):
    match = _number_match(r)
    if match is None:
        return None
    digits = match.group(1)
    return not digits or len(digits) >= 2, f"'{digits}' cần viết '{int(digits):02d}'" if digits else ""


@rule("PL III", "chữ viết tắt tên loại", severity=Severity.notice, families=STATE_ONLY)
def _kind_symbol(r: Reading):
    match = _number_match(r)
    if match is None:
        return None
    known = {symbol for symbol, in_decree in DOCUMENT_KINDS.values() if in_decree} | {"QyĐ", "TTr", "NQ", "HD"}
    symbol = match.group(2)
    return symbol in known, f"'{symbol}' không có trong Phụ lục III (chữ viết tắt do cơ quan tự đặt)"


def _date_line(r: Reading) -> tuple[Para | None, list[Para]]:
    paras = r.cell_paras(1, 1) or r.cell_paras(0, 1)
    return next((p for p in paras if ", ngày" in p.text), None), paras


_DATE = re.compile(r"ngày\s+(\d*)\s+tháng\s+(\d*)\s+năm\s+(\d{4})")


@rule("PL I ô 4", "địa danh, ngày tháng in nghiêng, cỡ {range}", part="date", practice="parts")
def _date_style(r: Reading):
    if r.header_table is None:
        return None
    line, _ = _date_line(r)
    if line is None:
        return unknown("không thấy dòng ngày tháng")
    return bool(line.italic) and _sizes_in(line, "date", r.family), f"nghiêng={line.italic}, cỡ {sorted(line.sizes())}"


@rule("PL I §3.1", "ngày tháng viết đầy đủ 'ngày … tháng … năm …'", part="date")
def _date_shape(r: Reading):
    line = _date_line(r)[0] if r.header_table is not None else None
    if line is None:
        return None
    return bool(_DATE.search(line.text)), f"'{line.text}'"


@rule("PL I §3.1", "ngày dưới 10 và tháng 1, 2 có số 0 đứng trước", part="date")
def _date_zeros(r: Reading):
    line = _date_line(r)[0] if r.header_table is not None else None
    match = _DATE.search(line.text) if line is not None else None
    if match is None:
        return None
    day, month, _ = match.groups()
    problems = []
    if day and len(day) != 2:
        problems.append(f"ngày '{day}' cần 2 chữ số")
    if month and ((int(month) <= 2 and len(month) != 2) or (int(month) >= 3 and month.startswith("0"))):
        problems.append(f"tháng '{month}': chỉ tháng 1, 2 có số 0 đứng trước")
    return not problems, "; ".join(problems)


@rule("PL I §5", "dòng 'Số' và dòng ngày tháng cùng một hàng", families=STATE_ONLY)
def _number_and_date_row(r: Reading):
    line, paras = _date_line(r) if r.header_table is not None else (None, [])
    if line is None or r.header_table is None or len(r.header_table.rows) < 2:
        return None
    same_row = any(p.text.startswith("Số") for p in r.cell_paras(1, 0)) and line in paras
    return same_row, "không cùng hàng"


# -- title (PL I ô 5a)

def _bold_centred(p: Para, part: str, family: Family) -> tuple[bool, str]:
    return bool(p.bold) and p.centred and _sizes_in(p, part, family), \
        f"đậm={p.bold}, căn giữa={p.centred}, cỡ {sorted(p.sizes())}"


@rule("PL I ô 5a", "tên loại in hoa, đậm, cỡ {range}, căn giữa", part="title", practice="parts")
def _kind_style(r: Reading):
    return unknown("không thấy tên loại văn bản") if r.kind is None else _bold_centred(r.kind, "title", r.family)


@rule("PL I ô 5a", "trích yếu đậm, cỡ {range}, căn giữa", part="summary", practice="parts")
def _summary_style(r: Reading):
    if r.kind is None:
        return None
    return unknown("không thấy trích yếu") if r.summary is None else _bold_centred(r.summary, "summary", r.family)


@rule("PL I ô 5a", "đường kẻ dưới trích yếu", part="summary", practice="summary_rule")
def _summary_rule(r: Reading):
    """A rule 1/3–1/2 of the text (ND 30); five hyphens "-----" under a Party summary (HD 05, practice)."""
    summary = r.summary
    if summary is None:
        return None
    marker = r.family.summary_rule
    if marker != "rule":
        index = r.body.index(summary)
        below = r.body[index + 1].text if index + 1 < len(r.body) else ""
        return below.replace(" ", "") == marker, f"cần '{marker}' dưới trích yếu, thấy '{below[:20]}'"
    return _ratio_verdict(r.body, summary, _Capped(summary, r.text_width_pt()), nd30.RULE_UNDER_SUMMARY)


# -- body (PL I ô 6)

@rule("PL I ô 6", "nội dung văn bản")
def _has_body(r: Reading):
    paras = r.body_paragraphs()
    if paras is None:
        return unknown("không xác định được phần nội dung")
    return (True, "") if paras else unknown("không có đoạn nội dung")


# "Phần I", "Chương II", "Mục 1", "Điều 5.": headings of their own, centred or not, never body text
_PART_HEADING = re.compile(r"^(PHẦN|Phần|CHƯƠNG|Chương|MỤC|Mục|ĐIỀU|Điều)\s+([IVXLC]+|\d+)\b")


def _body_rule(name: str, test: Callable[[Para, Family], bool], headings: bool = True) -> None:
    def check(r: Reading):
        paras = r.body_paragraphs()
        if not paras:
            return None  # said once, by "nội dung văn bản"
        judged = paras if headings else [p for p in paras if p not in _part_headings_in(paras)]
        bad = [p for p in judged if not test(p, r.family)]
        return not bad, f"{len(bad)} đoạn sai, ví dụ: '{bad[0].text[:60]}'" if bad else ""

    RULES.append(Rule("PL I ô 6", name, check, part="body", practice="body"))


_INDENT = nd30.FIRST_LINE_INDENT_CM[1]
_body_rule("nội dung cỡ chữ {range}", lambda p, f: all(s in f.allowed("body") for s in p.sizes()))
_body_rule("nội dung căn đều hai lề", lambda p, f: p.pformat("alignment") == WD_ALIGN_PARAGRAPH.JUSTIFY,
           headings=False)
_body_rule("lùi đầu dòng 1 cm hoặc 1,27 cm", lambda p, f: p.pformat("first_line_indent") is not None
           and _INDENT.low <= p.pformat("first_line_indent").cm <= _INDENT.high, headings=False)
_body_rule("khoảng cách giữa các đoạn tối thiểu 6 pt", lambda p, f: max(
    (p.pformat("space_before") or 0), (p.pformat("space_after") or 0)) >= nd30.PARAGRAPH_SPACING_PT[1].low * 12700 - 1)
_body_rule("giãn dòng từ đơn (single) đến 1,5 dòng", lambda p, f: _line_spacing_ok(p))
_body_rule("mỗi ý một đoạn, không ngắt dòng thủ công trong đoạn căn đều", lambda p, f: not any(
    br.get(qn("w:type")) in (None, "textWrapping") for br in p.p._p.iter(qn("w:br"))), headings=False)


@rule("PL I ô 6", "tên phần, chương, mục, điều in đậm")
def _part_headings(r: Reading):
    """Phần/Chương/Mục/Điều headings are judged as headings: bold (their alignment is the drafter's)."""
    headings = [p for p in r.body_paragraphs() or [] if _PART_HEADING.match(p.text)]
    if not headings:
        return None
    bad = [p for p in headings if not p.all_runs("bold", lambda b: bool(b)) and not _first_words_bold(p)]
    return not bad, f"'{bad[0].text[:60]}' không đậm" if bad else ""


def _part_headings_in(paras: list[Para]) -> list[Para]:
    """"Chương I" and the capitalised name on the line after it ("QUY ĐỊNH CHUNG")."""
    found: list[Para] = []
    for before, p in zip([None, *paras], paras):
        if _PART_HEADING.match(p.text) or (
                before is not None and before in found and p.text == p.text.upper() and p.centred):
            found.append(p)
    return found


def _first_words_bold(p: Para) -> bool:
    """"Điều 1. Phạm vi…": the article's number and name are bold, its text may follow upright."""
    runs = p.runs()
    return bool(runs) and bool(p.font(runs[0], "bold"))


@rule("PL I ô 6", "đề mục La Mã (I., II.) in hoa, đậm")
def _roman_headings(r: Reading):
    paras = r.body_paragraphs()
    if not paras:
        return None
    headings = [p for p in paras if re.match(r"^[IVXL]+\.\s", p.text)]
    if not headings:
        return unknown("văn bản không có đề mục La Mã")
    bad = [p for p in headings if not (p.text == p.text.upper() and p.bold)]
    return not bad, f"'{bad[0].text[:60]}'" if bad else ""


# -- recipients and signature (PL I ô 7, ô 9b)

_NO_SIGNATURE = "không có bảng nơi nhận - chữ ký"


@rule("PL I ô 9b", "'Nơi nhận:' và danh sách nơi nhận đúng kiểu chữ, cỡ chữ", part="recipients",
      practice="recipients")
def _recipients_style(r: Reading):
    """ND 30: "Nơi nhận:" 12 bold italic, entries 11; HD 36: "Nơi nhận:" 14 underlined, entries 12."""
    if r.signature_table is None:
        return unknown(_NO_SIGNATURE)
    cell = r.recipients()
    title = next((p for p in cell if p.text.startswith("Nơi nhận")), None)
    if title is None:
        return unknown("không thấy 'Nơi nhận:'")
    family = r.family
    items = [p for p in cell if p is not title]
    if family.recipients_label == "underline":
        label_ok = bool(title.all_runs("underline", lambda u: bool(u)))
        label = "gạch chân"
    else:
        label_ok, label = bool(title.bold and title.italic), "đậm nghiêng"
    ok = label_ok and _sizes_in(title, "recipients_title", family) and \
        all(_sizes_in(p, "recipients", family) for p in items)
    return ok, (f"'Nơi nhận:' cần {label}, cỡ {family.size('recipients_title')} (thấy cỡ {sorted(title.sizes())}); "
                f"danh sách cần cỡ {family.size('recipients')} (thấy {sorted({s for p in items for s in p.sizes()})})")


@rule("PL I ô 9b", "dòng cuối nơi nhận là phần lưu, kết thúc bằng dấu chấm", part="recipients")
def _archive_line(r: Reading):
    cell = r.recipients()
    title = next((p for p in cell if p.text.startswith("Nơi nhận")), None)
    if title is None:
        return None
    items = [p for p in cell if p is not title]
    last = items[-1].text if items else ""
    start = "- Lưu:" if r.family.key is FamilyKey.state else "- Lưu"
    return last.startswith(start) and last.endswith("."), f"'{last}', cần dạng '{r.family.archive.format(archive='…')}'"


def _is_note(text: str) -> bool:
    """"(Đã ký)", "(Ký, đóng dấu)": a note in italics under the posts, not a line of the signature."""
    return text.startswith("(") and text.endswith(")")


def _is_prefix_line(text: str) -> bool:
    return bool(AUTHORITY_LINE.match(text))


@rule("PL I ô 7", "khối chữ ký: dòng thẩm quyền, chức vụ và họ tên đúng kiểu chữ, cỡ {range}, căn giữa",
      part="signature")
def _signature_style(r: Reading):
    """Every block centred and in size; authority lines and the name bold; the post bold too
    where the family's guide says so (ND 30), upright where it says not (HD 36's chức vụ)."""
    if r.signature_table is None:
        return unknown(_NO_SIGNATURE)
    blocks = r.signature_blocks()
    if not blocks:
        return unknown("ô chữ ký trống")
    bad = []
    for block in blocks:
        for p in block:
            if _is_note(p.text):
                continue
            bold_needed = _is_prefix_line(p.text) or r.family.title_bold or p.text != p.text.upper()  # name: not caps
            if not (p.centred and _sizes_in(p, "signature", r.family) and (p.bold or not bold_needed)):
                bad.append(p)
    return not bad, f"'{bad[0].text}': đậm={bad[0].bold}, căn giữa={bad[0].centred}, cỡ {sorted(bad[0].sizes())}" \
        if bad else ""


@rule("PL I §4", "quyền hạn, chức vụ người ký in hoa")
def _signature_titles(r: Reading):
    blocks = r.signature_blocks()
    if not blocks:
        return None
    titles = [p for block in blocks for p in block[:-1] if not _is_note(p.text)]
    return all(p.text == p.text.upper() for p in titles), ", ".join(p.text for p in titles)


@rule("PL I §4", "viết tắt thẩm quyền ký ({example})", part="signature", practice="prefix")
def _signature_prefixes(r: Reading):
    """"TM." with a full stop (ND 30, HD 29); "T/M" with a slash (Party practice, HD 05)."""
    lines = [p.text for block in r.signature_blocks() for p in block if _is_prefix_line(p.text)]
    if not lines:
        return None
    expected = {r.family.prefix(a) for a in ("TM", "KT", "TL")}
    bad = [t for t in lines if t.split()[0] not in expected and not t.startswith(("Q.", "TUQ."))]
    return not bad, f"'{bad[0]}': {r.family.short} viết {', '.join(sorted(expected))}" if bad else ""


@rule("Ghi chú", "tệp còn thay đổi chưa chấp nhận (Track Changes)", severity=Severity.notice)
def _revisions(r: Reading):
    return not r.revisions, "kết quả đọc văn bản như khi chấp nhận mọi thay đổi; hãy chấp nhận hoặc từ chối " \
        "các thay đổi trước khi trình ký"


KNOWN_KINDS = set(DOCUMENT_KINDS)  # the kinds whose layout these rules were written for


@rule("PL I ô 5a", "loại văn bản được kiểm tra theo đúng quy tắc của loại đó")
def _kind_known(r: Reading):
    """A kind these rules were not written for (công văn, phụ lục, bản sao, …) is never passed silently."""
    texts = [p.text.strip() for p in r.body[:12]]
    copy = next((t for t in texts if t.upper().startswith("BẢN SAO")), None)
    appendix = next((t for t in texts if t.upper().startswith("PHỤ LỤC")), None)
    letter = any(t.startswith(("V/v", "Kính gửi")) for t in texts) or any(
        "V/v" in p.text for p in r.cell_paras(1, 0) + r.cell_paras(0, 0))
    if copy or appendix or letter:
        what = "bản sao" if copy else "phụ lục" if appendix else "công văn"
        return unknown(f"văn bản là {what}: thidua chưa có đủ quy tắc cho loại này, cần người xem lại")
    if r.kind is None:
        return unknown("không nhận ra loại văn bản: cần người xem lại")
    kinds = [p.text for p in r.body if p.text in _TYPE_LINES and p.centred]
    if len(kinds) > 1:
        return unknown(f"văn bản có {len(kinds)} dòng tên loại ({', '.join(kinds)}): có thể là văn bản kèm theo "
                       "văn bản khác, thidua chỉ kiểm tra phần đầu; cần người xem lại")
    if r.kind.text not in KNOWN_KINDS:
        return unknown(f"loại '{r.kind.text}' chưa có đủ quy tắc trong thidua: cần người xem lại")
    return True, ""


# -- page numbers (PL I §1)

@rule("PL I §1", "số trang ở giữa lề trên", practice="page_number")
def _page_number(r: Reading):
    if not r.document.sections:
        return unknown(_NO_SECTIONS)
    header = r.document.sections[0].header
    xml = header._element.xml if not header.is_linked_to_previous else ""
    if "PAGE" not in xml:
        return False, "không có trường số trang (PAGE) ở đầu trang"
    return any(Para(p, r.defaults).centred for p in header.paragraphs if "PAGE" in p._p.xml), \
        "số trang không căn giữa"


@rule("PL I §1", "không đánh số trang thứ nhất", practice="page_number")
def _first_page_unnumbered(r: Reading):
    if not r.document.sections:
        return unknown(_NO_SECTIONS)
    section = r.document.sections[0]
    return bool(section.different_first_page_header_footer) and "PAGE" not in section.first_page_header._element.xml, \
        "trang 1 có số trang"


class _Capped:
    """A summary's first line: the text, but never wider than the page."""

    def __init__(self, para: Para, limit_pt: float):
        self.para, self.limit = para, limit_pt


def _width(p) -> float:
    if isinstance(p, _Capped):
        return min(_width(p.para), p.limit)
    size = max(p.sizes() or {14})
    return text_width_pt(p.text, size, bold=bool(p.bold))


def _in_table(p: Para) -> bool:
    return p.p._p.getparent().tag == qn("w:tc")


def _line_spacing_ok(p: Para) -> bool:
    rule, spacing = p.pformat("line_spacing_rule"), p.pformat("line_spacing")
    if spacing is None:
        return True  # Word's default is single
    if isinstance(spacing, float):
        return 1.0 <= spacing <= 1.5
    size = max(p.sizes() or {14})
    if rule in (WD_LINE_SPACING.EXACTLY, WD_LINE_SPACING.AT_LEAST):
        return size * 1.0 <= spacing.pt <= size * 1.5 * 1.2
    return True


MAX_UNPACKED = 200 * 2**20  # bytes a Word file may unpack to; a zip bomb is refused before it is opened
MAX_XML = 25 * 2**20  # bytes of XML (parsed, unlike pictures): a plan of a hundred pages holds under 2 MB


def check_docx(path: Path | str) -> list[Result]:
    """Every rule's result; raise ValueError with a Vietnamese reason for a file that cannot be judged."""
    import zipfile

    path = Path(path)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile:
        raise ValueError("không phải tệp Word (.docx)") from None
    unpacked = sum(info.file_size for info in infos)
    xml = sum(info.file_size for info in infos if info.filename.endswith((".xml", ".rels")))
    if unpacked > MAX_UNPACKED:
        raise ValueError(f"tệp giải nén ra {unpacked / 2**20:.0f} MB, quá lớn cho một văn bản")
    if xml > MAX_XML:
        raise ValueError(f"phần nội dung XML của tệp giải nén ra {xml / 2**20:.0f} MB, quá lớn cho một văn bản "
                         f"(giới hạn {MAX_XML // 2**20} MB)")
    reading = Reading(path)
    return [result for rule in RULES if (result := rule.run(reading)) is not None]


def failed(results: list[Result]) -> bool:
    return any(r.status is Status.failed for r in results)


def verdict(results: list[Result]) -> tuple[int, str]:
    """(exit code, words): "đạt" only when every rule that applies was evaluated and passed."""
    errors = [r for r in results if r.status is Status.failed]
    unknown = [r for r in results if r.status is Status.unknown]
    if errors:
        return 1, f"có {len(errors)} lỗi thể thức" + (f"; {len(unknown)} quy tắc chưa đánh giá được" if unknown else "")
    if unknown:
        names = "; ".join(r.rule for r in unknown[:5]) + ("; …" if len(unknown) > 5 else "")
        return 3, f"chưa đánh giá được đầy đủ ({len(unknown)} quy tắc: {names}): cần người xem lại"
    return 0, "đạt thể thức"
