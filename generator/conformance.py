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
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Length

from . import nd30
from .docx_text import paragraph_text
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


MAX_STYLE_CHAIN = 50  # Word allows far fewer; a file whose styles loop must not hang `check`


def _inherited(style, read: Callable):
    """The first value `read(style)` gives along the style's base-style chain (a loop ends it)."""
    seen: set[str] = set()
    while style is not None and len(seen) < MAX_STYLE_CHAIN:
        key = style.style_id or style.name or str(id(style))
        if key in seen:
            return None
        seen.add(key)
        value = read(style)
        if value is not None:
            return value
        style = style.base_style
    return None


class Para:
    """A paragraph with its formatting resolved through the style chain."""

    def __init__(self, paragraph, defaults: dict):
        self.p = paragraph
        self.text = paragraph_text(paragraph._p).strip()
        self.defaults = defaults

    def pformat(self, name: str):
        """Direct formatting, then the style chain, then the document defaults (as Word renders it)."""
        value = getattr(self.p.paragraph_format, name)
        if value is None:
            value = _inherited(self.p.style, lambda s: getattr(s.paragraph_format, name))
        return value if value is not None else self.defaults.get(f"paragraph.{name}")

    def runs(self):
        return [r for r in self.p.runs if r.text.strip()]

    def font(self, run, name: str):
        value = getattr(run.font, name)
        if value is None and run.style is not None and run.style.type == 2:
            value = getattr(run.style.font, name)
        if value is None:
            value = _inherited(self.p.style, lambda s: getattr(s.font, name))
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

