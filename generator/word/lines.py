"""Read a finished Word document as the lines a reader sees, for `thidua import`.

Each paragraph becomes one or more `Line`s (Shift+Enter starts a new line) with its
text, light emphasis markup (*nghiêng*, **đậm**) where only part of it is emphasised,
whether it is bold, italic or centred as a whole, where it stands (body or a table cell),
and the label Word's own list numbering shows in front of it ("1.", "a)", "-").
Tracked changes are read as if accepted. Nothing of the document is run.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docx.oxml.ns import qn

from generator.core.formatting import roman
from generator.word.onepass import PartReading
from generator.word.text import (
    W_P,
    W_TBL,
    StyleIndex,
    blocks,
    inherited,
    open_document,
    remembered,
    style_of,
    text_box_paragraphs,
    visible_runs,
)


@dataclass
class Line:
    text: str  # with *…*/**…** markup where only part of the line is emphasised
    plain: str  # the words only
    bold: bool = False
    italic: bool = False
    centred: bool = False
    right: bool = False
    style: str = ""
    cell: tuple[int, int, int] | None = None  # (table, row, column) for a line inside a table
    row_cells: int = 0  # inside a table: how many cells its row has (a heading row spans fewer, wider ones)
    soft: bool = False  # it follows a line break (Shift+Enter) inside the same paragraph
    label: str = ""  # the label of Word's list numbering, when the paragraph has one
    tabs: list[str] = field(default_factory=list)  # the parts of a line that tabs separate


class _Styles:
    """Bold, italic and alignment of paragraph styles along their basedOn chain (loops end it)."""

    def __init__(self, document):
        self._cache: dict[tuple[str | None, str], Any] = {}
        self.index = StyleIndex(document.styles)  # for style_of, and each base style
        defaults = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
        self.default_bold = defaults is not None and _flag(defaults, "w:b") is True
        self.default_italic = defaults is not None and _flag(defaults, "w:i") is True

    def font(self, style, name: str) -> bool:
        return self._once(style, name, lambda: self._font(style, name))

    def _font(self, style, name: str) -> bool:
        value = inherited(style, lambda s: getattr(s.font, name), self.index)
        if value is not None:
            return bool(value)
        return self.default_bold if name == "bold" else self.default_italic

    def alignment(self, style):
        return self._once(style, "alignment", lambda: inherited(style, lambda s: s.paragraph_format.alignment, self.index))

    def numbering(self, style):
        return self._once(style, "numbering", lambda: inherited(
            style, lambda s: s.element.find(f"{qn('w:pPr')}/{qn('w:numPr')}"), self.index))

    def _once(self, style, name: str, compute):
        """Each style's value walked up its chain once per document, not once per paragraph."""
        return remembered(self._cache, (style.style_id if style is not None else None, name), compute)


def _flag(rpr, tag: str) -> bool | None:
    element = rpr.find(qn(tag))
    if element is None:
        return None
    return element.get(qn("w:val")) not in ("0", "false", "off")


