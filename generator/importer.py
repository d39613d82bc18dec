"""`thidua import`: last year's Word file → a plan that builds into the same document.

The lines a reader sees (wordread) are taken apart in the order of the document:
header (issuer, number, place and date), type and summary, legal bases and preamble,
the numbered body, recipients and signature. Whatever is recognised becomes a field
(targets with their figures, rounds with their anniversaries, the plan's year as
`{{ year }}`); each recognition is checked by rendering it again with thidua's own
wording and comparing with the original words, so that a guess never changes the text.
Anything not placed stays as text where it stood; nothing is dropped.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import formatting as fmt
from .anniversaries import NATIONAL_EVENTS, anniversary_text, can_chi
from .families import FAMILIES, FamilyKey
from .model import DOCUMENT_KINDS, Level, Round, Target
from .wording import plain, punctuate, target_text
from .wordread import Line, read_lines

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


# ------------------------------------------------------------------ header

_LEVELS = sorted((lv.value for lv in Level), key=len, reverse=True)
_LEVEL_WORDS = re.compile(r"(?:^|\s)(" + "|".join(re.escape(fmt.upper(v)) for v in _LEVELS) + r")\s+(.+)$")
_DATE_LINE = re.compile(r"^(?P<place>[^,]+),\s*ngày\s*(?P<day>\d{0,2})\s*tháng\s*(?P<month>\d{0,2})\s*năm\s*(?P<year>\d{4})")
_NUMBER_LINE = re.compile(r"^Số\s*:?\s*(?P<number>\d*)\s*(?P<sep>[/-])\s*(?P<symbol>\S+)$")
_BANNERS = {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM": FamilyKey.state, "ĐẢNG CỘNG SẢN VIỆT NAM": FamilyKey.party,
            "ĐOÀN TNCS HỒ CHÍ MINH": FamilyKey.youth, "ĐOÀN THANH NIÊN CỘNG SẢN HỒ CHÍ MINH": FamilyKey.youth,
            "ĐỘI THIẾU NIÊN TIỀN PHONG": FamilyKey.pioneers}
_NOT_ISSUER = ("ĐỘC LẬP", "HỒ CHÍ MINH")  # the motto and the Đội banner's second line
KNOWN_BODIES = ["Ủy ban nhân dân", "Hội đồng nhân dân", "Ủy ban MTTQ Việt Nam", "Ủy ban Mặt trận Tổ quốc Việt Nam",
                "Đảng ủy", "Ban Chấp hành Đoàn", "Ban Chấp hành", "Hội đồng Đội", "Đoàn Thanh niên",
                "Hội Liên hiệp Phụ nữ", "Hội Nông dân", "Hội Cựu chiến binh"]


def is_rule(text: str) -> bool:
    bare = text.replace(" ", "")
    return bool(bare) and (set(bare) <= {"_"} or set(bare) <= {"*"} or set(bare) <= {"-"} or set(bare) <= {"="})


def _title_case(caps: str) -> str:
    """"AN THỚI ĐÔNG" → "An Thới Đông" (a place name; the original casing is not in a capitalised line)."""
    return " ".join(w[:1] + w[1:].lower() if not w.isdigit() else w for w in caps.split())


def _sentence_case(caps: str) -> str:
    lower = caps.lower()
    return lower[:1].upper() + lower[1:]


def _known_body(caps: str) -> str | None:
    return next((b for b in KNOWN_BODIES if fmt.upper(b) == caps.strip()), None)


def _split_level(caps: str) -> tuple[str, str, str] | None:
    """"ĐẢNG ỦY XÃ AN THỚI ĐÔNG" → ("ĐẢNG ỦY", "xã", "AN THỚI ĐÔNG")."""
    match = _LEVEL_WORDS.search(caps)
    if not match:
        return None
    level = next(v for v in _LEVELS if fmt.upper(v) == match.group(1))
    return caps[:match.start(1)].strip(), level, match.group(2).strip()


@dataclass
class Header:
    family: FamilyKey = FamilyKey.state
    issuer_lines: list[Line] = field(default_factory=list)
    number: Line | None = None
    date: Line | None = None
    consumed: set[int] = field(default_factory=set)  # indices of lines that belong to the header
    unplaced: list[str] = field(default_factory=list)  # header lines no field takes ("V/v …", a stamp)


def _header_lines(lines: list[Line], kind_index: int) -> Header:
    header = Header()
    for index in range(kind_index):
        line = lines[index]
        header.consumed.add(index)
        parts = line.tabs if len(line.tabs) > 1 and line.cell is None else [line.plain]
        for part in [piece for whole in parts for piece in _header_pieces(whole)]:
            upper = fmt.upper(part)
            banner = next((key for text, key in _BANNERS.items() if text in upper), None)
            if banner is not None:
                header.family = banner
            elif _NUMBER_LINE.match(part) or re.match(r"^Số\s*:", part):
                header.number = Line(part, part)
            elif _DATE_LINE.match(part):
                header.date = Line(part, part)
            elif is_rule(part) or upper.startswith(_NOT_ISSUER) or part.startswith("Độc lập"):
                continue
            elif part == upper and any(ch.isalpha() for ch in part):
                header.issuer_lines.append(Line(part, part, bold=line.bold, cell=line.cell))
            else:
                header.unplaced.append(part)
    return header


_HEADER_ANCHORS = [*_BANNERS, "Độc lập - Tự do - Hạnh phúc"]
_NUMBER_FIRST = re.compile(r"^(Số\s*:?\s*\d*\s*[/-]\s*\S+)\s+(\S.*)$")


def _header_pieces(part: str) -> list[str]:
    """A header line typed with spaces instead of a table ("UBND HUYỆN X     CỘNG HÒA …",
    "Số: 05/KH-UBND     X, ngày …") split into what stands in each column."""
    for anchor in _HEADER_ANCHORS:
        at = fmt.upper(part).find(fmt.upper(anchor))
        if at > 0:
            before, rest = part[:at].strip(), part[at:]
            if before and before == fmt.upper(before):
                return [before, *_header_pieces(rest)]
    match = _NUMBER_FIRST.match(part)
    if match and _DATE_LINE.match(match.group(2)):
        return [match.group(1), match.group(2)]
    return [part]


def _issuer(header: Header, imported: Imported) -> tuple[dict, list[dict]]:
    """The issuer (and joint issuers) from the left column's capitalised lines."""
    lines = [line.plain for line in header.issuer_lines]
    place_casing = header.date and _DATE_LINE.match(header.date.plain)
    place = place_casing.group("place").strip() if place_casing else ""
    number = _NUMBER_LINE.match(header.number.plain) if header.number else None
    symbols = _symbols(number.group("symbol"), number.group("sep"))[1] if number else []
    issuer: dict[str, Any] = {}
    partners: list[dict] = []
    if not lines:
        imported.note(("issuer",), "không đọc được tên cơ quan ban hành: điền level, name, body/unit")
        return {"level": "xã", "name": place or "(tên)"}, []

    def name_of(caps: str) -> str:
        return place if fmt.upper(place) == caps else _title_case(caps)

    # the parent body: a first line that is not bold while later ones are, or that names a place of its own
    bold = [line.bold for line in header.issuer_lines]
    start = 0
    if len(lines) > 1 and not bold[0] and any(bold[1:]):
        start = 1
    elif len(lines) > 2 and _split_level(lines[0]) and not _known_body(lines[0]):
        start = 1
    parent = lines[0] if start else None
    rest = lines[start:]
    split_last = _split_level(rest[-1])
    if split_last and not split_last[0] and len(rest) >= 2:
        # "ỦY BAN NHÂN DÂN / [ỦY BAN MTTQ VIỆT NAM /] XÃ AN THỚI ĐÔNG"
        _, level, name = split_last
        bodies = rest[:-1]
        for i, body in enumerate(bodies):
            entry: dict[str, Any] = {"level": level, "name": name_of(name)}
            known = _known_body(body)
            if known != "Ủy ban nhân dân" or header.family is not FamilyKey.state:
                entry["body"] = known or _sentence_case(body)
            if i < len(symbols) and (symbols[i] != "UBND" or "body" in entry):
                entry["symbol"] = symbols[i]
            if i == 0:
                issuer = entry
            else:
                partners.append(entry)
    elif split_last and split_last[0] and len(rest) == 1:
        # "ĐẢNG ỦY XÃ AN THỚI ĐÔNG" on one line; "UBND HUYỆN LÂM THAO" kept as written
        body, level, name = split_last
        known = _known_body(body)
        issuer = {"level": level, "name": name_of(name)}
        if known and header.family is not FamilyKey.state:
            issuer["body"] = known
        else:
            issuer["unit"] = rest[0]
        if symbols:
            issuer["symbol"] = symbols[0]
    else:
        # a unit named in full: "SỞ NỘI VỤ", "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", "TRƯỜNG THCS …"
        issuer = {"unit": " ".join(rest)}
        where = _split_level(parent) if parent else None
        if where:
            issuer = {"level": where[1], "name": name_of(where[2]), **issuer}
        else:
            issuer = {"level": "xã", "name": place or "(tên)", **issuer}
            imported.note(("issuer", "level"), "cấp và tên địa bàn được đoán từ dòng ngày tháng: kiểm tra lại")
        if symbols:
            issuer["symbol"] = symbols[0]
    if parent:
        issuer["parent"] = parent
    if place and place != issuer.get("name"):
        issuer["place"] = place
    if "unit" in issuer or "body" in issuer:
        imported.note(("issuer",), "tên cơ quan được đọc từ dòng in hoa: kiểm tra chữ hoa, chữ thường")
    return issuer, partners