_MACRO_TYPES = (b"application/vnd.ms-word.document.macroEnabled.main+xml",
                b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
                b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml")
_DOCX_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def _openable(path: Path):
    """A .docm or .dotx is read as the .docx it contains (its macros are never run nor read)."""
    import io
    import zipfile

    with zipfile.ZipFile(path) as archive:
        types = archive.read("[Content_Types].xml")
        if not any(t in types for t in _MACRO_TYPES):
            return str(path)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as copy:
            for info in archive.infolist():
                data = archive.read(info)
                if info.filename == "[Content_Types].xml":
                    for macro_type in _MACRO_TYPES:
                        data = data.replace(macro_type, _DOCX_TYPE)
                copy.writestr(info, data)
    out.seek(0)
    return out



class Reading:
    """The parts of a document that the rules look at, found once."""

    def __init__(self, path: Path):
        self.document = Document(_openable(path))
        self.revisions = any(True for _ in self.document.element.body.iter(qn("w:ins"), qn("w:del")))
        self.defaults = _defaults(self.document)
        body = self.document.element.body
        self.tables = self.document.tables
        self.header_table = self.tables[0] if self.tables and body.index(self.tables[0]._tbl) < 3 else None
        self.signature_table = self.tables[-1] if len(self.tables) > 1 else None
        self.body = [q for q in (Para(p, self.defaults) for p in self.document.paragraphs) if q.text]
        kinds = set(DOCUMENT_KINDS) | {"CÔNG VĂN", "TỜ TRÌNH", "QUY CHẾ", "QUY ĐỊNH"}
        self.kind_index = next((i for i, p in enumerate(self.body) if p.text in kinds), None)
        self._cells: dict[tuple[int, int], list[Para]] = {}
        self.family = self._family()

    def _family(self) -> str:
        """"party", "youth" or "state": Party and Đoàn documents follow their own guides, not ND30's header."""
        texts = [p.text for p in self.cell_paras(0, 1)] + [p.text for p in self.cell_paras(0, 0)]
        for section in self.document.sections:  # a banner may sit in the page header
            if not section.header.is_linked_to_previous:
                texts += [p.text for p in section.header.paragraphs]
        joined = " ".join(texts).upper()
        number = next((p.text for p in self.cell_paras(1, 0) + self.cell_paras(0, 0) if p.text.startswith("Số")), "")
        if "ĐẢNG CỘNG SẢN VIỆT NAM" in joined or re.match(r"^Số\s+\d*\s*-\s*[A-ZĐ]+/", number):
            return "party"
        if "ĐOÀN TNCS" in joined or "ĐOÀN THANH NIÊN CỘNG SẢN" in joined:
            return "youth"
        return "state"

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
        return None if _is_rule(summary.text) else summary

    def body_paragraphs(self) -> list[Para] | None:
        """The paragraphs after the summary (and its rule, when there is one); None: no summary found."""
        if self.kind_index is None:
            return None
        start = self.kind_index + 2
        if start < len(self.body) and _is_rule(self.body[start].text):
            start += 1
        return [p for p in self.body[start:] if not _in_table(p)]

    def signature_cells(self) -> tuple[list[Para], list[Para]]:
        if self.signature_table is None:
            return [], []
        cells = self.signature_table.rows[0].cells
        left = [q for q in (Para(p, self.defaults) for p in cells[0].paragraphs) if q.text]
        right = [q for q in (Para(p, self.defaults) for p in cells[-1].paragraphs) if q.text]
        return left, right

    def text_width_pt(self) -> float:
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
    clause: str  # the item of the decree, e.g. "PL I §1", "PL I ô 5a"
    name: str  # what is checked, in Vietnamese
    check: Callable[[Reading], tuple[bool | None, str] | None]  # (ok, detail); ok None: not evaluable
    severity: Severity = Severity.error
    kinds: frozenset[str] = ALL_KINDS
    state_only: bool = False  # a rule of Nghị định 30 that Party and Đoàn documents do not follow

    def run(self, reading: Reading) -> Result | None:
        if self.state_only and reading.family != "state":
            return None
        outcome = self.check(reading)
        if outcome is None:  # the rule does not apply to this document
            return None
        ok, detail = outcome
        if self.severity is Severity.notice:
            return Result(self.clause, self.name, Status.notice, detail) if ok is False else None
        if ok is None:
            return Result(self.clause, self.name, Status.unknown, detail)
        return Result(self.clause, self.name, Status.passed if ok else Status.failed, "" if ok else detail)


RULES: list[Rule] = []


def rule(clause: str, name: str, severity: Severity = Severity.error, kinds: frozenset[str] = ALL_KINDS,
         state_only: bool = False):
    """Register a check: `@rule("PL I §1", "khổ giấy A4")` above a function of a Reading."""
    def register(check: Callable[[Reading], tuple[bool | None, str] | None]):
        RULES.append(Rule(clause, name, check, severity, kinds, state_only))
        return check
    return register


def unknown(why: str) -> tuple[None, str]:
    return None, why


def _sizes_in(p: Para, part: str) -> bool:
    allowed = nd30.allowed(part)
    return bool(p.sizes()) and all(s in allowed for s in p.sizes())


def _rule_ratio(paras: list[Para], above: Para | None, reference) -> tuple[float | None, str]:
    if above is None:
        return None, "không thấy dòng chữ phía trên đường kẻ"
    index = paras.index(above)
    below = paras[index + 1] if index + 1 < len(paras) else None
    if below is None or not _is_rule(below.text):
        return None, "không thấy đường kẻ bằng ký tự gạch dưới (có thể là hình vẽ)"
    return _width(below) / _width(reference), ""


def _ratio_verdict(paras, above, reference, allowed: nd30.Range) -> tuple[bool | None, str]:
    ratio, why = _rule_ratio(paras, above, reference)
    if ratio is None:
        return unknown(why)
    return allowed.low <= ratio <= allowed.high, f"đường kẻ dài {ratio:.0%} dòng chữ"


# -- page (PL I §1)

@rule("PL I §1", "khổ giấy A4 (210 × 297 mm)")
def _paper(r: Reading):
    """Every section is A4; a section after the first may be landscape (a wide table, PL I §1)."""
    short, long_ = nd30.PAGE_MM[0] * MM, nd30.PAGE_MM[1] * MM
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

    RULES.append(Rule("PL I §1", f"lề {label} {allowed.low:.0f}–{allowed.high:.0f} mm", check))


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
                      state_only=name in ("quốc hiệu", "tiêu ngữ")))


for _name in ("quốc hiệu", "tiêu ngữ", "tên cơ quan ban hành", "số, ký hiệu", "địa danh, ngày tháng"):
    _header_missing_rule(_name)


def _national(r: Reading) -> Para | None:
    return next((p for p in r.cell_paras(0, 1) if "CỘNG HÒA" in p.text.upper()), None)


def _motto(r: Reading) -> Para | None:
    return next((p for p in r.cell_paras(0, 1) if p.text.startswith("Độc lập")), None)


def _issuer(r: Reading) -> list[Para]:
    return [p for p in r.cell_paras(0, 0) if not _is_rule(p.text) and p.bold]


