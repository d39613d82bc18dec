"""What the page shows beside the form: the document as it will print.

- the instant tier: the .docx that `thidua build` would write, read back as HTML paragraphs
  and tables with their alignment, bold and italic (no page breaks): fast enough for every edit;
- the exact tier: LibreOffice's PDF of that .docx, each page a PNG (pypdfium2), so page
  breaks and the signature page are as printed; cached by the document's hash.
"""

from __future__ import annotations

import hashlib
import html
import io
import tempfile
import threading
from collections import OrderedDict
from pathlib import Path

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PAGE_SCALE = 1.3  # 72 dpi × 1.3: an A4 page about 770 px wide, readable beside the form
CACHED_DOCUMENTS = 16


def _on(properties, tag: str) -> bool:
    if properties is None:
        return False
    element = properties.find(W + tag)
    return element is not None and element.get(W + "val") not in ("0", "false")


Style = dict[str, str | bool]


def _styles(archive) -> dict[str, Style]:
    """Each paragraph style's alignment, bold and italic, its parents' included."""
    try:
        root = etree.fromstring(archive.read("word/styles.xml"))
    except KeyError:
        return {}
    own: dict[str, tuple[str | None, Style]] = {}
    for style in root.iter(W + "style"):
        values: Style = {}
        ppr, rpr = style.find(W + "pPr"), style.find(W + "rPr")
        jc = ppr.find(W + "jc") if ppr is not None else None
        if jc is not None:
            values["jc"] = jc.get(W + "val") or ""
        for tag in ("b", "i"):
            if rpr is not None and rpr.find(W + tag) is not None:
                values[tag] = _on(rpr, tag)
        parent = style.find(W + "basedOn")
        own[style.get(W + "styleId") or ""] = (parent.get(W + "val") if parent is not None else None, values)
    resolved: dict[str, Style] = {}

    def resolve(style_id: str, depth: int = 0) -> Style:
        if style_id in resolved or style_id not in own or depth > 20:
            return resolved.get(style_id, {})
        parent, values = own[style_id]
        resolved[style_id] = {**(resolve(parent, depth + 1) if parent else {}), **values}
        return resolved[style_id]

    for style_id in own:
        resolve(style_id)
    return resolved


def _paragraph(p, styles: dict[str, Style]) -> str:
    properties = p.find(W + "pPr")
    style_ref = properties.find(W + "pStyle") if properties is not None else None
    style = styles.get(style_ref.get(W + "val") if style_ref is not None else "Normal", styles.get("Normal", {}))
    align = properties.find(W + "jc") if properties is not None else None
    alignment = align.get(W + "val") if align is not None else style.get("jc")
    paragraph_bold = bool(style.get("b")) or _on(properties.find(W + "rPr") if properties is not None else None, "b")
    paragraph_italic = bool(style.get("i"))
    classes = []
    if alignment in ("center", "right", "both"):
        classes.append(f"a-{alignment}")
    pieces = []
    for run in p.iter(W + "r"):
        if run.getparent().tag == W + "del" or run.getparent().tag == W + "moveFrom":
            continue
        rpr = run.find(W + "rPr")
        if rpr is not None and rpr.find(W + "vanish") is not None:
            continue
        text = "".join(t.text or "" if t.tag == W + "t" else ("\t" if t.tag == W + "tab" else "\n")
                       for t in run if t.tag in (W + "t", W + "tab", W + "br"))
        if not text:
            continue
        text = html.escape(text).replace("\n", "<br>")
        if _on(rpr, "b") or (paragraph_bold and (rpr is None or rpr.find(W + "b") is None)):
            text = f"<b>{text}</b>"
        if _on(rpr, "i") or (paragraph_italic and (rpr is None or rpr.find(W + "i") is None)):
            text = f"<i>{text}</i>"
        if _on(rpr, "u") or (rpr is not None and rpr.find(W + "u") is not None
                             and rpr.find(W + "u").get(W + "val") not in ("none", None)):
            text = f"<u>{text}</u>"
        pieces.append(text)
    body = "".join(pieces) or "&nbsp;"
    return f'<p class="{" ".join(classes)}">{body}</p>' if classes else f"<p>{body}</p>"


def _block(element, styles: dict[str, Style]) -> str:
    if element.tag == W + "p":
        return _paragraph(element, styles)
    if element.tag == W + "tbl":
        rows = []
        for row in element.findall(W + "tr"):
            cells = ["<td>" + "".join(_block(child, styles) for child in cell) + "</td>" for cell in row.findall(W + "tc")]
            rows.append("<tr>" + "".join(cells) + "</tr>")
        return '<table class="doc">' + "".join(rows) + "</table>"
    if element.tag == W + "sdt":
        content = element.find(W + "sdtContent")
        return "".join(_block(child, styles) for child in content) if content is not None else ""
    return ""


def instant_html(docx: bytes) -> str:
    """The document body as HTML: paragraphs and tables in order, as the page shows them."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
        styles = _styles(archive)
    body = root.find(W + "body")
    return "".join(_block(child, styles) for child in body) if body is not None else ""


class Pages:
    """PNG pages of documents, made by LibreOffice under the PDF guard, kept for the last few."""

    def __init__(self) -> None:
        from generator.system.office import WarmOffice

        self._cache: OrderedDict[str, list[bytes]] = OrderedDict()
        self._lock = threading.Lock()  # one LibreOffice conversion at a time: a second would wait for the profile
        self.office = WarmOffice()  # started on the first pages asked for; stopped with the server

    def close(self) -> None:
        self.office.close()

    @staticmethod
    def available() -> bool:
        from generator.system.libreoffice import soffice_binary

        return soffice_binary() is not None

    def key(self, docx: bytes) -> str:
        return hashlib.sha256(docx).hexdigest()[:20]

    def get(self, key: str) -> list[bytes] | None:
        return self._cache.get(key)

    def render(self, docx: bytes) -> tuple[str, list[bytes]]:
        """The document's pages (cached by its hash)."""
        key = self.key(docx)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return key, self._cache[key]
            pages = _pages(docx, self.office)
            self._cache[key] = pages
            while len(self._cache) > CACHED_DOCUMENTS:
                self._cache.popitem(last=False)
        return key, pages


def _pages(docx: bytes, office) -> list[bytes]:
    import pypdfium2

    from generator.system.libreoffice import convert_batch

    with tempfile.TemporaryDirectory(prefix="thidua-serve-") as scratch:
        source = Path(scratch) / "van-ban.docx"
        source.write_bytes(docx)
        pdf = Path(scratch) / "van-ban.pdf"
        if not office.convert(source, pdf):  # no warm LibreOffice here: a cold one, as `--pdf` runs it
            pdf = convert_batch([source], timeout=120)[0]
        document = pypdfium2.PdfDocument(str(pdf))
        try:
            images = []
            for index in range(len(document)):
                bitmap = document[index].render(scale=PAGE_SCALE)
                buffer = io.BytesIO()
                bitmap.to_pil().save(buffer, format="PNG", optimize=False)
                images.append(buffer.getvalue())
            return images
        finally:
            document.close()
