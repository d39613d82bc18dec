"""The plan's year, can chi and anniversaries in text turned into expressions, so that
`new-year` recomputes them."""

from __future__ import annotations

import re
from typing import Any

from generator.core.anniversaries import can_chi
from generator.importing.common import Imported, Path_
from generator.importing.rounds import ANNIVERSARY, occasion_of
from generator.plan.expressions import as_literal, has_expression

_CITATION = re.compile(r"(?:số|Số)\s+\S+/\d{4}|ngày\s+\d{1,2}[/ ](?:tháng\s+)?\d{1,2}[/ ](?:năm\s+)?\d{4}(?=\s+của)")


def with_expressions(text: str, year: int, imported: Imported, path: Path_) -> str:
    """The plan's year as {{ year }} (not in periods, citations or other years), its can chi as
    {{ can_chi(year) }}, an anniversary counted to this year as {{ anniversary('…') }}."""
    if has_expression(text):  # typed in the Word file: text, never an expression evaluated at build
        imported.note(path, "đoạn có ký tự {{, {% hoặc {# gõ trong văn bản: đã giữ nguyên là chữ, không tính "
                      "như biểu thức")
        text = as_literal(text)
    out, position = "", 0
    for match in ANNIVERSARY.finditer(text) if " năm " in text else ():  # (most paragraphs name no anniversary)
        occasion = occasion_of(match, year)
        if occasion is None:
            continue
        key = occasion.get("event") if "name" not in occasion else None
        if key is None:  # an event of the place, or the calendar's under another name: a local event
            key = imported.local_event(occasion.get("name") or match.group("name").strip(),
                                       occasion.get("since") or match.group("since") or match.group("since_year"))
        out += text[position:match.start()] + f"{{{{ anniversary('{key}') }}}}"
        position = match.end()
        imported.count("anniversaries")
    text = out + text[position:]
    cycle = can_chi(year)
    text = text.replace(f"{cycle} {year}", "{{ can_chi(year) }} {{ year }}")

    def replace(match: re.Match) -> str:
        if any(a <= match.start() < b for a, b in protected):
            return match.group(0)
        return "{{ year }}"

    if str(year) not in text:
        return text
    protected = [m.span() for m in _CITATION.finditer(text)] + \
        [m.span() for m in _YEAR_SPAN.finditer(text)] + [m.span() for m in _EXPRESSION.finditer(text)]
    return re.sub(rf"(?<![\d.,]){year}(?![\d])", replace, text)


_YEAR_SPAN = re.compile(r"\b\d{4}\s*[-–]\s*\d{4}\b")  # "giai đoạn 2021 - 2025": a period, not the plan's year
_EXPRESSION = re.compile(r"\{\{.*?\}\}")


_NO_EXPRESSIONS = {"legal_bases", "issuer", "recipients", "signer", "partners", "approval", "kind", "family",
                   "date", "symbol", "numbering", "year", "number"}


def templatise(data: dict, year: int, imported: Imported) -> None:
    """The plan's own year, can chi and anniversaries in text become expressions."""
    def walk(value: Any, path: Path_) -> Any:
        if isinstance(value, dict):
            return {k: (v if k in ("start", "end", "since", "value", "value_to", "unit", "event", "group", "id",
                                   "emphasis", "numbering", "period")
                        else walk(v, path + (k,))) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, path + (i,)) for i, v in enumerate(value)]
        if isinstance(value, str):
            return with_expressions(value, year, imported, path)
        return value

    for key in list(data):
        if key not in _NO_EXPRESSIONS:
            data[key] = walk(data[key], (key,))