def _symbols(symbol: str, separator: str) -> tuple[str, list[str]]:
    """"KH-UBND" → ("KH", ["UBND"]); "KH/ĐU" (after "Số 12-") → ("KH", ["ĐU"]); joint "KH-UBND-UBMTTQ"."""
    if separator == "-" and "/" in symbol:
        kind, _, rest = symbol.partition("/")
        return kind, [rest]
    kind, _, rest = symbol.partition("-")
    return kind, [s for s in rest.split("-") if s] or [""]


def _number_and_date(header: Header, data: dict, imported: Imported) -> None:
    if header.number:
        match = _NUMBER_LINE.match(header.number.plain)
        if match:
            if match.group("number"):
                data["number"] = int(match.group("number"))
            kind_symbol, _ = _symbols(match.group("symbol"), match.group("sep"))
            if kind_symbol and kind_symbol != DOCUMENT_KINDS.get(data.get("kind", "KẾ HOẠCH"), ("",))[0]:
                data["symbol"] = kind_symbol
        else:
            imported.note(("number",), f"không đọc được dòng số, ký hiệu '{header.number.plain}'")
    if header.date:
        match = _DATE_LINE.match(header.date.plain)
        if match:
            day, month, year = match.group("day"), match.group("month"), int(match.group("year"))
            data["_date_year"] = year
            if day and month:
                data["date"] = f"{int(day):02d}/{int(month):02d}/{year}"
            elif month:
                data["date"] = {"month": int(month)} | ({"year": year} if year != data.get("year", year) else {})
    else:
        imported.note(("date",), "không thấy dòng địa danh, ngày tháng")


