"""Assessing a target against its result: what each comparison phrase of a plan means, as data.

A plan's target says how it is judged in its own words ("đạt từ … trở lên", "trên …",
"giảm còn dưới …", "không quá …", a range "12 - 15", "tăng …% so với cùng kỳ"). Each
phrase below is one reading, with the condition for Đạt and for Vượt; a phrase that no
reading matches is never guessed at: its assessment is "cần đánh giá". Arithmetic is
Decimal on the figures as written; the rate is rounded half up to RATE_PLACES places.

Source of the assessment words (Vượt / Đạt / Chưa đạt): the practice of the báo cáo tổng
kết (Luật Thi đua, khen thưởng 2022, Điều 16–17: sơ kết, tổng kết the movement against its
targets); the rules of reading are this project's, stated here so that a reviewer can
check each one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum


class Verdict(str, Enum):
    exceeded = "Vượt"
    met = "Đạt"
    not_met = "Chưa đạt"
    no_data = "Chưa có số liệu"
    to_assess = "Cần đánh giá"


RATE_PLACES = 1  # Tỷ lệ (%) = thực hiện / kế hoạch × 100, rounded half up: 52,1 / 48,5 → 107,4


@dataclass(frozen=True)
class Reading:
    """One way a comparison phrase is judged."""

    key: str
    meaning: str  # said in the command's list and the README: what Đạt means for this phrase
    patterns: tuple[str, ...]  # regular expressions on the phrase, "…" standing for the figure
    met: str  # ">=", ">", "<=", "<": the result against the planned figure
    exceeded: str | None  # the strict comparison that makes it Vượt; None: never Vượt
    growth: bool = False  # the figure is a growth over a base (last year, the estimate): needs the base


# What may stand before the figure without changing the reading: "phấn đấu đạt", "có", "giữ vững"…
_LEAD = r"(?:(?:phấn đấu|bảo đảm|đảm bảo)\s+)?(?:(?:đạt(?: tỷ lệ| mức| và vượt(?: chỉ tiêu(?: \w+)? giao(?: là)?)?)?|có|giữ vững|duy trì|hoàn thành|thực hiện|xử lý|giải quyết xong|thu hút|tạo việc làm cho)\s+)?"
# What may follow it: "chỉ tiêu huyện giao", "kế hoạch", "so với kế hoạch"
_TAIL = r"(?:\s+(?:chỉ tiêu(?: \w+)? giao|kế hoạch(?: \w+)? giao|theo kế hoạch|so với kế hoạch))?"
_FIGURE = r"…\s*%?"

READINGS: tuple[Reading, ...] = (
    Reading("at-least", "thực hiện ≥ kế hoạch là Đạt; lớn hơn là Vượt",
            (rf"^{_LEAD}(?:từ\s+)?{_FIGURE}\s+trở lên{_TAIL}$",
             rf"^{_LEAD}(?:ít nhất|tối thiểu|không dưới|không thấp hơn|không ít hơn)\s+{_FIGURE}{_TAIL}$",
             rf"^{_LEAD}{_FIGURE}{_TAIL}$"),
            ">=", ">"),
    Reading("more-than", "thực hiện > kế hoạch là Đạt",
            (rf"^{_LEAD}(?:trên|hơn|cao hơn|lớn hơn|nhiều hơn)\s+{_FIGURE}{_TAIL}$",),
            ">", None),
    Reading("less-than", "thực hiện < kế hoạch là Đạt",
            (r"^(?:(?:giảm|hạ)\s+(?:còn|xuống)\s+|giảm\s+|còn\s+)?(?:dưới|thấp hơn|ít hơn|nhỏ hơn)\s+…\s*%?$",),
            "<", None),
    Reading("at-most", "thực hiện ≤ kế hoạch là Đạt; nhỏ hơn là Vượt",
            (r"^(?:(?:giảm|hạ)\s+(?:còn|xuống)\s+|còn\s+)?(?:không quá|không vượt quá|tối đa|không cao hơn)\s+…\s*%?$",
             r"^(?:giảm|hạ)\s+(?:còn|xuống)(?:\s+mức)?(?:\s+còn)?\s+…\s*%?$",
             r"^(?:từ\s+)?…\s*%?\s+trở xuống$"),
            "<=", "<"),
    Reading("growth", "mức tăng so với số liệu gốc (cột base: cùng kỳ, năm trước, dự toán) ≥ kế hoạch là Đạt; "
            "lớn hơn là Vượt; với đơn vị % là tăng tương đối ((thực hiện − gốc) / gốc × 100)",
            (rf"^{_LEAD}tăng(?:\s+(?:từ|ít nhất|tối thiểu))?\s+…\s*%?(?:\s+trở lên)?(?:\s+so với\s+[\w\s,]+)?$",),
            ">=", ">", growth=True),
    Reading("growth-more-than", "mức tăng so với số liệu gốc > kế hoạch là Đạt",
            (rf"^{_LEAD}tăng\s+(?:trên|hơn)\s+…\s*%?(?:\s+so với\s+[\w\s,]+)?$",),
            ">", None, growth=True),
)
# A bare figure ("Tỷ lệ hộ nghèo 1,2%", "đạt …") reads "at least"; for what should fall, that is
# a guess: a label with one of these words and no explicit direction word is left to a person.
FALLING_WORDS = ("nghèo", "cận nghèo", "tai nạn", "vi phạm", "tội phạm", "ô nhiễm", "tử vong", "suy dinh dưỡng",
                 "thất nghiệp", "nợ", "khiếu nại", "tồn đọng", "cháy", "ma túy", "bỏ học", "sinh con thứ ba")
_UPWARD = re.compile(r"trở lên|\btrên\b|\btăng\b|ít nhất|tối thiểu|không dưới|không thấp hơn|không ít hơn|\bvượt\b")
# Phrases deliberately left to a person: "tăng khoảng …" (approximate), "giảm … so với …"
# (percentage points or relative?), "duy trì ở mức …" with a range of meanings.


def _normal(phrase: str) -> str:
    text = unicodedata.normalize("NFC", phrase).casefold().replace("...", "…")
    text = re.sub(r"\s+", " ", text).strip(" .;:,")
    return text


def reading_of(compare: str) -> Reading | None:
    """The reading of a comparison phrase, or None when its meaning is not known."""
    phrase = _normal(compare)
    for reading in READINGS:
        if any(re.fullmatch(p, phrase) for p in reading.patterns):
            return reading
    return None


_OPS = {">=": lambda a, b: a >= b, ">": lambda a, b: a > b, "<=": lambda a, b: a <= b, "<": lambda a, b: a < b}


@dataclass(frozen=True)
class Assessment:
    verdict: Verdict
    rate: Decimal | None  # Tỷ lệ (%), rounded; None where there is none
    reason: str = ""  # why a person must assess it, or why there are no figures


def rate_of(result: Decimal, planned: Decimal) -> Decimal | None:
    if planned == 0:
        return None
    return (result / planned * 100).quantize(Decimal(1).scaleb(-RATE_PLACES), rounding=ROUND_HALF_UP)


def assess(compare: str, planned: Decimal | None, planned_to: Decimal | None, result: Decimal | None,
           base: Decimal | None, percent: bool, label: str = "") -> Assessment:
    """The verdict of one target; `planned_to` is a range's upper bound, `base` the figure a growth
    is measured from, `percent` whether the target's unit is %, `label` its name."""
    if result is None:
        return Assessment(Verdict.no_data, None, "chưa có số liệu thực hiện")
    if planned is None:
        return Assessment(Verdict.to_assess, None, "chỉ tiêu không có con số để so sánh")
    reading = reading_of(compare)
    if reading is None:
        return Assessment(Verdict.to_assess, rate_of(result, planned),
                          f"chưa biết cách đánh giá cụm từ '{compare.strip()}'")
    if reading.met in (">=", ">") and not _UPWARD.search(_normal(compare)) and \
            any(re.search(rf"\b{w}\b", _normal(label)) for w in FALLING_WORDS):
        return Assessment(Verdict.to_assess, rate_of(result, planned),
                          "chỉ tiêu này có thể cần giảm, nhưng cụm từ so sánh không nói rõ hướng (trở lên, dưới…)")
    if reading.growth:
        if base is None:
            return Assessment(Verdict.to_assess, None, "chỉ tiêu tăng so với số liệu gốc: thiếu cột base "
                              "(số liệu cùng kỳ, năm trước hoặc dự toán)")
        if percent:
            if base == 0:
                return Assessment(Verdict.to_assess, None, "số liệu gốc bằng 0: không tính được mức tăng")
            achieved = (result - base) / base * 100
            rate = rate_of(result, base)
        else:
            achieved, rate = result - base, None
        return _verdict(reading, achieved, planned, None, rate)
    return _verdict(reading, result, planned, planned_to, rate_of(result, planned))


def _verdict(reading: Reading, value: Decimal, planned: Decimal, planned_to: Decimal | None,
             rate: Decimal | None) -> Assessment:
    down = reading.met in ("<", "<=")
    if planned_to is not None:  # a range: inside is Đạt, beyond its far end Vượt
        low, high = min(planned, planned_to), max(planned, planned_to)
        if down:
            verdict = Verdict.exceeded if value < low else Verdict.met if value <= high else Verdict.not_met
        else:
            verdict = Verdict.exceeded if value > high else Verdict.met if value >= low else Verdict.not_met
        return Assessment(verdict, rate)
    if not _OPS[reading.met](value, planned):
        return Assessment(Verdict.not_met, rate)
    if reading.exceeded and _OPS[reading.exceeded](value, planned):
        return Assessment(Verdict.exceeded, rate)
    return Assessment(Verdict.met, rate)
