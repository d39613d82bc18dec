"""Every paragraph of a Word part read in one pass: the words of each run a reader sees, and what
fixes each paragraph's and run's formatting (its w:pPr or w:rPr, every element and attribute in it).

This is the reading of word.text.visible_run_texts (removed, moved-away, hidden, text-box and older
readers' copies left out), done by one XSLT transform instead of a walk of every run in Python:
a property test holds the two together. `text`, `diff` and git's textconv take the words; `check`
takes the words and resolves formatting once per signature, not once per paragraph (a long plan
has a handful of signatures among thousands of paragraphs), which keeps a 1,000-page document
around a second.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from docx.oxml.ns import qn
from lxml import etree

from generator.word.text import MC_FALLBACK, NOT_SHOWN, W_TXBX, W_VANISH

W_P = qn("w:p")

# The reading is text, its pieces parted by characters no XML document can hold (XML 1.0 admits no
# control character below U+0009, not even as &#1;): for each w:p of the part, in document order,
# P then its w:pPr's signature, then for each run a reader sees, R, its w:rPr's signature, T and the
# run's words (in a reading without signatures: P and the paragraph's words alone). Text, not a tree of
# result elements: building 100,000 of them, then a Python object for each, was most of the time.
# A signature is name(attribute=value V … children) for every element (names with their prefixes,
# which a document binds once; V ends each value): equal signatures mean equal properties.
# A stylesheet cannot hold those characters either: its source writes U+E001 … U+E004 in their place,
# which _SEPARATORS turns into them in the parsed stylesheet before it is compiled.
P, R, T, V = "\x01", "\x02", "\x03", "\x04"
_SEPARATORS = b"""<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:str="http://exslt.org/strings">
  <xsl:template match="@*|node()"><xsl:copy><xsl:apply-templates select="@*|node()"/></xsl:copy></xsl:template>
  <xsl:template match="text()">
    <xsl:value-of select="translate(., '&#xE001;&#xE002;&#xE003;&#xE004;', str:decode-uri('%01%02%03%04'))"/>
  </xsl:template>
</xsl:stylesheet>"""

_HEAD = b"""<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">
  <xsl:output method="text" encoding="UTF-8"/>"""

# A run's words: each piece found by the template of its name (a hash lookup), anything else left out.
_TAIL = b"""
  <xsl:template match="w:t" mode="piece"><xsl:value-of select="node()[1][self::text()]"/></xsl:template>
  <xsl:template match="w:tab" mode="piece"><xsl:text>&#9;</xsl:text></xsl:template>
  <xsl:template match="w:noBreakHyphen" mode="piece"><xsl:text>-</xsl:text></xsl:template>
  <xsl:template match="w:br[not(@w:type) or @w:type = 'textWrapping'] | w:cr[not(@w:type) or @w:type = 'textWrapping']"
      mode="piece"><xsl:text>&#10;</xsl:text></xsl:template>
  <xsl:template match="*" mode="piece"/>

  <xsl:template match="*" mode="sig">
    <xsl:value-of select="name()"/>(<xsl:for-each select="@*">
      <xsl:value-of select="name()"/>=<xsl:value-of select="."/><xsl:text>&#xE004;</xsl:text>
    </xsl:for-each>
    <xsl:apply-templates select="*" mode="sig"/>)</xsl:template>
</xsl:stylesheet>"""

# A paragraph's and a run's reading, with signatures (True) or the words alone (False): a stylesheet for
# each, so that no run asks which.
_PARAGRAPH = {True: b"""<xsl:text>&#xE001;</xsl:text><xsl:apply-templates select="w:pPr" mode="sig"/>""",
              False: b"""<xsl:text>&#xE001;</xsl:text>"""}
_RUN = {True: b"""<xsl:text>&#xE002;</xsl:text><xsl:apply-templates select="w:rPr[1]" mode="sig"/>
        <xsl:text>&#xE003;</xsl:text><xsl:apply-templates select="*" mode="piece"/>""",
        False: b"""<xsl:apply-templates select="*" mode="piece"/>"""}


