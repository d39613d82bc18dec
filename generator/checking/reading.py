"""A Word file as the rules of `thidua check` see it: effective formatting of each paragraph
(styles, document defaults, tracked changes accepted) and the parts of an ND30 document.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from functools import cached_property
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Length
from docx.table import Table
from docx.text.paragraph import Paragraph

from generator.core import nd30
from generator.core.families import AUTHORITY_LINE, UNDOTTED_AUTHORITY, Family, banner_family, detect
from generator.plan.model import DOCUMENT_KINDS
from generator.word.drawn import twips
from generator.word.lines import ListNumbering
from generator.word.text import (
    W_P,
    W_TBL,
    blocks,
    inherited,
    is_drawn_rule,
    open_document,
    style_chain,
    text_box_paragraphs,
    visible_run_texts,
)

MM = 36000  # EMU per millimetre
TNR = nd30.FONT


# ------------------------------------------------------------------ effective formatting


def _safe(read: Callable):
    """A value Word would ignore (w:jc="weird", w:sz="abc") reads as not set, as Word shows it."""
    try:
        return read()
    except (ValueError, TypeError, KeyError):
        return None


TYPE_LINES = set(DOCUMENT_KINDS) | {"CÔNG VĂN", "TỜ TRÌNH", "QUY CHẾ", "QUY ĐỊNH", "NGHỊ QUYẾT"}


def cell_paragraphs(cell) -> list[Paragraph]:
    """A cell's paragraphs, those inside its content controls included."""
    return [Paragraph(e, cell) for e in blocks(cell._tc) if e.tag == W_P]


def distinct_cells(rows: Iterable) -> list:
    """The cells of these rows in reading order, a merged one once however many rows or columns it spans."""
    seen: set = set()  # the cell elements themselves (held, so that none is freed and reused)
    cells = []
    for row in rows:
        for cell in row.cells:
            if cell._tc not in seen:
                seen.add(cell._tc)
                cells.append(cell)
    return cells


def _looks_like_a_header(tbl) -> bool:
    text = "".join(t.text or "" for t in tbl.iter(qn("w:t")))
    return "Số" in text or banner_family(text) is not None


def kind_named(text: str) -> str | None:
    """The type line of a kind a user names (`--kind "kế hoạch"`, `KH`), None for an unknown one."""
    wanted = " ".join(unicodedata.normalize("NFC", text).split()).upper()
    if wanted in TYPE_LINES:
        return wanted
    return next((kind for kind, (symbol, _) in DOCUMENT_KINDS.items() if symbol.upper() == wanted), None)


def _cached(defaults: dict, table: str, key, compute: Callable):
    """A value computed once per document (the defaults dict is the document's): python-docx looks a
    style up by scanning every style, which made `check` grow with the square of the length."""
    cache = defaults.setdefault(f"_{table}", {})
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def _style_id(element, tag: str) -> str | None:
    found = element.find(f"{qn(tag)}") if element is not None else None
    return found.get(qn("w:val")) if found is not None else None


_UNSET = object()


