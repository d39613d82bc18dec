"""`thidua new-year`: draft next year's plan from this year's file.

The file is edited as text, line by line, so that comments, key order and layout stay
exactly as the clerk wrote them and `git diff` shows only the lines that had to change:
the year, the number and signing day (cleared), and the round dates (moved).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from .anniversaries import anniversary_date
from .errors import Problem, ThiduaError
from .files import write_atomic

_YEAR_LINE = re.compile(r"^(year:\s*)(\d{4})(\s*(?:#.*)?)$")
_NUMBER_LINE = re.compile(r"^number:")
_DATE_LINE = re.compile(r"^date:\s*(.*?)\s*(#.*)?$")
_DATE_TEXT = re.compile(r"^['\"]?(?:(\d{1,2})/(\d{1,2})/(\d{4})|(\d{4})-(\d{1,2})-(\d{1,2}))['\"]?$")
_MONTH_IN_FLOW = re.compile(r"\bmonth:\s*(\d{1,2})")
_ROUND_DATE = re.compile(r"(\b(?:start|end):\s*['\"]?)(\d{1,2})/(\d{1,2})/(\d{4})")
_TOP_KEY = re.compile(r"^\S")


def _shift(match: re.Match, years: int) -> str:
    prefix, day, month, year = match.groups()
    moved = anniversary_date(dt.date(int(year), int(month), int(day)), int(year) + years)
    return f"{prefix}{moved.day:02d}/{moved.month:02d}/{moved.year}"


def roll_text(text: str, old_year: int, new_year: int) -> str:
    years = new_year - old_year
    out: list[str] = []
    in_date_block = False
    for line in text.splitlines(keepends=True):
        body, ending = line.rstrip("\r\n"), line[len(line.rstrip("\r\n")):]
        if _TOP_KEY.match(body) and not body.startswith("#"):
            in_date_block = False
        if (match := _YEAR_LINE.match(body)):
            body = f"{match.group(1)}{new_year}{match.group(3)}"
        elif _NUMBER_LINE.match(body):
            continue  # the records office gives the new number at signing
        elif (match := _DATE_LINE.match(body)):
            value, comment = match.group(1), match.group(2) or ""
            if not value:
                in_date_block = True
            else:
                body = "date:" + _blank_day(value) + (f" {comment}" if comment else "")
        elif in_date_block and re.match(r"^\s+(day|year):", body):
            continue
        body = _ROUND_DATE.sub(lambda m: _shift(m, years), body)
        out.append(body + ending)
    if not any(_YEAR_LINE.match(line.rstrip("\r\n")) for line in out):
        # a plan that extends another takes its year from there: state the new one here
        at = next((i + 1 for i, line in enumerate(out) if line.startswith("extends:")), 0)
        out.insert(at, f"year: {new_year}\n")
    return "".join(out)


def _blank_day(value: str) -> str:
    """Keep the month of the signing date, blank the day (the year is the plan's)."""
    match = _DATE_TEXT.match(value)
    if match:
        month = match.group(2) or match.group(5)
        return f" {{month: {int(month)}}}"
    flow = _MONTH_IN_FLOW.search(value)
    return f" {{month: {int(flow.group(1))}}}" if flow else ""


def target_path(old: Path, old_year: int, new_year: int) -> Path:
    if str(old_year) in old.stem:
        return old.with_name(old.stem.replace(str(old_year), str(new_year)) + old.suffix)
    return old.with_name(f"{old.stem}-{new_year}{old.suffix}")


def write_new_year(old: Path, old_year: int, new_year: int, output: Path | None = None) -> Path:
    target = output or target_path(old, old_year, new_year)
    if target.exists():
        raise ThiduaError([Problem(target, "tệp đã có, thidua không ghi đè",
                                   hint="xóa hoặc đổi tên tệp đó, hoặc chọn tên khác bằng -o")])
    from .loader import load, read_text

    rolled = roll_text(read_text(old), old_year, new_year)
    load(target, rolled)  # a draft that would not build is reported, never written
    write_atomic(target, rolled.encode("utf-8"))
    return target
