"""The words of a plan: every field a reader sees printed, with its path (for lint, the final
check before a build, and anything else that reads a plan's text rather than its codes)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

NOT_TEXT = {"id", "key", "since", "start", "end", "template", "event", "level", "kind", "symbol", "group",
            "emphasis", "numbering", "unit", "range_word", "value", "value_to", "number", "year", "day", "month",
            "extends", "acknowledge"}


def text_fields(data: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in NOT_TEXT:
                yield from text_fields(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from text_fields(value, path + (i,))
    elif isinstance(data, str):
        yield path, data
