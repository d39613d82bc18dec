"""Vietnamese formatting of numbers, dates and names (Babel; ND30 Phụ lục I §3)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Optional, Union

from babel.numbers import format_decimal

LOCALE = "vi_VN"
BLANK = " " * 6  # room for the records office to write a number or a day by hand


def upper(text: str) -> str:
    """Upper-case keeping every diacritic ("Ủy ban" → "ỦY BAN")."""
    return unicodedata.normalize("NFC", text).upper()


def _as_decimal(value: Union[int, float, str]) -> tuple[Decimal, int, int]:
    """Value, fraction digits and integer digits as the clerk wrote them.

    Strings are read the Vietnamese way ("2.900" is two thousand nine hundred,
    "72,89" is a decimal); a leading zero ("02") is kept, as plans write counts.
    """
    if isinstance(value, bool):
        raise ValueError(f"không phải số: {value}")
    if isinstance(value, int):
        return Decimal(value), 0, 1
    if isinstance(value, float):
        text = repr(value)
        number = Decimal(text)
        fraction = len(text.split(".")[1]) if "." in text else 0
        return number, fraction, 1
    text = value.strip().replace(" ", "")
    if not re.fullmatch(r"\d{1,3}(\.\d{3})*(,\d+)?|\d+(,\d+)?", text):
        raise ValueError(f"không đọc được số {value!r}; viết như 2.900 hoặc 72,89")
    whole, _, fraction = text.partition(",")
    digits = whole.replace(".", "")
    try:
        number = Decimal(f"{digits}.{fraction}" if fraction else digits)
    except InvalidOperation:
        raise ValueError(f"không đọc được số {value!r}") from None
    integer_digits = len(digits) if digits.startswith("0") and len(digits) > 1 else 1
    return number, len(fraction), integer_digits


def format_number(value: Union[int, float, str]) -> str:
    """2900 → "2.900"; "3300,9" → "3.300,9"; "72,89" → "72,89"; "02" → "02"."""
    number, fraction, integer_digits = _as_decimal(value)
    pattern = "#,##" + "0" * integer_digits
    if integer_digits < 2:
        pattern = "#,##0"
    if fraction:
        pattern += "." + "0" * fraction
    return format_decimal(number, format=pattern, locale=LOCALE)


def two_digits_below_ten(n: int) -> str:
    """Document numbers and days below 10 take a leading zero (ND30 §3.1, §3.3)."""
    return f"{n:02d}"


def month_text(month: int) -> str:
    """Only January and February take a leading zero (ND30 §3.1)."""
    return f"{month:02d}" if month <= 2 else str(month)


def short_date(day: dt.date) -> str:
    """Date inside running text: 03/02/1930, 30/4/1975, 22/12/1944."""
    return f"{day.day:02d}/{month_text(day.month)}/{day.year}"


def date_line(place: str, day: Optional[int], month: Optional[int], year: int) -> str:
    """ND30 place-and-date line; blank parts stay open for the records office."""
    day_text = two_digits_below_ten(day) if day else BLANK
    month_part = month_text(month) if month else BLANK
    return f"{place}, ngày {day_text} tháng {month_part} năm {year}"


def number_line(number: Optional[int], symbol: str) -> str:
    """"Số: 05/KH-UBND", or "Số:      /KH-UBND" while the number is blank."""
    return f"Số: {two_digits_below_ten(number) if number else BLANK}/{symbol}"


def ascii_fold(text: str) -> str:
    """"Tân Lập" → "Tan Lap" (for file names and comparisons of OCR text)."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