@rule("PL I ô 1", "quốc hiệu in hoa, đậm, cỡ 12–13", state_only=True)
def _national_name(r: Reading):
    if r.header_table is None:
        return None
    national = _national(r)
    if national is None:
        return unknown("không thấy quốc hiệu")
    ok = national.text == national.text.upper() and bool(national.bold) and _sizes_in(national, "national_name")
    return ok, f"'{national.text}' cỡ {sorted(national.sizes())}, đậm={national.bold}"


@rule("PL I ô 1", "tiêu ngữ đậm, cỡ 13–14", state_only=True)
def _motto_style(r: Reading):
    if r.header_table is None:
        return None
    motto = _motto(r)
    if motto is None:
        return unknown("không thấy tiêu ngữ")
    return bool(motto.bold) and _sizes_in(motto, "motto"), f"cỡ {sorted(motto.sizes())}, đậm={motto.bold}"


@rule("PL I ô 1", "đường kẻ dưới tiêu ngữ dài bằng tiêu ngữ", state_only=True)
def _motto_rule(r: Reading):
    motto = _motto(r) if r.header_table is not None else None
    if motto is None:
        return None
    return _ratio_verdict(r.cell_paras(0, 1), motto, motto, nd30.RULE_UNDER_MOTTO)


@rule("PL I ô 2", "tên cơ quan ban hành in hoa, đậm, cỡ 12–13")
def _issuer_style(r: Reading):
    if r.header_table is None:
        return None
    issuer = _issuer(r)
    if not issuer:
        return unknown("không thấy tên cơ quan")
    ok = all(p.text == p.text.upper() and _sizes_in(p, "issuer") for p in issuer)
    return ok, "; ".join(f"'{p.text}' cỡ {sorted(p.sizes())}" for p in issuer)


@rule("PL I ô 2", "đường kẻ dưới tên cơ quan dài 1/3–1/2 dòng chữ")
def _issuer_rule(r: Reading):
    issuer = _issuer(r) if r.header_table is not None else []
    if not issuer:
        return None
    return _ratio_verdict(r.cell_paras(0, 0), issuer[-1], max(issuer, key=_width), nd30.RULE_UNDER_ISSUER)


def _number_line(r: Reading) -> Para | None:
    paras = r.cell_paras(1, 0) or [p for p in r.cell_paras(0, 0) if p.text.startswith("Số")]
    return next((p for p in paras if p.text.startswith("Số")), None)


_NUMBER = re.compile(r"Số:\s*(\d*)\s*/\s*([^\s/-]+)-(\S+)")


@rule("PL I ô 3", "số, ký hiệu cỡ 13, đứng")
def _number_style(r: Reading):
    if r.header_table is None:
        return None
    number = _number_line(r)
    if number is None:
        return unknown("không thấy dòng 'Số:'")
    return _sizes_in(number, "number") and not number.italic, f"cỡ {sorted(number.sizes())}, nghiêng={number.italic}"


@rule("PL I §3.3", "ký hiệu dạng 'Số: 05/KH-UBND'", state_only=True)
def _number_shape(r: Reading):
    number = _number_line(r) if r.header_table is not None else None
    if number is None:
        return None
    return bool(_NUMBER.fullmatch(number.text)), f"'{number.text}'"


@rule("PL I §3.3", "số văn bản dưới 10 có số 0 đứng trước", state_only=True)
def _number_zero(r: Reading):
    number = _number_line(r) if r.header_table is not None else None
    match = _NUMBER.fullmatch(number.text) if number is not None else None
    if match is None:
        return None
    digits = match.group(1)
    return not digits or len(digits) >= 2, f"'{digits}' cần viết '{int(digits):02d}'" if digits else ""


@rule("PL III", "chữ viết tắt tên loại", severity=Severity.notice, state_only=True)
def _kind_symbol(r: Reading):
    number = _number_line(r) if r.header_table is not None else None
    match = _NUMBER.fullmatch(number.text) if number is not None else None
    if match is None:
        return None
    known = {symbol for symbol, in_decree in DOCUMENT_KINDS.values() if in_decree} | {"QyĐ", "TTr", "NQ", "HD"}
    symbol = match.group(2)
    return symbol in known, f"'{symbol}' không có trong Phụ lục III (chữ viết tắt do cơ quan tự đặt)"


def _date_line(r: Reading) -> tuple[Para | None, list[Para]]:
    paras = r.cell_paras(1, 1) or r.cell_paras(0, 1)
    return next((p for p in paras if ", ngày" in p.text), None), paras


_DATE = re.compile(r"ngày\s+(\d*)\s+tháng\s+(\d*)\s+năm\s+(\d{4})")


