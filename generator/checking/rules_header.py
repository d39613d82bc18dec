"""Rules for the header: national name, motto, issuer, number, place and date, type and summary
(Phụ lục I, ô 1–5)."""

from __future__ import annotations

import re

from generator.checking.paragraph import Para
from generator.checking.reading import Reading
from generator.checking.registry import (
    NOT_STATE,
    STATE_ONLY,
    Capped,
    Rule,
    Severity,
    add,
    not_applicable,
    printed_width,
    ratio_verdict,
    rule,
    sizes_in,
    unknown,
)
from generator.core import nd30
from generator.core.characters import name_key
from generator.core.families import Family
from generator.core.nd30 import DOCUMENT_KINDS
from generator.word.text import is_drawn_rule

# -- header (PL I ô 1–4)

_NO_HEADER = "không có bảng phần đầu văn bản (2 cột không viền)"


def _header_missing_rule(slug: str, name: str) -> None:
    add(Rule(f"phan-dau.{slug}", "positions", name, lambda r: unknown(_NO_HEADER) if r.header_table is None else None,
                      families=STATE_ONLY if name in ("quốc hiệu", "tiêu ngữ") else None))


for _slug, _name in (("quoc-hieu", "quốc hiệu"), ("tieu-ngu", "tiêu ngữ"), ("co-quan", "tên cơ quan ban hành"),
                     ("so-ky-hieu", "số, ký hiệu"), ("ngay-thang", "địa danh, ngày tháng")):
    _header_missing_rule(_slug, _name)


def _national(r: Reading) -> Para | None:
    return next((p for p in r.cell_paras(0, 1) if name_key("CỘNG HÒA") in name_key(p.text)), None)  # "CỘNG HOÀ" too


def _motto(r: Reading) -> Para | None:
    return next((p for p in r.cell_paras(0, 1) if p.text.startswith("Độc lập")), None)


def _issuer(r: Reading) -> list[Para]:
    parent = _parent(r)
    return [p for p in r.cell_paras(0, 0) if not is_drawn_rule(p.text) and p.bold and p is not parent]


# The first words of an issuing body's own line under its parent's ("SỞ NỘI VỤ" under "UBND TỈNH QUẢNG NINH")
_UNIT_WORDS = ("SỞ ", "PHÒNG ", "BAN ", "HỘI ĐỒNG ", "TRƯỜNG ", "TRUNG TÂM ", "VĂN PHÒNG ", "ĐẢNG ỦY ", "ĐẢNG UỶ ",
               "CHI BỘ ", "LIÊN ĐỘI ", "CHI ĐOÀN ", "ỦY BAN MẶT TRẬN ", "UỶ BAN MẶT TRẬN ", "CÔNG ĐOÀN ", "HỘI ",
               "ĐOÀN ", "THANH TRA ", "CHI CỤC ", "CỤC ")
_PARENT_STYLE = "Cơ quan chủ quản"  # thidua's own templates name the style of the parent's line


def _parent(r: Reading) -> Para | None:
    """The line of the issuer's parent body (cơ quan chủ quản) above the issuer's own, when it is
    certain: its style says so, it is not bold over a bold issuer, or the line under it names a unit."""
    lines = _issuer_cell_lines(r)
    if len(lines) < 2:
        return None
    first, second = lines[0], lines[1]
    if getattr(first.style, "name", None) == _PARENT_STYLE:
        return first
    if not first.bold and second.bold:
        return first
    match = _number_match(r)
    if match is not None and "-" in (match.group(3) or ""):
        return None  # a joint plan ("KH-UBND-UBMTTQ"): the lines are two issuers side by side, both bold
    return first if second.text.upper().startswith(_UNIT_WORDS) else None


@rule("co-quan.chu-quan-kieu-chu", "issuer", "tên cơ quan chủ quản in hoa, cỡ {range}, đứng, không đậm",
      part="issuer", practice="parts")
def _parent_style(r: Reading):
    if r.header_table is None:
        return None
    parent = _parent(r)
    if parent is None:
        return None  # no parent line, or none that is certain
    ok = parent.text == parent.text.upper() and not parent.bold and not parent.italic and \
        sizes_in(parent, "issuer", r.family)
    return ok, f"'{parent.text}' cỡ {sorted(parent.sizes())}, đậm={parent.bold}, nghiêng={parent.italic}"


