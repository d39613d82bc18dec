"""Expressions inside plan text: "Xuân {{ can_chi(year) }} {{ year }}", "năm {{ year - 1 }}".

They run in Jinja's SandboxedEnvironment: no access to Python internals, no imports,
no attributes starting with "_"; a refused or broken expression is a located error.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Callable

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from .anniversaries import NATIONAL_EVENTS, Event, anniversary_text, can_chi
from .model import _parse_date_or_year

MARKERS = ("{{", "{%", "{#")
HELP = ("dùng được: year, year - 1, year + 1, can_chi(year), years_since('03/02/1930'), "
        "anniversary('thanh-lap-dang'), unit (ví dụ: xã Tiên Yên), unit_name (Tiên Yên)")

_ENVIRONMENT = SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=False,
                                    keep_trailing_newline=True)


def _local_events(raw_events: Any) -> dict[str, Event]:
    """Local events as written in the plan (validated again later with the schema)."""
    events = {}
    for raw in raw_events if isinstance(raw_events, list) else []:
        try:
            events[raw["key"]] = Event(raw["key"], raw["name"], _parse_date_or_year(raw["since"]))
        except (KeyError, TypeError, ValueError):
            continue
    return events


def helpers(year: int, raw_events: Any = None, raw_issuer: Any = None) -> dict[str, Callable | int | str]:
    events = {**NATIONAL_EVENTS, **_local_events(raw_events)}
    issuer = raw_issuer if isinstance(raw_issuer, dict) else {}
    # "xã Tiên Yên", "tỉnh Quảng Ninh": lets a province's text read right in a commune that extends it
    unit = f"{issuer.get('level', '')} {issuer.get('name', '')}".strip()

    def years_since(since) -> int:
        value = _parse_date_or_year(since)
        return year - (value if isinstance(value, int) else value.year)

    def anniversary(key: str) -> str:
        if key not in events:
            raise ValueError(f"sự kiện '{key}' không có trong lịch kỷ niệm (xem: thidua events {year})")
        return anniversary_text(events[key].name, events[key].since, year)

    return {"year": year, "can_chi": can_chi, "years_since": years_since, "anniversary": anniversary,
            "unit": unit, "unit_name": str(issuer.get("name", ""))}


def has_expression(text: str) -> bool:
    return any(marker in text for marker in MARKERS)


_compile = lru_cache(maxsize=8192)(_ENVIRONMENT.from_string)  # batches repeat the same texts


def evaluate(text: str, names: dict) -> str:
    """Evaluate one text; raise ValueError with a Vietnamese message."""
    try:
        return _compile(text).render(names)
    except jinja2.exceptions.SecurityError as exc:
        raise ValueError(f"biểu thức không an toàn bị từ chối ({exc})") from None
    except jinja2.UndefinedError as exc:
        raise ValueError(f"biểu thức dùng tên không xác định ({exc}); {HELP}") from None
    except jinja2.TemplateSyntaxError as exc:
        raise ValueError(f"biểu thức viết sai cú pháp ({exc.message})") from None
    except (ValueError, TypeError, ArithmeticError, jinja2.TemplateError) as exc:
        raise ValueError(f"biểu thức lỗi: {exc}") from None


def evaluate_tree(data: Any, names: dict, path: tuple, errors: list[tuple[tuple, str]],
                  plain_ids: frozenset = frozenset()) -> Any:
    """Evaluate every text field of the plan data; collect (path, message) errors.

    `plain_ids` names containers known to hold no expression (see `plain_containers`):
    a batch shares them between all its rows and need not walk them again."""
    if id(data) in plain_ids:
        return data
    if isinstance(data, dict):
        return {k: evaluate_tree(v, names, path + (k,), errors, plain_ids) for k, v in data.items()}
    if isinstance(data, list):
        return [evaluate_tree(v, names, path + (i,), errors, plain_ids) for i, v in enumerate(data)]
    if isinstance(data, str) and has_expression(data):
        try:
            return evaluate(data, names)
        except ValueError as exc:
            errors.append((path, str(exc)))
    return data


def plain_containers(data: Any) -> frozenset:
    """Ids of the dicts and lists in `data` that hold no expression at any depth.
    Valid only while `data` is alive and unchanged (a batch keeps its base for its whole run)."""
    found: set[int] = set()

    def walk(value) -> bool:
        if isinstance(value, dict):
            plain = all([walk(v) for v in value.values()])
        elif isinstance(value, list):
            plain = all([walk(v) for v in value])
        else:
            return not (isinstance(value, str) and has_expression(value))
        if plain:
            found.add(id(value))
        return plain

    walk(data)
    return frozenset(found)


def plan_year(data: dict) -> int | None:
    year = data.get("year")
    return year if isinstance(year, int) and not isinstance(year, bool) else None