@rule("PL I ô 4", "địa danh, ngày tháng in nghiêng, cỡ 13–14")
def _date_style(r: Reading):
    if r.header_table is None:
        return None
    line, _ = _date_line(r)
    if line is None:
        return unknown("không thấy dòng ngày tháng")
    return bool(line.italic) and _sizes_in(line, "date"), f"nghiêng={line.italic}, cỡ {sorted(line.sizes())}"


@rule("PL I §3.1", "ngày tháng viết đầy đủ 'ngày … tháng … năm …'")
def _date_shape(r: Reading):
    line = _date_line(r)[0] if r.header_table is not None else None
    if line is None:
        return None
    return bool(_DATE.search(line.text)), f"'{line.text}'"


@rule("PL I §3.1", "ngày dưới 10 và tháng 1, 2 có số 0 đứng trước")
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


@rule("PL I §5", "dòng 'Số' và dòng ngày tháng cùng một hàng")
def _number_and_date_row(r: Reading):
    line, paras = _date_line(r) if r.header_table is not None else (None, [])
    if line is None or r.header_table is None or len(r.header_table.rows) < 2:
        return None
    same_row = any(p.text.startswith("Số") for p in r.cell_paras(1, 0)) and line in paras
    return same_row, "không cùng hàng"


# -- title (PL I ô 5a)

def _bold_centred(p: Para, part: str) -> tuple[bool, str]:
    return bool(p.bold) and p.centred and _sizes_in(p, part), f"đậm={p.bold}, cỡ {sorted(p.sizes())}"


@rule("PL I ô 5a", "tên loại in hoa, đậm, cỡ 13–14, căn giữa")
def _kind_style(r: Reading):
    return unknown("không thấy tên loại văn bản") if r.kind is None else _bold_centred(r.kind, "title")


@rule("PL I ô 5a", "trích yếu đậm, cỡ 13–14, căn giữa")
def _summary_style(r: Reading):
    if r.kind is None:
        return None
    return unknown("không thấy trích yếu") if r.summary is None else _bold_centred(r.summary, "title")


@rule("PL I ô 5a", "đường kẻ dưới trích yếu dài 1/3–1/2 dòng chữ")
def _summary_rule(r: Reading):
    summary = r.summary
    if summary is None:
        return None
    return _ratio_verdict(r.body, summary, _Capped(summary, r.text_width_pt()), nd30.RULE_UNDER_SUMMARY)


# -- body (PL I ô 6)

@rule("PL I ô 6", "nội dung văn bản")
def _has_body(r: Reading):
    paras = r.body_paragraphs()
    if paras is None:
        return unknown("không xác định được phần nội dung")
    return (True, "") if paras else unknown("không có đoạn nội dung")


def _body_rule(name: str, test: Callable[[Para], bool]) -> None:
    def check(r: Reading):
        paras = r.body_paragraphs()
        if not paras:
            return None  # said once, by "nội dung văn bản"
        bad = [p for p in paras if not test(p)]
        return not bad, f"{len(bad)} đoạn sai, ví dụ: '{bad[0].text[:60]}'" if bad else ""

    RULES.append(Rule("PL I ô 6", name, check))


_INDENT = nd30.FIRST_LINE_INDENT_CM[1]
_body_rule("nội dung cỡ chữ 13–14", lambda p: all(s in nd30.allowed("body") for s in p.sizes()))
_body_rule("nội dung căn đều hai lề", lambda p: p.pformat("alignment") == WD_ALIGN_PARAGRAPH.JUSTIFY)
_body_rule("lùi đầu dòng 1 cm hoặc 1,27 cm", lambda p: p.pformat("first_line_indent") is not None
           and _INDENT.low <= p.pformat("first_line_indent").cm <= _INDENT.high)
_body_rule("khoảng cách giữa các đoạn tối thiểu 6 pt", lambda p: max(
    (p.pformat("space_before") or 0), (p.pformat("space_after") or 0)) >= nd30.PARAGRAPH_SPACING_PT[1].low * 12700 - 1)
_body_rule("giãn dòng từ đơn (single) đến 1,5 dòng", lambda p: _line_spacing_ok(p))
_body_rule("mỗi ý một đoạn, không ngắt dòng thủ công trong đoạn căn đều", lambda p: not any(
    br.get(qn("w:type")) in (None, "textWrapping") for br in p.p._p.iter(qn("w:br"))))


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


