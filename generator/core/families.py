"""Issuer families: how a state body, a Party committee, the Đoàn and the Đội head, number
and sign a document. Everything that differs between them is data here, in one place.

The template builder makes one template per family from these sizes, margins and
banners; the template context takes the number pattern, separators, signer prefixes and
recipients wording from here; `thidua check` judges a document by its family's entry.
Sources and what is only practice: docs/nguon.md (summed up in each `guide`).
Adding a family is adding an entry (and `python templates/build_templates.py`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from enum import Enum

from generator.core import nd30
from generator.core.characters import name_key
from generator.core.nd30 import Range


class FamilyKey(str, Enum):
    """The value a plan writes in `family:`."""

    state = "nhà nước"
    party = "đảng"
    youth = "đoàn"
    pioneers = "đội"


@dataclass(frozen=True)
class Part:
    size: int  # what thidua prints
    allowed: Range  # what the family's guide allows
    source: str  # where that is written


@dataclass(frozen=True)
class Family:
    key: FamilyKey
    name: str  # in Vietnamese, for messages
    guide: str  # the text that governs the layout
    short: str  # its short name, in messages
    banner: tuple[str, ...]  # the right column above the date, line by line
    banner_rule: bool  # a solid rule under the banner
    separator: str  # under the issuer: "rule" (drawn to 1/3–1/2) or a literal such as "*"
    issuer_on_one_line: bool  # "ĐẢNG ỦY XÃ AN THỚI ĐÔNG" rather than "ỦY BAN NHÂN DÂN / XÃ AN THỚI ĐÔNG"
    number: str  # {number} and {symbol} ("KH-UBND" or "KH/ĐU") are filled in
    number_pattern: str  # what `check` accepts: groups (number, kind, issuer)
    example_symbol: str  # the issuer symbol shown in examples and messages
    symbol_joiner: str  # between the kind and the issuer's symbol
    prefixes: dict[str, str]  # authority → printed prefix ("TM" → "T/M")
    title_bold: bool  # the signer's post (chức vụ) in bold
    head_title: str  # the head's post when the plan does not say
    recipients_label: str  # "bold italic" or "underline"
    archive: str  # the last recipients line; {archive} is filled in
    summary_rule: str  # "rule" or a literal such as "-----"
    parts: dict[str, Part]
    margins_mm: dict[str, Range]
    used_margins_mm: dict[str, int]
    templates: dict[str, str]  # document kind → template file; "" is every other kind
    # which guide rules are settled (checked as errors) and which are practice (notices)
    practice: frozenset[str] = field(default_factory=frozenset)
    # the body a plan may leave unnamed (a People's Committee: "body" and "symbol" implied); None: always named
    default_body: str | None = None
    # the archive of "Lưu: …" when the plan does not say: the records office (VT); None: the issuing body
    default_archive: str | None = None
    # authorities the family's practice does not use, with what to write instead
    refused_authorities: dict[str, str] = field(default_factory=dict)
    # the header's left column (issuer and number), in mm; the national name's column takes the rest.
    # Party and Đoàn issuers run longer at 14 pt; the date line (14 pt) must still fit on one line at the right
    issuer_column_mm: float = 74.0
    # its guide is Nghị định 30 itself: a rule's citation is ND 30's clause, not the family's own text
    guide_is_nd30: bool = False
    # other ways the banner is written in practice, by the name a plan gives (`banner: viết tắt`); a family
    # that has some prints its banner from the plan, else from the template
    banner_forms: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def banner_lines(self, form: str | None) -> tuple[str, ...]:
        """The banner as printed: the family's own, or the form a plan chose."""
        return self.banner_forms[form] if form else self.banner

    def banner_form(self, typed: list[str]) -> str | None:
        """The name of the form these banner lines are typed in; None for the family's own (or an unknown one)."""
        seen = [name_key(line) for line in typed]  # line by line: two lines and one are two forms
        return next((name for name, lines in self.banner_forms.items() if [name_key(x) for x in lines] == seen), None)

    @property
    def archive_label(self) -> str:
        """What the last recipients line starts with ("- Lưu:" or "- Lưu")."""
        return self.archive.split("{archive}")[0].strip()

    def size(self, part: str) -> int:
        return self.parts[part].size

    def allowed(self, part: str) -> Range:
        return self.parts[part].allowed

    def source(self, part: str) -> str:
        return self.parts[part].source

    def template(self, kind: str) -> str:
        return self.templates.get(kind, self.templates[""])

    def number_line(self, number: int | None, kind_symbol: str, symbols: list[str]) -> str:
        from generator.core.formatting import BLANK, two_digits_below_ten

        symbol = kind_symbol + self.symbol_joiner + "-".join(symbols)
        return self.number.format(number=two_digits_below_ten(number) if number else BLANK, symbol=symbol)

    def prefix(self, authority: str) -> str:
        return self.prefixes.get(authority, f"{authority}.")

    @property
    def header_columns_mm(self) -> tuple[float, float]:
        """The header table's columns: the issuer's, and the national name's, which reaches 2.5 mm into
        the right margin so that the 14 pt date line stays on one line (the template builder uses these)."""
        used = self.used_margins_mm
        text_mm = nd30.PAGE_MM[0] - used["left"] - used["right"]
        return self.issuer_column_mm, text_mm - self.issuer_column_mm + 2.5

    @property
    def text_width_pt(self) -> float:
        used = self.used_margins_mm
        return (nd30.PAGE_MM[0] - used["left"] - used["right"]) / 25.4 * 72


