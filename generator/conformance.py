"""`thidua check`: verify any .docx against the layout rules of Nghị định 30/2020/NĐ-CP.

Each rule names its item of the decree (Phụ lục I) and ends as passed, failed,
not evaluable (the part could not be found or its value is not stored in the file:
never reported as passed) or a notice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Callable, Iterable, Optional

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Length

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
TNR = "Times New Roman"


# ------------------------------------------------------------------ effective formatting


def _inherited(style, read: Callable):
    """The first value `read(style)` gives along the style's base-style chain."""
    while style is not None:
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
        value = getattr(self.p.paragraph_format, name)
        return value if value is not None else _inherited(self.p.style, lambda s: getattr(s.paragraph_format, name))

    def runs(self):
        return [r for r in self.p.runs if r.text.strip()]

    def font(self, run, name: str):
        value = getattr(run.font, name)
        if value is None and run.style is not None and run.style.type == 2:
            value = getattr(run.style.font, name)
        if value is None:
            value = _inherited(self.p.style, lambda s: getattr(s.font, name))
        return value if value is not None else self.defaults.get(name)

    def all_runs(self, name: str, test: Callable[[object], bool]) -> Optional[bool]:
        runs = self.runs()
        if not runs:
            return None
        return all(test(self.font(r, name)) for r in runs)

    def sizes(self) -> set[float]:
        return {self.font(r, "size").pt for r in self.runs() if self.font(r, "size") is not None}

    @property
    def bold(self) -> Optional[bool]:
        return self.all_runs("bold", bool)

    @property
    def italic(self) -> Optional[bool]:
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
    return defaults


# ------------------------------------------------------------------ the checker


