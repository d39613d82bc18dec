"""The legal texts plans cite, as data: which are in force, which were repealed and by what.

Each entry has its source; `verified=False` marks a fact reported by one source only (it is
said as a notice to check, never as an error). Add a text here, not a rule elsewhere.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from generator.core.acknowledgement import acknowledged


@dataclass(frozen=True)
class LegalText:
    number: str  # "98/2023/NĐ-CP": the part of the citation that names the text
    kind: str  # "Nghị định", "Thông tư", "Luật"
    title: str
    signed: dt.date | None
    in_force: dt.date | None
    repealed: dt.date | None = None  # no longer applies from this day
    replaced_by: str | None = None  # the number of the text that replaced it
    source: str = ""
    verified: bool = True
    named: str | None = None  # a regex for a citation by name alone ("Luật Thi đua, khen thưởng năm 2022")

    @property
    def citation(self) -> str:
        return f"{self.kind} số {self.number}"


D = dt.date
TEXTS: tuple[LegalText, ...] = (
    LegalText("06/2022/QH15", "Luật", "Luật Thi đua, khen thưởng", D(2022, 6, 15), D(2024, 1, 1),
              source="văn bản Luật (Quốc hội khóa XV, kỳ họp thứ 3)",
              named=r"Luật Thi đua,? khen thưởng(?: số 06/2022/QH15)?(?:,? (?:ngày 15 tháng 6 năm 2022|năm 2022))"),
    LegalText("15/2003/QH11", "Luật", "Luật Thi đua, khen thưởng (2003)", D(2003, 11, 26), D(2004, 7, 1),
              repealed=D(2024, 1, 1), replaced_by="06/2022/QH15", source="Luật Thi đua, khen thưởng 2022, Điều 95",
              named=r"Luật Thi đua,? khen thưởng(?:,? (?:ngày 26 tháng 11 năm 2003|năm 2003))"),
    LegalText("152/2025/NĐ-CP", "Nghị định", "quy định chi tiết một số điều của Luật Thi đua, khen thưởng",
              D(2025, 6, 14), D(2025, 7, 1), source="Nghị định 152/2025/NĐ-CP, Điều 59 (hiệu lực, bãi bỏ)"),
    LegalText("98/2023/NĐ-CP", "Nghị định", "quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
              D(2023, 12, 31), D(2024, 1, 1), repealed=D(2025, 7, 1), replaced_by="152/2025/NĐ-CP",
              source="Nghị định 152/2025/NĐ-CP, Điều 59"),
    LegalText("28/2024/NĐ-CP", "Nghị định", "sửa đổi Nghị định 98/2023/NĐ-CP", D(2024, 3, 6), D(2024, 3, 6),
              repealed=D(2025, 7, 1), replaced_by="152/2025/NĐ-CP", source="Nghị định 152/2025/NĐ-CP, Điều 59"),
    LegalText("91/2017/NĐ-CP", "Nghị định", "quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
              D(2017, 7, 31), D(2017, 7, 31), repealed=D(2024, 1, 1), replaced_by="98/2023/NĐ-CP",
              source="Nghị định 98/2023/NĐ-CP"),
    LegalText("15/2025/TT-BNV", "Thông tư", "hướng dẫn Luật Thi đua, khen thưởng và Nghị định 152/2025/NĐ-CP",
              None, D(2025, 8, 5), source="lời căn cứ của QĐ 86/2025/QĐ-UBND tỉnh Bắc Ninh", verified=False),
    LegalText("01/2024/TT-BNV", "Thông tư", "quy định chi tiết thi hành Luật Thi đua, khen thưởng", D(2024, 2, 24),
              D(2024, 2, 24), repealed=D(2025, 8, 5), replaced_by="15/2025/TT-BNV",
              source="Thông tư 15/2025/TT-BNV (ngày hiệu lực chưa kiểm chứng)", verified=False),
    LegalText("12/2019/TT-BNV", "Thông tư", "quy định chi tiết thi hành Luật Thi đua, khen thưởng", None, None,
              repealed=D(2024, 2, 24), replaced_by="01/2024/TT-BNV", source="Thông tư 01/2024/TT-BNV"),
    LegalText("30/2020/NĐ-CP", "Nghị định", "về công tác văn thư", D(2020, 3, 5), D(2020, 3, 5),
              source="Nghị định 30/2020/NĐ-CP"),
)
BY_NUMBER = {text.number.upper(): text for text in TEXTS}
# "98/2023/NĐ-CP", "06/2022/QH15": number / year / symbol
_NUMBER = re.compile(r"\b(\d{1,4}/\d{4}/[A-ZĐ][A-ZĐ0-9]*(?:-[A-ZĐ0-9]+)*)")


_NAMED = [(re.compile(text.named, re.IGNORECASE), text) for text in TEXTS if text.named]


def cited(text: str) -> list[LegalText]:
    """The known texts `text` cites (by number, or by name and date), in order."""
    found: list[tuple[int, LegalText]] = []
    for match in _NUMBER.finditer(text):
        entry = BY_NUMBER.get(match.group(1).upper())
        if entry is not None:
            found.append((match.start(), entry))
    for pattern, entry in _NAMED:
        if (named := pattern.search(text)) is not None:
            found.append((named.start(), entry))
    ordered: list[LegalText] = []
    for _, entry in sorted(found, key=lambda item: item[0]):
        if entry not in ordered:
            ordered.append(entry)
    return ordered


def repeal_message(text: LegalText) -> str:
    day = text.repealed
    assert day is not None
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)  # ND30: 01/7/2025, 05/02/2024
    message = f"{text.citation} đã hết hiệu lực từ {day.day:02d}/{month}/{day.year}"
    if text.replaced_by:
        successor = BY_NUMBER[text.replaced_by.upper()]
        message += f"; thay bằng {successor.citation}"
        if not successor.verified:
            message += " (ngày hiệu lực cần kiểm tra lại)"
    return message


def standing(text: LegalText, on: dt.date) -> bool:
    """In force on `on`: its own date is no reason to update the citation."""
    return (text.in_force is None or text.in_force <= on) and (text.repealed is None or on < text.repealed)


_YEAR_LINE = re.compile(r"^year:\s*['\"]?(\d{4})", re.M)


def repealed_in_plan_text(text: str) -> list[tuple[int, str]]:
    """(line, message) for each citation of a repealed text in a plan file's text, read as text
    (cheap enough for every build: no model is loaded). A plan without its own `year:` line
    (it extends another) is not judged here; `lint` judges it whole."""
    year = _YEAR_LINE.search(text)
    if year is None:
        return []
    issued = dt.date(int(year.group(1)), 1, 1)
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        if acknowledged(line):
            continue
        for legal in cited(line):
            if legal.repealed and issued >= legal.repealed:
                found.append((number, repeal_message(legal)))
    return found
