"""The header of a Word file: issuer (and joint issuers), family, number, place and date."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from generator.core import formatting as fmt
from generator.core.families import BANNERS, DEFAULT, FAMILIES, Family, FamilyKey, banner_family
from generator.core.nd30 import DOCUMENT_KINDS
from generator.importing.common import Imported, sentence_case
from generator.plan.model import Level
from generator.word.lines import Line
from generator.word.text import is_drawn_rule

_LEVELS = sorted((lv.value for lv in Level), key=len, reverse=True)
_LEVEL_WORDS = re.compile(r"(?:^|\s)(" + "|".join(re.escape(fmt.upper(v)) for v in _LEVELS) + r")\s+(.+)$")
_LEVEL_WORDS_FOLDED = re.compile(r"(?:^|\s)(" + "|".join(re.escape(fmt.ascii_fold(fmt.upper(v))) for v in _LEVELS)
                                 + r")\s+(.+)$")
# "ngay … thang … nam" too: a file typed without diacritics
DATE_LINE = re.compile(r"^(?P<place>[^,]+),\s*ng(?:à|a)y\s*(?P<day>\d{0,2})\s*th(?:á|a)ng\s*(?P<month>\d{0,2})\s*"
                       r"n(?:ă|a)m\s*(?P<year>\d{4})")
_NUMBER_LINE = re.compile(r"^S(?:ố|o)\s*:?\s*(?P<number>\d*)\s*(?P<sep>[/-])\s*(?P<symbol>\S+)$")
def family_in(texts: list[str]) -> FamilyKey | None:
    """The family whose banner stands in these lines, if any."""
    return next((key for text in texts if (key := banner_family(text))), None)


_NOT_ISSUER = ("ĐỘC LẬP", "HỒ CHÍ MINH")  # the motto and the Đội banner's second line
KNOWN_BODIES = ["Ủy ban nhân dân", "Hội đồng nhân dân", "Ủy ban MTTQ Việt Nam", "Ủy ban Mặt trận Tổ quốc Việt Nam",
                "Đảng ủy", "Ban Chấp hành Đoàn", "Ban Chấp hành", "Hội đồng Đội", "Đoàn Thanh niên",
                "Hội Liên hiệp Phụ nữ", "Hội Nông dân", "Hội Cựu chiến binh"]


def _title_case(caps: str) -> str:
    """"AN THỚI ĐÔNG" → "An Thới Đông" (a place name; the original casing is not in a capitalised line)."""
    return " ".join(w[:1] + w[1:].lower() if not w.isdigit() else w for w in caps.split())


def _known_body(caps: str) -> str | None:
    return next((b for b in KNOWN_BODIES if fmt.upper(b) == caps.strip()), None)


def _split_level(caps: str) -> tuple[str, str, str] | None:
    """"ĐẢNG ỦY XÃ AN THỚI ĐÔNG" → ("ĐẢNG ỦY", "xã", "AN THỚI ĐÔNG")."""
    match = _LEVEL_WORDS.search(caps)
    if not match and fmt.ascii_fold(caps) == caps:  # typed without diacritics: "XA LUONG PHONG"
        match = _LEVEL_WORDS_FOLDED.search(caps)
    if not match:
        return None
    level = next(v for v in _LEVELS if fmt.ascii_fold(fmt.upper(v)) == fmt.ascii_fold(match.group(1)))
    return caps[:match.start(1)].strip(), level, match.group(2).strip()


def _bare_place(caps: str) -> bool:
    """"XÃ AN THỚI ĐÔNG": a line that only names a place (the second line of "ỦY BAN NHÂN DÂN / XÃ …")."""
    split = _split_level(caps)
    return split is not None and not split[0]


@dataclass
class Header:
    family: FamilyKey | None = None  # None: no banner seen (the importer then looks further)
    issuer_lines: list[Line] = field(default_factory=list)
    number: Line | None = None
    date: Line | None = None
    unplaced: list[str] = field(default_factory=list)  # header lines no field takes ("V/v …", a stamp)
    banner: list[str] = field(default_factory=list)  # the banner's lines as typed ("ĐỘI TNTP HỒ CHÍ MINH")


def _family_of(header: Header) -> Family:
    return FAMILIES[header.family] if header.family else DEFAULT


def read_header(lines: list[Line], kind_index: int) -> Header:
    header = Header()
    for index in range(kind_index):
        line = lines[index]
        parts = line.tabs if len(line.tabs) > 1 and line.cell is None else [line.plain]
        for part in [piece for whole in parts for piece in _header_pieces(whole)]:
            upper = fmt.upper(part)
            banner = banner_family(part)
            if banner is not None:
                header.family = banner
                header.banner.append(part)
            elif header.banner and upper == "HỒ CHÍ MINH":  # the Đội banner's second line
                header.banner.append(part)
            elif _NUMBER_LINE.match(part) or re.match(r"^Số\s*:", part):
                header.number = Line(part, part)
            elif DATE_LINE.match(part):
                header.date = Line(part, part)
            elif is_drawn_rule(part) or upper.startswith(_NOT_ISSUER) or fmt.ascii_fold(upper).startswith("DOC LAP"):
                continue
            elif part == upper and any(ch.isalpha() for ch in part):
                header.issuer_lines.append(Line(part, part, bold=line.bold, cell=line.cell))
            else:
                header.unplaced.append(part)
    return header


_HEADER_ANCHORS = [*BANNERS, "Độc lập - Tự do - Hạnh phúc"]
_NUMBER_FIRST = re.compile(r"^(S(?:ố|o)\s*:?\s*\d*\s*[/-]\s*\S+)\s+(\S.*)$")


def _header_pieces(part: str) -> list[str]:
    """A header line typed with spaces instead of a table ("UBND HUYỆN X     CỘNG HÒA …",
    "Số: 05/KH-UBND     X, ngày …") split into what stands in each column."""
    for anchor in _HEADER_ANCHORS:
        at = fmt.upper(part).find(fmt.upper(anchor))
        if at > 0:
            before, rest = part[:at].strip(), part[at:]
            if before and before == fmt.upper(before):
                return [before, *_header_pieces(rest)]
    match = _NUMBER_FIRST.match(part)
    if match and DATE_LINE.match(match.group(2)):
        return [match.group(1), match.group(2)]
    return [part]


def issuer_of(header: Header, imported: Imported) -> tuple[dict, list[dict]]:
    """The issuer and the joint issuers (each a partner's fields but its signer: issuer, in_number)
    from the left column's capitalised lines."""
    lines = [line.plain for line in header.issuer_lines]
    place_casing = header.date and DATE_LINE.match(header.date.plain)
    place = place_casing.group("place").strip() if place_casing else ""
    number = _NUMBER_LINE.match(header.number.plain) if header.number else None
    symbols = _symbols(number.group("symbol"), number.group("sep"))[1] if number else []
    issuer: dict[str, Any] = {}
    partners: list[dict] = []
    if not lines:
        imported.note(("issuer",), "không đọc được tên cơ quan ban hành: điền level, name, body/unit")
        return {"level": "xã", "name": place or "(tên)"}, []

    def name_of(caps: str) -> str:
        return place if fmt.upper(place) == caps else _title_case(caps)

    # the parent body: a first line that is not bold while later ones are, or that names a place of its own
    bold = [line.bold for line in header.issuer_lines]
    start = 0
    if len(lines) > 1 and not bold[0] and any(bold[1:]):
        start = 1
    elif len(lines) > 2 and _split_level(lines[0]) and not _known_body(lines[0]):
        start = 1
    elif len(lines) == 2 and _split_level(lines[0]) and not _known_body(lines[0]) and \
            not _bare_place(lines[1]):  # "PHÒNG GD&ĐT HUYỆN TAM NÔNG / TRƯỜNG THCS TÂN LẬP", both bold
        start = 1
    parent = lines[0] if start else None
    rest = lines[start:]
    split_last = _split_level(rest[-1])
    if split_last and not split_last[0] and len(rest) >= 2:
        # "ỦY BAN NHÂN DÂN / [ỦY BAN MTTQ VIỆT NAM /] XÃ AN THỚI ĐÔNG"
        _, level, name = split_last
        bodies = rest[:-1]
        for i, body in enumerate(bodies):
            entry: dict[str, Any] = {"level": level, "name": name_of(name)}
            known = _known_body(body)
            if known != _family_of(header).default_body:  # an implied UBND stays unwritten
                entry["body"] = known or sentence_case(body)
            if len(bodies) == 1:
                own: str | None = "-".join(symbols)
            else:  # joint: one symbol each, and some clerks type only the lead body's
                own = symbols[i] if i < len(symbols) else None
                if own is None:  # rebuilt as typed: this body stays out of the number
                    imported.note(("partners", i - 1, "in_number"), "số văn bản liên tịch chỉ ghi ký hiệu của "
                                  f"{len(symbols)} cơ quan: cơ quan này để ngoài số; nếu số có ký hiệu của cơ "
                                  "quan này, thêm 'symbol: …' và bỏ dòng in_number")
            if own and i < len(symbols) and (own != "UBND" or "body" in entry):
                entry["symbol"] = own
            if i == 0:
                issuer = entry
            else:
                partners.append({"issuer": entry} | ({} if own else {"in_number": False}))
    elif split_last and split_last[0] and len(rest) == 1:
        # "ĐẢNG ỦY XÃ AN THỚI ĐÔNG" on one line; "UBND HUYỆN LÂM THAO" kept as written
        body, level, name = split_last
        known = _known_body(body)
        issuer = {"level": level, "name": name_of(name)}
        if known and _family_of(header).issuer_on_one_line:
            issuer["body"] = known
        else:
            issuer["unit"] = rest[0]
        if symbols:  # one issuer: every part of the symbol is its own ("KH-UBND-VP")
            issuer["symbol"] = "-".join(symbols)
    else:
        # a unit named in full: "SỞ NỘI VỤ", "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", "TRƯỜNG THCS …"
        issuer = {"unit": " ".join(rest)}
        where = _split_level(parent) if parent else None
        if where:
            issuer = {"level": where[1], "name": name_of(where[2]), **issuer}
        else:
            issuer = {"level": "xã", "name": place or "(tên)", **issuer}
            imported.note(("issuer", "level"), "cấp và tên địa bàn được đoán từ dòng ngày tháng: kiểm tra lại")
        if symbols:  # one issuer: every part of the symbol is its own ("KH-UBND-VP")
            issuer["symbol"] = "-".join(symbols)
    if parent:
        issuer["parent"] = parent
    if place and place != issuer.get("name"):
        issuer["place"] = place
    if "unit" in issuer or "body" in issuer:
        imported.note(("issuer",), "tên cơ quan được đọc từ dòng in hoa: kiểm tra chữ hoa, chữ thường")
    return issuer, partners


def _symbols(symbol: str, separator: str) -> tuple[str, list[str]]:
    """"KH-UBND" → ("KH", ["UBND"]); "KH/ĐU" (after "Số 12-") → ("KH", ["ĐU"]); joint "KH-UBND-UBMTTQ"."""
    if separator == "-" and "/" in symbol:
        kind, _, rest = symbol.partition("/")
        return kind, [rest]
    kind, _, rest = symbol.partition("-")
    return kind, [s for s in rest.split("-") if s] or [""]


def number_and_date(header: Header, data: dict, imported: Imported) -> None:
    if header.number:
        match = _NUMBER_LINE.match(header.number.plain)
        if match:
            if match.group("number"):
                data["number"] = int(match.group("number"))
            kind_symbol, _ = _symbols(match.group("symbol"), match.group("sep"))
            if kind_symbol and kind_symbol != DOCUMENT_KINDS.get(data.get("kind", "KẾ HOẠCH"), ("",))[0]:
                data["symbol"] = kind_symbol
        else:
            imported.note(("number",), f"không đọc được dòng số, ký hiệu '{header.number.plain}'")
    if header.date:
        match = DATE_LINE.match(header.date.plain)
        if match:
            day, month, year = match.group("day"), match.group("month"), int(match.group("year"))
            data["_date_year"] = year
            if day and month:
                data["date"] = f"{int(day):02d}/{int(month):02d}/{year}"
            elif month:
                data["date"] = {"month": int(month)} | ({"year": year} if year != data.get("year", year) else {})
    else:
        imported.note(("date",), "không thấy dòng địa danh, ngày tháng")
