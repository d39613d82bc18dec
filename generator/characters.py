"""Characters that must never reach a document, and how to name them to a clerk."""

from __future__ import annotations

import unicodedata

# U+000B is what Word's Shift+Enter becomes when pasted; say so where it is found.
_HINTS = {
    "\x0b": "đây thường là dấu xuống dòng (Shift+Enter) dán từ Word",
    "\x0c": "đây là dấu ngắt trang, thường dán từ Word",
    "\x00": "tệp có thể bị hỏng hoặc không phải tệp chữ",
}


def bad_character(ch: str) -> bool:
    """Characters that must never reach a document: controls (they break paragraphs or
    the XML), line/paragraph separators, surrogates and non-characters."""
    if ch in "\t\n\r":
        return False
    category = unicodedata.category(ch)
    return category in ("Cc", "Zl", "Zp", "Cs") or (category == "Cn" and (ord(ch) & 0xFFFE) == 0xFFFE)


def describe_character(ch: str) -> str:
    name = unicodedata.name(ch, "")
    text = f"U+{ord(ch):04X}" + (f" {name}" if name else "")
    hint = _HINTS.get(ch)
    return f"{text} ({hint})" if hint else text
