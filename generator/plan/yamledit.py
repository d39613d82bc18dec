"""Edit a plan file in place: ruamel.yaml's round trip keeps comments, quotes, key order and
flow style, so that `git diff` of an edited plan shows only the lines that had to change.

The indentation of block sequences is read from the file itself (thidua writes "- " under
its key, `key:\\n- item`; a hand-written file may indent it, `key:\\n  - item`).
"""

from __future__ import annotations

import io
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

_ITEM = re.compile(r"^( *)- ")
_KEY_OPENING = re.compile(r"^( *)[^#\s][^#]*:\s*(?:#.*)?$")


def _sequence_offset(text: str) -> int:
    """How far the file indents a block sequence's "- " under its key (0 or 2, as found first)."""
    previous = None
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = _ITEM.match(line)
        if item and previous is not None and (opening := _KEY_OPENING.match(previous)):
            return max(0, len(item.group(1)) - len(opening.group(1)))
        previous = line
    return 0


def round_trip(text: str) -> YAML:
    """A ruamel YAML that writes `text`'s data back the way `text` is laid out."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1_000_000  # never fold a long Vietnamese paragraph onto a second line
    offset = _sequence_offset(text)
    yaml.indent(mapping=2, sequence=2 + offset, offset=offset)
    return yaml


def load(text: str) -> tuple[YAML, Any]:
    """The round-trip document of `text`; raises ValueError for text that is not YAML."""
    yaml = round_trip(text)
    try:
        return yaml, yaml.load(text)
    except YAMLError as exc:
        raise ValueError(str(exc)) from None


def dump(yaml: YAML, data: Any) -> str:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()
