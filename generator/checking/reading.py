"""A Word file as the rules of `thidua check` see it: the parts of an ND30 document (header, type line,
summary, body, recipients, signature), each paragraph read through checking.paragraph."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path

from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from generator.checking.paragraph import Para, document_defaults, read_of, share_resolutions
from generator.core import nd30
from generator.core.families import AUTHORITY_LINE, UNDOTTED_AUTHORITY, Family, banner_family, detect
from generator.core.nd30 import DOCUMENT_KINDS
from generator.word.lines import ListNumbering
from generator.word.text import (
    W_P,
    W_TBL,
    StyleIndex,
    blocks,
    is_drawn_rule,
    open_document,
    text_box_paragraphs,
)

MM = 36000  # EMU per millimetre
TNR = nd30.FONT
TYPE_LINES = set(DOCUMENT_KINDS) | {nd30.LETTER, "TỜ TRÌNH", "QUY CHẾ", "QUY ĐỊNH", "NGHỊ QUYẾT"}


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


# ------------------------------------------------------------------ the document as the rules see it

class Reading:
    """The parts of a document that the rules look at, found once."""

    def __init__(self, path: Path, family: Family | None = None, kind: str | None = None):
        """`family` and `kind` are what the user stated (`--family`, `--kind`); None: read from the document."""
        self.document = open_document(path)
        self.revisions = any(True for _ in self.document.element.body.iter(qn("w:ins"), qn("w:del")))
        self.defaults = document_defaults(self.document)
        share_resolutions(self.defaults, self.document)
        self.defaults["_numbering"] = ListNumbering(self.document)
        self.defaults["_styles"] = StyleIndex(self.document.styles)
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

    def paragraph_text(self, p_element) -> str:
        """A paragraph's words as a reader sees them (read with every other, in the one pass)."""
        return read_of(p_element, self.defaults).text

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
        """The organisation's title line on the right (ĐẢNG CỘNG SẢN VIỆT NAM, ĐOÀN TNCS HỒ CHÍ MINH, …), in any
        of the forms its family is typed in ("ĐỘI TNTP HỒ CHÍ MINH" as well as the two-line one)."""
        return next((p for p in self.cell_paras(0, 1) + self.page_header_paras
                     if banner_family(p.text) is self.family.key), None)

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
        # with no type line, addressee_index looks only at the first paragraphs (it needs no layout)
        return nd30.LETTER if self.letter_summary is not None or self.addressee_index is not None else None

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


def is_note(text: str) -> bool:
    """"(Đã ký)", "(Ký, đóng dấu)": a note in italics under the posts, not a line of the signature."""
    return text.startswith("(") and text.endswith(")")


def is_prefix_line(text: str) -> bool:
    """An authority line ("TM. ỦY BAN NHÂN DÂN", "T/M BAN THƯỜNG VỤ"), its full stop forgotten or not."""
    if AUTHORITY_LINE.match(text):
        return True
    undotted = UNDOTTED_AUTHORITY.match(text)
    return undotted is not None and undotted.group(2) == undotted.group(2).upper()
