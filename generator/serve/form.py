"""The plan form: what clerks change each year, read from the file's own text.

Each input names its field path (the loader's `targets[0].items[1].value`), so a problem
or a lint warning is shown beside the input it concerns, and an edit changes that field
alone. Fields a plan inherits (`extends:`) and does not write itself show the inherited
value as a hint; writing one adds it to the file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from generator.core.formatting import roman
from generator.core.positions import format_path
from generator.plan import yamledit

AUTHORITIES = ("", "TM", "KT", "Q", "TL", "TUQ")


@dataclass
class Input:
    label: str
    path: list[str | int]
    value: str
    kind: str = "text"  # text, textarea, date, select, readonly
    options: tuple[str, ...] = ()
    hint: str = ""

    @property
    def field(self) -> str:
        return format_path(tuple(self.path))


@dataclass
class Form:
    general: list[Input] = field(default_factory=list)
    bases: list[Input] = field(default_factory=list)
    targets: list[dict[str, Any]] = field(default_factory=list)  # one row: group, label, value, unit, compare inputs
    rounds: list[dict[str, Any]] = field(default_factory=list)  # one round: name, start, end inputs, its anniversaries
    outline: list[tuple[int, Input]] = field(default_factory=list)  # (depth, a section's title or opening text)
    recipients: list[Input] = field(default_factory=list)
    signer: list[Input] = field(default_factory=list)
    inherits: str = ""
    broken: str = ""  # the text is not YAML: only the YAML panel can mend it

    def as_json(self) -> dict[str, Any]:
        def dump(item):
            if isinstance(item, Input):
                return {**asdict(item), "field": item.field}
            if isinstance(item, dict):
                return {k: dump(v) for k, v in item.items()}
            if isinstance(item, list):
                return [dump(v) for v in item]
            return item
        return {k: dump(v) for k, v in asdict(self).items() if k not in ("general",)} | {
            "general": [dump(i) for i in self.general]}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return f"{value.day:02d}/{value.month:02d}/{value.year}"
    return str(value)


def _partial(date: dict) -> str:
    """{month: 1} → "ngày …, tháng 01, năm 2026" as the clerk reads it."""
    parts = [f"ngày {date['day']:02d}" if isinstance(date.get("day"), int) else "ngày (để trống)"]
    parts.append(f"tháng {date['month']:02d}" if isinstance(date.get("month"), int) else "tháng (để trống)")
    if date.get("year"):
        parts.append(f"năm {date['year']}")
    return ", ".join(parts)


def iso(text: Any) -> str:
    """dd/mm/yyyy → yyyy-mm-dd for a date picker; '' when the text is not a whole date."""
    from generator.plan.model import _parse_date  # the loader's own reading of dates

    try:
        day = _parse_date(text if isinstance(text, dt.date) else str(text))
    except ValueError:
        return ""
    return day.isoformat() if isinstance(day, dt.date) else ""


def _round_date(label: str, path: list[str | int], value: Any) -> Input:
    """A round's date for the picker; one written with the year's expression ("26/3/{{ year + 1 }}") is shown
    as written and left to the file: it moves with the year by itself, and a picker would blank it."""
    if isinstance(value, str) and "{{" in value:
        return Input(label, path, value, "readonly", hint="tự tính theo năm của kế hoạch")
    return Input(label, path, iso(value), "date")


def of(text: str) -> Form:
    try:
        _, data = yamledit.load(text)
    except ValueError as exc:
        return Form(broken=str(exc).splitlines()[0] if str(exc) else "lỗi cú pháp YAML")
    if not isinstance(data, dict):
        return Form(broken="tệp không phải các cặp 'tên trường: giá trị'")
    form = Form(inherits=str(data.get("extends") or ""))
    date = data.get("date")
    form.general = [
        Input("Số", ["number"], _text(data.get("number")), hint="bỏ trống để văn thư ghi khi ký"),
        Input("Ngày", ["date"], _partial(date) if isinstance(date, dict) else _text(date),
              "readonly" if isinstance(date, dict) else "text",
              hint="dạng 31/01/2026; bỏ trống ngày để văn thư ghi" if not isinstance(date, dict)
              else "ngày để trống cho văn thư: sửa trong YAML"),
        Input("Năm", ["year"], _text(data.get("year"))),
        Input("Trích yếu", ["summary"], _text(data.get("summary")), "textarea"),
    ]
    for i, base in enumerate(data.get("legal_bases") or []):
        form.bases.append(Input(f"Căn cứ {i + 1}", ["legal_bases", i], _text(base), "textarea"))
    for g, group in enumerate(data.get("targets") or []):
        if isinstance(group, dict):
            _target_rows(form, group.get("items"), ["targets", g, "items"], _text(group.get("group")))
    year = data.get("year")
    events = {str(e.get("key")): e for e in data.get("events") or [] if isinstance(e, dict)}
    for r, round_ in enumerate(data.get("rounds") or []):
        if not isinstance(round_, dict):
            continue
        base = ["rounds", r]
        form.rounds.append({
            "name": Input("Tên đợt", [*base, "name"], _text(round_.get("name"))),
            "start": _round_date("Từ ngày", [*base, "start"], round_.get("start")),
            "end": _round_date("Đến ngày", [*base, "end"], round_.get("end")),
            "occasions": _occasions(round_.get("occasions"), year, events),
        })
    _outline(form, data.get("sections"), ["sections"], 0, "")
    recipients = data.get("recipients")
    if isinstance(recipients, dict):
        for i, item in enumerate(recipients.get("items") or []):
            if isinstance(item, dict):
                form.recipients.append(Input(f"Nơi nhận {i + 1}", ["recipients", "items", i, "text"],
                                             _text(item.get("text"))))
            else:
                form.recipients.append(Input(f"Nơi nhận {i + 1}", ["recipients", "items", i], _text(item)))
    signer: dict = data["signer"] if isinstance(data.get("signer"), dict) else {}
    form.signer = [
        Input("Người ký", ["signer", "name"], _text(signer.get("name")), hint="bỏ trống nếu chưa biết: văn bản chừa chỗ"),
        Input("Chức vụ", ["signer", "title"], _text(signer.get("title"))),
        Input("Thẩm quyền ký", ["signer", "authority"], _text(signer.get("authority")), "select", AUTHORITIES),
    ]
    return form




def _outline(form: Form, sections: Any, path: list[str | int], depth: int, prefix: str) -> None:
    """The sections as an outline: each title (or opening text) with its number, editable in place."""
    for i, section in enumerate(sections or []):
        if not isinstance(section, dict) or section.get("drop"):
            continue
        number = roman(i + 1) + "." if depth == 0 else f"{prefix}{i + 1}."
        base = [*path, i]
        key = "title" if "title" in section or "text" not in section else "text"
        form.outline.append((depth, Input(f"Mục {number}", [*base, key], _text(section.get(key)),
                                          "textarea" if key == "text" else "text")))
        if depth < 2:
            _outline(form, section.get("children"), [*base, "children"], depth + 1,
                     "" if depth == 0 else number)


def _target_rows(form: Form, items: Any, path: list[str | int], group: str) -> None:
    for i, item in enumerate(items or []):
        if not isinstance(item, dict) or item.get("drop"):
            continue
        base = [*path, i]
        if "label" in item or "value" in item:
            form.targets.append({
                "group": group,
                "label": Input("Chỉ tiêu", [*base, "label"], _text(item.get("label")), "textarea"),
                "value": Input("Giá trị", [*base, "value"], _text(item.get("value")),
                               hint="ví dụ: 2.900 hoặc 72,89"),
                "unit": Input("Đơn vị", [*base, "unit"], _text(item.get("unit"))),
                "compare": Input("Cách so sánh", [*base, "compare"], _text(item.get("compare")),
                                 hint="ví dụ: đạt từ … trở lên"),
            })
        _target_rows(form, item.get("items"), [*base, "items"], group)


def _occasions(occasions: Any, year: Any, local: dict[str, Any]) -> list[str]:
    """The anniversaries a round celebrates, as the document words them."""
    from generator.core.anniversaries import NATIONAL_EVENTS, anniversary_text

    found = []
    for occasion in occasions or []:
        if not isinstance(occasion, dict):
            continue
        key = str(occasion.get("event") or "")
        event = NATIONAL_EVENTS.get(key)
        if event is not None and str(year).isdigit():
            found.append(anniversary_text(str(occasion.get("name") or event.name), event.since, int(str(year))))
        elif key in local:
            found.append(f"{local[key].get('name', key)} (sự kiện của địa phương)")
        elif occasion.get("name"):
            found.append(str(occasion["name"]))
    return found
