"""Blanks a clerk must fill before a document is signed: "(tên xã)", "(họ và tên)", "xxx", "……".

A blank number, signing day or signer name is not one of these: the records office fills
those at signing, and the document keeps their place ("Số:      /KH-UBND"). A single "…"
inside a sentence is text (an ellipsis), not a blank.
"""

from __future__ import annotations

import re
import unicodedata

# what stands inside "( … )" or "[ … ]" when it is a slot to fill in, as clerks write it
# (short: "(cơ quan thường trực của Hội đồng)" is an explanation, "(tên xã)" a slot)
_SLOT_WORDS = ("tên", "họ và tên", "họ tên", "chức vụ", "ghi", "điền", "nhập", "địa danh")
PLACEHOLDER = re.compile(
    r"[(\[]\s*(?i:" + "|".join(re.escape(w) for w in _SLOT_WORDS) + r")(?![\w])[^)\]\n]{0,25}[)\]]"  # (tên xã)
    r"|(?<![\w])x{3,}(?![\w])"  # xxx (lower case: "lần thứ XXX" is a Roman numeral)
    r"|…{2,}|\.{4,}|(?:…\s*\.{2,}|\.{2,}\s*…)"  # dot leaders: ……, ...., …..
    r"|[(\[]\s*(?:…|\.{3})\s*[)\]]",  # (…), [...]

)

_MARKS = ("(", "[", "xxx", "…", "....")  # every blank above holds one (NFC changes none of them)


def find_placeholders(text: str) -> list[str]:
    """Every blank to fill in `text`, as written."""
    if not any(mark in text for mark in _MARKS):
        return []  # most paragraphs: no character a blank starts with (a cheap test, asked of every paragraph)
    return [match.group() for match in PLACEHOLDER.finditer(unicodedata.normalize("NFC", text))]