# ------------------------------------------------------------------ body

_ROMAN = re.compile(r"^([IVXL]+)\.\s+(.*)$")
_DEEP = re.compile(r"^(\d+)\.(\d+)\.(?:\d+\.)?\s+(.*)$")
_DECIMAL = re.compile(r"^(\d+)\.\s+(.*)$")
_LETTER = re.compile(r"^([a-zđ])\)\s+(.*)$")
_BULLET = re.compile(r"^([-–•+])\s*(.*)$")


def _marker(line: Line) -> tuple[str | None, str]:
    """(numbering style, the text after the marker) of a body line; (None, text) when unnumbered."""
    text = line.text
    if line.label:
        label = line.label
        style = "-" if label in ("-", "–", "•") else "+" if label == "+" else \
            "I." if _ROMAN.match(label + " x") else "1.1." if _DEEP.match(label + " x") else \
            "1." if _DECIMAL.match(label + " x") else "a)" if _LETTER.match(label + " x") else None
        return style, text
    bare = plain(text)
    for style, pattern in (("I.", _ROMAN), ("1.1.", _DEEP), ("1.", _DECIMAL), ("a)", _LETTER)):
        if pattern.match(bare):
            return style, _strip_marker(text, pattern)
    match = _BULLET.match(bare)
    if match and match.group(2):
        return ("+" if match.group(1) == "+" else "-"), _strip_marker(text, _BULLET)
    return None, text


def _strip_marker(text: str, pattern: re.Pattern) -> str:
    """The text after the marker, keeping emphasis markup that opened before it."""
    lead = re.match(r"^(\*{1,3})", text)
    if lead and pattern.match(text[len(lead.group(1)):]):
        inner = pattern.match(text[len(lead.group(1)):])
        return lead.group(1) + inner.groups()[-1]  # type: ignore[union-attr]
    match = pattern.match(text)
    return match.groups()[-1] if match else text


def _is_title(line: Line, style: str, text: str) -> bool:
    """A heading line (bold, or a short label without a full stop) rather than a numbered paragraph."""
    if line.style.startswith("Đề mục"):
        return True
    if line.style in ("Nội dung",) or "*" in text:
        return False
    words = plain(text)
    if line.bold:
        return True
    return style in ("I.",) or (len(words) <= 80 and not words.rstrip().endswith((".", ";", ":", ",")))


@dataclass
class Node:
    style: str
    title: str | None = None
    text: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    items: list[dict] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)

    def add_text(self, text: str) -> None:
        if self.children or self.items or self.closing:
            self.closing.append(text)
        else:
            self.paragraphs.append(text)

    def add_item(self, style: str, text: str) -> None:
        if self.children or self.closing:  # out of order for the model: kept as text, in place
            self.closing.append(f"{'-' if style == '-' else '+'} {text}")
        elif style == "+" and self.items:
            self.items[-1].setdefault("items", []).append(text)
        elif style == "+":
            self.add_text(f"+ {text}")
        else:
            self.items.append({"text": text})


def _tree(body: list[Line]) -> tuple[list[Node], list[str]]:
    """The numbered body as nested sections; the unnumbered lines before the first heading."""
    root = Node("root")
    stack: list[Node] = [root]
    before: list[str] = []
    for line in body:
        style, text = _marker(line)
        if style is None or style in ("-", "+"):
            if len(stack) == 1:
                if style is None:
                    before.append(text)
                else:
                    before.append(f"{style} {text}")
                continue
            if style is None:
                stack[-1].add_text(text)
            else:
                stack[-1].add_item(style, text)
            continue
        # a heading: a sibling of the open heading of the same style, else a child of the deepest
        depth = next((i for i in range(len(stack) - 1, 0, -1) if stack[i].style == style), None)
        if depth is not None:
            del stack[depth:]
        node = Node(style)
        if _is_title(line, style, text):
            node.title = text
        else:
            node.text = text
        if stack[-1].closing:  # a heading after closing text of its parent: keep the order as text
            stack[-1].closing.append(line.text)
            continue
        stack[-1].children.append(node)
        stack.append(node)
    return root.children, before


# ------------------------------------------------------------------ targets, rounds, anniversaries

_FIGURE = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_UNITS = ["tỷ đồng", "triệu đồng/người/năm", "triệu đồng/người", "triệu đồng", "nghìn đồng", "đồng", "%", "ha",
          "tấn", "người", "lao động", "hộ", "xã", "thôn", "tập thể", "cá nhân", "trường", "công trình", "km",
          "giường bệnh", "bác sỹ", "đoàn viên", "học sinh", "lượt", "dự án", "doanh nghiệp", "sản phẩm"]
_TARGET = re.compile(rf"(?P<value>{_FIGURE})(?:\s*(?:-|đến)\s*(?P<value_to>{_FIGURE}))?"
                     rf"\s*(?P<unit>{'|'.join(re.escape(u) for u in _UNITS)})(?![\w])")
_GROUPS = {"kinh tế": "kinh tế", "văn hóa": "văn hóa", "văn hoá": "văn hóa", "xã hội": "xã hội",
           "môi trường": "môi trường", "quốc phòng - an ninh": "quốc phòng - an ninh",
           "quốc phòng, an ninh": "quốc phòng - an ninh", "thi đua, khen thưởng": "thi đua, khen thưởng"}


