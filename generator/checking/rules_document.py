"""Rules for the whole document: tracked changes, the kind of document, page numbers."""

from __future__ import annotations

import re

from docx.oxml.ns import qn

from generator.checking.paragraph import Para
from generator.checking.reading import TYPE_LINES, Reading
from generator.checking.registry import NO_SECTIONS, Severity, not_applicable, rule, unknown
from generator.core.nd30 import DOCUMENT_KINDS
from generator.core.placeholders import find_placeholders


@rule("ghi-chu.theo-doi-thay-doi", "practice", "tệp còn thay đổi chưa chấp nhận (Track Changes)", severity=Severity.notice)
def _revisions(r: Reading):
    return not r.revisions, "kết quả đọc văn bản như khi chấp nhận mọi thay đổi; hãy chấp nhận hoặc từ chối " \
        "các thay đổi trước khi trình ký"


KNOWN_KINDS = set(DOCUMENT_KINDS)  # the kinds whose layout these rules were written for


@rule("ten-loai.duoc-ho-tro", "title", "loại văn bản được kiểm tra theo đúng quy tắc của loại đó")
def _kind_known(r: Reading):
    """A kind these rules were not written for (phụ lục, bản sao, …) is never passed silently; a công văn
    (no type line, "V/v …" under the number) is judged by its own form."""
    texts = [p.text.strip() for p in r.body[:12]]
    copy = next((t for t in texts if t.upper().startswith("BẢN SAO")), None)
    appendix = next((t for t in texts if t.upper().startswith("PHỤ LỤC")), None)
    letter = any(t.startswith("V/v") or (t.startswith("Kính gửi") and not r.layout.addressee) for t in texts) \
        or any("V/v" in p.text for p in r.cell_paras(1, 0) + r.cell_paras(0, 0))
    if copy or appendix:
        what = "bản sao" if copy else "phụ lục"
        return unknown(f"văn bản là {what}: thidua chưa có đủ quy tắc cho loại này, cần người xem lại")
    if r.is_letter:  # no type line: a công văn, judged by Mẫu 1.5 (its V/v and Kính gửi rules)
        return True, ""
    if letter:
        return unknown(f"văn bản có dòng tên loại '{r.kind.text if r.kind else ''}' và cả 'V/v' hoặc 'Kính gửi' "
                       "của công văn: cần người xem lại")
    if r.stated_kind and (r.kind is None or r.kind.text != r.stated_kind):
        found = f"văn bản ghi '{r.kind.text}'" if r.kind is not None else "không thấy dòng tên loại đó"
        return False, f"đã nêu loại '{r.stated_kind}' (--kind), {found}"
    if r.kind is None:
        return unknown("không nhận ra loại văn bản: cần người xem lại")
    kinds = [p.text for p in r.body if p.text in TYPE_LINES and (p.centred or p.bold)]  # centred or not
    if len(kinds) > 1:
        return unknown(f"văn bản có {len(kinds)} dòng tên loại ({', '.join(kinds)}): có thể là văn bản kèm theo "
                       "văn bản khác, thidua chỉ kiểm tra phần đầu; cần người xem lại")
    if r.kind.text not in KNOWN_KINDS:
        return unknown(f"loại '{r.kind.text}' chưa có đủ quy tắc trong thidua: cần người xem lại")
    return True, ""


@rule("ghi-chu.ho-da-neu", "practice", "họ văn bản đã nêu (--family) khớp với phần đầu văn bản",
      severity=Severity.notice)
def _stated_family(r: Reading):
    if r.family is r.detected_family:
        return None
    return False, f"kiểm tra theo {r.family.name} như đã nêu; phần đầu văn bản thidua đọc là của {r.detected_family.name}"


# -- documents that need care before they are signed or sent: said, never a failure

_SIGNATURE_PARTS = "/_xmlsignatures/"
_MACRO_TYPES = ("application/vnd.ms-office.vbaProject", "application/vnd.ms-word.document.macroEnabled.main+xml",
                "application/vnd.ms-word.template.macroEnabledTemplate.main+xml")
_ENFORCED = ("1", "true", "on")


