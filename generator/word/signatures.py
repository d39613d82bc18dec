"""Formatting signatures: what fixes each paragraph's and run's formatting (its w:pPr or w:rPr, every
element and attribute in it), for every paragraph and run of a Word part, computed in one pass.

`check` resolves formatting once per signature rather than once per paragraph: a long document has
a handful of signatures among thousands of paragraphs. Serialising each w:pPr with lxml costs about
10 µs; one XSLT pass over the part gives all of them for a fraction of that, which keeps `check` of
a 1,000-page document around a second.
"""

from __future__ import annotations

from functools import lru_cache

from docx.oxml.ns import qn
from lxml import etree

W_P, W_R, W_PPR, W_RPR = qn("w:p"), qn("w:r"), qn("w:pPr"), qn("w:rPr")

# Each paragraph's w:pPr, then each run's w:rPr, in document order, one per line: every element as
# name(attribute=value …, children), so that equal lines mean equal properties (names with their prefixes,
# which a document binds once: local names and namespaces would cost half as much again)
_STYLESHEET = b"""<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <xsl:output method="text" encoding="utf-8"/>
  <xsl:template match="/">
    <xsl:for-each select="//w:p"><xsl:apply-templates select="w:pPr" mode="sig"/><xsl:text>&#10;</xsl:text>
    </xsl:for-each>
    <xsl:for-each select="//w:r"><xsl:apply-templates select="w:rPr" mode="sig"/><xsl:text>&#10;</xsl:text>
    </xsl:for-each>
  </xsl:template>
  <xsl:template match="*" mode="sig">
    <xsl:value-of select="name()"/>(<xsl:for-each select="@*">
      <xsl:value-of select="name()"/>=<xsl:value-of select="."/><xsl:text> </xsl:text>
    </xsl:for-each>
    <xsl:apply-templates select="*" mode="sig"/>)</xsl:template>
</xsl:stylesheet>"""


@lru_cache(maxsize=1)
def _transform() -> etree.XSLT:
    return etree.XSLT(etree.fromstring(_STYLESHEET))


class Signatures:
    """The formatting signature of each paragraph and run of one part (a body, a header)."""

    def __init__(self, root) -> None:
        elements = [*root.iter(W_P), *root.iter(W_R)]
        lines = str(_transform()(root.getroottree())).split("\n")
        # an attribute value holding a line break would shift every line after it: then none is trusted
        # (the order of //w:p then //w:r is the order of iter(), both being document order)
        self._of = dict(zip(elements, lines)) if len(lines) == len(elements) + 1 else {}

    def of(self, element) -> str | bytes:
        """The signature of a paragraph or run (its properties serialised, for one of another part)."""
        found = self._of.get(element)
        if found is not None:
            return found
        properties = element.find(W_PPR if element.tag == W_P else W_RPR)
        return b"" if properties is None else etree.tostring(properties)