_COMPARE_WORDS = {"đạt", "trên", "dưới", "từ", "tăng", "giảm", "còn", "tối", "thiểu", "ít", "nhất", "khoảng",
                  "lên", "xuống", "bằng", "vượt", "hơn", "≥", ">", "<", "≤"}


def _parse_target(sentence: str) -> dict:
    """"Tổng vốn … đạt từ 2.900 tỷ đồng trở lên" → a target whose wording gives the sentence back.

    Only a figure with its unit right after a comparison ("đạt", "từ", "trên", "giảm còn", …)
    or opening the sentence ("100% cơ quan …") is taken; anything less clear stays as text."""
    text = sentence.rstrip()
    for match in _TARGET.finditer(text):
        head, tail = text[:match.start()].rstrip(), text[match.end():]
        range_word = "đến" if match.group("value_to") and "đến" in match.group(0) else "-"
        words = head.split()
        compare_start = len(words)
        while compare_start > 0 and words[compare_start - 1].lower() in _COMPARE_WORDS:
            compare_start -= 1
        label, compare_words = " ".join(words[:compare_start]), " ".join(words[compare_start:])
        if label and not compare_words and not label.endswith(":"):
            continue  # "bình quân/1 ha đất …": a figure inside the label, not the target's value
        after = re.match(r"^(\s*(?:trở lên|trở xuống))?(.*)$", tail, re.S)
        suffix, note = ((after.group(1) or ""), after.group(2)) if after else ("", tail)
        compare = " ".join(x for x in (compare_words, "…", suffix.strip()) if x)
        target: dict[str, Any] = {"label": label, "value": match.group("value"), "unit": match.group("unit")}
        if match.group("value_to"):
            target["value_to"], target["range_word"] = match.group("value_to"), range_word
        if not label:  # "100% cơ quan … đăng ký thi đua": the figure comes first
            target["label"], target["label_after"] = note.strip(), True
        elif note.strip():
            target["note"] = note.strip()
        if compare != "…":
            target["compare"] = compare
        if target["label"] and _renders(target, text):
            return target
    return {"label": text}


def _renders(target: dict, text: str) -> bool:
    try:
        return target_text(Target(**target)) == text
    except ValueError:
        return False


def _targets_of(texts: list[str], children: list[list[str]]) -> list[dict] | None:
    """Bullet texts (and their "+" points) as targets, if thidua's wording gives them back exactly."""
    targets = []
    for index, (text, sub) in enumerate(zip(texts, children)):
        bare = text.rstrip()
        added = "." if index == len(texts) - 1 else ";"  # what thidua's punctuation adds back
        target = _parse_target(bare[:-1] if bare.endswith(added) else bare)
        if sub:
            inner = _targets_of(sub, [[] for _ in sub])
            if inner is None:
                return None
            target["items"] = inner
        targets.append(target)
    probe = [Target(**{k: v for k, v in t.items() if k != "items"}) for t in targets]
    if punctuate([target_text(t) for t in probe]) != texts:
        return None  # thidua's punctuation would change a word: not targets
    return targets


def _target_group(node: Node, need_figures: bool = True) -> dict | None:
    """A titled section of only bullet points, some with figures: a group of targets (after a
    first such group, a group whose points have no clear figure joins them as worded targets)."""
    if not node.title or node.paragraphs or node.children or node.closing or node.text or not node.items:
        return None
    targets = _targets_of([i["text"] for i in node.items], [i.get("items", []) for i in node.items])
    if targets is None or (need_figures and not any("value" in t for t in targets)):
        return None
    title = plain(node.title)
    group = next((g for key, g in _GROUPS.items() if title.lower() == f"về {key}"), "khác")

    def compact(target: dict) -> Any:
        return target["label"] if set(target) == {"label"} else target

    result: dict[str, Any] = {"group": group, "items": [compact(t) for t in targets]}
    if title != f"Về {group}":
        result["title"] = node.title
    return result


_ANNIVERSARY = re.compile(r"(?P<years>\d+) năm (?P<name>[^();]+?) \((?:(?P<since>\d{2}/\d{1,2}/\d{4}) - (?P<until>\d{2}/\d{1,2}/\d{4})"
                          r"|(?P<since_year>\d{4}) - (?P<until_year>\d{4}))\)")
_ROUND = re.compile(r"^(?P<open>\*{0,2})(?P<name>Đợt[^():]*?) \((?P<period>[^()]*)\)(?P<close>\*{0,2}):\s*(?P<rest>.*)$")
_PERIOD = re.compile(r"^từ ngày (\d{2}/\d{1,2}/\d{4}) đến ngày (\d{2}/\d{1,2}/\d{4})$")


def _probe_plan(year: int, **fields: Any):
    """A smallest valid plan, to render one part with thidua's own wording."""
    from .model import Plan

    return Plan.model_validate({"year": year, "issuer": {"level": "xã", "name": "x"}, "summary": "s",
                                "sections": [{"title": "t"}], "recipients": {"items": ["x"]},
                                "signer": {"name": ""}, **fields})


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


def _occasion(match: re.Match, year: int) -> dict | None:
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