def _parts(r: Reading) -> list[tuple[str, str]]:
    """(part name, content type) of every part of the package, read once."""
    cached = r.defaults.get("_parts")
    if cached is None:
        cached = r.defaults["_parts"] = [(str(part.partname), part.content_type)
                                         for part in r.document.part.package.iter_parts()]
    return cached


@rule("ghi-chu.chu-ky-so", "practice", "văn bản đã ký số", severity=Severity.notice)
def _digitally_signed(r: Reading):
    signed = any(name.startswith(_SIGNATURE_PARTS) for name, _ in _parts(r))
    return not signed, "tệp mang chữ ký số: mọi chỉnh sửa làm chữ ký mất hiệu lực; kiểm tra chữ ký bằng phần mềm " \
        "ký số, thidua không kiểm tra chữ ký"


@rule("ghi-chu.khoa-chinh-sua", "practice", "văn bản bị khóa chỉnh sửa", severity=Severity.notice)
def _protected(r: Reading):
    settings = r.document.settings.element
    locks = [(qn("w:documentProtection"), "khóa chỉnh sửa"), (qn("w:writeProtection"), "mật khẩu để sửa")]
    found = [what for tag, what in locks
             if (lock := settings.find(tag)) is not None
             and (tag != locks[0][0] or (lock.get(qn("w:enforcement")) or "").lower() in _ENFORCED)]
    return not found, f"tệp đặt {', '.join(found)}: muốn sửa cần người giữ mật khẩu mở khóa trong Word"


@rule("ghi-chu.macro", "practice", "văn bản có macro", severity=Severity.notice)
def _macros(r: Reading):
    macros = any(kind in _MACRO_TYPES for _, kind in _parts(r))
    return not macros, "tệp chứa macro (VBA): thidua không chạy macro; văn bản trình ký nên lưu lại dạng .docx " \
        "không có macro"


@rule("ghi-chu.doi-tuong-nhung", "practice", "văn bản có đối tượng nhúng (OLE)", severity=Severity.notice)
def _embedded_objects(r: Reading):
    objects = sum(1 for _ in r.document.element.body.iter(qn("w:object")))
    objects = objects or sum(1 for name, _ in _parts(r) if name.startswith("/word/embeddings/"))
    return not objects, f"có {objects} đối tượng nhúng (bảng Excel, tệp khác…): nội dung trong đó không được " \
        "kiểm tra, cần người xem lại"


@rule("ghi-chu.noi-dung-chen", "practice", "văn bản có nội dung chèn từ tệp khác (altChunk)",
      severity=Severity.notice)
def _alt_chunks(r: Reading):
    chunks = sum(1 for _ in r.document.element.body.iter(qn("w:altChunk")))
    return not chunks, f"có {chunks} đoạn nội dung chèn từ tệp khác mà thidua không đọc (Word chỉ ghép khi mở): " \
        "mở bằng Word, lưu lại rồi kiểm tra lại"


# -- page numbers (PL I Mục I): "số trang … đặt canh giữa theo chiều ngang trong phần lề trên; không hiển thị
# số trang thứ nhất". A document of one page carries none: these rules then do not apply.

_P, _TBL, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_BLOCKS = frozenset({qn("w:sdt"), qn("w:customXml"), qn("w:sdtContent")})
LINES_PER_PAGE = 34  # lines of 14 pt body text on an A4 page with ND30's margins, spacing included
CHARACTERS_PER_LINE = 85


def page_count(r: Reading) -> tuple[int | None, float]:
    """(the page count the document's own statistics give, when they were counted; an estimate), counted
    once per document (two rules ask)."""
    cached = r.defaults.get("_page_count")
    if cached is None:
        cached = r.defaults["_page_count"] = _page_count(r)
    return cached


def _page_count(r: Reading) -> tuple[int | None, float]:
    pages = None
    app = next((part for part in r.document.part.package.parts if str(part.partname) == "/docProps/app.xml"), None)
    if app is not None:
        text = app.blob.decode("utf-8", "replace")
        words, stated = re.search(r"<Words>(\d+)</Words>", text), re.search(r"<Pages>(\d+)</Pages>", text)
        if words and stated and int(words.group(1)) > 0:  # statistics left at 0 words were never counted
            pages = int(stated.group(1))
    return pages, _lines(r, r.document.element.body, CHARACTERS_PER_LINE) / LINES_PER_PAGE