@rule("PL I ô 9b", "'Nơi nhận:' cỡ 12 đậm nghiêng; danh sách cỡ 11")
def _recipients_style(r: Reading):
    if r.signature_table is None:
        return unknown(_NO_SIGNATURE)
    left, _ = r.signature_cells()
    title = next((p for p in left if p.text.startswith("Nơi nhận")), None)
    if title is None:
        return unknown("không thấy 'Nơi nhận:'")
    items = [p for p in left if p is not title]
    ok = bool(title.bold and title.italic) and _sizes_in(title, "recipients_title") and \
        all(_sizes_in(p, "recipients") for p in items)
    return ok, f"'Nơi nhận:' cỡ {sorted(title.sizes())}; danh sách cỡ {sorted({s for p in items for s in p.sizes()})}"


@rule("PL I ô 9b", "dòng cuối '- Lưu: VT, …' kết thúc bằng dấu chấm")
def _archive_line(r: Reading):
    left, _ = r.signature_cells()
    title = next((p for p in left if p.text.startswith("Nơi nhận")), None)
    if title is None:
        return None
    items = [p for p in left if p is not title]
    last = items[-1].text if items else ""
    return last.startswith("- Lưu") and last.endswith("."), f"'{last}'"


@rule("PL I ô 7", "khối chữ ký đậm, cỡ 13–14, căn giữa")
def _signature_style(r: Reading):
    if r.signature_table is None:
        return unknown(_NO_SIGNATURE)
    _, right = r.signature_cells()
    if not right:
        return unknown("ô chữ ký trống")
    ok = all(p.bold and p.centred and _sizes_in(p, "signature") for p in right)
    return ok, "có dòng không đậm, không căn giữa hoặc sai cỡ"


@rule("PL I §4", "quyền hạn, chức vụ người ký in hoa")
def _signature_titles(r: Reading):
    _, right = r.signature_cells()
    if not right:
        return None
    titles = right[:-1]
    return all(p.text == p.text.upper() for p in titles), ", ".join(p.text for p in titles)


@rule("Ghi chú", "tệp còn thay đổi chưa chấp nhận (Track Changes)", severity=Severity.notice)
def _revisions(r: Reading):
    return not r.revisions, "kết quả đọc văn bản như khi chấp nhận mọi thay đổi; hãy chấp nhận hoặc từ chối " \
        "các thay đổi trước khi trình ký"


KNOWN_KINDS = set(DOCUMENT_KINDS)  # the kinds whose layout these rules were written for


@rule("PL I ô 5a", "loại văn bản được kiểm tra theo đúng quy tắc của loại đó")
def _kind_known(r: Reading):
    """A kind these rules were not written for (công văn, phụ lục, bản sao, …) is never passed silently."""
    if r.family != "state":
        guide = "Hướng dẫn 36-HD/VPTW" if r.family == "party" else "Hướng dẫn 29-HD/TWĐTN-VP"
        return unknown(f"văn bản của {'Đảng' if r.family == 'party' else 'Đoàn'} theo {guide}: thidua chỉ kiểm tra "
                       "phần chung với Nghị định 30, cần người xem lại phần đầu văn bản")
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
    if r.kind.text not in KNOWN_KINDS:
        return unknown(f"loại '{r.kind.text}' chưa có đủ quy tắc trong thidua: cần người xem lại")
    return True, ""


# -- page numbers (PL I §1)

@rule("PL I §1", "số trang ở giữa lề trên")
def _page_number(r: Reading):
    header = r.document.sections[0].header
    xml = header._element.xml if not header.is_linked_to_previous else ""
    if "PAGE" not in xml:
        return False, "không có trường số trang (PAGE) ở đầu trang"
    return any(Para(p, r.defaults).centred for p in header.paragraphs if "PAGE" in p._p.xml), \
        "số trang không căn giữa"


@rule("PL I §1", "không đánh số trang thứ nhất")
def _first_page_unnumbered(r: Reading):
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


def _is_rule(text: str) -> bool:
    return bool(text) and set(text) <= {"_"}


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


def check_docx(path: Path | str) -> list[Result]:
    """Every rule's result; raise ValueError with a Vietnamese reason for a file that cannot be judged."""
    import zipfile

    path = Path(path)
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise ValueError("không phải tệp Word (.docx)") from None
    if unpacked > MAX_UNPACKED:
        raise ValueError(f"tệp giải nén ra {unpacked / 2**20:.0f} MB, quá lớn cho một văn bản")
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
