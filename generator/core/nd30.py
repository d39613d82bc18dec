"""The layout numbers of Nghị định 30/2020/NĐ-CP (Phụ lục I), defined once.

The template builder, the template context and `thidua check` all read them from here:
what the templates are built with is what the checker asks for.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

FONT = "Times New Roman"  # PL I Mục I: phông chữ tiếng Việt Times New Roman (Unicode TCVN 6909:2001)
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


class Range(NamedTuple):
    low: float
    high: float

    def __contains__(self, value: object) -> bool:
        return isinstance(value, (int, float)) and self.low <= value <= self.high


# Page (PL I Mục I): A4; margins in millimetres, the range the decree allows and what thidua uses.
PAGE_MM = (210, 297)
MARGINS_MM = {"top": Range(20, 25), "bottom": Range(20, 25), "left": Range(30, 35), "right": Range(15, 20)}
USED_MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
TEXT_WIDTH_PT = (PAGE_MM[0] - USED_MARGINS_MM["left"] - USED_MARGINS_MM["right"]) / 25.4 * 72

# Sizes in points: (what thidua uses, what the decree allows).
SIZES = {
    "issuer": (13, Range(12, 13)),          # ô 2: tên cơ quan ban hành
    "national_name": (13, Range(12, 13)),   # ô 1: quốc hiệu
    "motto": (14, Range(13, 14)),           # ô 1: tiêu ngữ
    "number": (13, Range(13, 13)),          # ô 3: số, ký hiệu
    "date": (14, Range(13, 14)),            # ô 4: địa danh, ngày tháng
    "title": (14, Range(13, 14)),           # ô 5a: tên loại, trích yếu
    "body": (14, Range(13, 14)),            # ô 6: nội dung
    "signature": (14, Range(13, 14)),       # ô 7: chữ ký
    "recipients_title": (12, Range(12, 12)),  # ô 9b: "Nơi nhận:"
    "recipients": (11, Range(11, 11)),      # ô 9b: danh sách nơi nhận
    "page_number": (13, Range(13, 14)),     # §1: số trang
}
# A công văn's own parts (ND 30 gives them no other size): its "V/v …" summary and its "Kính gửi:" lines.
LETTER_SUMMARY_PT = Range(12, 13)  # ô 5b: chữ in thường, cỡ 12–13, đứng, căn giữa dưới số, ký hiệu
ADDRESSEE_PT = Range(13, 14)  # ô 9a: "Kính gửi:" và tên nơi nhận, chữ in thường, đứng
# Where each rule stands in the decree, in its own terms: Phụ lục I, Phần I (văn bản hành chính) has
# Mục I "Quy định chung" (khoản 1–7: paper, orientation, margins, font, sizes, positions, page numbers),
# Mục II "Các thành phần thể thức chính" (khoản 1–9, each with its điểm) and Mục IV, the layout diagram
# whose cells are the "ô"; Phụ lục III lists the abbreviations of document types.
CLAUSES: dict[str, str] = {
    "paper": "Phụ lục I, Mục I, khoản 1",
    "orientation": "Phụ lục I, Mục I, khoản 2",
    "margins": "Phụ lục I, Mục I, khoản 3",
    "font": "Phụ lục I, Mục I, khoản 4",
    "positions": "Phụ lục I, Mục I, khoản 6; Mục IV (ô 1–4)",
    "page_number": "Phụ lục I, Mục I, khoản 7",
    "national_name": "Phụ lục I, Mục II, khoản 1, điểm a (ô 1)",
    "motto": "Phụ lục I, Mục II, khoản 1, điểm b (ô 1)",
    "issuer": "Phụ lục I, Mục II, khoản 2, điểm b (ô 2)",
    "symbol": "Phụ lục I, Mục II, khoản 3, điểm b (ô 3)",
    "number": "Phụ lục I, Mục II, khoản 3, điểm c (ô 3)",
    "date_written": "Phụ lục I, Mục II, khoản 4, điểm b (ô 4)",
    "date": "Phụ lục I, Mục II, khoản 4, điểm c (ô 4)",
    "title": "Phụ lục I, Mục II, khoản 5, điểm b (ô 5a)",
    "letter_summary": "Phụ lục I, Mục II, khoản 5, điểm b (ô 5b)",
    "addressee": "Phụ lục I, Mục II, khoản 9, điểm b, c (ô 9a)",
    "headings": "Phụ lục I, Mục II, khoản 6, điểm đ (ô 6)",
    "body": "Phụ lục I, Mục II, khoản 6, điểm e (ô 6)",
    "authority": "Phụ lục I, Mục II, khoản 7, điểm b (ô 7a)",
    "signer_name": "Phụ lục I, Mục II, khoản 7, điểm c (ô 7b)",
    "signature": "Phụ lục I, Mục II, khoản 7, điểm đ (ô 7a, 7b)",
    "recipients": "Phụ lục I, Mục II, khoản 9, điểm d (ô 9b)",
    "kind_symbols": "Phụ lục III (chữ viết tắt tên loại văn bản)",
    "forms": "Phụ lục III, Mẫu 1.1–1.3 (nghị quyết, quyết định)",
    "practice": "thực tiễn văn thư",  # not a rule of the decree: what a reviewer asks for
}


@dataclass(frozen=True)
class KindLayout:
    """What the decree's form for a kind puts between the summary and the articles (Phụ lục III, Mục II)."""

    form: str
    type_line: bool = True  # the kind's name printed above the summary ("KẾ HOẠCH"); a công văn has none
    addressee: bool = False  # "Kính gửi:" may stand before the body (ô 9a; Mục II, khoản 9, điểm b)
    authority_line: bool = False  # "THẨM QUYỀN BAN HÀNH" under the summary: "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ …"
    operative: str | None = None  # the line before the articles: "QUYẾT ĐỊNH:", "QUYẾT NGHỊ:"