def _state_parts() -> dict[str, Part]:
    parts = {name: Part(used, allowed, nd30.size_clause(name)) for name, (used, allowed) in nd30.SIZES.items()}
    parts["summary"] = Part(nd30.size("title"), nd30.allowed("title"), nd30.CLAUSES["title"])
    return parts


_DOT_PREFIXES = {"TM": "TM.", "KT": "KT.", "Q": "Q.", "TL": "TL.", "TUQ": "TUQ."}
_STATE_MARGINS = nd30.MARGINS_MM

STATE = Family(
    key=FamilyKey.state,
    name="cơ quan, tổ chức nhà nước (cả Mặt trận, Công đoàn, trường học)",
    guide="Nghị định 30/2020/NĐ-CP",
    short="NĐ 30",
    banner=(nd30.NATIONAL_NAME, nd30.MOTTO),
    banner_rule=True,
    separator="rule",
    issuer_column_mm=67.5,
    issuer_on_one_line=False,
    number="Số: {number}/{symbol}",
    number_pattern=r"Số:\s*(\d*)\s*/\s*([^\s/-]+)-(\S+)",
    example_symbol="UBND",
    symbol_joiner="-",
    prefixes=_DOT_PREFIXES,
    title_bold=True,
    head_title="Chủ tịch",
    recipients_label="bold italic",
    archive="- Lưu: {archive}.",
    summary_rule="rule",
    parts=_state_parts(),
    margins_mm=_STATE_MARGINS,
    used_margins_mm=nd30.USED_MARGINS_MM,
    templates={"": "ke-hoach.docx", "PHÁT ĐỘNG": "phat-dong.docx"},
    default_body="Ủy ban nhân dân",
    default_archive="VT",
    guide_is_nd30=True,
)

_HD36 = "HD 36-HD/VPTW"
PARTY = Family(
    key=FamilyKey.party,
    name="cơ quan, tổ chức Đảng",
    guide="Hướng dẫn 36-HD/VPTW ngày 03/4/2018 của Văn phòng Trung ương Đảng",
    short=_HD36,
    banner=("ĐẢNG CỘNG SẢN VIỆT NAM",),
    banner_rule=True,
    separator="*",
    issuer_on_one_line=True,  # HD 36's example: "HUYỆN UỶ ĐỊNH HOÁ"
    number="Số {number}-{symbol}",
    number_pattern=r"Số\s+(\d*)\s*-\s*([^\s/-]+)/(\S+)",
    example_symbol="ĐU",
    symbol_joiner="/",
    prefixes={"TM": "T/M", "KT": "K/T", "TL": "T/L", "Q": "Q.", "TUQ": "TUQ."},
    title_bold=False,
    head_title="Bí thư",
    recipients_label="underline",
    archive="- Lưu {archive}.",
    summary_rule="-----",
    parts={
        "issuer": Part(14, Range(14, 14), f"{_HD36}: tên cơ quan ban hành"),
        "national_name": Part(15, Range(15, 15), f"{_HD36}: tiêu đề ĐẢNG CỘNG SẢN VIỆT NAM"),
        "number": Part(14, Range(14, 14), f"{_HD36}: số và ký hiệu"),
        "date": Part(14, Range(14, 14), f"{_HD36}: địa điểm và ngày tháng"),
        "title": Part(15, Range(15, 16), f"{_HD36}: tên loại văn bản"),
        "summary": Part(14, Range(14, 15), f"{_HD36}: trích yếu"),
        "body": Part(14, Range(14, 15), f"{_HD36}: phần nội dung"),
        "signature": Part(14, Range(14, 14), f"{_HD36}: thể thức đề ký"),
        "recipients_title": Part(14, Range(14, 14), f"{_HD36}: nơi nhận"),
        "recipients": Part(12, Range(12, 12), f"{_HD36}: nơi nhận"),
        "page_number": Part(14, Range(13, 14), f"{_HD36}: số trang"),
    },
    margins_mm=_STATE_MARGINS,  # HD 36 / HD 29 text not read: ND 30's ranges, judged as practice
    used_margins_mm=nd30.USED_MARGINS_MM,
    templates={"": "dang.docx"},
    # HD36's own text was not read for these: judged as notices, never failures
    practice=frozenset({"margins", "summary_rule", "body", "page_number", "recipients", "prefix"}),
    refused_authorities={"KT": "cấp ủy là tập thể: cấp phó ký 'T/M …' rồi chức vụ (PHÓ BÍ THƯ), không ký 'K/T' "
                                 "(thực tiễn theo hướng dẫn của Văn phòng Trung ương)"},
)