class Para:
    """A paragraph with its formatting resolved through the style chain."""

    def __init__(self, paragraph, defaults: dict):
        self.p = paragraph
        # the runs Word shows, read once: the text and the formatting rules both walk them
        self._visible = visible_run_texts(paragraph._p)
        self.text = "".join(text for _, text in self._visible).strip()
        self.defaults = defaults
        self._runs: list | None = None
        self._formats: dict[str, object] = {}
        self._style: object = _UNSET

    @property
    def style(self):
        """The paragraph's style (looked up once per style in the document)."""
        if self._style is _UNSET:
            self._style = _cached(self.defaults, "pstyles", _style_id(self.p._p.pPr, "w:pStyle"),
                                  lambda: _safe(lambda: self.p.style))
        return self._style

    def pformat(self, name: str):
        """Direct formatting, then the style chain, then the document defaults (as Word renders it)."""
        if name in self._formats:
            return self._formats[name]
        value = _safe(lambda: getattr(self.p.paragraph_format, name))
        if value is None:
            style = self.style
            value = _cached(self.defaults, "pformat", (getattr(style, "style_id", None), name), lambda: _safe(
                lambda: inherited(style, lambda s: getattr(s.paragraph_format, name))))
        value = value if value is not None else self.defaults.get(f"paragraph.{name}")
        self._formats[name] = value
        return value

    def runs(self):
        """The runs with text, tracked insertions included (read as if accepted), deletions left out."""
        from docx.text.run import Run

        if self._runs is None:
            self._runs = [Run(r, self.p) for r, text in self._visible if text.strip()]
        return self._runs

    def _character_style(self, run):
        style_id = _style_id(run._r.rPr, "w:rStyle")
        if style_id is None:
            return None  # the default character style sets nothing
        return _cached(self.defaults, "rstyles", style_id, lambda: _safe(lambda: run.style))

    def font(self, run, name: str):
        value = _safe(lambda: getattr(run.font, name))
        character = self._character_style(run)
        if value is None and character is not None and character.type == 2:
            value = _cached(self.defaults, "rfont", (character.style_id, name), lambda: _safe(
                lambda: inherited(character, lambda s: getattr(s.font, name))))
        if value is None:
            style = self.style
            value = _cached(self.defaults, "pfont", (getattr(style, "style_id", None), name), lambda: _safe(
                lambda: inherited(style, lambda s: getattr(s.font, name))))
        return value if value is not None else self.defaults.get(name)

    def font_names(self, run) -> set[str | None]:
        """The fonts Word shows a run's letters in: the ASCII slot and the one for other Latin letters
        (hAnsi: every Vietnamese letter with a mark), each from the run, its character style, the
        paragraph's style chain or the defaults; a theme font (asciiTheme…) wins over a name beside
        it, as in Word, and is read from the theme. None: not stated anywhere."""
        levels = [run._r.rPr, *(s.element.rPr for start in (self._character_style(run), self.style)
                                 for s in self._chain(start)), self.defaults.get("_rpr_default")]
        names: set[str | None] = set()
        for slot in ("ascii", "hAnsi"):
            names.add(next((found for rpr in levels if (found := self._slot(rpr, slot)) is not None), None))
        return names

    def _slot(self, rpr, slot: str) -> str | None:
        fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
        if fonts is None:
            return None
        theme = fonts.get(qn(f"w:{slot}Theme"))
        if theme:
            return self.defaults.get("_theme", {}).get(theme, f"(theme {theme})")
        return fonts.get(qn(f"w:{slot}"))

    def all_runs(self, name: str, test: Callable[[object], bool]) -> bool | None:
        runs = self.runs()
        if not runs:
            return None
        return all(test(self.font(r, name)) for r in runs)

    def _chain(self, style) -> list:
        """A style and the ones it is based on, walked once per style in the document."""
        if style is None:
            return []
        return _cached(self.defaults, "chain", style.style_id, lambda: list(style_chain(style)))

    @cached_property
    def list_level(self):
        """The w:lvl of Word's list numbering this paragraph shows (its own numPr, else its style's); None:
        not numbered."""
        numbering = self.defaults.get("_numbering")
        if numbering is None:
            return None
        ppr = self.p._p.pPr
        num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
        if num_pr is None:
            style = self.style
            num_pr = _cached(self.defaults, "snumpr", getattr(style, "style_id", None), lambda: next(
                (found for s in self._chain(style) if (found := s.element.find(f"{qn('w:pPr')}/{qn('w:numPr')}"))
                 is not None), None))
        return numbering.level(num_pr) if num_pr is not None else None

    def list_format(self) -> str | None:
        """"upperRoman", "decimal", "bullet", …: how Word numbers this paragraph; None: not numbered."""
        level = self.list_level
        fmt = level.find(qn("w:numFmt")) if level is not None else None
        return fmt.get(qn("w:val"), "decimal") if fmt is not None else ("decimal" if level is not None else None)

    def numbered_first_line_cm(self) -> float | None:
        """Where a numbered paragraph's first line (its number) starts, in cm from the margin: the left
        indent and the first-line or hanging indent, from the paragraph, its list level and its style chain."""
        level = self.list_level
        own = level.find(qn("w:pPr")) if level is not None else None
        styles = [s.element.pPr for s in self._chain(self.style)]
        ppr = self.p._p.pPr
        direct = ppr is not None and ppr.find(qn("w:numPr")) is not None
        # Word's order: numbering set on the paragraph comes before its style's indents; set in the style, after
        levels = [ppr, own, *styles] if direct else [ppr, *styles, own]
        indents = [ind for ppr in levels if ppr is not None and (ind := ppr.find(qn("w:ind"))) is not None]

        left = next((v for ind in indents if (v := twips(ind, "w:left", "w:start")) is not None), 0)
        first = next(((twips(ind, "w:firstLine") or 0) - (twips(ind, "w:hanging") or 0) for ind in indents
                      if ind.get(qn("w:firstLine")) is not None or ind.get(qn("w:hanging")) is not None), 0)
        return (left + first) / 567

    def sizes(self) -> set[float]:
        return {self.font(r, "size").pt for r in self.runs() if self.font(r, "size") is not None}

    @property
    def bold(self) -> bool | None:
        return self.all_runs("bold", bool)

    @property
    def italic(self) -> bool | None:
        return self.all_runs("italic", bool)

    @property
    def centred(self) -> bool:
        return self.pformat("alignment") == WD_ALIGN_PARAGRAPH.CENTER


