"""What every step of the import shares: the result being built, a refusal, and small helpers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from generator.core import formatting as fmt
from generator.core.anniversaries import NATIONAL_EVENTS

Path_ = tuple  # a path into the plan data, e.g. ("sections", 0, "title")


class NotAPlan(ValueError):
    """The Word file holds no document thidua can read as a plan (said in Vietnamese)."""


@dataclass
class Imported:
    data: dict[str, Any]
    notes: dict[Path_, str] = field(default_factory=dict)  # what a person should check, by place
    counts: dict[str, int] = field(default_factory=dict)
    table_headings: list[str] = field(default_factory=list)  # heading rows of tables turned into points
    trailing: list[str] = field(default_factory=list)  # lines after the signature (an appendix): no field holds them

    def note(self, path: Path_, message: str) -> None:
        self.notes[path] = f"{self.notes[path]}; {message}" if path in self.notes else message

    def count(self, what: str, n: int = 1) -> None:
        self.counts[what] = self.counts.get(what, 0) + n

    def local_event(self, name: str, since: str) -> str:
        """The key of a local event (plan `events`) for an anniversary the calendar does not name so."""
        events = self.data.setdefault("events", [])
        for event in events:
            if event["name"] == name and event["since"] == since:
                return event["key"]
        base = re.sub(r"[^a-z0-9]+", "-", fmt.ascii_fold(name).lower()).strip("-")[:40] or "su-kien"
        key, n = base, 2
        while any(e["key"] == key for e in events) or key in NATIONAL_EVENTS:
            key, n = f"{base}-{n}", n + 1
        events.append({"key": key, "name": name, "since": since})
        return key


def sentence_case(caps: str) -> str:
    lower = caps.lower()
    return lower[:1].upper() + lower[1:]


def probe_plan(year: int, **fields: Any):
    """A smallest valid plan, to render one part with thidua's own wording."""
    from generator.plan.model import Plan

    return Plan.model_validate({"year": year, "issuer": {"level": "xã", "name": "x"}, "summary": "s",
                                "sections": [{"title": "t"}], "recipients": {"items": ["x"]},
                                "signer": {"name": ""}, **fields})


@dataclass
class Node:
    style: str
    title: str | None = None
    text: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    items: list[dict] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    table: Any = None  # a table of the body (importing.tables.TableLine), printed after the items

    def add_table(self, table: Any) -> bool:
        """Place a table here if the model can print it in this place (after the text and items)."""
        if self.children or self.closing or self.table is not None:
            return False
        self.table = table
        return True

    def add_text(self, text: str) -> None:
        if self.children or self.items or self.closing or self.table is not None:
            self.closing.append(text)
        else:
            self.paragraphs.append(text)

    def add_item(self, style: str, text: str) -> None:
        if self.children or self.closing or self.table is not None:  # out of order for the model: kept as text
            self.closing.append(f"{'-' if style == '-' else '+'} {text}")
        elif style == "+" and self.items:
            self.items[-1].setdefault("items", []).append(text)
        elif style == "+":
            self.add_text(f"+ {text}")
        else:
            self.items.append({"text": text})
