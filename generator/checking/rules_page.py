"""Rules for the page: paper, margins, fonts (Phụ lục I, mục 1)."""

from __future__ import annotations

from generator.checking.reading import MM, TNR, Reading
from generator.checking.registry import NO_SECTIONS, Rule, add, rule, unknown
from generator.core import nd30


@rule("trang.kho-giay", "paper", "khổ giấy A4 (210 × 297 mm)")
def _paper(r: Reading):
    """Every section is A4; a section after the first may be landscape (a wide table, PL I Mục I)."""
    short, long_ = nd30.PAGE_MM[0] * MM, nd30.PAGE_MM[1] * MM
    if not r.sections:
        return unknown(NO_SECTIONS)
    for number, section in enumerate(r.sections, start=1):
        width, height = section.page_width, section.page_height
        if width is None or height is None:
            return unknown(f"phần {number} của tệp không ghi khổ giấy")
        portrait = abs(width - short) < MM and abs(height - long_) < MM
        landscape = number > 1 and abs(width - long_) < MM and abs(height - short) < MM
        if not (portrait or landscape):
            where = f"phần {number}: " if len(r.sections) > 1 else ""
            return False, f"{where}khổ {width / MM:.0f} × {height / MM:.0f} mm"
    return True, ""


def _margin_rule(side: str, label: str, slug: str) -> None:
    allowed = nd30.MARGINS_MM[side]

    def check(r: Reading):
        allowed = r.family.margins_mm[side]
        if not r.sections:
            return unknown(NO_SECTIONS)
        judged = 0
        for number, section in enumerate(r.sections, start=1):
            value = getattr(section, f"{side}_margin")
            if value is None:
                return unknown("tệp không ghi lề")
            if section.page_width is not None and section.page_height is not None and \
                    section.page_width > section.page_height:
                continue  # a landscape section turns the margins round: not judged side by side
            judged += 1
            mm = value / MM
            if not allowed.low - 0.5 <= mm <= allowed.high + 0.5:
                where = f"phần {number}: " if len(r.sections) > 1 else ""
                return False, f"{where}lề {label} {mm:.1f} mm"
        if not judged:  # every page landscape: nothing was measured, so nothing passed
            return unknown("mọi trang đều khổ ngang: lề cần người xem lại")
        return True, ""

    add(Rule(f"trang.le-{slug}", "margins", f"lề {label} {allowed.low:.0f}–{allowed.high:.0f} mm", check, practice="margins"))


for _side, _label, _slug in (("top", "trên", "tren"), ("bottom", "dưới", "duoi"), ("left", "trái", "trai"),
                             ("right", "phải", "phai")):
    _margin_rule(_side, _label, _slug)


@rule("trang.phong-chu", "font", "phông chữ Times New Roman")
def _fonts(r: Reading):
    names: set[str] = set()
    unstated = 0
    seen: set[tuple[str, str, bool]] = set()  # a long document repeats a handful of formattings
    for paragraph in r.all_paragraphs():
        for run in paragraph.runs():
            kind = (paragraph.signature, run.signature, run.text.isascii())
            if kind in seen:
                continue
            seen.add(kind)
            found = paragraph.font_names(run)
            unstated += None in found
            names |= {n for n in found if n is not None}
    if names - {TNR}:
        return False, "có phông " + ", ".join(sorted(names - {TNR}))
    if unstated:
        return unknown("một số chữ không ghi phông: Word dùng phông mặc định của máy")
    return True, ""