def _round(node: Node, year: int) -> dict | None:
    """A numbered paragraph "Đợt thi đua thứ nhất (từ ngày … đến ngày …): … kỷ niệm …" as a round."""
    if node.title or node.text is None or node.children or node.closing:
        return None
    match = _ROUND.match(node.text)
    if not match or match.group("open") != match.group("close"):
        return None
    period = match.group("period")
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
    if match.group("open"):
        result["emphasis"] = "bold" if match.group("open") == "**" else "italic"
    rest = match.group("rest")
    occasions: list[dict] = []
    position, intro = 0, rest
    found = list(_ANNIVERSARY.finditer(rest))
    for i, occasion_match in enumerate(found):
        occasion = _occasion(occasion_match, year)
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
    from .context import round_text

    try:
        probe = Round(**{k: v for k, v in result.items() if k not in ("paragraphs", "items")})
        if round_text(probe, _probe_plan(year)) != node.text:
            return None
    except ValueError:
        return None
    return result


# ------------------------------------------------------------------ years and anniversaries in text

_CITATION = re.compile(r"(?:số|Số)\s+\S+/\d{4}|ngày\s+\d{1,2}[/ ](?:tháng\s+)?\d{1,2}[/ ](?:năm\s+)?\d{4}(?=\s+của)")


def with_expressions(text: str, year: int, imported: Imported, path: Path_) -> str:
    """The plan's year as {{ year }} (not in periods, citations or other years), its can chi as
    {{ can_chi(year) }}, an anniversary counted to this year as {{ anniversary('…') }}."""
    if "{{" in text or "{%" in text or "{#" in text:
        imported.note(path, "đoạn có ký tự { { hoặc { % : kiểm tra lại, thidua đọc chúng là biểu thức")
    out, position = "", 0
    for match in _ANNIVERSARY.finditer(text):
        occasion = _occasion(match, year)
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

    protected = [m.span() for m in _CITATION.finditer(text)] + \
        [m.span() for m in re.finditer(r"\b\d{4}\s*[-–]\s*\d{4}\b", text)] + \
        [m.span() for m in re.finditer(r"\{\{.*?\}\}", text)]
    return re.sub(rf"(?<![\d.,]){year}(?![\d])", replace, text)


# ------------------------------------------------------------------ recipients and signature

_PREFIX = re.compile(r"^(TM|KT|Q|TL|TUQ)\.\s*(.*)$|^(T/M|K/T|T/L)\s+(.*)$")
_SLASH = {"T/M": "TM", "K/T": "KT", "T/L": "TL"}


def _signer(lines: list[str], family: FamilyKey, issuer: dict) -> dict:
    """"TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Lê Văn Bình" → the signer's fields."""
    signer: dict[str, Any] = {}
    posts: list[str] = []
    name = ""
    for text in lines:
        match = _PREFIX.match(text)
        if match:
            authority = match.group(1) or _SLASH[match.group(3)]
            rest = match.group(2) if match.group(1) else match.group(4)
            if authority == "TM":
                signer["authority"] = "TM"
                signer["on_behalf_of"] = rest
            else:
                signer["authority"] = authority
                signer["head_title"] = _sentence_case(rest)
        elif text == fmt.upper(text) and any(ch.isalpha() for ch in text):
            posts.append(_sentence_case(text))
        else:
            name = text
    if posts:
        signer["title"] = posts[0]
        if posts[1:]:
            signer["extra_titles"] = posts[1:]
    from .issuance import body_of
    from .model import Issuer

    body = body_of(Issuer(**issuer)) if "level" in issuer else ""
    if signer.get("on_behalf_of") is not None and fmt.upper(signer["on_behalf_of"]) == fmt.upper(body):
        signer.pop("on_behalf_of")
    elif signer.get("authority") in ("KT", "Q") and "on_behalf_of" not in signer:
        signer["on_behalf_of"] = ""
    head = signer.get("head_title")
    if head and fmt.upper(head) == fmt.upper(FAMILIES[family].head_title):
        signer.pop("head_title")
    if signer.get("authority") == "Q" and "title" in signer:
        signer.pop("title")
    signer["name"] = name
    return signer


def _recipients(lines: list[str], family: FamilyKey) -> dict:
    items: list[Any] = []
    archive = None
    for text in lines[1:]:
        entry = text.strip()
        bare = re.sub(r"^[-–•+]\s*", "", entry)
        if bare.startswith("Lưu"):
            archive = re.sub(r"^Lưu\s*:?\s*", "", bare).rstrip(" .")
            continue
        bare = bare.rstrip(" ;,.")
        if bare.endswith("(B/c)"):
            items.append({"text": bare[:-5].rstrip(), "report": True})
        else:
            items.append(bare)
    result: dict[str, Any] = {"items": items}
    if archive is not None:
        result["archive"] = archive
    return result


# ------------------------------------------------------------------ the whole document


