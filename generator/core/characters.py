"""Characters that must never reach a document, and how to name them to a clerk."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

# Controls (they break paragraphs or the XML; tab, line feed and carriage return are
# folded by the loader), line and paragraph separators, surrogates and the non-characters
# U+xFFFE/U+xFFFF of every plane.
_IN_BMP = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff"
BAD = re.compile(f"[{_IN_BMP}" + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}"
                                         for plane in range(1, 17)) + "]")
# What a scan looks for: BAD's characters of the first plane, and any character beyond it (rare in a plan:
# an emoji), which BAD then judges. Searched with BAD itself, a megabyte takes ten times as long: the
# regex engine tries each of the 32 non-characters beyond the first plane on every character.
_CANDIDATES = re.compile(f"[{_IN_BMP}\U00010000-\U0010ffff]")


# U+000B is what Word's Shift+Enter becomes when pasted; say so where it is found.
_HINTS = {
    "\x0b": "đây thường là dấu xuống dòng (Shift+Enter) dán từ Word",
    "\x0c": "đây là dấu ngắt trang, thường dán từ Word",
    "\x00": "tệp có thể bị hỏng hoặc không phải tệp chữ",
}


def bad_character(ch: str) -> bool:
    """Whether `ch` must never reach a document (see BAD)."""
    return BAD.match(ch) is not None


def bad_characters(text: str) -> Iterator[re.Match[str]]:
    """Each character of `text` that BAD refuses, in order (as BAD.finditer, ten times faster)."""
    return (match for match in _CANDIDATES.finditer(text) if BAD.match(match.group()))


def first_bad(text: str) -> str | None:
    match = next(bad_characters(text), None)
    return match.group() if match else None


def describe_character(ch: str) -> str:
    name = unicodedata.name(ch, "")
    text = f"U+{ord(ch):04X}" + (f" {name}" if name else "")
    hint = _HINTS.get(ch)
    return f"{text} ({hint})" if hint else text


# Old and new tone placement ("Hòa"/"Hoà", "Thủy"/"Thuỷ", "Khỏe"/"Khoẻ"): both are in use
# (the 1980s school rule against the older habit) and name the same place or person.
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_OLD_PLACEMENT = re.compile(f"([oO])([{_TONES}])([aAeE])(?![^\\W\\d_])|([uU])([{_TONES}])([yY])(?![^\\W\\d_])")


def _move_tone(match: re.Match[str]) -> str:
    if match.group(1):
        return match.group(1) + match.group(3) + match.group(2)
    return match.group(4) + match.group(6) + match.group(5)


def name_key(text: str) -> str:
    """What two spellings of one name share: NFC, case, spaces and tone placement folded."""
    decomposed = unicodedata.normalize("NFD", " ".join(text.split()))
    return unicodedata.normalize("NFC", _OLD_PLACEMENT.sub(_move_tone, decomposed)).casefold()
