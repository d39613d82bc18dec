"""Expressions inside plan text: "Xuân {{ can_chi(year) }} {{ year }}", "năm {{ year - 1 }}".

They run in Jinja's SandboxedEnvironment: no access to Python internals, no imports,
no attributes starting with "_"; a refused or broken expression is a located error.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.sandbox import SandboxedEnvironment

from generator.core.anniversaries import NATIONAL_EVENTS, Event, anniversary_text, can_chi
from generator.core.characters import describe_character, first_bad
from generator.plan.model import _parse_date_or_year

MARKERS = ("{{", "{%", "{#")
HELP = ("dùng được: year, year - 1, year + 1, can_chi(year), years_since('03/02/1930'), "
        "anniversary('thanh-lap-dang'), unit (ví dụ: xã Tiên Yên), unit_name (Tiên Yên)")

# Work an expression may do: plan text needs small numbers and short strings, and a
# refusal here is quick and located instead of a minute of CPU or a MemoryError.
MAX_TEXT = 10_000  # characters (or items) an operation may produce
MAX_BITS = 256  # size of an integer operand (2**256 is far beyond any figure in a plan)
SAFE_FILTERS = ("upper", "lower", "capitalize", "title", "trim", "default", "d", "int", "string", "abs",
                "round", "length", "first", "last")
SAFE_METHODS = {"upper", "lower", "capitalize", "title", "strip", "lstrip", "rstrip", "startswith", "endswith",
                "isdigit"}
ALLOWED_STATEMENTS = (nodes.Output, nodes.If)


class _TooMuch(ValueError):
    pass


def _size(value: Any) -> int:
    return len(value) if isinstance(value, (str, list, tuple)) else 0


def _check_int(value: Any) -> None:
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > MAX_BITS:
        raise _TooMuch("số quá lớn")


class _BoundedEnvironment(SandboxedEnvironment):
    """The sandbox, with operators and calls bounded in the work they can cause."""

    intercepted_binops = frozenset({"*", "**", "+", "-", "//", "/", "%"})

    def call_binop(self, context, operator, left, right):
        _check_int(left)
        _check_int(right)
        if operator == "**":
            if isinstance(right, (int, float)) and abs(right) > 64:
                raise _TooMuch("lũy thừa quá lớn")
            if isinstance(left, (int, float)) and abs(left) > 2 ** 32:
                raise _TooMuch("lũy thừa quá lớn")
        elif operator == "*":
            for seq, n in ((left, right), (right, left)):
                if _size(seq) or isinstance(seq, (str, list, tuple)):
                    if isinstance(n, int) and _size(seq) * max(n, 0) > MAX_TEXT:
                        raise _TooMuch("kết quả quá dài")
        elif operator == "%" and isinstance(left, str):
            raise _TooMuch("không dùng % để định dạng chữ")
        elif operator == "+" and _size(left) + _size(right) > MAX_TEXT:
            raise _TooMuch("kết quả quá dài")
        result = super().call_binop(context, operator, left, right)
        _check_int(result)
        return result

    def wrap_str_format(self, value):
        if super().wrap_str_format(value) is not None:  # '{0:>999999999}'.format(1)
            raise _TooMuch("không dùng .format trong đoạn chữ")
        return None

    def is_safe_attribute(self, obj, attr, value):
        if isinstance(obj, str):
            return attr in SAFE_METHODS
        return super().is_safe_attribute(obj, attr, value) and not callable(value)


_ENVIRONMENT = _BoundedEnvironment(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True)
_ENVIRONMENT.globals.clear()  # no range(), lipsum(), dict(), cycler(): loops and generators have no place here
_ENVIRONMENT.filters = {name: _ENVIRONMENT.filters[name] for name in SAFE_FILTERS}


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
    # the level in lower case whatever case it was typed in ("Xã", as Excel's AutoCorrect writes it)
    unit = f"{' '.join(str(issuer.get('level', '')).split()).lower()} {issuer.get('name', '')}".strip()

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


_MARKER = re.compile("|".join(re.escape(m) for m in MARKERS))


def as_literal(text: str) -> str:
    """`text` written so that the plan prints it as it is: each "{{", "{%" or "{#" in it (typed in a
    Word file, say) becomes an expression that prints those two characters, never the start of one."""
    return _MARKER.sub(lambda m: "{{ '" + m.group(0) + "' }}", text)


@lru_cache(maxsize=8192)  # batches repeat the same texts
def _compile(text: str) -> jinja2.Template:
    tree = _ENVIRONMENT.parse(text)
    for node in tree.find_all(nodes.Stmt):
        if not isinstance(node, ALLOWED_STATEMENTS):
            word = type(node).__name__.lower()
            raise _TooMuch(f"chỉ dùng được {{{{ … }}}} và {{% if %}} trong đoạn chữ, không dùng '{word}'")
    return _ENVIRONMENT.from_string(tree)


def evaluate(text: str, names: dict) -> str:
    """Evaluate one text; raise ValueError with a Vietnamese message."""
    try:
        result = _compile(text).render(names)
    except _TooMuch as exc:
        raise ValueError(f"biểu thức bị từ chối: {exc}") from None
    except (RecursionError, MemoryError, OverflowError):
        raise ValueError("biểu thức bị từ chối: quá nhiều việc") from None
    except jinja2.exceptions.SecurityError as exc:
        raise ValueError(f"biểu thức không an toàn bị từ chối ({exc})") from None
    except jinja2.UndefinedError as exc:
        raise ValueError(f"biểu thức dùng tên không xác định ({exc}); {HELP}") from None
    except jinja2.TemplateSyntaxError as exc:
        raise ValueError(f"biểu thức viết sai cú pháp ({exc.message})") from None
    except (ValueError, TypeError, ArithmeticError, LookupError, AttributeError, jinja2.TemplateError) as exc:
        raise ValueError(f"biểu thức lỗi: {str(exc)[:200]}") from None
    if len(result) > len(text) + MAX_TEXT:
        raise ValueError("biểu thức bị từ chối: kết quả quá dài")
    bad = first_bad(result)
    if bad is not None:
        raise ValueError(f"kết quả của biểu thức có ký tự điều khiển không in được: {describe_character(bad)}")
    return unicodedata.normalize("NFC", result)


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
    if isinstance(year, str) and year.strip().isdigit() and len(year.strip()) == 4:
        year = int(year)  # YAML leaves numbers as written (see yamlio)
    return year if isinstance(year, int) and not isinstance(year, bool) and 1945 <= year <= 2100 else None