_HD29 = "HD 29-HD/TWĐTN-VP"
_YOUTH_PARTS = {
    "issuer": Part(14, Range(13, 14), f"{_HD29}: tên cơ quan ban hành"),
    "national_name": Part(15, Range(14, 15), f"{_HD29}: tiêu đề ĐOÀN TNCS HỒ CHÍ MINH"),
    "number": Part(14, Range(13, 14), f"{_HD29}: số và ký hiệu"),
    "date": Part(13, Range(13, 14), f"{_HD29}: địa điểm và ngày tháng"),  # 13: one line beside a long issuer
    "title": Part(15, Range(14, 16), f"{_HD29}: tên loại văn bản"),
    "summary": Part(14, Range(13, 15), f"{_HD29}: trích yếu"),
    "body": Part(14, Range(13, 14), f"{_HD29}: phần nội dung"),
    "signature": Part(14, Range(13, 14), f"{_HD29}: thể thức đề ký"),
    "recipients_title": Part(12, Range(12, 14), f"{_HD29}: nơi nhận"),
    "recipients": Part(11, Range(11, 12), f"{_HD29}: nơi nhận"),
    "page_number": Part(14, Range(13, 14), f"{_HD29}: số trang"),
}
YOUTH = Family(
    key=FamilyKey.youth,
    name="tổ chức Đoàn TNCS Hồ Chí Minh",
    guide="Hướng dẫn 29-HD/TWĐTN-VP ngày 29/10/2013 của Ban Bí thư Trung ương Đoàn",
    short=_HD29,
    banner=("ĐOÀN TNCS HỒ CHÍ MINH",),
    banner_rule=True,
    separator="***",
    issuer_on_one_line=True,
    number="Số: {number}-{symbol}",
    number_pattern=r"Số:\s*(\d*)\s*-\s*([^\s/-]+)\s*/\s*(\S+)",
    example_symbol="ĐTN",
    symbol_joiner="/",
    prefixes=_DOT_PREFIXES,
    title_bold=True,
    head_title="Bí thư",
    recipients_label="bold italic",
    archive="- Lưu {archive}.",
    summary_rule="rule",
    parts=_YOUTH_PARTS,
    margins_mm=_STATE_MARGINS,  # HD 36 / HD 29 text not read: ND 30's ranges, judged as practice
    used_margins_mm={**nd30.USED_MARGINS_MM, "right": 20},
    templates={"": "doan.docx"},
    practice=frozenset({"margins", "summary_rule", "body", "page_number", "recipients", "parts"}),
)

# No rule of its own was found: the Đội follows the Đoàn's layout (practice, as Liên đội papers show).
PIONEERS = replace(
    YOUTH,
    key=FamilyKey.pioneers,
    name="Liên đội, Chi đội Thiếu niên Tiền phong Hồ Chí Minh",
    guide="không có quy định riêng; theo thể thức của Đoàn (HD 29-HD/TWĐTN-VP), thực tiễn",
    short="thể thức của Đoàn (HD 29), thực tiễn",
    banner=("ĐỘI THIẾU NIÊN TIỀN PHONG", "HỒ CHÍ MINH"),
    # as Liên đội papers write it: the short form, and the full name on one line
    banner_forms={"viết tắt": ("ĐỘI TNTP HỒ CHÍ MINH",), "một dòng": ("ĐỘI THIẾU NIÊN TIỀN PHONG HỒ CHÍ MINH",)},
    head_title="Tổng phụ trách Đội",
    example_symbol="LĐ",
    parts={**_YOUTH_PARTS, "national_name": Part(14, Range(13, 15), "thực tiễn (theo HD 29): tiêu đề của Đội")},
    templates={"": "doi.docx"},
    practice=YOUTH.practice | {"number", "banner", "separator", "prefix"},
)

