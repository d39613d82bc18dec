"""Vietnamese formatting of numbers, dates and names (Babel; ND30 Phụ lục I §3)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from babel.numbers import format_decimal

LOCALE = "vi_VN"
BLANK = " " * 6  # room for the records office to write a number or a day by hand


def upper(text: str) -> str:
    """Upper-case keeping every diacritic ("Ủy ban" → "ỦY BAN")."""
    return unicodedata.normalize("NFC", text).upper()


MAX_DIGITS = 18  # no plan figure needs more; Babel and Decimal stay exact well beyond it
_VN_NUMBER = re.compile(r"-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?")


def read_number(value: int | str) -> str:
    """A figure as the clerk wrote it, checked the Vietnamese way; raise ValueError.

    "2.900" is two thousand nine hundred, "72,89" a decimal, "02" keeps its zero.
    Floats are refused: by the time a figure is a float its written form is lost
    (YAML reads 12.500 as 12.5), and a figure thidua is not sure of is never printed.
    """
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ValueError("cần một số viết như trong văn bản, đặt trong ngoặc kép: '2.900', '72,89'")
    text = str(value).strip().replace("\u2212", "-")
    if not _VN_NUMBER.fullmatch(text):
        raise ValueError(f"không đọc được số {text[:40]!r}; viết số kiểu Việt Nam: 2.900 (dấu chấm tách nghìn), "
                         "72,89 (dấu phẩy thập phân)")
    if sum(ch.isdigit() for ch in text) > MAX_DIGITS:
        raise ValueError(f"số quá dài (hơn {MAX_DIGITS} chữ số)")
    return text


def _as_decimal(value: int | str) -> tuple[Decimal, int, int]:
    """Value, fraction digits and integer digits as the clerk wrote them."""
    text = read_number(value)
    sign = "-" if text.startswith("-") else ""
    whole, _, fraction = text.lstrip("-").partition(",")
    digits = whole.replace(".", "")
    try:
        number = Decimal(f"{sign}{digits}.{fraction}" if fraction else f"{sign}{digits}")
    except InvalidOperation:
        raise ValueError(f"không đọc được số {value!r}") from None
    integer_digits = len(digits) if digits.startswith("0") and len(digits) > 1 else 1
    return number, len(fraction), integer_digits


_ROMAN = (("M", 1000), ("CM", 900), ("D", 500), ("CD", 400), ("C", 100), ("XC", 90), ("L", 50), ("XL", 40),
          ("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1))


def roman(number: int) -> str:
    """4 → "IV": the numbers of level-I headings and of a table's group rows."""
    out = ""
    for letters, value in _ROMAN:
        while number >= value:
            out, number = out + letters, number - value
    return out


def decimal_of(value: int | str) -> Decimal:
    """The exact value of a figure written the Vietnamese way ("12.500" is 12500; "72,89" a decimal)."""
    return _as_decimal(value)[0]


def decimal_text(number: Decimal) -> str:
    """A computed figure the Vietnamese way, its places kept: Decimal("107.4") → "107,4", 12500 → "12.500"."""
    exponent = number.as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(number, format=pattern, locale=LOCALE)


def format_number(value: int | str) -> str:
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


def date_line(place: str, day: int | None, month: int | None, year: int) -> str:
    """ND30 place-and-date line; blank parts stay open for the records office."""
    day_text = two_digits_below_ten(day) if day else BLANK
    month_part = month_text(month) if month else BLANK
    return f"{place}, ngày {day_text} tháng {month_part} năm {year}"


def ascii_fold(text: str) -> str:
    """"Tân Lập" → "Tan Lap" (for file names and comparisons of OCR text)."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