class ListNumbering:
    """Word's list numbering: the label each numbered paragraph shows, counted as Word counts, and
    each level's own paragraph settings (its indents)."""

    def __init__(self, document):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        self.level_elements: dict[str, dict[int, object]] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract, elements = {}, {}
        for node in numbering.findall(qn("w:abstractNum")):
            levels = {}
            elements[node.get(qn("w:abstractNumId"))] = {
                int(lvl.get(qn("w:ilvl"), "0")) if lvl.get(qn("w:ilvl"), "0").isdigit() else 0: lvl
                for lvl in node.findall(qn("w:lvl"))}
            for lvl in node.findall(qn("w:lvl")):
                fmt = lvl.find(qn("w:numFmt"))
                text = lvl.find(qn("w:lvlText"))
                start = lvl.find(qn("w:start"))
                levels[int(lvl.get(qn("w:ilvl"), "0"))] = (
                    fmt.get(qn("w:val")) if fmt is not None else "decimal",
                    text.get(qn("w:val")) if text is not None else "",
                    int(start.get(qn("w:val"))) if start is not None and start.get(qn("w:val"), "").isdigit() else 1)
            abstract[node.get(qn("w:abstractNumId"))] = levels
        for num in numbering.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is not None and ref.get(qn("w:val")) in abstract:
                self.levels[num.get(qn("w:numId"))] = abstract[ref.get(qn("w:val"))]
                self.level_elements[num.get(qn("w:numId"))] = elements[ref.get(qn("w:val"))]

    @staticmethod
    def _key(num_pr) -> tuple[str | None, int]:
        num_id = num_pr.find(qn("w:numId"))
        ilvl = num_pr.find(qn("w:ilvl"))
        level = int(ilvl.get(qn("w:val"))) if ilvl is not None and ilvl.get(qn("w:val"), "").isdigit() else 0
        return (num_id.get(qn("w:val")) if num_id is not None else None), level

    def level(self, num_pr):
        """The w:lvl element a numbered paragraph shows (its number format, its indents); None: not numbered."""
        key, level = self._key(num_pr)
        return self.level_elements.get(key or "", {}).get(level) if key != "0" else None

    def label(self, num_pr) -> str:
        key, level = self._key(num_pr)
        if key not in self.levels or key == "0" or level > 8:
            return ""
        levels = self.levels[key]
        counters = self.counters.setdefault(key, [0] * 9)
        counters[level] += 1
        for deeper in range(level + 1, 9):
            counters[deeper] = 0
        fmt, text, _ = levels.get(level, ("decimal", f"%{level + 1}.", 1))
        if fmt == "bullet":
            return "+" if text.strip() == "+" or level >= 1 else "-"
        if fmt == "none":
            return ""

        def value(match: re.Match) -> str:
            index = int(match.group(1)) - 1
            lvl_fmt, _, start = levels.get(index, ("decimal", "", 1))
            return _format(counters[index] + start - 1 if counters[index] else start, lvl_fmt)

        return re.sub(r"%(\d)", value, text).strip()


LETTERS = "abcdđeghiklmnopqrstuvxy"


def _format(number: int, fmt: str) -> str:
    if fmt in ("upperRoman", "lowerRoman"):
        out = roman(max(number, 1))
        return out if fmt == "upperRoman" else out.lower()
    if fmt in ("lowerLetter", "upperLetter"):
        letter = LETTERS[(number - 1) % len(LETTERS)]
        return letter if fmt == "lowerLetter" else letter.upper()
    return str(number)


def _markup(segments: list[tuple[str, bool, bool]]) -> tuple[str, bool, bool]:
    """Join (text, bold, italic) segments; markup only where emphasis covers part of the line."""
    words = [(t, b, i) for t, b, i in segments if t.strip()]
    all_bold = bool(words) and all(b for _, b, _ in words)
    all_italic = bool(words) and all(i for _, _, i in words)
    if all(b == all_bold and i == all_italic for _, b, i in words):  # one look for the whole line: no markup
        return "".join(t for t, _, _ in segments), all_bold, all_italic
    out = ""
    merged: list[list] = []
    for text, bold, italic in segments:
        bold, italic = (bold and not all_bold), (italic and not all_italic)
        if not text.strip() and merged:  # spaces join the emphasis around them
            merged[-1][0] += text
            continue
        if merged and merged[-1][1] == bold and merged[-1][2] == italic:
            merged[-1][0] += text
        else:
            merged.append([text, bold, italic])
    for text, bold, italic in merged:
        mark = "***" if bold and italic else "**" if bold else "*" if italic else ""
        if mark and text.strip():
            lead, core, trail = re.match(r"^(\s*)(.*?)(\s*)$", text, re.S).groups()  # type: ignore[union-attr]
            out += f"{lead}{mark}{core}{mark}{trail}"
        else:
            out += text
    return out, all_bold, all_italic


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ")
    return (_SPACES.sub(" ", text) if "  " in text else text).strip()


_SPACES = re.compile(r"[ ]{2,}")


def read_lines(path: Path | str) -> list[Line]:
    """Every line of the document in reading order: body paragraphs and table cells."""
    return read_document(path)[0]