def _general(signatures: bool) -> bytes:
    """Any part: a run under a removal, a text box or a fallback copy is not the paragraph's; hidden text is
    left out."""
    return _HEAD + b"""
  <xsl:template match="/"><xsl:for-each select="//w:p">""" + _PARAGRAPH[signatures] + b"""
      <xsl:apply-templates select="*" mode="runs"/></xsl:for-each></xsl:template>

  <xsl:template match="w:del | w:moveFrom | w:txbxContent | mc:Fallback" mode="runs"/>
  <xsl:template match="w:r" mode="runs">
    <xsl:variable name="hidden" select="w:rPr[1]/w:vanish[1]"/>
    <xsl:if test="not($hidden) or $hidden/@w:val = '0' or $hidden/@w:val = 'false' or $hidden/@w:val = 'off'">
      """ + _RUN[signatures] + b"""
    </xsl:if>
    <xsl:apply-templates select="*" mode="runs"/>
  </xsl:template>
  <xsl:template match="*" mode="runs"><xsl:apply-templates select="*" mode="runs"/></xsl:template>""" + _TAIL


def _plain(signatures: bool) -> bytes:
    """A part with none of those (most final documents): every run below a paragraph is its own, found by
    one XPath step instead of a template for every element (a third to half of the time)."""
    return _HEAD + b"""
  <xsl:template match="/"><xsl:for-each select="//w:p">""" + _PARAGRAPH[signatures] + b"""
      <xsl:for-each select=".//w:r">""" + _RUN[signatures] + b"""</xsl:for-each></xsl:for-each></xsl:template>""" + _TAIL


# What only the general reading handles: where one stands in a part, its plain reading would differ.
_NOT_PLAIN = (*NOT_SHOWN, W_TXBX, MC_FALLBACK, W_VANISH)


@lru_cache(maxsize=4)
def _transform(plain: bool, signatures: bool) -> etree.XSLT:
    source = (_plain if plain else _general)(signatures)
    return etree.XSLT(etree.XSLT(etree.fromstring(_SEPARATORS))(etree.fromstring(source)))


def _entries(top, signatures: bool) -> list[str]:
    """What the pass reads of each paragraph of the part `top` is the root of, in document order."""
    plain = next(top.iter(*_NOT_PLAIN), None) is None  # a walk in C that makes no Python object
    return str(_transform(plain, signatures)(top.getroottree())).split(P)[1:]


@dataclass(frozen=True, slots=True)
class Read:
    """One paragraph as the pass read it."""

    signature: str  # its w:pPr ("" when it has none)
    runs: tuple[tuple[str, str], ...]  # (w:rPr signature, text) of each run a reader sees, in order (none
    # in a reading without signatures)
    text: str  # the words of those runs


class PartReading:
    """Every paragraph of one part (a document, a header, a footer), read in one pass."""

    def __init__(self, element, signatures: bool = True) -> None:
        """`element`: any element of the part; without `signatures`, the words alone (text, diff)."""
        top = element.getroottree().getroot()
        self.top = top  # held: the paragraphs below are keys by identity, their proxies must live
        read = _read if signatures else _words
        self._read: dict[Any, Read] = {p: read(entry) for p, entry in zip(top.iter(W_P), _entries(top, signatures))}

    def of(self, p_element) -> Read:
        return self._read[p_element]


def _read(entry: str) -> Read:
    signature, *runs = entry.split(R)
    pieces = tuple(run.partition(T)[::2] for run in runs)
    return Read(signature, pieces, "".join(text for _, text in pieces))


def _words(entry: str) -> Read:
    return Read("", (), entry)


def part_reading(p_element, cache: dict) -> PartReading:
    """The reading of the part a paragraph stands in, made once per part in `cache` (one per document)."""
    for reading in cache.values():  # a handful of parts, the body's first: cheaper than finding the root
        if p_element in reading._read:
            return reading
    top = p_element.getroottree().getroot()
    found = cache.get(top)
    if found is None:
        found = cache[top] = PartReading(top)
    return found
