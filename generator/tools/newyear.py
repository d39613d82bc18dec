"""`thidua new-year`: draft next year's plan from this year's file.

The file is edited in place through ruamel.yaml's round trip (generator.plan.yamledit), so
that comments, quotes, key order and layout stay exactly as the clerk wrote them and
`git diff` shows only the lines that had to change: the year, the number and signing day
(cleared, the month kept), and every round date (moved), in whichever shape it was written
(19/03/2024, 2024-03-19, quoted or not, or {day: …, month: …, year: …}).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

from generator.core.anniversaries import anniversary_date
from generator.core.errors import Problem, ThiduaError
from generator.plan import yamledit
from generator.system.files import write_atomic

_DMY = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
ROUND_DATE_KEYS = ("start", "end")


def _as_date(value: Any) -> tuple[dt.date, str] | None:
    """A date value and the shape it was written in ('dmy' or 'iso'), or None."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value, "iso"
    if isinstance(value, str):
        try:
            if match := _DMY.match(value):
                day, month, year = map(int, match.groups())
                return dt.date(year, month, day), "dmy"
            if match := _ISO.match(value):
                year, month, day = map(int, match.groups())
                return dt.date(year, month, day), "iso"
        except ValueError:  # an impossible date: the loader locates it
            return None
    return None


def _same_style(old: Any, text: str) -> Any:
    """`text` written with the quotes `old` had."""
    if isinstance(old, SingleQuotedScalarString):
        return SingleQuotedScalarString(text)
    if isinstance(old, DoubleQuotedScalarString):
        return DoubleQuotedScalarString(text)
    return text


def _moved(value: Any, years: int) -> Any:
    found = _as_date(value)
    if found is None:
        return value
    day, shape = found
    moved = anniversary_date(day, day.year + years)
    if isinstance(value, dt.date):
        return moved
    text = f"{moved.day:02d}/{moved.month:02d}/{moved.year}" if shape == "dmy" else moved.isoformat()
    return _same_style(value, text)


def _move_round_dates(node: Any, years: int) -> None:
    """Every start/end date anywhere in the plan (rounds, and rounds inside sections)."""
    if isinstance(node, CommentedMap):
        for key in list(node):
            value = node[key]
            if key in ROUND_DATE_KEYS:
                if isinstance(value, CommentedMap) and {"day", "month", "year"} <= set(value):
                    try:
                        day = dt.date(int(value["year"]), int(value["month"]), int(value["day"]))
                    except (TypeError, ValueError):
                        continue
                    moved = anniversary_date(day, day.year + years)
                    value["day"], value["month"], value["year"] = moved.day, moved.month, moved.year
                else:
                    node[key] = _moved(value, years)
            else:
                _move_round_dates(value, years)
    elif isinstance(node, CommentedSeq):
        for item in node:
            _move_round_dates(item, years)


def _blank_day(value: Any) -> Any:
    """The signing date with its day blanked and its month kept (the year is the plan's)."""
    if isinstance(value, CommentedMap):
        for key in ("day", "year"):
            if key in value:
                del value[key]
        return value
    found = _as_date(value)
    if found is None:
        return None
    blank = CommentedMap(month=found[0].month)
    blank.fa.set_flow_style()
    return blank


def _year_value(old: Any, new_year: int) -> Any:
    return _same_style(old, str(new_year)) if isinstance(old, str) else new_year


def roll_text(text: str, old_year: int, new_year: int) -> str:
    """`text` (a plan) moved from `old_year` to `new_year`, every other line as it was."""
    try:
        yaml, data = yamledit.load(text)
    except ValueError:
        return text  # not YAML: the loader reports it with its line
    if not isinstance(data, CommentedMap):
        return text
    if "year" in data:
        data["year"] = _year_value(data["year"], new_year)
    else:  # a plan that extends another takes its year from there: state the new one here
        at = list(data).index("extends") + 1 if "extends" in data else 0
        data.insert(at, "year", new_year)
    if "number" in data:
        del data["number"]  # the records office gives the new number at signing
    if "date" in data:
        data["date"] = _blank_day(data["date"])
    _move_round_dates(data, new_year - old_year)
    return yamledit.dump(yaml, data)


def target_path(old: Path, old_year: int, new_year: int) -> Path:
    if str(old_year) in old.stem:
        return old.with_name(old.stem.replace(str(old_year), str(new_year)) + old.suffix)
    return old.with_name(f"{old.stem}-{new_year}{old.suffix}")


def write_new_year(old: Path, old_year: int, new_year: int, output: Path | None = None) -> Path:
    target = output or target_path(old, old_year, new_year)
    if target.exists():
        raise ThiduaError([Problem(target, "tệp đã có, thidua không ghi đè",
                                   hint="xóa hoặc đổi tên tệp đó, hoặc chọn tên khác bằng -o")])
    from generator.plan.loader import load, read_text

    plan = load(old).plan
    if plan.report is not None or plan.registration is not None:
        what, command = ("một báo cáo", "report") if plan.report is not None else ("một bản đăng ký", "register")
        raise ThiduaError([Problem(old, f"tệp này là {what} của kế hoạch năm {old_year}, không sang năm mới được",
                                   hint=f"sang năm mới kế hoạch trước (thidua new-year <kế hoạch>), rồi "
                                   f"thidua {command} <kế hoạch năm mới>")])
    rolled = roll_text(read_text(old), old_year, new_year)
    load(target, rolled)  # a draft that would not build is reported, never written
    write_atomic(target, rolled.encode("utf-8"), new=True)
    return target
