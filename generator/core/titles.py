"""The emulation titles (danh hiệu thi đua) a unit registers for, as data with their source.

Luật Thi đua, khen thưởng số 06/2022/QH15: Điều 23 (Chiến sĩ thi đua cơ sở), Điều 24 (Lao
động tiên tiến), Điều 27 (Tập thể lao động xuất sắc), Điều 28 (Tập thể lao động tiên tiến).
A registration lists the titles of the unit's own level; the higher ones (Cờ thi đua, Chiến
sĩ thi đua cấp tỉnh) are proposed by the council, not registered for.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Title:
    name: str
    collective: bool  # a title for a unit (tập thể), else for a person
    source: str


TITLES: tuple[Title, ...] = (
    Title("Tập thể lao động tiên tiến", True, "Luật Thi đua, khen thưởng 2022, Điều 28"),
    Title("Tập thể lao động xuất sắc", True, "Luật Thi đua, khen thưởng 2022, Điều 27"),
    Title("Lao động tiên tiến", False, "Luật Thi đua, khen thưởng 2022, Điều 24"),
    Title("Chiến sĩ thi đua cơ sở", False, "Luật Thi đua, khen thưởng 2022, Điều 23"),
)