def import_docx(path: Path) -> Imported:
    lines = read_lines(path)
    imported = Imported({})
    data = imported.data
    kind_index = next((i for i, line in enumerate(lines)
                       if fmt.upper(line.plain) in DOCUMENT_KINDS and line.cell is None), None)
    if kind_index is None:
        kind_index = next((i for i, line in enumerate(lines) if fmt.upper(line.plain) in DOCUMENT_KINDS), 0)
        if not lines or fmt.upper(lines[kind_index].plain) not in DOCUMENT_KINDS:
            raise NotAPlan("không tìm thấy dòng tên loại văn bản (KẾ HOẠCH, THÔNG BÁO, …) trong tệp")
    header = _header_lines(lines, kind_index)
    # a header typed after the type line (rare) or the date as its own paragraph further down
    data["kind"] = fmt.upper(lines[kind_index].plain)
    if header.family is not FamilyKey.state:
        data["family"] = header.family.value
    # summary: the lines after the type line up to a drawn rule or the first body line
    index = kind_index + 1
    summary: list[str] = []
    while index < len(lines) and lines[index].cell is None and not is_rule(lines[index].plain):
        line = lines[index]
        if summary and (not line.centred or _marker(line)[0] or line.plain.startswith(("Căn cứ", "Thực hiện"))):
            break
        if _DATE_LINE.match(line.plain) and header.date is None:
            header.date = line
        else:
            summary.append(line.plain)
        index += 1
    if index < len(lines) and is_rule(lines[index].plain):
        index += 1
    data["summary"] = " ".join(summary)
    issuer, partners = _issuer(header, imported)
    _number_and_date(header, data, imported)
    date_year = data.pop("_date_year", None)
    year = _plan_year(data["summary"], date_year)
    data["year"] = year
    if isinstance(data.get("date"), dict) and data["date"].get("year") == year:
        data["date"].pop("year")
    # recipients and signature: the last table holding "Nơi nhận", or the lines from "Nơi nhận" on
    end, recipients_lines, signature_blocks, imported.trailing = _tail(lines, index)
    body = _tables_as_points(lines[index:end], imported)
    legal, preamble, body_lines = _opening(body)
    data["legal_bases"] = legal
    nodes, before = _tree(body_lines)
    preamble += before
    closing = _split_closing(nodes)
    theme = _theme(preamble)
    if header.unplaced:  # kept where a reader meets them first, and said
        preamble = header.unplaced + preamble
        imported.note(("preamble", 0), "dòng ở phần đầu văn bản chưa có trường riêng, giữ làm đoạn mở đầu: "
                      + "; ".join(header.unplaced))
    data["preamble"] = preamble
    if theme:
        data["theme"] = theme
    data["issuer"] = issuer
    family = header.family
    signer = _signer(signature_blocks[-1] if signature_blocks else [], family, issuer)
    if partners:
        data["partners"] = [{"issuer": p, "signer": _signer(block, family, p)}
                            for p, block in zip(partners, reversed(signature_blocks[:-1]))]
    elif len(signature_blocks) > 1:
        first = signature_blocks[0]
        name = first[-1] if first and first[-1] != fmt.upper(first[-1]) else ""
        titles = [t for t in first if t != name]
        data["approval"] = {"lines": [_sentence_case(t) for t in titles], "name": name}
    data["sections"], data["targets"], data["rounds"] = _sections(nodes, year, data, imported)
    data["closing"] = closing
    data["recipients"] = _recipients(recipients_lines, family) if recipients_lines else {"items": []}
    if not recipients_lines:
        imported.note(("recipients",), "không thấy 'Nơi nhận:': thêm danh sách nơi nhận")
    data["signer"] = signer
    if not signature_blocks:
        imported.note(("signer",), "không thấy khối chữ ký: điền chức vụ và họ tên người ký")
    elif not signer["name"]:
        imported.note(("signer", "name"), "chưa có họ và tên người ký")
    _templatise(data, year, imported)
    _count(data, imported)
    if imported.trailing:
        imported.note(("signer",), f"{len(imported.trailing)} dòng sau khối chữ ký (phụ lục?) chưa có chỗ trong "
                      "kế hoạch: giữ ở cuối tệp dưới dạng ghi chú")
    for heading in imported.table_headings:
        where = ("targets",) if data.get("targets") else ("sections",)
        imported.note(where, f"bảng '{heading}' được chuyển thành các gạch đầu dòng (bỏ dòng tiêu đề của bảng)")
    return imported


def _plan_year(summary: str, date_year: int | None) -> int:
    years = [int(y) for y in re.findall(r"(?<![\d/])(19[5-9]\d|20\d\d)(?![\d/])", summary)]
    if date_year in years or not years:
        return date_year or (years[0] if years else dt.date.today().year)
    return years[0]


def _tail(lines: list[Line], start: int) -> tuple[int, list[str], list[list[str]], list[str]]:
    """(where the body ends, the recipients' lines, every signature block's lines, the lines after them)."""
    recipients_at = next((i for i in range(len(lines) - 1, start - 1, -1)
                          if lines[i].plain.startswith("Nơi nhận")), None)
    if recipients_at is None:
        return len(lines), [], [], []
    line = lines[recipients_at]
    if line.cell is not None:
        table = line.cell[0]
        first = next(i for i in range(start, len(lines)) if (lines[i].cell or (-1,))[0] == table)
        cells: dict[tuple[int, int], list[str]] = {}
        for candidate in lines[first:]:
            if candidate.cell and candidate.cell[0] == table:
                cells.setdefault(candidate.cell[1:], []).append(candidate.plain)
        recipients: list[str] = []
        blocks: list[list[str]] = []
        for key in sorted(cells):
            texts = cells[key]
            at = next((i for i, t in enumerate(texts) if t.startswith("Nơi nhận")), None)
            if at is not None:
                recipients = texts[at:]
                if texts[:at]:
                    blocks.append(texts[:at])
            else:
                blocks.append(texts)
        last = max(i for i, candidate in enumerate(lines) if candidate.cell and candidate.cell[0] == table)
        return first, recipients, blocks, [candidate.plain for candidate in lines[last + 1:]]
    # typed as paragraphs: recipients lines start with "-", the signer's lines follow (or precede)
    recipients = [line.plain]
    i = recipients_at + 1
    while i < len(lines) and lines[i].plain.startswith(("-", "–", "+")):
        recipients.append(lines[i].plain)
        i += 1
    signature = [line.plain for line in lines[i:]]
    before_start = recipients_at
    if not signature:  # the signer typed above "Nơi nhận": the name, then the titles above it
        name = lines[before_start - 1] if before_start > start else None
        if name is not None and name.centred and name.plain != fmt.upper(name.plain) and len(name.plain) <= 40 \
                and not name.plain.endswith((".", ";", ":")):
            before_start -= 1
        while before_start > start and (_PREFIX.match(lines[before_start - 1].plain) or (
                lines[before_start - 1].centred and lines[before_start - 1].plain == fmt.upper(lines[before_start - 1].plain))):
            before_start -= 1
        signature = [line.plain for line in lines[before_start:recipients_at]]
    else:
        while before_start > start and _PREFIX.match(lines[before_start - 1].plain):
            before_start -= 1
    return before_start, recipients, [signature] if signature else [], []


