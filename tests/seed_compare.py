"""Word-level comparison of a rendered plan with its seed text (issue: reproduce the seeds)."""

from __future__ import annotations

import difflib
import re

from generator.core.formatting import ascii_fold

# Paragraph-leading list markers: I.  1.  4.1.  a)  -  +  (10)
_MARKER = re.compile(r"^\s*(?:[IVXL]+\.|\d+(?:\.\d+)*\.|[a-zđ]\)|[-+•]|\(\d+\))(?=\s)\s*")


def words(text: str, fold: bool | str = False) -> list[str]:
    tokens: list[str] = []
    for line in text.replace("*", "").splitlines():
        previous = None
        while previous != line:  # "- (1) Thu ngân sách": strip every leading marker
            previous, line = line, _MARKER.sub("", line, count=1)
        tokens += line.split()
    if fold:
        tokens = [ascii_fold(t).lower() for t in tokens]
    if fold == "ocr":  # an OCR scan that lost its tone marks confuses vowels with each other
        tokens = [re.sub(r"[aeiouy]+", "a", t) for t in tokens]
    return tokens


def similarity(rendered: str, seed: str, fold: bool | str = False) -> float:
    matcher = difflib.SequenceMatcher(None, words(rendered, fold), words(seed, fold), autojunk=False)
    return matcher.ratio()


def differences(rendered: str, seed: str, fold: bool | str = False) -> list[str]:
    a, b = words(rendered, fold), words(seed, fold)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op != "equal":
            out.append(f"{op}: {' '.join(a[i1:i2])!r} ≠ {' '.join(b[j1:j2])!r}")
    return out