def _issuer_cell_lines(r: Reading) -> list[Para]:
    """The lines of the issuer's cell above its rule or separator, the number line left out."""
    lines = []
    for p in r.cell_paras(0, 0):
        if is_drawn_rule(p.text) or p.text.replace(" ", "") in ("*", "***") or p.text.startswith("Số"):
            break
        lines.append(p)
    return lines


@rule("quoc-hieu.kieu-chu", "national_name", "quốc hiệu in hoa, đậm, cỡ 12–13", families=STATE_ONLY)
def _national_name(r: Reading):
    if r.header_table is None:
        return None
    national = _national(r)
    if national is None:
        return unknown("không thấy quốc hiệu")
    ok = national.text == national.text.upper() and bool(national.bold) and sizes_in(national, "national_name")
    return ok, f"'{national.text}' cỡ {sorted(national.sizes())}, đậm={national.bold}"


@rule("tieu-ngu.kieu-chu", "motto", "tiêu ngữ đậm, cỡ 13–14", families=STATE_ONLY)
def _motto_style(r: Reading):
    if r.header_table is None:
        return None
    motto = _motto(r)
    if motto is None:
        return unknown("không thấy tiêu ngữ")
    return bool(motto.bold) and sizes_in(motto, "motto"), f"cỡ {sorted(motto.sizes())}, đậm={motto.bold}"


@rule("tieu-ngu.chu-viet", "motto", "tiêu ngữ viết 'Độc lập - Tự do - Hạnh phúc' (gạch nối, cách chữ)", families=STATE_ONLY)
def _motto_words(r: Reading):
    motto = _motto(r) if r.header_table is not None else None
    if motto is None:
        return None
    return motto.text == nd30.MOTTO, f"viết '{motto.text}'"


@rule("tieu-ngu.duong-ke", "motto", "đường kẻ dưới tiêu ngữ dài bằng tiêu ngữ", families=STATE_ONLY)
def _motto_rule(r: Reading):
    motto = _motto(r) if r.header_table is not None else None
    if motto is None:
        return None
    return ratio_verdict(r.cell_paras(0, 1), motto, motto, nd30.RULE_UNDER_MOTTO)


@rule("tieu-de-to-chuc.kieu-chu", "national_name", "tiêu đề của tổ chức in hoa, đậm, cỡ {range}", families=NOT_STATE, part="national_name",
      practice="banner")
def _banner(r: Reading):
    """ĐẢNG CỘNG SẢN VIỆT NAM (HD 36), ĐOÀN TNCS HỒ CHÍ MINH (HD 29), ĐỘI THIẾU NIÊN TIỀN PHONG HỒ CHÍ MINH."""
    banner = r.banner()
    if banner is None:
        return unknown(f"không thấy tiêu đề '{r.family.banner[0]}'")
    ok = banner.text == banner.text.upper() and bool(banner.bold) and sizes_in(banner, "national_name", r.family)
    return ok, f"'{banner.text}' cỡ {sorted(banner.sizes())}, đậm={banner.bold}"


@rule("co-quan.kieu-chu", "issuer", "tên cơ quan ban hành in hoa, đậm, cỡ {range}", part="issuer", practice="parts")
def _issuer_style(r: Reading):
    if r.header_table is None:
        return None
    issuer = _issuer(r)
    if not issuer:
        lines = _issuer_cell_lines(r)
        if lines:  # the issuer is there, only not bold: a defect of its weight, not a missing part
            return False, f"'{lines[-1].text}' không in đậm"
        return unknown("không thấy tên cơ quan")
    ok = all(p.text == p.text.upper() and sizes_in(p, "issuer", r.family) for p in issuer)
    return ok, "; ".join(f"'{p.text}' cỡ {sorted(p.sizes())}" for p in issuer)


@rule("co-quan.duong-ke", "issuer", "đường kẻ dưới tên cơ quan dài 1/3–1/2 dòng chữ", families=STATE_ONLY)
def _issuer_rule(r: Reading):
    issuer = _issuer(r) if r.header_table is not None else []
    if not issuer:
        return None
    return ratio_verdict(r.cell_paras(0, 0), issuer[-1], max(issuer, key=printed_width), nd30.RULE_UNDER_ISSUER)


