"""One paragraph of a Word file as Word renders it, for `thidua check`: its text as a reader sees it and
its effective formatting (direct formatting, character and paragraph style chains, theme fonts, the
document defaults), each style looked up once per document."""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable
from typing import NamedTuple

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Length
from lxml import etree

from generator.word.drawn import twips
from generator.word.onepass import part_reading
from generator.word.text import StyleIndex, inherited, remembered, style_chain, style_of, visible_runs


def _safe(read: Callable):
    """A value Word would ignore (w:jc="weird", w:sz="abc") reads as not set, as Word shows it."""
    try:
        return read()
    except (ValueError, TypeError, KeyError):
        return None


def _cached(defaults: dict, table: str, key, compute: Callable):
    """A value computed once per document (the defaults dict is the document's), in its table."""
    return remembered(defaults.setdefault(f"_{table}", {}), key, compute)


def _style_id(element, tag: str) -> str | None:
    """The w:val of `tag` (a qualified name: W_RSTYLE) in these properties."""
    found = element.find(tag) if element is not None else None
    return found.get(_W_VAL) if found is not None else None


_W_VAL, W_RSTYLE = qn("w:val"), qn("w:rStyle")


_UNSET = object()


W_PPR, W_RPR, W_RFONTS, W_HINT = qn("w:pPr"), qn("w:rPr"), qn("w:rFonts"), qn("w:hint")


# The child of w:pPr / w:rPr that holds each property read here: where it is absent the property is not set
# directly, and python-docx's slower object layer need not be asked (most paragraphs take it all from a style).
_PPR_CHILD = {"alignment": qn("w:jc"), "first_line_indent": qn("w:ind"), "left_indent": qn("w:ind"),
              "right_indent": qn("w:ind"), "space_before": qn("w:spacing"), "space_after": qn("w:spacing"),
              "line_spacing": qn("w:spacing"), "line_spacing_rule": qn("w:spacing")}


_RPR_CHILD = {"size": qn("w:sz"), "bold": qn("w:b"), "italic": qn("w:i"), "underline": qn("w:u"),
              "all_caps": qn("w:caps")}


_SLOT_ATTRIBUTES = {slot: (qn(f"w:{slot}Theme"), qn(f"w:{slot}")) for slot in ("ascii", "hAnsi", "eastAsia")}


def _set_directly(properties, child: str | None) -> bool:
    """Whether a property may be set in these w:pPr / w:rPr (True for one not mapped: always asked)."""
    return child is None or (properties is not None and properties.find(child) is not None)


def read_of(p_element, defaults: dict):
    """A paragraph as the one pass read it, its part read once per document (in `defaults`)."""
    return part_reading(p_element, defaults.setdefault("_part_readings", {})).of(p_element)


class RunRef(NamedTuple):
    """A run a reader sees, as the one-pass reading gives it: its place among the paragraph's visible
    runs, what fixes its formatting, its text."""

    position: int
    signature: str
    text: str