def read_document(path: Path | str) -> tuple[list[Line], list[str]]:
    """(every line of the body in reading order, the lines of the page headers and footers)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from generator.word.text import page_header_lines

    document = open_document(path)
    styles, numbering = _Styles(document), ListNumbering(document)
    reading = PartReading(document.element)  # every paragraph's runs and signatures, in one pass
    lines: list[Line] = []
    table_count = 0
    by_signature: dict[str, tuple] = {}  # (style, bold, italic, alignment, numbering) of a paragraph signature
    run_flags: dict[str, tuple[bool | None, bool | None]] = {}  # (bold, italic) a run's own w:rPr sets

    def paragraph_facts(p_element, signature: str) -> tuple:
        """What a paragraph's signature fixes, found on the first paragraph that shows it."""
        if signature not in by_signature:
            from docx.text.paragraph import Paragraph

            para = Paragraph(p_element, document.part)
            style = style_of(para, styles.index)
            try:
                alignment = para.paragraph_format.alignment
                if alignment is None:
                    alignment = styles.alignment(style)
            except ValueError:  # a value Word itself would ignore ("weird"): as if none were set
                alignment = None
            num_pr = p_element.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            num_pr = num_pr if num_pr is not None else styles.numbering(style)
            by_signature[signature] = (style.name if style is not None else "", styles.font(style, "bold"),
                                       styles.font(style, "italic"), alignment, num_pr)
        return by_signature[signature]

    def flags(run) -> tuple[bool | None, bool | None]:
        """Bold and italic as a run's own properties set them (None: from the style)."""
        rpr = run.find(qn("w:rPr"))
        return (_flag(rpr, "w:b"), _flag(rpr, "w:i")) if rpr is not None else (None, None)

    def paragraph(p_element, cell: tuple[int, int, int] | None, row_cells: int = 0) -> None:
        read = reading.of(p_element)
        style_name, style_bold, style_italic, alignment, num_pr = paragraph_facts(p_element, read.signature)
        segments: list[tuple[str, bool, bool]] = []
        runs: list | None = None  # the paragraph's runs, walked for its first new signature (once per look)
        for position, (signature, text) in enumerate(read.runs):
            if text:
                if signature not in run_flags:
                    runs = runs if runs is not None else list(visible_runs(p_element))  # the one pass's order
                    run_flags[signature] = flags(runs[position])
                bold, italic = run_flags[signature]
                segments.append((text, style_bold if bold is None else bold, style_italic if italic is None else italic))
        label = numbering.label(num_pr) if num_pr is not None else ""
        # a soft line break (Shift+Enter) starts a new line as a reader sees it
        parts: list[list[tuple[str, bool, bool]]] = [[]]
        for text, bold, italic in segments:
            chunks = text.split("\n")
            for i, chunk in enumerate(chunks):
                if i:
                    parts.append([])
                parts[-1].append((chunk, bold, italic))
        for i, part in enumerate(parts):
            text, all_bold, all_italic = _markup(part)
            plain = "".join(t for t, _, _ in part)
            if not plain.strip():
                continue
            tabs = [_clean(t) for t in re.split(r"\t+", plain) if t.strip()] if "\t" in plain else [_clean(plain)]
            lines.append(Line(
                text=_clean(text.replace("\t", " ")), plain=_clean(plain.replace("\t", " ")),
                bold=all_bold, italic=all_italic,
                centred=alignment == WD_ALIGN_PARAGRAPH.CENTER, right=alignment == WD_ALIGN_PARAGRAPH.RIGHT,
                style=style_name, cell=cell, row_cells=row_cells,
                label=label if i == 0 else "", tabs=tabs, soft=i > 0))

    def table(tbl) -> None:
        nonlocal table_count
        index = table_count
        table_count += 1
        for r, tr in enumerate(tbl.iter(qn("w:tr"))):
            if next((a for a in tr.iterancestors(W_TBL)), None) is not tbl:
                continue  # a row of a nested table: read with its own table
            cells = tr.findall(qn("w:tc"))
            for c, tc in enumerate(cells):
                for child in blocks(tc):
                    if child.tag == W_P:
                        paragraph(child, (index, r, c), len(cells))
                        # a text box anchored in a cell stands where it is placed, not in the cell's flow
                        # (a signature a .doc put in a frame over the recipients): a column after the row's own
                        for inner in text_box_paragraphs(child):
                            paragraph(inner, (index, r, len(cells) + c), len(cells))
                    elif child.tag == W_TBL:
                        table(child)

    def body_paragraph(p_element) -> None:
        paragraph(p_element, None)
        for inner in text_box_paragraphs(p_element):  # a text box's words, once, after its anchor
            paragraph(inner, None)

    for child in blocks(document.element.body):  # content controls and custom XML blocks opened
        if child.tag == W_P:
            body_paragraph(child)
        else:
            table(child)
    top, bottom = page_header_lines(document)
    return lines, top + bottom

