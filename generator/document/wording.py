"""How plans read in Vietnamese: targets, figures in prose, list punctuation, emphasis markup.

No .docx here: `diff` and `lint` use the same wording as the documents without loading
docxtpl or python-docx.
"""

from __future__ import annotations

import re

from generator.core import formatting as fmt
from generator.plan.model import Target

MARKUP = re.compile(r"\*\*\*(.+?)\*\*\*|\*\*(.+?)\*\*|\*(.+?)\*")


def plain(text: str) -> str:
    """The words of a paragraph without emphasis markup."""
    return MARKUP.sub(lambda m: m.group(1) or m.group(2) or m.group(3), text)


def join_words(*parts: str) -> str:
    """Join sentence parts with one space, none before punctuation."""
    out = ""
    for part in parts:
        part = part.strip() if part else ""
        if not part:
            continue
        out = part if not out else (out + part if part[0] in ",.;:)…" else f"{out} {part}")
    return out


def value_text(target: Target) -> str:
    """"2.900 tỷ đồng", "12 - 15%": the figure as written, with its unit."""
    if target.value is None:
        return ""
    text = fmt.format_number(target.value)
    if target.value_to is not None:
        text += f" {target.range_word} {fmt.format_number(target.value_to)}"
    if target.unit:
        text += target.unit if target.unit == "%" else f" {target.unit}"
    return text


def target_text(target: Target) -> str:
    """"Tổng vốn đầu tư toàn xã hội đạt từ 2.900 tỷ đồng trở lên"."""
    phrase = target.compare.replace("…", value_text(target)) if target.value is not None else ""
    parts = (phrase, target.label) if target.label_after else (target.label, phrase)
    text = join_words(*parts, target.note)
    return f"{target.number} {text}" if target.number else text


def punctuate(texts: list[str], end: str = ";") -> list[str]:
    """List items end with `end` (';', or '.' where each is a sentence) and the last with '.', unless the
    clerk ended them."""
    out = []
    for i, text in enumerate(texts):
        if text and text[-1] not in ".;:!?":
            text += "." if i == len(texts) - 1 else end
        out.append(text)
    return out
