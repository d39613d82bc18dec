"""File names that work on the clerk's Windows PC as well as on Linux, and Word's lock files.

Windows refuses device names (CON, NUL, COM1, … whatever the extension), names ending in a
dot or a space and the characters <>:"|?*; it folds case, so "A.docx" and "a.docx" are one
file; and without the "long paths" setting a path stops at 260 characters (MAX_PATH).
Source: Microsoft, "Naming Files, Paths, and Namespaces" (Win32 documentation).
"""

from __future__ import annotations

import re
from pathlib import Path

RESERVED = frozenset({"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in "123456789¹²³"),
                      *(f"LPT{i}" for i in "123456789¹²³")})
FORBIDDEN = re.compile(r'[<>:"|?*\\]')
MAX_PATH = 260  # characters, the terminating NUL included: 259 usable
PLAN_SUFFIXES = (".yaml", ".yml")  # what thidua reads as a plan
OWNER_PREFIX = "~$"  # Word and Excel keep "~$name.docx" beside a file while it is open


def name_problem(name: str) -> str | None:
    """Why `name` (one path component) cannot be a file name on Windows; None if it can."""
    stem = name.split(".", 1)[0].rstrip(" ").upper()
    if stem in RESERVED:
        return f"'{name}' là tên thiết bị dành riêng của Windows ({stem})"
    if name.endswith((".", " ")):
        return f"'{name}' kết thúc bằng dấu chấm hoặc dấu cách, Windows không cho đặt tên như vậy"
    match = FORBIDDEN.search(name)
    if match:
        return f"'{name}' có ký tự '{match.group()}' mà Windows không cho dùng trong tên tệp"
    return None


def path_too_long(path: Path) -> bool:
    """Whether `path`, made absolute, passes Windows' 260-character limit."""
    return len(str(path.absolute())) >= MAX_PATH


def is_owner_file(path: Path) -> bool:
    """Word's or Excel's lock file for an open document ("~$n 2026.docx"), never a document."""
    return path.name.startswith(OWNER_PREFIX)