# The kinds of document thidua writes and checks, with the abbreviation a number carries ("Số: 05/KH-UBND"):
# Phụ lục III of the decree lists the administrative ones; the others are the emulation movement's own.
DOCUMENT_KINDS: dict[str, tuple[str, bool]] = {
    # kind: (symbol, symbol is in ND30 Phụ lục III)
    "KẾ HOẠCH": ("KH", True),
    "PHÁT ĐỘNG": ("PĐ", False),
    "THÔNG BÁO": ("TB", True),
    "CHƯƠNG TRÌNH": ("CTr", True),
    "HƯỚNG DẪN": ("HD", True),
    "BÁO CÁO": ("BC", True),
    "QUYẾT ĐỊNH": ("QĐ", True),
    "CHỈ THỊ": ("CT", True),
    "PHƯƠNG ÁN": ("PA", True),
    "ĐỀ ÁN": ("ĐA", True),
    "BẢN ĐĂNG KÝ": ("ĐK", False),  # bản đăng ký thi đua: not a kind of Phụ lục III
}

LETTER = "CÔNG VĂN"  # a kind with no type line of its own: named here, for messages and `--kind`
KIND_LAYOUTS: dict[str, KindLayout] = {
    "QUYẾT ĐỊNH": KindLayout("Phụ lục III, Mẫu 1.2 và 1.3", authority_line=True, operative="QUYẾT ĐỊNH:"),
    "NGHỊ QUYẾT": KindLayout("Phụ lục III, Mẫu 1.1", authority_line=True, operative="QUYẾT NGHỊ:"),
    # no type line: "V/v …" under the number in the header, "Kính gửi:" before the body (ô 5b, ô 9a)
    LETTER: KindLayout("Phụ lục III, Mẫu 1.5", type_line=False, addressee=True),
    # sent to a superior, these are addressed as a công văn is (ND 30, Phụ lục I, Mục II, khoản 9, điểm b)
    "BÁO CÁO": KindLayout("Phụ lục III, Mẫu 1.4", addressee=True),
    "TỜ TRÌNH": KindLayout("Phụ lục III, Mẫu 1.4", addressee=True),
}
NAMED_KIND_LAYOUT = KindLayout("Phụ lục III, Mẫu 1.4")  # every other kind with a type line


def size_clause(part: str) -> str:
    """The clause that sets the size of a part of SIZES."""
    return CLAUSES["recipients" if part == "recipients_title" else part]
FIRST_LINE_INDENT_CM = (1.27, Range(0.95, 1.32))  # ô 6: 1 cm hoặc 1,27 cm
PARAGRAPH_SPACING_PT = (6, Range(6, 100))  # ô 6: tối thiểu 6 pt
LINE_SPACING = (1.15, Range(1.0, 1.5))  # ô 6: từ đơn đến 1,5 dòng
RULE_UNDER_ISSUER = Range(0.3, 0.55)  # ô 2: 1/3 đến 1/2 độ dài dòng chữ
RULE_UNDER_MOTTO = Range(0.85, 1.15)  # ô 1: bằng độ dài tiêu ngữ
RULE_UNDER_SUMMARY = Range(0.3, 0.55)  # ô 5a


def size(part: str) -> int:
    return SIZES[part][0]


def allowed(part: str) -> Range:
    return SIZES[part][1]