def _lines(r: Reading, container, width: float) -> float:
    """Printed lines of a body or a cell, a table's row as tall as its tallest cell."""
    total = 0.0
    for child in container:
        if child.tag == _P:
            total += max(1, -(-len(r.paragraph_text(child)) // max(int(width), 8))) + 0.4
        elif child.tag == _TBL:
            for row in child.iter(_TR):
                cells = row.findall(_TC)
                total += max((_lines(r, cell, width / max(len(cells), 1)) for cell in cells), default=0)
        elif child.tag in _BLOCKS:
            total += _lines(r, child, width)
    return total


def _one_page(r: Reading) -> bool | None:
    """True for one page, False for more, None when neither the statistics nor the length tell."""
    stated, estimate = page_count(r)
    if stated is not None:
        return stated == 1
    if estimate <= 0.75:
        return True
    return False if estimate >= 1.3 else None


ONE_PAGE = "văn bản một trang: không đánh số trang"


def _effective_headers(r: Reading) -> list[tuple[int, str, object]]:
    """(section number, which, header) of every header a page can show: each section's default
    header (and even-page header when odd and even pages differ), the definition it inherits if linked."""
    even_pages = r.document.settings.odd_and_even_pages_header_footer
    found = []
    for which in ("header", "even_page_header") if even_pages else ("header",):
        current = None
        for number, section in enumerate(r.sections, start=1):
            header = getattr(section, which)
            if not header.is_linked_to_previous:
                current = header
            found.append((number, which, current))
    return found


def _has_page_field(header) -> bool:
    return header is not None and "PAGE" in header._element.xml


@rule("so-trang.giua-le-tren", "page_number", "số trang ở giữa lề trên", practice="page_number")
def _page_number(r: Reading):
    if not r.sections:
        return unknown(NO_SECTIONS)
    one_page = _one_page(r)
    if one_page:
        return not_applicable(ONE_PAGE)
    missing = [(n, which) for n, which, header in _effective_headers(r) if not _has_page_field(header)]
    if missing and one_page is None:
        return unknown("không chắc văn bản có mấy trang, và đầu trang không có số trang: mở bằng Word xem số trang")
    if missing:
        n, which = missing[0]
        where = f"phần (section) {n}, " if len(r.sections) > 1 else ""
        return False, f"{where}{'trang chẵn: ' if which == 'even_page_header' else ''}không có trường số trang (PAGE) " \
            "ở đầu trang"
    for _, _, header in _effective_headers(r):
        paragraphs = [Para(p, r.defaults) for p in header.paragraphs if "PAGE" in p._p.xml]  # type: ignore[attr-defined]
        if not all(q.centred for q in paragraphs):
            return False, "số trang không căn giữa"
        sizes = {size for q in paragraphs for size in q.sizes()}
        if sizes and not sizes <= {13.0, 14.0}:
            return False, f"số trang cỡ {', '.join(f'{s:g}' for s in sorted(sizes))} (cần cỡ 13–14)"
    return True, ""


@rule("so-trang.khong-o-trang-dau", "page_number", "không đánh số trang thứ nhất", practice="page_number")
def _first_page_unnumbered(r: Reading):
    if not r.sections:
        return unknown(NO_SECTIONS)
    if _one_page(r):
        return not_applicable(ONE_PAGE)
    section = r.sections[0]
    if section.different_first_page_header_footer:
        return not _has_page_field(section.first_page_header), "trang 1 có số trang"
    if _has_page_field(section.header):
        return False, "trang 1 có số trang (chưa chọn 'Trang đầu khác' cho đầu trang)"
    return True, ""  # no number anywhere: page 1 has none (the other rule says what is missing)


@rule("ghi-chu.cho-de-dien", "practice", "văn bản còn chỗ để điền ((tên …), (họ và tên), xxx, ……)", severity=Severity.notice)
def _placeholders(r: Reading):
    blanks = list(dict.fromkeys(blank for p in r.all_paragraphs() for blank in find_placeholders(p.text)))
    return not blanks, "còn " + ", ".join(f"«{b}»" for b in blanks[:5]) + (" …" if len(blanks) > 5 else "") + \
        ": điền nội dung thật trước khi trình ký"