class Para:
    """A paragraph with its formatting resolved through the style chain.

    Its words and signatures come from the one-pass reading of its part (word.onepass); formatting is
    resolved once per signature in a document, through python-docx, on the first paragraph or run
    that shows it: only then are the paragraph's runs walked in Python."""

    def __init__(self, paragraph, defaults: dict):
        self.p = paragraph
        self.defaults = defaults
        self._read = read_of(paragraph._p, defaults)
        self.raw_text = self._read.text
        self.text = self.raw_text.strip()
        self._runs: list[RunRef] | None = None
        self._elements: list | None = None
        self._style: object = _UNSET
        self._formatting: tuple[str, tuple[str, ...]] | None = None

    @property
    def style(self):
        """The paragraph's style (looked up once per style in the document)."""
        if self._style is _UNSET:
            self._style = style_of(self.p, self.styles)
        return self._style

    @property
    def signature(self) -> str:
        """What fixes this paragraph's formatting: its own properties, its style among them (equal
        signatures in one document: equal formatting)."""
        return self._read.signature

    @property
    def formatting(self) -> tuple[str, tuple[str, ...]]:
        """What fixes everything a formatting rule judges: the paragraph's signature and those of its runs
        with text (two paragraphs with equal keys in a document look alike in Word)."""
        if self._formatting is None:
            self._formatting = (self.signature, tuple(run.signature for run in self.runs()))
        return self._formatting

    @property
    def styles(self) -> StyleIndex:
        """The document's styles, indexed once (Reading sets it; a paragraph read alone makes it)."""
        found = self.defaults.get("_styles")
        if found is None:
            found = self.defaults["_styles"] = StyleIndex.of(self.p)
        return found

    def pformat(self, name: str):
        """Direct formatting, then the style chain, then the document defaults (as Word renders it)."""
        return _cached(self.defaults, "pformat", (self.signature, name), lambda: self._resolve_pformat(name))

    def _resolve_pformat(self, name: str):
        value = _safe(lambda: getattr(self.p.paragraph_format, name)) \
            if _set_directly(self.p._p.find(W_PPR), _PPR_CHILD.get(name)) else None
        if value is None:
            style = self.style
            value = _cached(self.defaults, "spformat", (getattr(style, "style_id", None), name), lambda: _safe(
                lambda: inherited(style, lambda s: getattr(s.paragraph_format, name), self.styles)))
        return value if value is not None else self.defaults.get(f"paragraph.{name}")

    def runs(self) -> list[RunRef]:
        """The runs with text, tracked insertions included (read as if accepted), deletions left out."""
        if self._runs is None:
            self._runs = [RunRef(i, signature, text) for i, (signature, text) in enumerate(self._read.runs)
                          if text.strip()]
        return self._runs

    def _docx_run(self, run: RunRef):
        """The python-docx run behind a RunRef, to resolve a signature met for the first time."""
        from docx.text.run import Run

        return Run(self._run_element(run), self.p)

    def _run_element(self, run: RunRef):
        """The w:r behind a RunRef: the walk of visible_runs, which reads the same runs in the same order as
        the one pass."""
        if self._elements is None:
            self._elements = list(visible_runs(self.p._p))
        return self._elements[run.position]

    def _character_style(self, run):
        return self._character_style_of(run._r.find(W_RPR))

    def _character_style_of(self, rpr):
        style_id = _style_id(rpr, W_RSTYLE)
        if style_id is None:
            return None  # the default character style sets nothing
        from docx.enum.style import WD_STYLE_TYPE

        return self.styles.get(style_id, WD_STYLE_TYPE.CHARACTER)

    def font(self, run: RunRef, name: str):
        """A run's font property (size, bold, …) as Word renders it."""
        return _cached(self.defaults, "font", (self.signature, run.signature, name),
                       lambda: self._resolve_font(self._docx_run(run), name))

    def _resolve_font(self, run, name: str):
        value = _safe(lambda: getattr(run.font, name)) if _set_directly(run._r.find(W_RPR), _RPR_CHILD.get(name)) \
            else None
        character = self._character_style(run)
        if value is None and character is not None and character.type == 2:
            value = _cached(self.defaults, "rfont", (character.style_id, name), lambda: _safe(
                lambda: inherited(character, lambda s: getattr(s.font, name), self.styles)))
        if value is None:
            style = self.style
            value = _cached(self.defaults, "pfont", (getattr(style, "style_id", None), name), lambda: _safe(
                lambda: inherited(style, lambda s: getattr(s.font, name), self.styles)))
        return value if value is not None else self.defaults.get(name)

    def font_names(self, run: RunRef) -> set[str | None]:
        """The fonts Word shows a run's letters in: the ASCII slot and the one for other Latin letters
        (hAnsi: every Vietnamese letter with a mark), each from the run, its character style, the
        paragraph's style chain or the defaults; a theme font (asciiTheme…) wins over a name beside
        it, as in Word, and is read from the theme. None: not stated anywhere."""
        marked = not run.text.isascii()  # the East Asian slot depends on the letters (see below)
        return _cached(self.defaults, "font_names", (self.signature, run.signature, marked),
                       lambda: self._font_names_of(self._run_element(run), marked))

    def _font_names_of(self, element, marked: bool) -> set[str | None]:
        """What fixes a run's fonts is a small part of its formatting (its w:rFonts, its character style and
        its paragraph's style): resolved once for each of those, however many sizes and weights share it."""
        own = element.find(W_RPR)
        fonts = own.find(W_RFONTS) if own is not None else None
        key = (getattr(self.style, "style_id", None), _style_id(own, W_RSTYLE),
               tuple(fonts.attrib.items()) if fonts is not None else (), marked)
        return _cached(self.defaults, "fonts_of", key, lambda: self._resolve_font_names(own, fonts, marked))

    def _resolve_font_names(self, own, fonts, marked: bool) -> set[str | None]:
        character = self._character_style_of(own)
        styled = _cached(self.defaults, "fonts", (getattr(character, "style_id", None),
                                                  getattr(self.style, "style_id", None)),
                         lambda: self._styled_fonts(character))
        names: set[str | None] = set()
        for slot in ("ascii", "hAnsi"):
            found = self._slot(own, slot)
            names.add(found if found is not None else styled[slot])
        # w:hint="eastAsia" (text typed under an East Asian input setting): Word then shows the letters with
        # marks (Latin-1 Supplement, Latin Extended, U+1E00–U+1EFF: Vietnamese) in the East Asian font
        # (ECMA-376 Part 1, 17.3.2.26); judged where that font is named, left alone where Word falls back
        hint = (fonts.get(W_HINT) if fonts is not None else None) or styled["hint"]
        if hint == "eastAsia" and marked:
            east = self._slot(own, "eastAsia")
            east = east if east is not None else styled["eastAsia"]
            if east is not None and not east.startswith("(theme"):
                names.add(east)
        return names

    def _styled_fonts(self, character) -> dict[str, str | None]:
        """What a run that names no font takes: each slot (and the hint) from the nearest of its character
        style's chain, its paragraph style's chain and the document defaults (once per pair of styles)."""
        levels = [*(s.element.rPr for start in (character, self.style) for s in self._chain(start)),
                  self.defaults.get("_rpr_default")]
        found: dict[str, str | None] = {
            slot: next((name for rpr in levels if (name := self._slot(rpr, slot)) is not None), None)
            for slot in ("ascii", "hAnsi", "eastAsia")}
        found["hint"] = next((fonts.get(W_HINT) for rpr in levels if rpr is not None
                              and (fonts := rpr.find(W_RFONTS)) is not None and fonts.get(W_HINT)), None)
        return found

    def _slot(self, rpr, slot: str) -> str | None:
        fonts = rpr.find(W_RFONTS) if rpr is not None else None
        if fonts is None:
            return None
        theme_attribute, name_attribute = _SLOT_ATTRIBUTES[slot]
        theme = fonts.get(theme_attribute)
        if theme:
            return self.defaults.get("_theme", {}).get(theme, f"(theme {theme})")
        return fonts.get(name_attribute)

    def all_runs(self, name: str, test: Callable[[object], bool]) -> bool | None:
        runs = self.runs()
        if not runs:
            return None
        return all(test(self.font(r, name)) for r in runs)

    def _chain(self, style) -> list:
        """A style and the ones it is based on, walked once per style in the document."""
        if style is None:
            return []
        return _cached(self.defaults, "chain", style.style_id, lambda: list(style_chain(style, self.styles)))

    @property
    def list_level(self):
        """The w:lvl of Word's list numbering this paragraph shows (its own numPr, else its style's); None:
        not numbered."""
        return _cached(self.defaults, "list_level", self.signature, self._resolve_list_level)

    def _resolve_list_level(self):
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
        return _cached(self.defaults, "first_line", self.signature, self._resolve_first_line)

    def _resolve_first_line(self) -> float | None:
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
        return {size.pt for r in self.runs() if (size := self.font(r, "size")) is not None}

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
        east = root.find(f".//{a}fontScheme/{a}{scheme}/{a}ea")
        if east is not None and east.get("typeface"):  # often empty: Word then takes the language's own font
            found[f"{prefix}EastAsia"] = east.get("typeface")
    return found