@rule("co-quan.dau-phan-cach", "issuer", "dấu phân cách dưới tên cơ quan", families=NOT_STATE, part="issuer", practice="separator")
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


@rule("so-ky-hieu.kieu-chu", "number", "số, ký hiệu cỡ {range}, đứng", part="number", practice="parts")
def _number_style(r: Reading):
    if r.header_table is None:
        return None
    number = _number_line(r)
    if number is None:
        return unknown("không thấy dòng 'Số:'")
    return sizes_in(number, "number", r.family) and not number.italic, \
        f"cỡ {sorted(number.sizes())}, nghiêng={number.italic}"


def _number_match(r: Reading) -> re.Match | None:
    number = _number_line(r) if r.header_table is not None else None
    return re.fullmatch(r.family.number_pattern, number.text) if number is not None else None


@rule("so-ky-hieu.dang", "symbol", "ký hiệu dạng '{example}'", part="number", practice="number")
def _number_shape(r: Reading):
    number = _number_line(r) if r.header_table is not None else None
    if number is None:
        return None
    return _number_match(r) is not None, f"'{number.text}', cần dạng '{r.family.number_line(5, 'KH', [r.family.example_symbol])}'"


@rule("so-ky-hieu.so-0", "number", "số văn bản dưới 10 có số 0 đứng trước", part="number")
def _number_zero(r: Reading):
    match = _number_match(r)
    if match is None:
        return None
    digits = match.group(1)
    return not digits or len(digits) >= 2, f"'{digits}' cần viết '{int(digits):02d}'" if digits else ""


# the abbreviations Phụ lục III gives; every kind's (the decree's or an agency's own); and the "CV" some
# clerks invent for a công văn, which ND 30 gives none
_DECREE_SYMBOLS = {symbol for symbol, in_decree in DOCUMENT_KINDS.values() if in_decree} | {"QyĐ", "TTr", "NQ", "HD"}
_TYPE_SYMBOLS = {symbol for symbol, _ in DOCUMENT_KINDS.values()} | _DECREE_SYMBOLS | {"CV"}


@rule("so-ky-hieu.khop-ten-loai", "symbol", "chữ viết tắt tên loại trong số khớp với tên loại văn bản")
def _kind_symbol_matches(r: Reading):
    """A KẾ HOẠCH numbered "/TB-UBND" carries another document's number."""
    match = _number_match(r)
    if match is not None and r.is_letter:  # "Số: 12/UBND-VX": a công văn's number names no kind
        symbol = match.group(2)
        return symbol not in _TYPE_SYMBOLS, f"công văn không có chữ viết tắt tên loại, số ghi '{symbol}' " \
            f"(cần dạng '{r.family.number_line(5, r.family.example_symbol, ['VP'])}')"
    kind = r.kind.text if r.kind is not None else None
    if match is None or kind not in DOCUMENT_KINDS:
        return None
    expected, symbol = DOCUMENT_KINDS[kind][0], match.group(2)
    return symbol.casefold() == expected.casefold(), f"{kind} viết tắt là {expected}, số ghi '{symbol}'"


@rule("so-ky-hieu.viet-tat-ten-loai", "kind_symbols", "chữ viết tắt tên loại", severity=Severity.notice, families=STATE_ONLY)
def _kind_symbol(r: Reading):
    match = _number_match(r)
    if match is None or r.is_letter:
        return None
    symbol = match.group(2)
    return symbol in _DECREE_SYMBOLS, f"'{symbol}' không có trong Phụ lục III (chữ viết tắt do cơ quan tự đặt)"


def _date_line(r: Reading) -> tuple[Para | None, list[Para]]:
    paras = r.cell_paras(1, 1) or r.cell_paras(0, 1)
    return next((p for p in paras if ", ngày" in p.text), None), paras


_DATE = re.compile(r"ngày\s+(\d*)\s+tháng\s+(\d*)\s+năm\s+(\d{4})")