def _tables_as_points(lines: list[Line], imported: Imported) -> list[Line]:
    """A table in the body (targets typed as a table) becomes one "-" point per row: the row
    number is left out, the other cells joined in order; the heading row is said in the report."""
    out: list[Line] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.cell is None:
            out.append(line)
            index += 1
            continue
        table = line.cell[0]
        rows: dict[int, dict[int, list[str]]] = {}
        while index < len(lines) and lines[index].cell is not None and lines[index].cell[0] == table:  # type: ignore[index]
            _, row, column = lines[index].cell  # type: ignore[misc]
            rows.setdefault(row, {}).setdefault(column, []).append(lines[index].plain)
            index += 1
        texts = [[" ".join(cells[c]) for c in sorted(cells)] for _, cells in sorted(rows.items())]
        if texts and not any(re.search(r"\d", cell) for cell in texts[0][1:]):
            imported.table_headings.append(" | ".join(texts[0]))
            texts = texts[1:]
        for number, cells in enumerate(texts):
            if cells and cells[0].strip().rstrip(".").isdigit() and len(cells) > 1:
                cells = cells[1:]
            joined = " ".join(c for c in cells if c)
            if joined:
                end = "." if number == len(texts) - 1 else ";"
                text = f"- {joined.rstrip(' ;.')}{end}"
                out.append(Line(text, text))
    return out


def _opening(body: list[Line]) -> tuple[list[str], list[str], list[Line]]:
    """Legal bases (italic, or "Căn cứ …") and preamble before the first numbered line."""
    legal: list[str] = []
    preamble: list[str] = []
    index = 0
    while index < len(body) and _marker(body[index])[0] is None:
        line = body[index]
        if not preamble and (line.italic or line.plain.startswith("Căn cứ")) and line.plain.startswith(
                ("Căn cứ", "Thực hiện", "Theo", "Xét")):
            legal.append(line.plain)
        else:
            preamble.append(line.text)
        index += 1
    return legal, preamble, body[index:]


def _split_closing(nodes: list[Node]) -> list[str]:
    """Unnumbered paragraphs ending the last section that close the document ("…./.") are its closing."""
    if not nodes:
        return []
    last = nodes[-1]
    while last.children and not last.closing:
        last = last.children[-1]
    tail = last.closing if last.closing else last.paragraphs if not last.children and not last.items else []
    at = next((i for i, text in enumerate(tail) if text.rstrip().endswith("./.") or plain(text).startswith(
        ("Trên đây", "Ủy ban nhân dân", "UBND"))), None)
    if at is None:
        return []
    closing = tail[at:]
    del tail[at:]
    return closing


def _theme(preamble: list[str]) -> dict | None:
    """The emulation motto in quotes at the end of the preamble ("… với chủ đề “…” …")."""
    from .context import preamble_texts

    if not preamble:
        return None
    last = preamble[-1]
    match = re.search(r"(\*\*“(?P<bold>[^”]+)”\*\*|“\*(?P<italic>[^”*]+)\*”|“(?P<none>[^”*]+)”)(?P<after>[^“”]*)$", last)
    if not match:
        return None
    emphasis = "bold" if match.group("bold") else "italic" if match.group("italic") else "none"
    text = match.group("bold") or match.group("italic") or match.group("none")
    theme = {"text": text, "emphasis": emphasis, "after": match.group("after").strip()}
    before = last[:match.start()].rstrip()
    probe = _probe_plan(2000, preamble=[before] if before else [], theme=theme)
    if preamble_texts(probe)[-1] != last:
        return None
    if before:
        preamble[-1] = before
    else:
        preamble.pop()
    if theme["emphasis"] == "italic":
        theme.pop("emphasis")
    if not theme["after"]:
        theme.pop("after")
    return theme


