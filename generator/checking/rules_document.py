"""Rules for the whole document: tracked changes, the kind of document, page numbers."""

from __future__ import annotations

from generator.checking.reading import TYPE_LINES, Para, Reading
from generator.checking.registry import NO_SECTIONS, Severity, rule, unknown
from generator.core.placeholders import find_placeholders
from generator.plan.model import DOCUMENT_KINDS


@rule("Ghi chú", "tệp còn thay đổi chưa chấp nhận (Track Changes)", severity=Severity.notice)
def _revisions(r: Reading):
    return not r.revisions, "kết quả đọc văn bản như khi chấp nhận mọi thay đổi; hãy chấp nhận hoặc từ chối " \
        "các thay đổi trước khi trình ký"


KNOWN_KINDS = set(DOCUMENT_KINDS)  # the kinds whose layout these rules were written for


@rule("PL I ô 5a", "loại văn bản được kiểm tra theo đúng quy tắc của loại đó")
def _kind_known(r: Reading):
    """A kind these rules were not written for (công văn, phụ lục, bản sao, …) is never passed silently."""
    texts = [p.text.strip() for p in r.body[:12]]
    copy = next((t for t in texts if t.upper().startswith("BẢN SAO")), None)
    appendix = next((t for t in texts if t.upper().startswith("PHỤ LỤC")), None)
    letter = any(t.startswith(("V/v", "Kính gửi")) for t in texts) or any(
        "V/v" in p.text for p in r.cell_paras(1, 0) + r.cell_paras(0, 0))
    if copy or appendix or letter:
        what = "bản sao" if copy else "phụ lục" if appendix else "công văn"
        return unknown(f"văn bản là {what}: thidua chưa có đủ quy tắc cho loại này, cần người xem lại")
    if r.kind is None:
        return unknown("không nhận ra loại văn bản: cần người xem lại")
    kinds = [p.text for p in r.body if p.text in TYPE_LINES and p.centred]
    if len(kinds) > 1:
        return unknown(f"văn bản có {len(kinds)} dòng tên loại ({', '.join(kinds)}): có thể là văn bản kèm theo "
                       "văn bản khác, thidua chỉ kiểm tra phần đầu; cần người xem lại")
    if r.kind.text not in KNOWN_KINDS:
        return unknown(f"loại '{r.kind.text}' chưa có đủ quy tắc trong thidua: cần người xem lại")
    return True, ""


# -- page numbers (PL I §1)

@rule("PL I §1", "số trang ở giữa lề trên", practice="page_number")
def _page_number(r: Reading):
    if not r.document.sections:
        return unknown(NO_SECTIONS)
    header = r.document.sections[0].header
    xml = header._element.xml if not header.is_linked_to_previous else ""
    if "PAGE" not in xml:
        return False, "không có trường số trang (PAGE) ở đầu trang"
    return any(Para(p, r.defaults).centred for p in header.paragraphs if "PAGE" in p._p.xml), \
        "số trang không căn giữa"


@rule("PL I §1", "không đánh số trang thứ nhất", practice="page_number")
def _first_page_unnumbered(r: Reading):
    if not r.document.sections:
        return unknown(NO_SECTIONS)
    section = r.document.sections[0]
    return bool(section.different_first_page_header_footer) and "PAGE" not in section.first_page_header._element.xml, \
        "trang 1 có số trang"


@rule("Ghi chú", "văn bản còn chỗ để điền ((tên …), (họ và tên), xxx, ……)", severity=Severity.notice)
def _placeholders(r: Reading):
    blanks = list(dict.fromkeys(blank for p in r.all_paragraphs() for blank in find_placeholders(p.text)))
    return not blanks, "còn " + ", ".join(f"«{b}»" for b in blanks[:5]) + (" …" if len(blanks) > 5 else "") + \
        ": điền nội dung thật trước khi trình ký"
