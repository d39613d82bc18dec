"""Plain text of any .docx, one paragraph per line, in reading order (tables included)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from generator.word.limits import NotReadable, bounded, parse_problem

_MACRO_TYPES = (b"application/vnd.ms-word.document.macroEnabled.main+xml",
                b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
                b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml")
_DOCX_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def _openable(path: Path | str | IO[bytes]):
    """A .docm or .dotx is read as the .docx it contains (its macros are never run nor read)."""
    import io
    import zipfile

    with zipfile.ZipFile(path) as archive:
        types = archive.read("[Content_Types].xml")
        if not any(t in types for t in _MACRO_TYPES):
            if not isinstance(path, (str, Path)):
                path.seek(0)
                return path
            return str(path)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as copy:
            for info in archive.infolist():
                data = archive.read(info)
                if info.filename == "[Content_Types].xml":
                    for macro_type in _MACRO_TYPES:
                        data = data.replace(macro_type, _DOCX_TYPE)
                copy.writestr(info, data)
    out.seek(0)
    return out


MAX_STYLE_CHAIN = 50  # Word allows far fewer; a file whose styles loop must not hang a command


def remembered(cache: dict, key, compute: Callable):
    """`compute()` once per key in a document's `cache`: the one memo of the Word readers (a style's value
    up its chain, a formatting signature's resolution), so that no reading grows with the square of the
    length."""
    if key not in cache:
        cache[key] = compute()
    return cache[key]


class StyleIndex:
    """A document's styles by id, read once, looked up as python-docx looks them up (an id of no style,
    or of a style of another type, gives that type's default). python-docx searches styles.xml with an
    XPath on every lookup (a paragraph's style, a base style, a run's character style): a third of
    `check`'s time on a short document. One index per document, shared by `check` and `import`."""

    def __init__(self, styles) -> None:
        """`styles`: a python-docx Styles (document.styles)."""
        self._styles = styles
        self._elements: dict[str, Any] = {}
        for element in styles.element.findall(W_STYLE):  # the first of a repeated id wins, as in python-docx
            self._elements.setdefault(element.get(W_STYLE_ID), element)
        self._made: dict[tuple[str | None, Any], Any] = {}

    @classmethod
    def of(cls, paragraph) -> StyleIndex:
        """The index of the document a python-docx paragraph (of the body, a cell, a header) belongs to."""
        return cls(paragraph.part.package.main_document_part.styles)

    def get(self, style_id: str | None, style_type) -> Any:
        """The style `style_id` names, of `style_type` (WD_STYLE_TYPE); None for a file Word would refuse."""
        key = (style_id, style_type)
        if key not in self._made:
            try:
                self._made[key] = self._find(style_id, style_type)
            except (ValueError, TypeError, KeyError):
                self._made[key] = None
        return self._made[key]

    def _find(self, style_id: str | None, style_type) -> Any:
        from docx.styles.style import StyleFactory

        element = self._elements.get(style_id) if style_id else None
        if element is None or element.type != style_type:
            return self._styles.default(style_type)
        return StyleFactory(element)

    def base(self, style) -> Any:
        """The style `style` is based on, None at the end of the chain (or for a base it names but lacks)."""
        based_on = style.element.find(W_BASED_ON)
        name = based_on.get(W_VAL) if based_on is not None else None
        element = self._elements.get(name) if name else None
        if element is None:
            return None
        return self.get(name, element.type)


def style_chain(style, index: StyleIndex | None = None):
    """The style and its base styles, nearest first (a loop, or a chain too long, ends it); with the
    document's `index`, each base is found there rather than by python-docx's search."""
    seen: set[str] = set()
    while style is not None and len(seen) < MAX_STYLE_CHAIN:
        key = style.style_id or style.name or str(id(style))
        if key in seen:
            return
        seen.add(key)
        yield style
        try:
            style = index.base(style) if index is not None else style.base_style
        except (ValueError, KeyError):  # a base style the file names but does not define
            return


def inherited(style, read: Callable, index: StyleIndex | None = None):
    """The first value `read(style)` gives along the style's base-style chain."""
    return next((value for s in style_chain(style, index) if (value := read(s)) is not None), None)


def is_drawn_rule(text: str) -> bool:
    """A line drawn with characters: "______", or the "*", "***", "-----" of Party and Đoàn documents."""
    bare = text.replace(" ", "")
    return bool(bare) and any(set(bare) <= {mark} for mark in "_*-=")


def open_document(path: Path | str | IO[bytes]):
    """A python-docx Document of a .docx, .docm, .dotx or .dotm (nothing in it is ever run), once it is
    known to be within the limits of a document (word.limits)."""

    bounded(path)
    try:
        return Document(_openable(path))
    except etree.XMLSyntaxError as exc:
        raise NotReadable(parse_problem(exc)) from None