@rule("ngay-thang.kieu-chu", "date", "địa danh, ngày tháng in nghiêng, cỡ {range}", part="date", practice="parts")
def _date_style(r: Reading):
    if r.header_table is None:
        return None
    line, _ = _date_line(r)
    if line is None:
        return unknown("không thấy dòng ngày tháng")
    return bool(line.italic) and sizes_in(line, "date", r.family), f"nghiêng={line.italic}, cỡ {sorted(line.sizes())}"


@rule("ngay-thang.viet-day-du", "date_written", "ngày tháng viết đầy đủ 'ngày … tháng … năm …'", part="date")
def _date_shape(r: Reading):
    line = _date_line(r)[0] if r.header_table is not None else None
    if line is None:
        return None
    return bool(_DATE.search(line.text)), f"'{line.text}'"


@rule("ngay-thang.so-0", "date_written", "ngày dưới 10 và tháng 1, 2 có số 0 đứng trước", part="date")
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


@rule("ngay-thang.cung-dong-so", "date", "dòng 'Số' và dòng ngày tháng cùng một hàng", families=STATE_ONLY)
def _number_and_date_row(r: Reading):
    line, paras = _date_line(r) if r.header_table is not None else (None, [])
    if line is None or r.header_table is None or len(r.header_table.rows) < 2:
        return None
    same_row = any(p.text.startswith("Số") for p in r.cell_paras(1, 0)) and line in paras
    return same_row, "không cùng hàng"


# -- title (PL I ô 5a)

def _bold_centred(p: Para, part: str, family: Family) -> tuple[bool, str]:
    return bool(p.bold) and p.centred and sizes_in(p, part, family), \
        f"đậm={p.bold}, căn giữa={p.centred}, cỡ {sorted(p.sizes())}"


@rule("ten-loai.kieu-chu", "title", "tên loại in hoa, đậm, cỡ {range}, căn giữa", part="title", practice="parts")
def _kind_style(r: Reading):
    if r.is_letter:
        return not_applicable("công văn không có dòng tên loại (Mẫu 1.5)")
    return unknown("không thấy tên loại văn bản") if r.kind is None else _bold_centred(r.kind, "title", r.family)


@rule("trich-yeu.kieu-chu", "title", "trích yếu đậm, cỡ {range}, căn giữa", part="summary", practice="parts")
def _summary_style(r: Reading):
    if r.is_letter:
        return not_applicable("trích yếu của công văn là dòng 'V/v …' dưới số, ký hiệu (ô 5b)")
    if r.kind is None:
        return None
    return unknown("không thấy trích yếu") if r.summary is None else _bold_centred(r.summary, "summary", r.family)


# the kinds whose form has an authority line and an operative line
_DECISIONS = frozenset(kind for kind, layout in nd30.KIND_LAYOUTS.items() if layout.authority_line)


@rule("quyet-dinh.tham-quyen", "forms", "dòng thẩm quyền ban hành in hoa, đậm, cỡ {range}, căn giữa", kinds=_DECISIONS,
      part="title")
def _issuing_authority(r: Reading):
    """Mẫu 1.1–1.3: "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ …" (or the collective) under the summary, before the bases."""
    if r.kind is None:
        return None
    line = r.authority_line
    if line is None:
        return False, "không thấy dòng thẩm quyền ban hành (ví dụ 'CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ …') dưới trích yếu"
    ok, detail = _bold_centred(line, "title", r.family)
    return ok, f"'{line.text[:60]}' {detail}"


@rule("quyet-dinh.dong-quyet-dinh", "forms", "dòng '{operative}' in hoa, đậm, căn giữa, trên các điều",
      kinds=_DECISIONS)
def _operative_line(r: Reading):
    if r.kind is None:
        return None
    line = r.operative_line
    wanted = r.layout.operative
    if line is None:
        return False, f"không thấy dòng '{wanted}' trước Điều 1"
    return bool(line.bold) and line.centred and line.text == wanted, \
        f"'{line.text}' đậm={line.bold}, căn giữa={line.centred}"


@rule("trich-yeu.duong-ke", "title", "đường kẻ dưới trích yếu", part="summary", practice="summary_rule")
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
    return ratio_verdict(r.body, summary, Capped(summary, r.text_width_pt()), nd30.RULE_UNDER_SUMMARY,
                         r.text_width_pt())


# -- body (PL I ô 6)