def _sections(nodes: list[Node], year: int, data: dict, imported: Imported) -> tuple[list, list, list]:
    """Sections as the model has them; the first run of target groups and of rounds are lifted out."""
    targets: list[dict] = []
    rounds: list[dict] = []
    default_styles: list[str] = []

    by_level: dict[int, list[str]] = {}

    def styles_at(level: int, found: list[Node]) -> None:
        for node in found:
            by_level.setdefault(level, []).append(node.style)
            styles_at(level + 1, node.children)

    styles_at(0, nodes)
    for level in sorted(by_level):
        seen = by_level[level]
        default_styles.append(max(dict.fromkeys(seen), key=seen.count))
    numbering = (default_styles + ["I.", "1.", "1.1."][len(default_styles):])[:3]

    def convert(node: Node, level: int) -> dict:
        section: dict[str, Any] = {}
        if node.title is not None:
            section["title"] = _sentence_case(plain(node.title)) if level == 0 and node.title == fmt.upper(node.title) \
                and "*" not in node.title else node.title
        else:
            section["text"] = node.text
        for key in ("paragraphs", "items"):
            if getattr(node, key):
                section[key] = getattr(node, key)
        children = list(node.children)
        if not targets and children:
            groups: list[dict] = []
            for child in children:
                group = _target_group(child, need_figures=not groups)
                if group is None:
                    break
                groups.append(group)
            if groups:
                targets.extend(groups)
                section["targets"] = True
                children = children[len(groups):]
        if not rounds and children:
            found = []
            for child in children:
                parsed = _round(child, year)
                if parsed is None:
                    break
                found.append(parsed)
            if found:
                rounds.extend(found)
                section["rounds"] = True
                children = children[len(found):]
        child_styles = {c.style for c in node.children}
        expected = numbering[level + 1] if level + 1 < len(numbering) else "a)"
        if node.children and child_styles != {expected} and len(child_styles) == 1:
            section["numbering"] = node.children[0].style
        if children:
            section["children"] = [convert(c, level + 1) for c in children]
        if node.closing:
            section["closing"] = node.closing
        return section

    sections = [convert(n, 0) for n in nodes]
    if numbering != ["I.", "1.", "1.1."]:
        data["numbering"] = numbering
    if not sections:
        imported.note(("sections",), "không nhận ra mục nào được đánh số (I., 1., a)): nội dung giữ ở preamble")
        sections = [{"title": "Nội dung", "paragraphs": []}]
    return sections, targets, rounds


_NO_EXPRESSIONS = {"legal_bases", "issuer", "recipients", "signer", "partners", "approval", "kind", "family",
                   "date", "symbol", "numbering", "year", "number"}


def _templatise(data: dict, year: int, imported: Imported) -> None:
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


def _count(data: dict, imported: Imported) -> None:
    def sections(items: list) -> int:
        return sum(1 + sections(s.get("children", [])) for s in items)

    imported.count("sections", sections(data["sections"]))
    imported.count("targets", sum(len(g["items"]) for g in data["targets"]))
    imported.count("rounds", len(data["rounds"]))
    imported.count("occasions", sum(len(r.get("occasions", [])) for r in data["rounds"]))

    def texts(sections: list) -> int:
        return sum(len(s.get("paragraphs", [])) + len(s.get("items", [])) + len(s.get("closing", []))
                   + (1 if "text" in s else 0) + texts(s.get("children", [])) for s in sections)

    imported.count("text", texts(data["sections"]) + len(data.get("preamble", [])) + len(data.get("closing", [])))
    for key in ("legal_bases", "preamble", "closing", "targets", "rounds"):
        if not data.get(key):
            data.pop(key, None)


def unicode_ok(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# ------------------------------------------------------------------ the command

WORD_SUFFIXES = (".docx", ".docm", ".dotx")
CONVERTED_SUFFIXES = (".doc", ".odt", ".rtf")


@dataclass
class Written:
    path: Path
    imported: Imported
    marked: list[tuple[int, str]]  # (YAML line, what to check)
    problems: list[str]  # what the loader still refuses (the file is written all the same)


def import_file(source: Path, output: Path | None = None) -> Written:
    """Import a Word file into a plan YAML beside it (never over an existing file)."""
    import tempfile

    from .errors import Problem, ThiduaError
    from .files import write_atomic

    suffix = source.suffix.lower()
    if suffix not in WORD_SUFFIXES + CONVERTED_SUFFIXES:
        raise ThiduaError([Problem(source, "import đọc văn bản Word (.docx, .doc) hoặc .odt",
                                   hint="lưu văn bản thành .docx rồi chạy lại")])
    if not source.is_file():
        raise ThiduaError([Problem(source, "không tìm thấy tệp")])
    target = output or source.with_suffix(".yaml")
    if target.exists():
        raise ThiduaError([Problem(target, "tệp đã có: thidua không ghi đè",
                                   hint="đổi tên tệp cũ hoặc ghi ra tên khác bằng -o")])
    try:
        if suffix in CONVERTED_SUFFIXES:
            from .pdf import to_docx

            with tempfile.TemporaryDirectory(prefix=".thidua-import-", dir=target.resolve().parent) as scratch:
                imported = import_docx(to_docx(source, Path(scratch)))
        else:
            imported = import_docx(source)
    except ThiduaError:
        raise
    except NotAPlan as exc:
        raise ThiduaError([Problem(source, str(exc), hint="import đọc kế hoạch, phát động, thông báo… có dòng tên "
                                   "loại văn bản in hoa ở giữa trang")]) from None
    except Exception as exc:  # zipfile, lxml: a damaged or foreign file
        raise ThiduaError([Problem(source, f"không đọc được tệp Word ({type(exc).__name__})",
                                   hint="mở tệp bằng Word và lưu lại dưới dạng .docx")]) from None
    from .yamlwrite import dump_plan

    header = [f"Nhập từ {source.name} bằng `thidua import`. Các dòng có '# KIỂM TRA' cần người xem lại.",
              "Nhập xong: thidua build (tạo lại văn bản), thidua new-year (sang năm mới)."]
    footer = ["Các dòng sau khối chữ ký của văn bản gốc (chưa có chỗ trong kế hoạch):"] + imported.trailing \
        if imported.trailing else []
    text, marked = dump_plan(imported.data, imported.notes, header, footer)
    write_atomic(target, text.encode("utf-8"))
    problems: list[str] = []
    try:
        from .loader import load

        load(target)
    except ThiduaError as exc:
        problems = [str(p) for p in exc.problems]
    return Written(target, imported, marked, problems)