def _theme_fonts(document) -> dict[str, str]:
    """The theme's fonts by the names rFonts gives them (minorHAnsi, majorAscii, …)."""
    part = next((rel.target_part for rel in document.part.rels.values() if rel.reltype.endswith("/theme")), None)
    if part is None:
        return {}
    from lxml import etree

    try:
        root = etree.fromstring(part.blob)
    except etree.XMLSyntaxError:
        return {}
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    found = {}
    for scheme, prefix in (("majorFont", "major"), ("minorFont", "minor")):
        latin = root.find(f".//{a}fontScheme/{a}{scheme}/{a}latin")
        if latin is not None and latin.get("typeface"):
            for slot in ("Ascii", "HAnsi"):
                found[f"{prefix}{slot}"] = latin.get("typeface")
    return found


def _defaults(document) -> dict:
    defaults: dict = {"bold": False, "italic": False, "_theme": _theme_fonts(document)}
    rpr = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    defaults["_rpr_default"] = rpr
    if rpr is not None:
        size = rpr.find(qn("w:sz"))
        if size is not None:
            defaults["size"] = Length(int(size.get(qn("w:val"))) * 6350)
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is not None and fonts.get(qn("w:ascii")):
            defaults["name"] = fonts.get(qn("w:ascii"))
    defaults.setdefault("size", Length(10 * 12700))  # Word's built-in default
    ppr = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}")
    if ppr is not None:  # paragraph defaults: what Word and LibreOffice apply when nothing else says
        defaults.update(_paragraph_defaults(ppr))
    return defaults


def _paragraph_defaults(ppr) -> dict:
    found: dict = {}
    jc = ppr.find(qn("w:jc"))
    if jc is not None:
        value = jc.get(qn("w:val"))
        found["paragraph.alignment"] = {"both": WD_ALIGN_PARAGRAPH.JUSTIFY, "center": WD_ALIGN_PARAGRAPH.CENTER,
                                        "left": WD_ALIGN_PARAGRAPH.LEFT, "start": WD_ALIGN_PARAGRAPH.LEFT,
                                        "right": WD_ALIGN_PARAGRAPH.RIGHT, "end": WD_ALIGN_PARAGRAPH.RIGHT,
                                        "distribute": WD_ALIGN_PARAGRAPH.DISTRIBUTE}.get(value)
    ind = ppr.find(qn("w:ind"))
    if ind is not None and ind.get(qn("w:firstLine")):
        found["paragraph.first_line_indent"] = Length(int(ind.get(qn("w:firstLine"))) * 635)
    spacing = ppr.find(qn("w:spacing"))
    if spacing is not None:
        for attr, name in (("w:before", "space_before"), ("w:after", "space_after")):
            if spacing.get(qn(attr)):
                found[f"paragraph.{name}"] = Length(int(spacing.get(qn(attr))) * 635)
        line, rule = spacing.get(qn("w:line")), spacing.get(qn("w:lineRule"))
        if line and rule in (None, "auto"):
            found["paragraph.line_spacing"] = int(line) / 240
    return {k: v for k, v in found.items() if v is not None}


