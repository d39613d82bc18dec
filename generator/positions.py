"""Where a value of a plan was written: file, line, column, and its field path."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple, Optional

Path_ = tuple  # a field path: ("sections", 0, "title")


class Mark(NamedTuple):
    """Where a value was written: plans that extend others mix several files."""

    line: Optional[int]
    column: Optional[int]
    file: Optional[Path]


NOWHERE = Mark(None, None, None)


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
