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
from typing import TYPE_CHECKING, Any, TypedDict

from generator.core import formatting as fmt
from generator.core.anniversaries import anniversary_text, resolve_event
from generator.core.metrics import rule_for, text_width_pt
from generator.document.fit import issuer_column_pt
from generator.document.issuance import date_line, family_of, issuer_lines, number_line, signature_rows
from generator.document.wording import MARKUP, join_words, punctuate, target_text
from generator.plan.model import Item, Occasion, Plan, Round, Section, Target, TargetGroup

if TYPE_CHECKING:
    from generator.document.tables import Table
    from generator.plan.results import ReportInputs

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
        return f"{fmt.roman(index)}."
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
    table = "table"  # a table (document/tables.py)

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
    table: Table | None = None

    def as_context(self, width_twips: int) -> Piece:
        if self.table is not None:
            from generator.document.tables import table_xml

            return Piece(kind=self.kind.value, text=rich(self.table.plain_text()),
                         table=table_xml(self.table, width_twips))
        return Piece(kind=self.kind.value, text=rich(self.text), table=None)


# ------------------------------------------------------------------ anniversaries


def occasion_text(occasion: Occasion, plan: Plan) -> str:
    event = resolve_event(occasion, plan)
    return join_words(anniversary_text(event.name, event.since, plan.year), occasion.after)


def round_period(round_: Round) -> str:
    period = round_.period or f"từ ngày {fmt.short_date(round_.start)} đến ngày {fmt.short_date(round_.end)}"
    return period[:1].upper() + period[1:] if round_.capital else period


def round_occasions(round_: Round, plan: Plan) -> str:
    occasions = ""
    for i, occasion in enumerate(round_.occasions):
        separator = "" if i == 0 else (occasion.before if occasion.before is not None else "; ")
        occasions += separator + occasion_text(occasion, plan)
    return occasions


def round_text(round_: Round, plan: Plan) -> str:
    """The round as one paragraph: "Đợt thi đua thứ nhất (từ ngày … đến ngày …): … kỷ niệm …"."""
    if round_.form == "colon":  # "Đợt 1: Từ ngày … đến ngày …, thi đua lập thành tích chào mừng …"
        head = f"{round_.name}: {round_period(round_)}"
        head = {"italic": f"*{head}*", "bold": f"**{head}**"}.get(round_.emphasis, head)
        rest = join_words(round_.intro, round_occasions(round_, plan), round_.outro)
        return f"{head}, {rest}" if rest.strip(" .") else f"{head}{rest}"
    head = f"{round_.name} ({round_period(round_)})"
    head = {"italic": f"*{head}*", "bold": f"**{head}**"}.get(round_.emphasis, head)
    return join_words(f"{head}:", round_.intro, round_occasions(round_, plan), round_.outro)


def round_heading(round_: Round) -> str:
    """The round's own heading line: "Đợt thi đua thứ nhất (từ ngày …)" or "Đợt 1: từ ngày …"."""
    period = round_period(round_)
    return f"{round_.name}: {period}" if round_.heading == "colon" else f"{round_.name} ({period})"


def round_body(round_: Round, plan: Plan) -> str:
    """What follows a round's heading: its introduction and occasions."""
    body = join_words(round_.intro, round_occasions(round_, plan), round_.outro)
    return "" if body in ("", ".") else body


# ------------------------------------------------------------------ targets


def target_blocks(targets: list[Target], depth: int = 1, end: str = ";") -> Iterator[Block]:
    texts = punctuate([target_text(t) for t in targets], end)
    for target, text in zip(targets, texts):
        yield Block(BlockKind.bullet(depth), f"{'-' if depth == 1 else '+'} {text}")
        yield from target_blocks(target.items, depth + 1, end)


def item_blocks(items: list[Item], depth: int = 1) -> Iterator[Block]:
    for item in items:
        yield Block(BlockKind.bullet(depth), f"{'-' if depth == 1 else '+'} {item.text}")
        yield from item_blocks(item.items, depth + 1)


# ------------------------------------------------------------------ sections


class _Numberer:
    def __init__(self, plan: Plan, report: ReportInputs | None):
        self.plan = plan
        self.report = report

    def style(self, level: int, parent: Section | None) -> str:
        if parent is not None and parent.numbering:
            return parent.numbering
        styles = self.plan.numbering
        return styles[level] if level < len(styles) else "a)"

    def nodes(self, nodes: list, level: int, parent: Section | None,
              parent_index: str | None) -> Iterator[Block]:
        style = self.style(level, parent)
        index = 0
        for node in nodes:
            if isinstance(node, TargetGroup) and not node.heading:  # printed right under its section, unnumbered
                yield from target_blocks(node.items, end=node.item_end)
                continue
            index += 1
            mark = marker(style, index, parent_index)
            # "1.1." numbering under "4." gives "4.1."; under "I." it gives "1.1.".
            own_index = {"I.": str(index), "1.": str(index), "1.1.": mark[:-1]}.get(style)
            yield from self._node(node, level, mark, own_index, style)

    def _node(self, node, level: int, mark: str, own_index: str | None, style: str) -> Iterator[Block]:
        if isinstance(node, TargetGroup):
            yield Block(BlockKind.heading(style), f"{mark} {node.title or f'Về {node.group}'}")
            yield from target_blocks(node.items, end=node.item_end)
            return
        if isinstance(node, Round) and node.heading != "none":
            yield Block(BlockKind.heading(style), f"{mark} {round_heading(node)}")
            if body := round_body(node, self.plan):
                yield Block(BlockKind.p, body)
            yield from (Block(BlockKind.p, p) for p in node.paragraphs)
            yield from item_blocks(node.items)
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
        if section.table:
            from generator.document.body_tables import results_sentence, section_table

            yield Block(BlockKind.table, "", section_table(self.plan, section, self.report))
            if section.table == "results" and self.report and (sentence := results_sentence(self.report)):
                yield Block(BlockKind.p, sentence)
        children = [*(self.plan.targets if section.targets else []),
                    *(self.plan.rounds if section.rounds else []), *section.children]
        yield from self.nodes(children, level + 1, section, own_index)
        yield from (Block(BlockKind.p, p) for p in section.closing)


