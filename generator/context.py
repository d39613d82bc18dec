"""Build the template context of a plan: numbering, targets, anniversaries, formatting.

Everything a template prints is computed here, so that templates hold only loops
and conditionals and a clerk can restyle them in Word.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from functools import cache

from . import formatting as fmt
from . import nd30
from .anniversaries import anniversary_text, resolve_event
from .metrics import rule_for, text_width_pt
from .model import Authority, Item, Occasion, Plan, Round, Section, Target, TargetGroup
from .nd30 import MOTTO, NATIONAL_NAME
from .wording import MARKUP, join_words, punctuate, target_text

HEADER_PT, MOTTO_PT, TITLE_PT = nd30.size("issuer"), nd30.size("motto"), nd30.size("title")
PAGE_TEXT_WIDTH_PT = nd30.TEXT_WIDTH_PT
ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
         "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX"]
LETTERS = "abcdđeghiklmnopqrstuvxy"


@cache
def _rich_text_class():
    from docxtpl import RichText  # only the renderer needs docxtpl's own run type (imported once, when used)

    return RichText


def rich(text: str):
    """Light emphasis inside a paragraph: *nghiêng*, **đậm**, ***đậm nghiêng***."""
    result = _rich_text_class()()
    position = 0
    for match in MARKUP.finditer(text):
        if match.start() > position:
            result.add(text[position:match.start()])
        bold_italic, bold, italic = match.groups()
        result.add(bold_italic or bold or italic, bold=bool(bold_italic or bold),
                   italic=bool(bold_italic or italic))
        position = match.end()
    if position < len(text) or not text:
        result.add(text[position:])
    return result






# ------------------------------------------------------------------ numbering


def marker(style: str, index: int, parent_index: str | None) -> str:
    if style == "I.":
        return f"{ROMAN[index] if index < len(ROMAN) else index}."
    if style == "1.":
        return f"{index}."
    if style == "1.1.":
        return f"{parent_index}.{index}." if parent_index else f"{index}."
    if style == "a)":
        return f"{LETTERS[(index - 1) % len(LETTERS)]})"
    return style  # "-" and "+"


class BlockKind(str, Enum):
    """What a paragraph of the body is; the template picks its style by this name."""

    h1 = "h1"  # I. heading, bold upper case
    h2 = "h2"  # 1. heading, bold
    h3 = "h3"  # 1.1. or a) heading, upright
    p = "p"  # a paragraph
    b1 = "b1"  # "-" bullet
    b2 = "b2"  # "+" bullet

    @classmethod
    def bullet(cls, depth: int) -> BlockKind:
        return cls.b1 if depth <= 1 else cls.b2

    @classmethod
    def heading(cls, style: str) -> BlockKind:
        """Only the I. and 1. levels are bold (ND30's specimen, the seeds); 1.1. and a) are upright."""
        return {"I.": cls.h1, "1.": cls.h2}.get(style, cls.h3)


@dataclass
class Block:
    kind: BlockKind
    text: str

    def as_context(self) -> dict:
        return {"kind": self.kind.value, "text": rich(self.text)}


# ------------------------------------------------------------------ anniversaries


def occasion_text(occasion: Occasion, plan: Plan) -> str:
    event = resolve_event(occasion, plan)
    return join_words(anniversary_text(event.name, event.since, plan.year), occasion.after)


def round_text(round_: Round, plan: Plan) -> str:
    period = round_.period or (
        f"từ ngày {fmt.short_date(round_.start)} đến ngày {fmt.short_date(round_.end)}")
    occasions = ""
    for i, occasion in enumerate(round_.occasions):
        separator = "" if i == 0 else (occasion.before if occasion.before is not None else "; ")
        occasions += separator + occasion_text(occasion, plan)
    head = f"{round_.name} ({period})"
    head = {"italic": f"*{head}*", "bold": f"**{head}**"}.get(round_.emphasis, head)
    return join_words(f"{head}:", round_.intro, occasions, round_.outro)


# ------------------------------------------------------------------ targets








def target_blocks(targets: list[Target], depth: int = 1) -> Iterator[Block]:
    texts = punctuate([target_text(t) for t in targets])
    for target, text in zip(targets, texts):
        yield Block(BlockKind.bullet(depth), f"{'-' if depth == 1 else '+'} {text}")
        yield from target_blocks(target.items, depth + 1)


def item_blocks(items: list[Item], depth: int = 1) -> Iterator[Block]:
    for item in items:
        yield Block(BlockKind.bullet(depth), f"{'-' if depth == 1 else '+'} {item.text}")
        yield from item_blocks(item.items, depth + 1)


# ------------------------------------------------------------------ sections


class _Numberer:
    def __init__(self, plan: Plan):
        self.plan = plan

    def style(self, level: int, parent: Section | None) -> str:
        if parent is not None and parent.numbering:
            return parent.numbering
        styles = self.plan.numbering
        return styles[level] if level < len(styles) else "a)"

    def nodes(self, nodes: list, level: int, parent: Section | None,
              parent_index: str | None) -> Iterator[Block]:
        style = self.style(level, parent)
        for index, node in enumerate(nodes, start=1):
            mark = marker(style, index, parent_index)
            # "1.1." numbering under "4." gives "4.1."; under "I." it gives "1.1.".
            own_index = {"I.": str(index), "1.": str(index), "1.1.": mark[:-1]}.get(style)
            yield from self._node(node, level, mark, own_index, style)

    def _node(self, node, level: int, mark: str, own_index: str | None, style: str) -> Iterator[Block]:
        if isinstance(node, TargetGroup):
            yield Block(BlockKind.heading(style), f"{mark} {node.title or f'Về {node.group}'}")
            yield from target_blocks(node.items)
            return
        if isinstance(node, Round):
            yield Block(BlockKind.p, f"{mark} {round_text(node, self.plan)}")
            yield from (Block(BlockKind.p, p) for p in node.paragraphs)
            yield from item_blocks(node.items)
            return
        section: Section = node
        if section.title:
            title = fmt.upper(section.title) if level == 0 else section.title
            yield Block(BlockKind.heading(style), f"{mark} {title}")
            if section.text:
                yield Block(BlockKind.p, section.text)
        else:
            yield Block(BlockKind.p, f"{mark} {section.text}")
        yield from (Block(BlockKind.p, p) for p in section.paragraphs)
        yield from item_blocks(section.items)
        children = [*(self.plan.targets if section.targets else []),
                    *(self.plan.rounds if section.rounds else []), *section.children]
        yield from self.nodes(children, level + 1, section, own_index)
        yield from (Block(BlockKind.p, p) for p in section.closing)



def body_blocks(plan: Plan) -> list[Block]:
    return list(_Numberer(plan).nodes(plan.sections, 0, None, None))


# ------------------------------------------------------------------ header and signature


def issuer_lines(plan: Plan) -> tuple[str | None, list[str]]:
    issuer = plan.issuer
    if issuer.unit:
        return issuer.parent and fmt.upper(issuer.parent), [fmt.upper(issuer.unit)]
    lines = [fmt.upper(issuer.body), fmt.upper(f"{issuer.level.value} {issuer.name}")]
    return issuer.parent and fmt.upper(issuer.parent), lines


def place_name(plan: Plan) -> str:
    issuer = plan.issuer
    if issuer.place:
        return issuer.place
    if issuer.name.strip().isdigit():  # "Quận 1": the generic word stays (Phụ lục II)
        return f"{issuer.level.value.capitalize()} {issuer.name}"
    return issuer.name


def signature_lines(plan: Plan) -> list[str]:
    signer = plan.signer
    collective = signer.on_behalf_of if signer.on_behalf_of is not None else plan.issuer.body
    lines: list[str] = []
    authority = signer.authority
    if authority in (Authority.on_behalf, Authority.deputy, Authority.acting) and collective:
        lines.append(f"TM. {collective}")
    if authority in (Authority.deputy, Authority.acting, Authority.by_order, Authority.delegated):
        lines.append(f"{authority.value}. {signer.head_title}")
    if authority is not Authority.acting:
        lines.append(signer.title or signer.head_title)
    return [fmt.upper(line) for line in lines]


def recipient_lines(plan: Plan) -> list[str]:
    items = [f"- {r.text.rstrip(' ;.')}{' (B/c)' if r.report else ''};" for r in plan.recipients.items]
    return items + [f"- Lưu: {plan.recipients.archive.rstrip(' .')}."]


def preamble_texts(plan: Plan) -> list[str]:
    texts = list(plan.preamble)
    if plan.theme:
        quoted = f"“{plan.theme.text}”"
        quoted = {"italic": f"“*{plan.theme.text}*”", "bold": f"**{quoted}**"}.get(plan.theme.emphasis, quoted)
        last = texts.pop() if texts else ""
        texts.append(join_words(last, quoted, plan.theme.after))
    return texts


def build_context(plan: Plan) -> dict:
    parent, lines = issuer_lines(plan)
    issuer_width = max(text_width_pt(line, HEADER_PT, bold=True) for line in lines)
    summary_width = min(text_width_pt(plan.summary, TITLE_PT, bold=True), PAGE_TEXT_WIDTH_PT)
    date = plan.date
    return {
        "issuer": {"parent": parent, "lines": lines, "rule": rule_for(issuer_width, HEADER_PT, 0.4)},
        "national_name": NATIONAL_NAME,
        "motto": MOTTO,
        "motto_rule": rule_for(text_width_pt(MOTTO, MOTTO_PT, bold=True), MOTTO_PT, 1.0),
        "number_line": fmt.number_line(plan.number, f"{plan.kind_symbol}-{plan.issuer.symbol}"),
        "date_line": fmt.date_line(place_name(plan), date.day if date else None, date.month if date else None,
                                   (date.year if date else None) or plan.year),
        "doc_type": plan.kind,
        "summary": plan.summary,
        "summary_rule": rule_for(summary_width, TITLE_PT, 0.4),
        "legal_bases": [rich(t) for t in plan.legal_bases],
        "preamble": [rich(t) for t in preamble_texts(plan)],
        "blocks": [b.as_context() for b in body_blocks(plan)],
        "closing": [rich(t) for t in plan.closing],
        "recipients": recipient_lines(plan),
        "signature": signature_lines(plan),
        "signer_name": plan.signer.name,
        "properties": document_properties(plan, lines),
    }


def document_properties(plan: Plan, issuer: list[str]) -> dict[str, str]:
    """Core properties of the .docx: author = the issuer, title = the summary, created =
    the plan's date (its first day when the day or month is blank; today when it is blank)."""
    date = plan.date
    year = (date and date.year) or plan.year
    if date and date.month:
        created = dt.date(year, date.month, date.day or 1)
    elif date and date.year:
        created = dt.date(year, 1, 1)
    else:
        created = dt.date.today()
    return {"author": " ".join(issuer), "title": plan.summary, "created": f"{created.isoformat()}T00:00:00Z"}
