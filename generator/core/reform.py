"""The two-tier reform of 01/7/2025, as data: forms that name bodies abolished that day, with
the wording that replaces them (Luật Tổ chức chính quyền địa phương 2025 and the 2025
resolutions on arranging administrative units: no huyện, quận, thị xã, thành phố thuộc
tỉnh, thị trấn after 30/6/2025)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

REFORM_DATE = dt.date(2025, 7, 1)


@dataclass(frozen=True)
class AbolishedForm:
    pattern: re.Pattern[str]
    what: str  # the body it names
    instead: str  # the suggested wording


def _rx(text: str) -> re.Pattern[str]:
    return re.compile(text, re.IGNORECASE)


ABOLISHED: tuple[AbolishedForm, ...] = (
    AbolishedForm(_rx(r"\b(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|HĐND|Hội đồng nhân dân)\s+(?:huyện|quận|thị xã|thị trấn)\b"),
                  "Ủy ban nhân dân, Hội đồng nhân dân cấp huyện hoặc thị trấn", "UBND tỉnh hoặc UBND xã, phường, đặc khu"),
    AbolishedForm(_rx(r"\bPhòng\s+[\w\s,-]{2,60}?\s+(?:huyện|quận|thị xã)\b"),
                  "phòng chuyên môn cấp huyện", "sở, ngành tỉnh hoặc phòng chuyên môn của UBND xã, phường"),
    AbolishedForm(_rx(r"\bcác\s+xã,\s*thị trấn\b"), "thị trấn", "các xã, phường, đặc khu"),
    AbolishedForm(_rx(r"\bcấp huyện\b"), "cấp huyện", "cấp tỉnh hoặc cấp xã"),
    AbolishedForm(_rx(r"\b(?:Huyện ủy|Quận ủy|Thị ủy)\b"), "cấp ủy cấp huyện", "Tỉnh ủy hoặc Đảng ủy xã, phường"),
)


def abolished_in(text: str) -> list[tuple[str, AbolishedForm]]:
    """(words as written, form) for every abolished body `text` names."""
    return [(match.group(), form) for form in ABOLISHED for match in form.pattern.finditer(text)]