FAMILIES: dict[FamilyKey, Family] = {f.key: f for f in (STATE, PARTY, YOUTH, PIONEERS)}
# what a plan that names no family, or a document whose banner is not seen, is taken for
DEFAULT = STATE
# the families laid out by Nghị định 30, and those with a guide of their own (rules are scoped by these)
ND30_FAMILIES = frozenset(key for key, family in FAMILIES.items() if family.guide_is_nd30)
OWN_GUIDE_FAMILIES = frozenset(FAMILIES) - ND30_FAMILIES


# Bodies that decide together: their head signs "TM. <tập thể>" (NĐ 30 Đ.13.2; HD 36 for cấp ủy).
COLLECTIVE_BODIES = ("ủy ban", "uỷ ban", "hội đồng", "ban chấp hành", "ban thường vụ", "ban thường trực",
                     "thường trực", "đảng ủy", "đảng uỷ", "huyện ủy", "tỉnh ủy", "thành ủy", "quận ủy",
                     "thị ủy", "chi bộ", "đoàn chủ tịch", "ban chỉ huy", "ban chỉ đạo", "ban giám hiệu",
                     "ban chỉ huy liên đội", "ban tổ chức")


def is_collective(body: str | None) -> bool:
    if not body:
        return False
    folded = unicodedata.normalize("NFC", body).strip().casefold()
    return folded.startswith(COLLECTIVE_BODIES)


# The banner that names each family in a finished document (and the forms it is also typed in).
BANNERS: dict[str, FamilyKey] = {
    # every family's own banner, the default's last (it is what is left when no other is seen)
    **{f.banner[0]: f.key for f in sorted(FAMILIES.values(), key=lambda f: f is DEFAULT)},
    # the short forms clerks type (HD 29 and the Đội's own papers use them too)
    "ĐỘI TNTP HỒ CHÍ MINH": FamilyKey.pioneers, "ĐỘI TNTP HCM": FamilyKey.pioneers,
    "ĐOÀN THANH NIÊN CỘNG SẢN": FamilyKey.youth, "ĐOÀN TNCS HCM": FamilyKey.youth,
    "CONG HOA XA HOI CHU NGHIA VIET NAM": FamilyKey.state}
# A signer's authority line: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "T/M BAN THƯỜNG VỤ".
AUTHORITY_LINE = re.compile(r"^(TM|KT|Q|TL|TUQ)\.\s*(.*)$|^(T/M|K/T|T/L)\s+(.*)$")
SLASHED = {"T/M": "TM", "K/T": "KT", "T/L": "TL"}
# "TM ỦY BAN NHÂN DÂN": an authority line typed without its full stop (a defect, still an authority line)
UNDOTTED_AUTHORITY = re.compile(r"^(TM|KT|TL|TUQ)\s+(\S.*)$")


_FOLDED_BANNERS = [(name_key(banner), key) for banner, key in BANNERS.items()]


def banner_family(text: str) -> FamilyKey | None:
    """The family whose banner stands in `text`, if any ("CỘNG HOÀ", the tone placed the old way, too)."""
    folded = name_key(text)
    return next((key for banner, key in _FOLDED_BANNERS if banner in folded), None)


def detect(banner_text: str, number_text: str) -> Family:
    """The family of a finished document, from its right column (or page header) and number line."""
    key = banner_family(banner_text)
    if key is not None:
        return FAMILIES[key]
    return family_by_number(number_text) or DEFAULT  # HD 36's "Số 15-KH/ĐU", with no banner to be seen


def family_named(text: str) -> Family | None:
    """The family a user names (`--family đảng`, `dang`, `Đoàn`, `nha nuoc`), None for an unknown name."""
    from generator.core.formatting import ascii_fold

    def folded(name: str) -> str:
        return ascii_fold(name).casefold().replace("-", " ").replace("_", " ").strip()

    wanted = folded(unicodedata.normalize("NFC", text))
    return next((f for f in FAMILIES.values() if wanted in (folded(f.key.value), f.key.name)), None)


def family_by_number(line: str) -> Family | None:
    """The family whose number line this is ("Số 15-KH/ĐU" is the Party's), other than the
    default's (whose "Số: 12/KH-UBND" is also what a document of unknown family is taken for)."""
    for family in FAMILIES.values():
        if family is not DEFAULT and re.match(family.number_pattern, line.strip()):
            return family
    return None