class Checker:
    def __init__(self, path: Path):
        self.document = Document(str(path))
        self.defaults = _defaults(self.document)
        self.results: list[Result] = []
        body = self.document.element.body
        self.tables = self.document.tables
        self.header_table = self.tables[0] if self.tables and body.index(self.tables[0]._tbl) < 3 else None
        self.signature_table = self.tables[-1] if len(self.tables) > 1 else None
        self.body = [Para(p, self.defaults) for p in self.document.paragraphs]
        self.body = [p for p in self.body if p.text]

    def add(self, ref: str, rule: str, ok: Optional[bool], detail: str = "", why_unknown: str = ""):
        if ok is None:
            self.results.append(Result(ref, rule, Status.unknown, why_unknown or detail))
        else:
            self.results.append(Result(ref, rule, Status.passed if ok else Status.failed, "" if ok else detail))

    def cell_paras(self, row: int, col: int) -> list[Para]:
        if self.header_table is None or len(self.header_table.rows) <= row:
            return []
        cells = self.header_table.rows[row].cells
        if len(cells) <= col:
            return []
        return [q for q in (Para(p, self.defaults) for p in cells[col].paragraphs) if q.text]

    def run(self) -> list[Result]:
        self.page()
        self.fonts()
        self.header()
        self.title()
        self.body_text()
        self.signature()
        self.page_numbers()
        return self.results

    # -- page

    def page(self):
        section = self.document.sections[0]
        width, height = section.page_width, section.page_height
        if width is None or height is None:
            self.add("PL I §1", "khổ giấy A4", None, why_unknown="tệp không ghi khổ giấy")
        else:
            ok = abs(width - 210 * MM) < MM and abs(height - 297 * MM) < MM
            self.add("PL I §1", "khổ giấy A4 (210 × 297 mm)", ok,
                     f"khổ {width / MM:.0f} × {height / MM:.0f} mm")
        for name, attr, low, high in (("trên", "top_margin", 20, 25), ("dưới", "bottom_margin", 20, 25),
                                      ("trái", "left_margin", 30, 35), ("phải", "right_margin", 15, 20)):
            value = getattr(section, attr)
            if value is None:
                self.add("PL I §1", f"lề {name} {low}–{high} mm", None, why_unknown="tệp không ghi lề")
                continue
            mm = value / MM
            self.add("PL I §1", f"lề {name} {low}–{high} mm", low - 0.5 <= mm <= high + 0.5, f"lề {name} {mm:.1f} mm")

    def fonts(self):
        names, unknown = set(), 0
        for paragraph in self._all_paragraphs():
            for run in paragraph.runs():
                name = paragraph.font(run, "name")
                if name is None:
                    unknown += 1
                else:
                    names.add(name)
        if not names and unknown:
            self.add("PL I §1", "phông chữ Times New Roman", None, why_unknown="phông chữ lấy theo theme của Word")
        else:
            self.add("PL I §1", "phông chữ Times New Roman", names <= {TNR}, "có phông " + ", ".join(sorted(names - {TNR})))

    def _all_paragraphs(self) -> Iterable[Para]:
        yield from self.body
        for table in self.tables:
            for row in table.rows:
                for cell in row.cells:
                    yield from (q for q in (Para(p, self.defaults) for p in cell.paragraphs) if q.text)

    # -- header table

    def header(self):
        ref = "PL I §2 ô 1–4"
        if self.header_table is None:
            for rule in ("quốc hiệu", "tiêu ngữ", "tên cơ quan ban hành", "số, ký hiệu", "địa danh, ngày tháng"):
                self.add(ref, rule, None, why_unknown="không có bảng phần đầu văn bản (2 cột không viền)")
            return
        right = self.cell_paras(0, 1)
        national = next((p for p in right if "CỘNG HÒA" in p.text.upper()), None)
        motto = next((p for p in right if p.text.startswith("Độc lập")), None)
        if national is None:
            self.add("PL I ô 1", "quốc hiệu in hoa, đậm, cỡ 12–13", None, why_unknown="không thấy quốc hiệu")
        else:
            self.add("PL I ô 1", "quốc hiệu in hoa, đậm, cỡ 12–13",
                     national.text == national.text.upper() and national.bold and national.sizes() <= {12, 13},
                     f"'{national.text}' cỡ {sorted(national.sizes())}, đậm={national.bold}")
        if motto is None:
            self.add("PL I ô 1", "tiêu ngữ đậm, cỡ 13–14, có đường kẻ bằng độ dài", None, why_unknown="không thấy tiêu ngữ")
        else:
            self.add("PL I ô 1", "tiêu ngữ đậm, cỡ 13–14", motto.bold and motto.sizes() <= {13, 14},
                     f"cỡ {sorted(motto.sizes())}, đậm={motto.bold}")
            self.rule_after(right, motto, "PL I ô 1", "đường kẻ dưới tiêu ngữ dài bằng tiêu ngữ", 0.85, 1.15)
        left = self.cell_paras(0, 0)
        issuer = [p for p in left if not _is_rule(p.text) and p.bold]
        if not issuer:
            self.add("PL I ô 2", "tên cơ quan ban hành in hoa, đậm, cỡ 12–13", None, why_unknown="không thấy tên cơ quan")
        else:
            ok = all(p.text == p.text.upper() and p.sizes() <= {12, 13} for p in issuer)
            self.add("PL I ô 2", "tên cơ quan ban hành in hoa, đậm, cỡ 12–13", ok,
                     "; ".join(f"'{p.text}' cỡ {sorted(p.sizes())}" for p in issuer))
            self.rule_after(left, issuer[-1], "PL I ô 2", "đường kẻ dưới tên cơ quan dài 1/3–1/2 dòng chữ", 0.3, 0.55,
                            reference=max(issuer, key=lambda p: _width(p)))
        self.number()
        self.date()

    def rule_after(self, paras: list[Para], above: Para, ref: str, rule: str, low: float, high: float,
                   reference: Optional[Para] = None):
        index = paras.index(above)
        below = paras[index + 1] if index + 1 < len(paras) else None
        if below is None or not _is_rule(below.text):
            self.add(ref, rule, None, why_unknown="không thấy đường kẻ bằng ký tự gạch dưới (có thể là hình vẽ)")
            return
        reference = reference or above
        ratio = _width(below) / _width(reference)
        self.add(ref, rule, low <= ratio <= high, f"đường kẻ dài {ratio:.0%} dòng chữ")

    def number(self):
        paras = self.cell_paras(1, 0) or [p for p in self.cell_paras(0, 0) if p.text.startswith("Số")]
        number = next((p for p in paras if p.text.startswith("Số")), None)
        if number is None:
            self.add("PL I ô 3", "số, ký hiệu cỡ 13, đứng", None, why_unknown="không thấy dòng 'Số:'")
            return
        self.add("PL I ô 3", "số, ký hiệu cỡ 13, đứng", number.sizes() == {13} and not number.italic,
                 f"cỡ {sorted(number.sizes())}, nghiêng={number.italic}")
        match = re.fullmatch(r"Số:\s*(\d*)\s*/\s*([^\s/-]+)-(\S+)", number.text)
        if not match:
            self.add("PL I §3.3", "ký hiệu dạng 'Số: 05/KH-UBND'", False, f"'{number.text}'")
            return
        digits, kind_symbol, _ = match.groups()
        self.add("PL I §3.3", "số văn bản dưới 10 có số 0 đứng trước", not digits or len(digits) >= 2,
                 f"'{digits}' cần viết '{int(digits):02d}'" if digits else "")
        known = {symbol for symbol, in_decree in DOCUMENT_KINDS.values() if in_decree} | {"QyĐ", "TTr", "NQ", "HD"}
        if kind_symbol not in known:
            self.results.append(Result("PL III", "chữ viết tắt tên loại", Status.notice,
                                       f"'{kind_symbol}' không có trong Phụ lục III (chữ viết tắt do cơ quan tự đặt)"))

    def date(self):
        paras = self.cell_paras(1, 1) or self.cell_paras(0, 1)
        line = next((p for p in paras if ", ngày" in p.text), None)
        if line is None:
            self.add("PL I ô 4", "địa danh, ngày tháng in nghiêng, cỡ 13–14", None, why_unknown="không thấy dòng ngày tháng")
            return
        self.add("PL I ô 4", "địa danh, ngày tháng in nghiêng, cỡ 13–14", line.italic and line.sizes() <= {13, 14},
                 f"nghiêng={line.italic}, cỡ {sorted(line.sizes())}")
        match = re.search(r"ngày\s+(\d*)\s+tháng\s+(\d*)\s+năm\s+(\d{4})", line.text)
        if not match:
            self.add("PL I §3.1", "ngày tháng viết đầy đủ 'ngày … tháng … năm …'", False, f"'{line.text}'")
            return
        day, month, _ = match.groups()
        problems = []
        if day and (len(day) != 2):
            problems.append(f"ngày '{day}' cần 2 chữ số")
        if month and ((int(month) <= 2 and len(month) != 2) or (int(month) >= 3 and month.startswith("0"))):
            problems.append(f"tháng '{month}': chỉ tháng 1, 2 có số 0 đứng trước")
        self.add("PL I §3.1", "ngày dưới 10 và tháng 1, 2 có số 0 đứng trước", not problems, "; ".join(problems))
        if self.header_table is not None and len(self.header_table.rows) > 1:
            same_row = any(p.text.startswith("Số") for p in self.cell_paras(1, 0)) and line in paras
            self.add("PL I §5", "dòng 'Số' và dòng ngày tháng cùng một hàng", same_row, "không cùng hàng")

    # -- title, body

    def title(self):
        kinds = set(DOCUMENT_KINDS) | {"CÔNG VĂN", "TỜ TRÌNH", "QUY CHẾ", "QUY ĐỊNH"}
        index = next((i for i, p in enumerate(self.body) if p.text in kinds), None)
        if index is None:
            self.add("PL I ô 5a", "tên loại in hoa, đậm, cỡ 13–14, căn giữa", None, why_unknown="không thấy tên loại văn bản")
            self.summary_index = None
            return
        kind = self.body[index]
        self.add("PL I ô 5a", "tên loại in hoa, đậm, cỡ 13–14, căn giữa",
                 kind.bold and kind.centred and kind.sizes() <= {13, 14}, f"đậm={kind.bold}, cỡ {sorted(kind.sizes())}")
        summary = self.body[index + 1] if index + 1 < len(self.body) else None
        self.summary_index = index + 1
        if summary is None or _is_rule(summary.text):
            self.add("PL I ô 5a", "trích yếu đậm, cỡ 13–14, căn giữa", None, why_unknown="không thấy trích yếu")
            return
        self.add("PL I ô 5a", "trích yếu đậm, cỡ 13–14, căn giữa",
                 summary.bold and summary.centred and summary.sizes() <= {13, 14},
                 f"đậm={summary.bold}, cỡ {sorted(summary.sizes())}")
        self.rule_after(self.body, summary, "PL I ô 5a", "đường kẻ dưới trích yếu dài 1/3–1/2 dòng chữ", 0.3, 0.55,
                        reference=_Capped(summary, self._text_width_pt()))

    def _text_width_pt(self) -> float:
        section = self.document.sections[0]
        return (section.page_width - section.left_margin - section.right_margin) / 12700

    def body_text(self):
        start = (self.summary_index or 0) + 2 if getattr(self, "summary_index", None) is not None else None
        if start is None:
            self.add("PL I ô 6", "nội dung văn bản", None, why_unknown="không xác định được phần nội dung")
            return
        paras = [p for p in self.body[start:] if not _in_table(p)]
        if not paras:
            self.add("PL I ô 6", "nội dung văn bản", None, why_unknown="không có đoạn nội dung")
            return
        checks = {
            "nội dung cỡ chữ 13–14": lambda p: p.sizes() <= {13, 14},
            "nội dung căn đều hai lề": lambda p: p.pformat("alignment") == WD_ALIGN_PARAGRAPH.JUSTIFY,
            "lùi đầu dòng 1 cm hoặc 1,27 cm": lambda p: p.pformat("first_line_indent") is not None
            and 0.95 <= p.pformat("first_line_indent").cm <= 1.32,
            "khoảng cách giữa các đoạn tối thiểu 6 pt": lambda p: max(
                (p.pformat("space_before") or 0), (p.pformat("space_after") or 0)) >= 6 * 12700 - 1,
            "giãn dòng từ đơn (single) đến 1,5 dòng": _line_spacing_ok,
            "mỗi ý một đoạn, không ngắt dòng thủ công trong đoạn căn đều": lambda p: not any(
                br.get(qn("w:type")) in (None, "textWrapping") for br in p.p._p.iter(qn("w:br"))),
        }
        for rule, test in checks.items():
            bad = [p for p in paras if not test(p)]
            self.add("PL I ô 6", rule, not bad, f"{len(bad)} đoạn sai, ví dụ: '{bad[0].text[:60]}'" if bad else "")
        headings = [p for p in paras if re.match(r"^[IVXL]+\.\s", p.text)]
        if not headings:
            self.add("PL I ô 6", "đề mục La Mã (I., II.) in hoa, đậm", None, why_unknown="văn bản không có đề mục La Mã")
        else:
            bad = [p for p in headings if not (p.text == p.text.upper() and p.bold)]
            self.add("PL I ô 6", "đề mục La Mã (I., II.) in hoa, đậm", not bad,
                     f"'{bad[0].text[:60]}'" if bad else "")

    # -- signature

    def signature(self):
        if self.signature_table is None:
            self.add("PL I ô 9b", "'Nơi nhận:' cỡ 12 đậm nghiêng; danh sách cỡ 11", None, why_unknown="không có bảng nơi nhận - chữ ký")
            self.add("PL I ô 7", "khối chữ ký đậm, cỡ 13–14, căn giữa", None, why_unknown="không có bảng nơi nhận - chữ ký")
            return
        cells = self.signature_table.rows[0].cells
        left = [q for q in (Para(p, self.defaults) for p in cells[0].paragraphs) if q.text]
        right = [q for q in (Para(p, self.defaults) for p in cells[-1].paragraphs) if q.text]
        title = next((p for p in left if p.text.startswith("Nơi nhận")), None)
        if title is None:
            self.add("PL I ô 9b", "'Nơi nhận:' cỡ 12 đậm nghiêng; danh sách cỡ 11", None, why_unknown="không thấy 'Nơi nhận:'")
        else:
            items = [p for p in left if p is not title]
            ok = title.bold and title.italic and title.sizes() == {12} and all(p.sizes() == {11} for p in items)
            self.add("PL I ô 9b", "'Nơi nhận:' cỡ 12 đậm nghiêng; danh sách cỡ 11", ok,
                     f"'Nơi nhận:' cỡ {sorted(title.sizes())}; danh sách cỡ {sorted({s for p in items for s in p.sizes()})}")
            last = items[-1].text if items else ""
            self.add("PL I ô 9b", "dòng cuối '- Lưu: VT, …' kết thúc bằng dấu chấm",
                     last.startswith("- Lưu") and last.endswith("."), f"'{last}'")
        if not right:
            self.add("PL I ô 7", "khối chữ ký đậm, cỡ 13–14, căn giữa", None, why_unknown="ô chữ ký trống")
            return
        ok = all(p.bold and p.centred and p.sizes() <= {13, 14} for p in right)
        self.add("PL I ô 7", "khối chữ ký đậm, cỡ 13–14, căn giữa", ok, "có dòng không đậm, không căn giữa hoặc sai cỡ")
        titles = right[:-1]
        self.add("PL I §4", "quyền hạn, chức vụ người ký in hoa", all(p.text == p.text.upper() for p in titles),
                 ", ".join(p.text for p in titles))

    def page_numbers(self):
        section = self.document.sections[0]
        header = section.header
        xml = header._element.xml if not header.is_linked_to_previous else ""
        has_page = "PAGE" in xml
        self.add("PL I §1", "số trang ở giữa lề trên", has_page and any(
            Para(p, self.defaults).centred for p in header.paragraphs if "PAGE" in p._p.xml) if has_page else False,
            "không có trường số trang (PAGE) ở đầu trang")
        self.add("PL I §1", "không đánh số trang thứ nhất", bool(section.different_first_page_header_footer)
                 and "PAGE" not in section.first_page_header._element.xml, "trang 1 có số trang")


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


def check_docx(path: Path | str) -> list[Result]:
    return Checker(Path(path)).run()


def failed(results: list[Result]) -> bool:
    return any(r.status is Status.failed for r in results)
