"""Field-level edits of a plan file, the way a clerk's form sends them.

Each change names a field path and its new text; it is applied to ruamel.yaml's round-trip
document, so the file's diff is exactly the changed lines (comments, quotes, key order and
flow style kept). The result is validated by the same loader as `thidua build` before
anything is written; a file changed on disk since the page read it is a conflict, never
overwritten.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

from generator.core.errors import Problem, ThiduaError
from generator.plan import yamledit

FieldPath = tuple[str | int, ...]
QUOTED_FIELDS = ("value", "value_to")  # figures are written in quotes, as the README asks: '2.900'
WHOLE_FIELDS = ("number", "year")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Change:
    field: FieldPath
    value: str


class Conflict(Exception):
    """The file changed on disk since the page read it."""


def version(text: str) -> str:
    """What the page sends back to prove it saw the file as it is now."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _styled(old: Any, text: str, key: str | int) -> Any:
    """The new text in the old value's style: its quotes kept, a whole number stays a number,
    a date stays a date (the page sends dates as dd/mm/yyyy)."""
    if isinstance(old, dt.date) or (isinstance(old, str) and _ISO.match(old.strip())):
        from generator.plan.model import _parse_date  # the loader's own reading of dates

        try:
            parsed = _parse_date(text)
        except ValueError:
            parsed = None  # written as typed: the loader then says what is wrong with it
        if isinstance(parsed, dt.date):
            return parsed if isinstance(old, dt.date) else parsed.isoformat()
    if key in WHOLE_FIELDS and not isinstance(old, str):
        if not text.strip():
            return None
        if text.strip().isdigit():
            return int(text.strip())
    if isinstance(old, SingleQuotedScalarString):
        return SingleQuotedScalarString(text)
    if isinstance(old, DoubleQuotedScalarString):
        return DoubleQuotedScalarString(text)
    if isinstance(old, bool):
        return text.strip().lower() in ("true", "có", "1")
    if isinstance(old, int) and text.strip().isdigit():
        return int(text.strip())
    if old is None and key in QUOTED_FIELDS:
        return SingleQuotedScalarString(text)
    if text == "" or text != text.strip() or text[:1] in "'\"&*!|>%@`{[#-?:," or ": " in text or " #" in text:
        return SingleQuotedScalarString(text)  # what YAML would read otherwise as something else
    return text


def apply(text: str, changes: list[Change]) -> str:
    """`text` with every change applied; raises ThiduaError for a path that is not in the file."""
    yaml, data = yamledit.load(text)
    for change in changes:
        if change.value == "" and _absent(data, change.field):
            continue  # an empty box for a field the file does not write: nothing to add
        node: Any = data
        for depth, key in enumerate(change.field[:-1]):
            following = change.field[depth + 1]
            if isinstance(node, CommentedMap) and isinstance(key, str):
                if key not in node or node[key] is None:
                    node[key] = CommentedMap() if isinstance(following, str) else CommentedSeq()
                node = node[key]
            elif isinstance(node, CommentedSeq) and isinstance(key, int) and 0 <= key < len(node):
                node = node[key]
            else:
                raise ThiduaError([Problem(Path("."), f"không có trường {_show(change.field[:depth + 1])} trong tệp")])
        last = change.field[-1]
        if isinstance(node, CommentedMap) and isinstance(last, str):
            node[last] = _styled(node.get(last), change.value, last)
        elif isinstance(node, CommentedSeq) and isinstance(last, int) and 0 <= last < len(node):
            node[last] = _styled(node[last], change.value, last)
        else:
            raise ThiduaError([Problem(Path("."), f"không có trường {_show(change.field)} trong tệp")])
    return yamledit.dump(yaml, data)


def _absent(data: Any, path: FieldPath) -> bool:
    node = data
    for key in path:
        if isinstance(node, CommentedMap) and isinstance(key, str) and key in node:
            node = node[key]
        elif isinstance(node, CommentedSeq) and isinstance(key, int) and 0 <= key < len(node):
            node = node[key]
        else:
            return True
    return node is None


def _show(path: FieldPath) -> str:
    from generator.core.positions import format_path

    return format_path(path)