# The resolutions that depend on nothing but a signature and the document's styles, numbering and theme
# (values, never python-docx objects): shared between documents whose three parts are byte for byte the
# same, as a batch of plans built from one template, or of clerks' files from one office, are.
_SHAREABLE = ("pformat", "spformat", "font", "pfont", "rfont", "font_names", "fonts_of", "fonts", "first_line")
_SHARED: OrderedDict[str, dict[str, dict]] = OrderedDict()
_SHARED_SETS = 8  # style sets kept (the web server reads many documents over a day)


def share_resolutions(defaults: dict, document) -> None:
    """Point the document's resolution tables at those of earlier documents with the same styles."""
    parts = sorted(((str(rel.target_part.partname), rel.target_part) for rel in document.part.rels.values()
                    if not rel.is_external and rel.reltype.rsplit("/", 1)[-1] in ("styles", "numbering", "theme")),
                   key=lambda named: named[0])
    digest = hashlib.sha256()
    for name, part in parts:  # the parts as python-docx read them (an XML part's blob: its tree, serialised)
        digest.update(name.encode() + b"\0" + part.blob + b"\0")
    key = digest.hexdigest()
    tables = _SHARED.pop(key, None) or {name: {} for name in _SHAREABLE}
    _SHARED[key] = tables
    while len(_SHARED) > _SHARED_SETS:
        _SHARED.popitem(last=False)
    for name, table in tables.items():
        defaults[f"_{name}"] = table


def document_defaults(document) -> dict:
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