def body_blocks(plan: Plan, report: ReportInputs | None = None) -> list[Block]:
    return list(_Numberer(plan, report).nodes(plan.sections, 0, None, None))


def preamble_texts(plan: Plan) -> list[str]:
    texts = list(plan.preamble)
    if plan.theme:
        quoted = f"“{plan.theme.text}”"
        quoted = {"italic": f"“*{plan.theme.text}*”", "bold": f"**{quoted}**"}.get(plan.theme.emphasis, quoted)
        last = texts.pop() if texts else ""
        texts.append(join_words(last, quoted, plan.theme.after))
    return texts


class Issuing(TypedDict):
    parent: str | None  # the parent body's line, not bold
    lines: list[str]  # the issuer's lines, in capitals
    rule: str  # the rule under the issuer, drawn to its width, or the family's separator ("*")


class Banner(TypedDict):
    lines: list[str]  # the organisation's title at the right, line by line (the form the plan chose)
    rule: str  # the rule under it, drawn to the last line's width


class Piece(TypedDict):
    kind: str  # the paragraph style's role: "heading1", "body", "bullet", … or a signature line's
    text: Any  # a RichText for body blocks, plain text for signature lines
    table: Any  # None, or a table's WordprocessingML (Markup), printed with {{p b.table }}; text is its rows


class SignatureRow(TypedDict):
    left: list[dict[str, str]]  # issuance.Line.as_context(): {"kind": …, "text": …}
    right: list[dict[str, str]]


class Properties(TypedDict):
    author: str
    title: str
    created: str  # ISO 8601, UTC


class Context(TypedDict):
    """What the .docx templates read: every name a template may use, and its shape."""

    issuer: Issuing
    banner: Banner  # printed by the templates of the families whose banner has several forms
    family: str
    number_line: str
    date_line: str
    doc_type: str
    summary: str
    summary_rule: str
    legal_bases: list[Any]  # RichText paragraphs
    preamble: list[Any]
    blocks: list[Piece]
    closing: list[Any]
    signature_rows: list[SignatureRow]
    properties: Properties


def build_context(plan: Plan, report: ReportInputs | None = None) -> Context:
    """`report`: a report's plan and results, which its results tables are computed from."""
    family = family_of(plan)
    parent, lines = issuer_lines(plan)
    issuer_pt, title_pt = family.size("issuer"), family.size("summary")
    # a name longer than its column wraps: the rule is drawn to the line as printed, never past the column
    issuer_width = min(max(text_width_pt(line, issuer_pt, bold=True) for line in lines), issuer_column_pt(family))
    summary_width = min(text_width_pt(plan.summary, title_pt, bold=True), family.text_width_pt)
    width_twips = round(family.text_width_pt * 20)  # a body table spans the text width
    return {
        "issuer": {"parent": parent, "lines": lines,
                   "rule": rule_for(issuer_width, issuer_pt, 0.4) if family.separator == "rule" else family.separator},
        "banner": banner_of(plan, family),
        "family": family.key.value,
        "number_line": number_line(plan),
        "date_line": date_line(plan),
        "doc_type": plan.kind,
        "summary": plan.summary,
        "summary_rule": rule_for(summary_width, title_pt, 0.4) if family.summary_rule == "rule" else family.summary_rule,
        "legal_bases": [rich(t) for t in plan.legal_bases],
        "preamble": [rich(t) for t in preamble_texts(plan)],
        "blocks": [b.as_context(width_twips) for b in body_blocks(plan, report)],
        "closing": [rich(t) for t in plan.closing],
        "signature_rows": [{"left": [x.as_context() for x in left], "right": [x.as_context() for x in right]}
                           for left, right in signature_rows(plan)],
        "properties": document_properties(plan, lines),
    }


def banner_of(plan: Plan, family) -> Banner:
    """The banner in the form the plan chose, with its rule (as the template builder draws the default's)."""
    lines = list(family.banner_lines(plan.banner))
    points = family.size("national_name")
    width = min(text_width_pt(lines[-1], points, bold=True), family.header_columns_mm[1] / 25.4 * 72)
    return {"lines": lines, "rule": rule_for(width, points, 1.0) if family.banner_rule else ""}


def document_properties(plan: Plan, issuer: list[str]) -> Properties:
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
    return Properties(author=" ".join(issuer), title=plan.summary, created=f"{created.isoformat()}T00:00:00Z")