W_R, W_T, W_TAB = qn("w:r"), qn("w:t"), qn("w:tab")
_BREAKS = (qn("w:br"), qn("w:cr"))
NOT_SHOWN = frozenset({qn("w:del"), qn("w:moveFrom")})  # tracked removals: read as if accepted
W_TXBX = qn("w:txbxContent")
W_P, W_TBL = qn("w:p"), qn("w:tbl")
# block-level wrappers whose paragraphs Word shows as any other: content controls, custom XML, a tracked block
BLOCK_WRAPPERS = frozenset({qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml"), qn("w:ins"), qn("w:smartTag")})


def blocks(container) -> Iterator:
    """The w:p and w:tbl elements of a body, cell, header or footer in reading order, with the ones
    inside content controls and custom XML blocks (not those of nested tables or text boxes)."""
    for child in container:
        if child.tag == W_P or child.tag == W_TBL:
            yield child
        elif child.tag in BLOCK_WRAPPERS:
            yield from blocks(child)
W_RPR, W_VANISH, W_VAL, W_TYPE = qn("w:rPr"), qn("w:vanish"), qn("w:val"), qn("w:type")
W_NO_BREAK_HYPHEN = qn("w:noBreakHyphen")
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_NESTED = frozenset({W_TXBX, MC_FALLBACK})


def shown(run, paragraph=None) -> bool:
    """Whether Word prints this run: not a tracked removal (deleted, moved away), not hidden text;
    with `paragraph`, also whether it is that paragraph's own (see _own)."""
    if paragraph is None or run.getparent() is not paragraph:  # most runs stand right in their paragraph
        for ancestor in run.iterancestors():
            if ancestor is paragraph:
                break
            if ancestor.tag in NOT_SHOWN or (paragraph is not None and ancestor.tag in _NESTED):
                return False
    rpr = run.find(W_RPR)
    hidden = rpr.find(W_VANISH) if rpr is not None else None
    return hidden is None or hidden.get(W_VAL) in ("0", "false", "off")


def visible_runs(p_element):
    """The runs of a paragraph a reader sees, in order: the one reading that `check`, `text`,
    `import` and `diff` share, so that they never disagree on a document's words. A run of a text
    box anchored in the paragraph (read as its own paragraphs) or of the copy of a drawing Word
    keeps for older readers (mc:Fallback) is not the paragraph's: each word is read once."""
    return (run for run in p_element.iter(W_R) if shown(run, p_element))


def text_box_paragraphs(p_element) -> list:
    """The paragraphs of the text boxes anchored in a paragraph, each once: not the fallback copy, and a
    box inside another box (a shape grouped in a box) read with the outer box's paragraphs, not again."""
    return [inner for box in p_element.iter(W_TXBX) if _outermost(box, p_element) for inner in box.iter(W_P)]


def _outermost(box, anchor) -> bool:
    for ancestor in box.iterancestors():
        if ancestor is anchor:
            return True
        if ancestor.tag in _NESTED:  # inside the fallback copy, or inside an outer box
            return False
    return True


def run_pieces(run) -> list[str]:
    """A run's text: "\n" for a line break (Shift+Enter), "\t" for a tab, "-" for Word's
    non-breaking hyphen ("Quốc phòng‑an ninh"); an optional hyphen is not printed."""
    pieces = []
    for child in run:
        if child.tag == W_T:
            pieces.append(child.text or "")
        elif child.tag == W_TAB:
            pieces.append("\t")
        elif child.tag in _BREAKS and child.get(W_TYPE) in (None, "textWrapping"):
            pieces.append("\n")
        elif child.tag == W_NO_BREAK_HYPHEN:
            pieces.append("-")
    return pieces


W_PPR, W_PSTYLE = qn("w:pPr"), qn("w:pStyle")
W_STYLE, W_STYLE_ID, W_BASED_ON = qn("w:style"), qn("w:styleId"), qn("w:basedOn")


def style_of(paragraph, index: StyleIndex) -> Any:
    """A python-docx paragraph's style, from the document's index; None for one Word would ignore."""
    from docx.enum.style import WD_STYLE_TYPE

    properties = paragraph._p.find(W_PPR)
    named = properties.find(W_PSTYLE) if properties is not None else None
    return index.get(named.get(W_VAL) if named is not None else None, WD_STYLE_TYPE.PARAGRAPH)


def visible_run_texts(p_element) -> list[tuple[Any, str]]:
    """Each run a reader sees with its text (see run_pieces): read once where both are needed."""
    return [(run, "".join(run_pieces(run))) for run in visible_runs(p_element)]


def paragraph_text(p_element) -> str:
    """The words of a paragraph as a reader sees them: a tab or a line break (Shift+Enter) parts words."""
    return "".join(text for _, text in visible_run_texts(p_element))


def paragraph_texts(root) -> dict[Any, str]:
    """Each paragraph of the part `root` stands in (a document, a header) with its words, as
    paragraph_text gives them, read in one pass (word.onepass)."""
    from generator.word.onepass import PartReading

    reading = PartReading(root, signatures=False)
    return {p: reading.of(p).text for p in reading.top.iter(W_P)}


def docx_paragraphs(source: Path | str | IO[bytes], page_headers: bool = False) -> list[str]:
    """Every paragraph of the body, table cells row by row, empty ones left out; with
    `page_headers`, the text of page headers first and of footers last (a Party banner or a
    "BẢN SAO" mark may stand there), page numbers left out."""
    document = open_document(source)  # a stream (an upload) is bounded like a file
    lines = _texts(document.element.body)
    if not page_headers:
        return lines
    top, bottom = page_header_lines(document)
    return top + lines + bottom


def page_header_lines(document) -> tuple[list[str], list[str]]:
    """(the page headers' lines, the page footers' lines) of every section, page numbers left out."""
    top: list[str] = []
    bottom: list[str] = []
    for section in document.sections:
        for header in (section.first_page_header, section.header):
            if not header.is_linked_to_previous:
                top += [t for t in _texts(header._element) if not t.isdigit() and t not in top]
        for footer in (section.first_page_footer, section.footer):
            if not footer.is_linked_to_previous:
                bottom += [t for t in _texts(footer._element) if not t.isdigit() and t not in bottom]
    return top, bottom


def _texts(element) -> list[str]:
    lines = []
    words = paragraph_texts(element)
    for p_element in element.iter(qn("w:p")):
        if any(a.tag == MC_FALLBACK for a in p_element.iterancestors()):
            continue  # the copy of a text box kept for older readers: its words are read from the original
        text = words[p_element].strip()
        if text:
            lines.append(text)
    return lines