# ------------------------------------------------------------------ the document as the rules see it

class Reading:
    """The parts of a document that the rules look at, found once."""

    def __init__(self, path: Path, family: Family | None = None, kind: str | None = None):
        """`family` and `kind` are what the user stated (`--family`, `--kind`); None: read from the document."""
        self.document = open_document(path)
        self.revisions = any(True for _ in self.document.element.body.iter(qn("w:ins"), qn("w:del")))
        self.defaults = _defaults(self.document)
        self.defaults["_numbering"] = ListNumbering(self.document)
        parent = self.document._body
        items = [Para(Paragraph(e, parent), self.defaults) if e.tag == W_P else Table(e, parent)
                 for e in blocks(self.document.element.body)]  # content controls and custom XML opened
        self.tables = [item for item in items if isinstance(item, Table)]
        self.header_table = self._header_table(items)
        others = [t for t in self.tables if t is not self.header_table]  # the header may stand in the page header
        self.signature_table = others[-1] if others and (self.header_table is not None or len(others) > 1) else None
        self.body = [item for item in items if isinstance(item, Para) and item.text]
        self.stated_kind = kind
        self.kind_index = next((i for i, p in enumerate(self.body) if p.text == kind), None) if kind else None
        if self.kind_index is None:
            self.kind_index = next((i for i, p in enumerate(self.body) if p.text in TYPE_LINES), None)
        self._cells: dict[tuple[int, int], list[Para]] = {}
        self.detected_family = self._family()
        self.family = family or self.detected_family

    def _header_table(self, items: list) -> Table | None:
        """The header table: the first table, with at most two lines of text above it (empty paragraphs are
        not counted); else a table in the first page's header part holding the number or the national name."""
        lines_above = 0
        for item in items:
            if isinstance(item, Table):
                return item if lines_above <= 2 else None
            lines_above += bool(item.text)
            if lines_above > 2:
                break
        if not self.sections:
            return None
        section = self.sections[0]
        parts = [section.first_page_header] if section.different_first_page_header_footer else []
        for part in parts + [section.header]:
            if part.is_linked_to_previous:
                continue
            for element in blocks(part._element):
                if element.tag == W_TBL and _looks_like_a_header(element):
                    return Table(element, part)
        return None

    def _family(self) -> Family:
        """The issuer family, from the banner (header cell or page header) and the number line."""
        texts = [p.text for p in self.cell_paras(0, 1)] + [p.text for p in self.cell_paras(0, 0)]
        texts += [p.text for p in self.page_header_paras]
        number = next((p.text for p in self.cell_paras(1, 0) + self.cell_paras(0, 0) if p.text.startswith("Số")), "")
        return detect(" ".join(texts), number)

    @cached_property
    def page_header_paras(self) -> list[Para]:
        """Text in the page headers of every section (a banner is sometimes placed there)."""
        found: list[Para] = []
        for section in self.sections:
            for header in (section.header, section.first_page_header):
                if not header.is_linked_to_previous:
                    found += [q for q in (Para(p, self.defaults) for p in header.paragraphs) if q.text]
        return found

    def banner(self) -> Para | None:
        """The organisation's title line on the right (ĐẢNG CỘNG SẢN VIỆT NAM, ĐOÀN TNCS HỒ CHÍ MINH, …)."""
        first = self.family.banner[0]
        return next((p for p in self.cell_paras(0, 1) + self.page_header_paras if first in p.text.upper()), None)

    def cell_paras(self, row: int, col: int) -> list[Para]:
        """The paragraphs of a header cell, the same objects on every call: column 0 is the issuer's side,
        column 1 the national name's (in a header of three columns, the first and the last with text)."""
        if (row, col) not in self._cells:
            found: list[Para] = []
            if self.header_table is not None and len(self.header_table.rows) > row:
                columns = [self._paras_of(cell) for cell in distinct_cells([self.header_table.rows[row]])]
                if len(columns) > 2:
                    columns = [paras for paras in columns if paras] or columns
                    columns = [columns[0], columns[-1]] if len(columns) > 1 else columns
                if len(columns) > col:
                    found = columns[col]
            self._cells[(row, col)] = found
        return self._cells[(row, col)]

    def _paras_of(self, cell) -> list[Para]:
        return [q for q in (Para(p, self.defaults) for p in cell_paragraphs(cell)) if q.text]

    def all_paragraphs(self) -> Iterable[Para]:
        return self._all_paragraphs

    @cached_property
    def _all_paragraphs(self) -> list[Para]:
        """The body's paragraphs, then every table cell's, each read once for every rule."""
        found = list(self.body)
        for table in self.tables:
            for cell in distinct_cells(table.rows):
                found += self._paras_of(cell)
        return found

    @cached_property
    def sections(self) -> list:
        """The document's sections, found once (python-docx searches the whole body on every access)."""
        return list(self.document.sections)

    @property
    def kind(self) -> Para | None:
        return self.body[self.kind_index] if self.kind_index is not None else None

    @property
    def kind_name(self) -> str | None:
        """The kind the rules are chosen by: the one stated, else the type line read, else a công văn's
        "V/v …" or "Kính gửi:" (a công văn has no type line)."""
        if self.stated_kind or self.kind is not None:
            return self.stated_kind or (self.kind.text if self.kind is not None else None)
        addressed = any(p.text.startswith("Kính gửi") for p in self.body[:12])
        return nd30.LETTER if self.letter_summary is not None or addressed else None

    @property
    def is_letter(self) -> bool:
        return not self.layout.type_line

    @cached_property
    def letter_summary(self) -> Para | None:
        """A công văn's "V/v …" under the number, in the header's left column (ô 5b)."""
        if self.header_table is None:
            return None
        return next((p for p in self.cell_paras(1, 0) + self.cell_paras(0, 0) if p.text.startswith("V/v")), None)

    @cached_property
    def addressee_index(self) -> int | None:
        """Where "Kính gửi:" stands (ô 9a): among a công văn's first paragraphs, or right under the summary of
        a kind that may be addressed (a báo cáo or tờ trình to a superior)."""
        if self.kind_index is None:
            return next((i for i, p in enumerate(self.body[:12]) if p.text.startswith("Kính gửi")), None)
        start = self._summary_end()
        if not self.layout.addressee or start >= len(self.body):
            return None
        return start if self.body[start].text.startswith("Kính gửi") else None

    def addressees(self) -> list[Para]:
        """"Kính gửi: …" and the addressee lines under it ("- Sở Nội vụ;")."""
        if self.addressee_index is None:
            return []
        lines = [self.body[self.addressee_index]]
        for p in self.body[self.addressee_index + 1:]:
            if not p.text.startswith(("-", "–", "+")):
                break
            lines.append(p)
        return lines

    @property
    def summary(self) -> Para | None:
        if self.kind_index is None or self.kind_index + 1 >= len(self.body):
            return None
        summary = self.body[self.kind_index + 1]
        return None if is_drawn_rule(summary.text) else summary

    @property
    def layout(self) -> nd30.KindLayout:
        return nd30.KIND_LAYOUTS.get(self.kind_name or "", nd30.NAMED_KIND_LAYOUT)

    def _summary_end(self) -> int:
        """The first paragraph after the type line, the summary and its rule (a type line was found)."""
        start = (self.kind_index or 0) + 2
        if start < len(self.body) and is_drawn_rule(self.body[start].text):
            start += 1
        return start

    def _after_summary(self) -> int | None:
        """Where the body starts: after the summary, and after the addressees where there are some."""
        at = self.addressee_index
        if self.kind_index is None:  # a công văn
            return at + len(self.addressees()) if self.is_letter and at is not None else None
        return at + len(self.addressees()) if at is not None else self._summary_end()

    @cached_property
    def authority_line(self) -> Para | None:
        """A decision's "THẨM QUYỀN BAN HÀNH" line under the summary ("CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ …")."""
        start = self._after_summary()
        if start is None or not self.layout.authority_line or start >= len(self.body):
            return None
        line = self.body[start]
        return line if line.text == line.text.upper() and not line.text.startswith(("CĂN CỨ", "QUYẾT")) else None

    @cached_property
    def operative_line(self) -> Para | None:
        """"QUYẾT ĐỊNH:" (or "QUYẾT NGHỊ:") above a decision's articles."""
        wanted = self.layout.operative
        if wanted is None:
            return None
        bare = wanted.rstrip(":")
        return next((p for p in self.body[self._after_summary() or 0:]
                     if p.text.replace(" ", "").rstrip(":") == bare.replace(" ", "")), None)

    def body_paragraphs(self) -> list[Para] | None:
        """The paragraphs after the summary (and its rule, when there is one), a decision's authority and
        operative lines left out; None: no summary found. The same list on every call (do not change it)."""
        return self._body_paragraphs

    @cached_property
    def _body_paragraphs(self) -> list[Para] | None:
        start = self._after_summary()
        if start is None:
            return None
        structure = {id(p) for p in (self.authority_line, self.operative_line) if p is not None}
        body = []
        for p in self.body[start:]:
            if p.text.startswith("Nơi nhận") or is_prefix_line(p.text) or p.text in TYPE_LINES:
                break  # recipients and signature typed as paragraphs, or an attached document: not this body
            if not _in_table(p) and id(p) not in structure:
                body.append(p)
        return body

    def _signature_cell_paras(self) -> list[list[Para]]:
        """Each cell's paragraphs; a text box anchored in a cell (a .doc's frame holding the signature) is
        a block of its own, after the cell: it stands where it is placed, not in the cell's flow."""
        if self.signature_table is None:
            return []
        found = []
        for cell in distinct_cells(self.signature_table.rows):
            found.append(self._paras_of(cell))
            for anchor in cell_paragraphs(cell):
                boxed = (Para(Paragraph(inner, cell), self.defaults) for inner in text_box_paragraphs(anchor._p))
                found.append([q for q in boxed if q.text])
        return [paras for paras in found if paras]

    @cached_property
    def _split_cells(self) -> tuple[list[Para], list[list[Para]]]:
        """(the recipients, every signature block): a cell may hold a block above its recipients."""
        recipients: list[Para] = []
        blocks: list[list[Para]] = []
        for cell in self._signature_cell_paras():
            start = next((i for i, p in enumerate(cell) if p.text.startswith("Nơi nhận")), len(cell))
            if start < len(cell) and not recipients:
                recipients = cell[start:]
            if cell[:start]:
                blocks.append(cell[:start])
        return recipients, blocks

    def recipients(self) -> list[Para]:
        """'Nơi nhận:' and its lines ([] when there is none)."""
        return self._split_cells[0]

    def signature_blocks(self) -> list[list[Para]]:
        """Every signature block: the signer's, a joint issuer's, an approval block."""
        return self._split_cells[1]

    def text_width_pt(self) -> float:
        if not self.sections:
            return nd30.TEXT_WIDTH_PT
        section = self.sections[0]
        if section.page_width is None or section.left_margin is None or section.right_margin is None:
            return nd30.TEXT_WIDTH_PT
        return (section.page_width - section.left_margin - section.right_margin) / 12700


def _in_table(p: Para) -> bool:
    return p.p._p.getparent().tag == qn("w:tc")


def line_spacing_ok(p: Para) -> bool:
    rule, spacing = p.pformat("line_spacing_rule"), p.pformat("line_spacing")
    if spacing is None:
        return True  # Word's default is single
    if isinstance(spacing, float):
        return 1.0 <= spacing <= 1.5
    size = max(p.sizes() or {14})
    if rule in (WD_LINE_SPACING.EXACTLY, WD_LINE_SPACING.AT_LEAST):
        return size * 1.0 <= spacing.pt <= size * 1.5 * 1.2
    return True


def is_note(text: str) -> bool:
    """"(Đã ký)", "(Ký, đóng dấu)": a note in italics under the posts, not a line of the signature."""
    return text.startswith("(") and text.endswith(")")


def is_prefix_line(text: str) -> bool:
    """An authority line ("TM. ỦY BAN NHÂN DÂN", "T/M BAN THƯỜNG VỤ"), its full stop forgotten or not."""
    if AUTHORITY_LINE.match(text):
        return True
    undotted = UNDOTTED_AUTHORITY.match(text)
    return undotted is not None and undotted.group(2) == undotted.group(2).upper()
