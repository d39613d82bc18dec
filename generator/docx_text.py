"""Plain text of any .docx, one paragraph per line, in reading order (tables included)."""

from __future__ import annotations

from pathlib import Path
from typing import IO

from docx import Document
from docx.oxml.ns import qn


def paragraph_text(p_element) -> str:
    return "".join(t.text or "" for t in p_element.iter(qn("w:t")))


def docx_paragraphs(source: Path | str | IO[bytes]) -> list[str]:
    """Every paragraph of the body, table cells row by row, empty ones left out."""
    body = Document(str(source) if isinstance(source, (str, Path)) else source).element.body
    lines = []
    for p_element in body.iter(qn("w:p")):
        text = paragraph_text(p_element).strip()
        if text:
            lines.append(text)
    return lines
