"""Where a value of a plan was written: file, line, column, and its field path."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

Path_ = tuple  # a field path: ("sections", 0, "title")
KEY = "__key__"  # last segment of a path whose mark is where the key (not its value) was written


class Mark(NamedTuple):
    """Where a value was written: plans that extend others mix several files."""

    line: int | None
    column: int | None
    file: Path | None
    sheet: str | None = None  # a workbook's sheet: line and column are a cell's row and column


NOWHERE = Mark(None, None, None)


class Marks(dict):
    """Where each value of a plan was written, by field path; `(*path, KEY)` holds the key's place."""

    def key_mark(self, path: Path_) -> Mark | None:
        return self.get((*path, KEY))


def format_path(path: Path_) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def locate(marks, path) -> Mark:
    """Where the value at `path` (or its nearest written parent) stands."""
    path = tuple(path)
    while path not in marks and path:
        path = path[:-1]
    return marks.get(path, NOWHERE)
