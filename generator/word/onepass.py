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

# For each w:p of the part, in document order: <p s="its w:pPr"> holding <r s="its w:rPr">text</r> for each
# run a reader sees (with the parameter signatures=0: <p> holding the words alone). A signature is
# name(attribute=length:value …, children) for every element (names with their prefixes, which a document
# binds once; each value led by its length, so that no value can pass for markup): equal signatures mean
# equal properties.
_HEAD = b"""<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">
  <xsl:param name="signatures" select="1"/>"""

_RUN = b"""<xsl:choose>
        <xsl:when test="$signatures = 1">
          <r><xsl:attribute name="s"><xsl:apply-templates select="w:rPr[1]" mode="sig"/></xsl:attribute>
            <xsl:call-template name="pieces"/></r></xsl:when>
        <xsl:otherwise><xsl:call-template name="pieces"/></xsl:otherwise>
      </xsl:choose>"""

_TAIL = b"""
  <xsl:template name="pieces">
    <xsl:for-each select="*">
      <xsl:choose>
        <xsl:when test="self::w:t"><xsl:value-of select="node()[1][self::text()]"/></xsl:when>
        <xsl:when test="self::w:rPr"/>
        <xsl:when test="self::w:tab"><xsl:text>&#9;</xsl:text></xsl:when>
        <xsl:when test="(self::w:br or self::w:cr) and (not(@w:type) or @w:type = 'textWrapping')">
          <xsl:text>&#10;</xsl:text></xsl:when>
        <xsl:when test="self::w:noBreakHyphen"><xsl:text>-</xsl:text></xsl:when>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="*" mode="sig">
    <xsl:value-of select="name()"/>(<xsl:for-each select="@*">
      <xsl:value-of select="name()"/>=<xsl:value-of select="string-length(.)"/>:<xsl:value-of select="."/>
      <xsl:text> </xsl:text>
    </xsl:for-each>
    <xsl:apply-templates select="*" mode="sig"/>)</xsl:template>
</xsl:stylesheet>"""

_PARAGRAPH = b"""<p><xsl:if test="$signatures = 1"><xsl:attribute name="s"><xsl:apply-templates select="w:pPr" mode="sig"/>
      </xsl:attribute></xsl:if>"""

# Any part: a run under a removal, a text box or a fallback copy is not the paragraph's; hidden text is left out.
_GENERAL = _HEAD + b"""
  <xsl:template match="/"><all><xsl:for-each select="//w:p">""" + _PARAGRAPH + b"""
      <xsl:apply-templates select="*" mode="runs"/></p></xsl:for-each></all></xsl:template>

  <xsl:template match="w:del | w:moveFrom | w:txbxContent | mc:Fallback" mode="runs"/>
  <xsl:template match="w:r" mode="runs">
    <xsl:variable name="hidden" select="w:rPr[1]/w:vanish[1]"/>
    <xsl:if test="not($hidden) or $hidden/@w:val = '0' or $hidden/@w:val = 'false' or $hidden/@w:val = 'off'">
      """ + _RUN + b"""
    </xsl:if>
    <xsl:apply-templates select="*" mode="runs"/>
  </xsl:template>
  <xsl:template match="*" mode="runs"><xsl:apply-templates select="*" mode="runs"/></xsl:template>""" + _TAIL

# A part with none of those (most final documents): every run below a paragraph is its own, found by
# one XPath step instead of a template for every element (a third to half of the time).
_PLAIN = _HEAD + b"""
  <xsl:template match="/"><all><xsl:for-each select="//w:p">""" + _PARAGRAPH + b"""
      <xsl:for-each select=".//w:r">""" + _RUN + b"""</xsl:for-each></p></xsl:for-each></all></xsl:template>""" + _TAIL

# What only the general reading handles: where one stands in a part, its plain reading would differ.
_NOT_PLAIN = (*NOT_SHOWN, W_TXBX, MC_FALLBACK, W_VANISH)


@lru_cache(maxsize=2)
def _transform(plain: bool) -> etree.XSLT:
    return etree.XSLT(etree.fromstring(_PLAIN if plain else _GENERAL))


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
        plain = next(top.iter(*_NOT_PLAIN), None) is None  # a walk in C that makes no Python object
        result = _transform(plain)(top.getroottree(), signatures="1" if signatures else "0").getroot()
        self.top = top  # held: the paragraphs below are keys by identity, their proxies must live
        read = _read if signatures else _words  # without signatures, each <p> holds its words alone
        self._read: dict[Any, Read] = {p: read(entry) for p, entry in zip(top.iter(W_P), result)}

    def of(self, p_element) -> Read:
        return self._read[p_element]


def _read(entry) -> Read:
    runs = tuple((r.get("s", ""), r.text or "") for r in entry)
    return Read(entry.get("s", ""), runs, "".join(text for _, text in runs))


def _words(entry) -> Read:
    return Read("", (), entry.text or "")


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
