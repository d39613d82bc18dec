"""The body of a Word file: numbered lines into sections, the opening, the closing, the theme,
tables of targets, and the sections as the plan model has them."""

from __future__ import annotations

import re
from typing import Any

from generator.core import formatting as fmt
from generator.document.wording import plain
from generator.importing.common import Imported, Node, probe_plan, sentence_case
from generator.importing.rounds import round_of, round_of_heading
from generator.importing.tables import TableLine, as_points, fixed, rounds_of, targets_of
from generator.importing.targets import target_group, untitled_group
from generator.word.lines import Line

_ROMAN = re.compile(r"^([IVXL]+)\.\s+(.*)$")
_DEEP = re.compile(r"^(\d+)\.(\d+)\.(?:\d+\.)?\s+(.*)$")
_DECIMAL = re.compile(r"^(\d+)\.\s+(.*)$")
_LETTER = re.compile(r"^([a-zđ])\)\s+(.*)$")
_BULLET = re.compile(r"^([-–•+])\s*(.*)$")


def marker(line: Line) -> tuple[str | None, str]:
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
            return style, _stripmarker(text, pattern)
    match = _BULLET.match(bare)
    if match and match.group(2):
        return ("+" if match.group(1) == "+" else "-"), _stripmarker(text, _BULLET)
    return None, text


_SENTENCE_END = (".", ";", ":", "!", "?", "…", ")", "”", "\"")
_JOINING_WORDS = ("và", "của", "với", "trong", "cho", "các", "những", "để", "theo")


def _continues(previous: Line, line: Line) -> bool:
    """Whether `line` is the rest of `previous`, cut by Shift+Enter or a pasted hard return:
    the first ends without punctuation and the second goes on in lower case (or, in a heading
    typed in capitals, the first ends with a comma or a joining word and the second is capitals too)."""
    if isinstance(previous, TableLine) or isinstance(line, TableLine) or line.label or marker(line)[0] is not None:
        return False
    before, after = previous.plain.rstrip(), line.plain.lstrip()
    if not before or not after:
        return False
    if after[0].islower() and (line.soft or not before.endswith(_SENTENCE_END)):
        return True  # inside one paragraph a lower-case line goes on; across paragraphs, only mid-sentence
    capitals = before == before.upper() and after == after.upper() and any(c.isalpha() for c in after)
    last_word = before.split()[-1].lower()
    return capitals and (before.endswith(",") or last_word in _JOINING_WORDS) and previous.bold == line.bold


def rejoined(lines: list[Line]) -> list[Line]:
    """The body's paragraphs as the reader sees them: a paragraph cut mid-sentence is one again."""
    out: list[Line] = []
    for line in lines:
        if out and _continues(out[-1], line):
            previous = out[-1]
            out[-1] = Line(f"{previous.text} {line.text}", f"{previous.plain} {line.plain}",
                           bold=previous.bold and line.bold, italic=previous.italic and line.italic,
                           centred=previous.centred, right=previous.right, style=previous.style,
                           label=previous.label, tabs=previous.tabs + line.tabs)
        else:
            out.append(line)
    return out


def _stripmarker(text: str, pattern: re.Pattern) -> str:
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


def tree(body: list[Line], imported: Imported) -> tuple[list[Node], list[str]]:
    """The numbered body as nested sections; the unnumbered lines before the first heading."""
    root = Node("root")
    stack: list[Node] = [root]
    before: list[str] = []
    pending = list(body)
    pending.reverse()
    while pending:
        line = pending.pop()
        if isinstance(line, TableLine):
            if len(stack) == 1 or not stack[-1].add_table(line):
                pending.extend(reversed(as_points(line, imported)))  # no place for a table here: as points
            continue
        style, text = marker(line)
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


def opening(body: list[Line]) -> tuple[list[str], list[str], list[Line]]:
    """Legal bases (italic, or "Căn cứ …") and preamble before the first numbered line."""
    legal: list[str] = []
    preamble: list[str] = []
    index = 0
    while index < len(body) and marker(body[index])[0] is None and not isinstance(body[index], TableLine):
        line = body[index]
        if not preamble and (line.italic or line.plain.startswith("Căn cứ")) and line.plain.startswith(
                ("Căn cứ", "Thực hiện", "Theo", "Xét")):
            legal.append(line.plain)
        else:
            preamble.append(line.text)
        index += 1
    return legal, preamble, body[index:]


def split_closing(nodes: list[Node]) -> list[str]:
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


def theme_of(preamble: list[str]) -> dict | None:
    """The emulation motto in quotes at the end of the preamble ("… với chủ đề “…” …")."""
    from generator.document.context import preamble_texts

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
    probe = probe_plan(2000, preamble=[before] if before else [], theme=theme)
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


def sections_of(nodes: list[Node], year: int, data: dict, imported: Imported) -> tuple[list, list, list]:
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
            section["title"] = sentence_case(plain(node.title)) if level == 0 and node.title == fmt.upper(node.title) \
                and "*" not in node.title else node.title
        else:
            section["text"] = node.text
        for key in ("paragraphs", "items"):
            if getattr(node, key):
                section[key] = getattr(node, key)
        if node.table is not None:  # a table of targets or of rounds becomes data; any other stays as typed
            if not targets and (found := targets_of(node.table, node.title and plain(node.title))) is not None:
                targets.extend(found[0])
                section.update(found[1])
            elif not rounds and (table_rounds := rounds_of(node.table, year)) is not None:
                rounds.extend(table_rounds[0])
                section.update(table_rounds[1])
            else:
                section.update(fixed(node.table))
        children = list(node.children)
        if not targets and (untitled := untitled_group(node)) is not None:
            targets.append(untitled)
            section["targets"] = True
            section.pop("items")
        if not targets:
            groups = _leading(children, lambda child, found: target_group(child, need_figures=not found))
            if groups:
                targets.extend(groups)
                section["targets"] = True
                children = children[len(groups):]
        if not rounds:
            found_rounds = _leading(children, lambda child, _: round_of(child, year) or round_of_heading(child, year))
            if found_rounds:
                rounds.extend(found_rounds)
                section["rounds"] = True
                children = children[len(found_rounds):]
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
    if not sections:  # nothing numbered: the text stays in the opening paragraphs, no heading is invented
        imported.note(("preamble",), "không nhận ra mục nào được đánh số (I., 1., a)): nội dung giữ ở đoạn mở đầu")
    return sections, targets, rounds


def _leading(children: list[Node], parse) -> list[dict]:
    """What `parse(child, found so far)` recognises in the first children, up to the first it does not."""
    found: list[dict] = []
    for child in children:
        parsed = parse(child, found)
        if parsed is None:
            break
        found.append(parsed)
    return found
