"""Rounds of emulation and their anniversaries, read back into the calendar's terms."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from generator.core import formatting as fmt
from generator.core.anniversaries import NATIONAL_EVENTS, anniversary_text
from generator.importing.common import Node, probe_plan
from generator.plan.model import Round

ANNIVERSARY = re.compile(r"(?P<years>\d+) năm (?P<name>[^();]+?) \((?:(?P<since>\d{2}/\d{1,2}/\d{4}) - (?P<until>\d{2}/\d{1,2}/\d{4})"
                          r"|(?P<since_year>\d{4}) - (?P<until_year>\d{4}))\)")
_ROUND = re.compile(r"^(?P<open>\*{0,2})(?P<name>Đợt[^():]*?) \((?P<period>[^()]*)\)(?P<close>\*{0,2}):\s*(?P<rest>.*)$")
# "Đợt 1: Từ ngày 01/01/2026 đến ngày 30/4/2026, thi đua lập thành tích chào mừng …": the period after a colon
_ROUND_COLON = re.compile(r"^(?P<open>\*{0,2})(?P<name>(?:Đợt|Giai đoạn)\b[^():,]*?): (?P<period>[Tt]ừ (?:ngày|tháng) "
                          r"[^,;()]*?\d{4})(?P<close>\*{0,2}), (?P<rest>.*)$")
_PERIOD = re.compile(r"^từ ngày (\d{2}/\d{1,2}/\d{4}) đến ngày (\d{2}/\d{1,2}/\d{4})$")


def _date(text: str) -> dt.date | None:
    try:
        day, month, year = (int(x) for x in text.split("/"))
        return dt.date(year, month, day)
    except ValueError:
        return None


def _event_key(name: str, since: dt.date | int) -> str | None:
    for key, event in NATIONAL_EVENTS.items():
        if event.name.casefold() == name.casefold() and event.since == since:
            return key
    return None


def occasion_of(match: re.Match, year: int) -> dict | None:
    since: dt.date | int | None
    if match.group("since"):
        since = _date(match.group("since"))
        until = _date(match.group("until"))
        if since is None or until is None or until.year != year:
            return None
    else:
        since = int(match.group("since_year"))
        if int(match.group("until_year")) != year:
            return None
    name = match.group("name").strip()
    if anniversary_text(name, since, year) != match.group(0):
        return None
    key = _event_key(name, since)
    if key:
        return {"event": key} if NATIONAL_EVENTS[key].name == name else {"event": key, "name": name}
    return {"name": name, "since": fmt.short_date(since) if isinstance(since, dt.date) else str(since)}


def round_of(node: Node, year: int) -> dict | None:
    """A numbered paragraph "Đợt thi đua thứ nhất (từ ngày … đến ngày …): … kỷ niệm …" as a round."""
    if node.title or node.text is None or node.children or node.closing:
        return None
    match = _ROUND.match(node.text)
    colon = _ROUND_COLON.match(node.text) if match is None else None
    match = match or colon
    if not match or match.group("open") != match.group("close"):
        return None
    period = match.group("period")
    capital = period[:1].isupper()
    period = period[:1].lower() + period[1:]
    dates = [d for d in (_date(x) for x in re.findall(r"\d{2}/\d{1,2}/\d{4}", period)) if d]
    months = re.findall(r"tháng (\d{1,2})/(\d{4})", period)
    start = dates[0] if dates and not (months and period.index("tháng") < period.index("/")) else \
        dt.date(int(months[0][1]), int(months[0][0]), 1) if months else None
    end = dates[-1] if dates else None
    if start is None or end is None or end < start:
        return None
    result: dict[str, Any] = {"name": match.group("name").strip(), "start": fmt.short_date(start),
                              "end": fmt.short_date(end)}
    if not _PERIOD.match(period):
        result["period"] = period
    if colon:
        result["form"] = "colon"
    if capital:
        result["capital"] = True
    if match.group("open"):
        result["emphasis"] = "bold" if match.group("open") == "**" else "italic"
    rest = match.group("rest")
    occasions: list[dict] = []
    position, intro = 0, rest
    found = list(ANNIVERSARY.finditer(rest))
    for i, occasion_match in enumerate(found):
        occasion = occasion_of(occasion_match, year)
        if occasion is None:
            occasions = []
            break
        if i == 0:
            intro = rest[:occasion_match.start()].strip()
        else:
            between = rest[position:occasion_match.start()]
            if between.endswith("; "):
                occasions[-1]["after"] = between[:-2]
            else:
                separator = re.search(r"(,? và |, )$", between)
                cut = separator.start() if separator else len(between)
                occasions[-1]["after"] = between[:cut]
                occasion["before"] = between[cut:] if separator else between
        occasions.append(occasion)
        position = occasion_match.end()
    for occasion in occasions:
        occasion["after"] = occasion.get("after", "").strip()
        if not occasion["after"]:
            occasion.pop("after")
    if occasions:
        result["intro"] = intro
        result["occasions"] = occasions
        result["outro"] = rest[position:].strip()
    else:
        result["intro"], result["outro"] = rest.strip(), ""
    result = {k: v for k, v in result.items() if v != ""}
    if result.get("outro") == ".":
        result.pop("outro")
    elif "outro" not in result:
        result["outro"] = ""
    result["paragraphs"], result["items"] = node.paragraphs, node.items
    result = {k: v for k, v in result.items() if v != []}
    # the wording must give the line back, word for word
    from generator.document.context import round_text

    try:
        probe = Round(**{k: v for k, v in result.items() if k not in ("paragraphs", "items")})
        if round_text(probe, probe_plan(year)) != node.text:
            return None
    except ValueError:
        return None
    return result


_HEADING = re.compile(r"^(?P<name>(?:Đợt|Giai đoạn)\b[^():]*?)(?:\s*\((?P<brackets>[^()]*)\)|:\s*(?P<colon>.+))$")


def round_of_heading(node: Node, year: int) -> dict | None:
    """A round typed as a heading with its dates ("1. Đợt thi đua thứ nhất: từ ngày 01/01/2025 đến
    ngày 30/6/2025") and its occasions in the paragraph below: a round whose dates move with new-year."""
    from generator.document.context import round_body, round_heading
    from generator.document.wording import plain

    if not node.title or node.children or node.closing or node.text is not None:
        return None
    title = plain(node.title).strip()
    match = _HEADING.match(title)
    if not match:
        return None
    period = (match.group("brackets") or match.group("colon")).strip()
    capital = period[:1].isupper()  # "Đợt 1: Từ ngày …" comes back with its capital
    period = period[:1].lower() + period[1:]
    first = node.paragraphs[0] if node.paragraphs else ""
    found = round_of(Node("1.", text=f"{match.group('name').strip()} ({period}): {first}".rstrip()), year)
    if found is None:
        return None
    found["heading"] = "brackets" if match.group("brackets") else "colon"
    if capital:
        found["capital"] = True
    found.pop("emphasis", None)
    rest = node.paragraphs[1:]
    if rest:
        found["paragraphs"] = rest
    else:
        found.pop("paragraphs", None)
    if node.items:
        found["items"] = node.items
    try:  # the heading and its paragraph must come back as typed (the period's first letter aside)
        probe = Round(**{k: v for k, v in found.items() if k not in ("paragraphs", "items")})
        plan = probe_plan(year)
        if round_heading(probe).casefold() != title.casefold() or round_body(probe, plan) != first:
            return None
    except ValueError:
        return None
    return found
