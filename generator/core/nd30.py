"""The layout numbers of Nghị định 30/2020/NĐ-CP (Phụ lục I), defined once.

The template builder, the template context and `thidua check` all read them from here:
what the templates are built with is what the checker asks for.
"""

from __future__ import annotations

from typing import NamedTuple

FONT = "Times New Roman"  # PL I §1: phông chữ tiếng Việt Times New Roman (Unicode TCVN 6909:2001)
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


class Range(NamedTuple):
    low: float
    high: float

    def __contains__(self, value: object) -> bool:
        return isinstance(value, (int, float)) and self.low <= value <= self.high


# Page (PL I §1): A4; margins in millimetres, the range the decree allows and what thidua uses.
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
SIZE_CLAUSES = {"issuer": "ô 2", "national_name": "ô 1", "motto": "ô 1", "number": "ô 3", "date": "ô 4",
                "title": "ô 5a", "body": "ô 6", "signature": "ô 7", "recipients_title": "ô 9b",
                "recipients": "ô 9b", "page_number": "§1"}
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
