"""A warning the clerk has weighed and kept: "# giữ nguyên có chủ đích" at the end of its line.

The comment lives in the plan, so it survives `new-year` (which keeps comments) and next
year's `lint` and `build` stay quiet about that line."""

from __future__ import annotations

import unicodedata

ACKNOWLEDGE = "giữ nguyên"


def acknowledged(line: str) -> bool:
    """Whether a plan's source line carries the acknowledgement in its comment."""
    if "#" not in line:
        return False
    return ACKNOWLEDGE in unicodedata.normalize("NFC", line.split("#", 1)[1]).lower()
