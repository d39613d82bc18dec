"""A whole Word file read into a plan: the steps in the order of the document."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from generator.core import formatting as fmt
from generator.core.families import DEFAULT, FAMILIES, family_by_number
from generator.core.nd30 import DOCUMENT_KINDS
from generator.importing.body import marker, opening, rejoined, sections_of, split_closing, theme_of, tree
from generator.importing.common import Imported, NotAPlan, sentence_case
from generator.importing.header import DATE_LINE, family_in, issuer_of, number_and_date, read_header
from generator.importing.signature import recipients_of, signer_of, tail
from generator.importing.tables import body_tables
from generator.importing.years import templatise
from generator.word.lines import read_document
from generator.word.text import is_drawn_rule


def import_docx(path: Path) -> Imported:
    lines, page_headers = read_document(path)
    imported = Imported({})
    data = imported.data
    kind_index, kind, rest = _type_line(lines)
    header = read_header(lines, kind_index)
    if header.family is None:  # the banner may stand in the page header instead
        header.family = family_in(page_headers)
    guessed = family_by_number(header.number.plain) if header.family is None and header.number else None
    if guessed is not None:  # "Số 15-KH/ĐU": HD 36's number, with no banner to be seen
        header.family = guessed.key
        imported.note(("family",), f"không thấy tiêu đề {guessed.banner[0]}; họ {guessed.key.value} được đoán "
                      "từ dòng số")
    family = header.family = header.family or DEFAULT.key
    data["kind"] = kind
    if FAMILIES[family] is not DEFAULT:  # the default is what a plan that names none is taken for
        data["family"] = family.value
    if (form := FAMILIES[family].banner_form(header.banner)) is not None:  # "ĐỘI TNTP HỒ CHÍ MINH", as typed
        data["banner"] = form
    # summary: the lines after the type line up to a drawn rule or the first body line
    index = kind_index + 1
    summary: list[str] = [rest] if rest else []  # "KẾ HOẠCH Phát động …" typed on one line
    while index < len(lines) and lines[index].cell is None and not is_drawn_rule(lines[index].plain):
        line = lines[index]
        if summary and (not line.centred or marker(line)[0] or line.plain.startswith(("Căn cứ", "Thực hiện"))):
            break
        if DATE_LINE.match(line.plain) and header.date is None:
            header.date = line
        else:
            summary.append(line.plain)
        index += 1
    if index < len(lines) and is_drawn_rule(lines[index].plain):
        index += 1
    data["summary"] = " ".join(summary)
    issuer, partners = issuer_of(header, imported)
    number_and_date(header, data, imported)
    date_year = data.pop("_date_year", None)
    year = _plan_year(data["summary"], date_year)
    data["year"] = year
    if isinstance(data.get("date"), dict) and data["date"].get("year") == year:
        data["date"].pop("year")
    # recipients and signature: the last table holding "Nơi nhận", or the lines from "Nơi nhận" on
    end, recipients_lines, signature_blocks, imported.trailing = tail(lines, index)
    body = rejoined(body_tables(lines[index:end]))
    legal, preamble, body_lines = opening(body)
    approval_before, without_approval = _approval_typed_before(body_lines)
    if approval_before is not None and not partners and len(signature_blocks) <= 1 and \
            _approval_typed_after(imported.trailing) is None:  # room beside the signature: it goes there
        body_lines = without_approval
    else:
        approval_before = None
    data["legal_bases"] = legal
    nodes, before = tree(body_lines, imported)
    preamble += before
    closing = split_closing(nodes)
    theme = theme_of(preamble)
    if header.unplaced:  # kept where a reader meets them first, and said
        preamble = header.unplaced + preamble
        imported.note(("preamble", 0), "dòng ở phần đầu văn bản chưa có trường riêng, giữ làm đoạn mở đầu: "
                      + "; ".join(header.unplaced))
    data["preamble"] = preamble
    if theme:
        data["theme"] = theme
    data["issuer"] = issuer
    signer = signer_of(signature_blocks[-1] if signature_blocks else [], family, issuer)
    if partners:
        data["partners"] = [{"issuer": p["issuer"], "signer": signer_of(block, family, p["issuer"]),
                             **{k: v for k, v in p.items() if k != "issuer"}}
                            for p, block in zip(partners, reversed(signature_blocks[:-1]))]
    elif len(signature_blocks) > 1:
        first = signature_blocks[0]
        name = first[-1] if first and first[-1] != fmt.upper(first[-1]) else ""
        titles = [t for t in first if t != name]
        data["approval"] = {"lines": [sentence_case(t) for t in titles], "name": name}
    elif (approval := _approval_typed_after(imported.trailing)) is not None:
        data["approval"], imported.trailing = approval, []
    elif approval_before is not None:
        data["approval"] = approval_before
    data["sections"], data["targets"], data["rounds"] = sections_of(nodes, year, data, imported)
    _mark_uncertain_targets(data["targets"], imported)
    data["closing"] = closing
    data["recipients"] = recipients_of(recipients_lines, family) if recipients_lines else {"items": []}
    if not recipients_lines:
        imported.note(("recipients",), "không thấy 'Nơi nhận:': thêm danh sách nơi nhận")
    data["signer"] = signer
    if not signature_blocks:
        imported.note(("signer",), "không thấy khối chữ ký: điền chức vụ và họ tên người ký")
    elif not signer["name"]:
        imported.note(("signer", "name"), "chưa có họ và tên người ký")
    templatise(data, year, imported)
    _count(data, imported)
    if imported.trailing:
        imported.note(("signer",), f"{len(imported.trailing)} dòng sau khối chữ ký (phụ lục?) chưa có chỗ trong "
                      "kế hoạch: giữ ở cuối tệp dưới dạng ghi chú")
    for heading in imported.table_headings:
        where = ("targets",) if data.get("targets") else ("sections",)
        imported.note(where, f"bảng '{heading}' được chuyển thành các gạch đầu dòng (bỏ dòng tiêu đề của bảng)")
    return imported


APPROVAL_OPENINGS = ("DUYỆT", "XÁC NHẬN", "NGƯỜI LẬP", "NGƯỜI DUYỆT")


def _approval_typed_before(lines: list) -> tuple[dict | None, list]:
    """"DUYỆT CỦA BAN GIÁM HIỆU / HIỆU TRƯỞNG / (name)" typed as the last lines of the body, above the
    signature table: (the approval block, the body without it), or (None, the body)."""
    tail = lines[-5:]
    starts = [i for i, line in enumerate(tail) if line.text == fmt.upper(line.text)
              and fmt.upper(line.text).startswith(APPROVAL_OPENINGS)]
    if not starts:
        return None, lines
    start = len(lines) - len(tail) + starts[-1]
    block = _approval_typed_after([line.text for line in lines[start:]])
    return (block, lines[:start]) if block is not None else (None, lines)


def _approval_typed_after(trailing: list[str]) -> dict | None:
    """"DUYỆT CỦA BAN GIÁM HIỆU / HIỆU TRƯỞNG / (name)" typed as paragraphs under the signature
    table: the approval block beside the signature, as the model prints it."""
    if not trailing or not fmt.upper(trailing[0]).startswith(APPROVAL_OPENINGS) or len(trailing) > 5:
        return None
    titles = [t for t in trailing if t == fmt.upper(t) and not t.startswith("(")]
    notes = [t for t in trailing if t.startswith("(") and t.endswith(")")]
    names = [t for t in trailing if t not in titles and t not in notes]
    if len(names) > 1 or len(notes) > 1 or trailing[:len(titles)] != titles:
        return None
    block: dict = {"lines": [sentence_case(t) for t in titles], "name": names[0] if names else ""}
    if notes:
        block["note"] = notes[0]
    return block


def _mark_uncertain_targets(groups: list, imported: Imported) -> None:
    """A figure the target reader was not sure of is marked where it stands, and listed by the command."""
    def walk(items: list, path: tuple) -> None:
        for index, item in enumerate(items):
            if isinstance(item, dict):
                if reason := item.pop("_check", None):
                    imported.note((*path, index, "value"), reason)
                walk(item.get("items", []), (*path, index, "items"))

    for number, group in enumerate(groups):
        walk(group.get("items", []), ("targets", number, "items"))


def _type_line(lines: list) -> tuple[int, str, str]:
    """(where the type line is, the document kind, the words after it on the same line).

    A line that is only the kind, outside a table first; then a line that opens with it
    ("KẾ HOẠCH Phát động …"); a file typed without diacritics says "KE HOACH"."""
    longest = 3 * max(map(len, DOCUMENT_KINDS))  # a decomposed (NFD) letter takes up to three
    typed_bare: dict[str, str] = {}  # "KE HOACH": each kind typed without diacritics, the first kind of each spelling
    for known in DOCUMENT_KINDS:
        typed_bare.setdefault(fmt.ascii_fold(known), known)

    def kind_of(text: str) -> str | None:
        text = text.strip()
        if len(text) > longest:  # a long line is no type line: not worth upper-casing
            return None
        upper = fmt.upper(text)
        return upper if upper in DOCUMENT_KINDS else typed_bare.get(upper)

    for in_table in (False, True):
        for i, line in enumerate(lines):
            if (line.cell is not None) == in_table and (kind := kind_of(line.plain)):
                return i, kind, ""
    openings = tuple(kind + " " for kind in DOCUMENT_KINDS)
    for i, line in enumerate(lines):
        opening = fmt.upper(line.plain[:longest])
        if not opening.startswith(openings):
            continue
        for kind in DOCUMENT_KINDS:
            rest = line.plain[len(kind):].strip()
            if opening.startswith(kind + " ") and rest and rest != fmt.upper(rest):
                return i, kind, rest
    raise NotAPlan("không tìm thấy dòng tên loại văn bản (KẾ HOẠCH, THÔNG BÁO, …) trong tệp")


def _plan_year(summary: str, date_year: int | None) -> int:
    years = [int(y) for y in re.findall(r"(?<![\d/])(19[5-9]\d|20\d\d)(?![\d/])", summary)]
    if date_year in years or not years:
        return date_year or (years[0] if years else dt.date.today().year)
    return years[0]


def _count(data: dict, imported: Imported) -> None:
    def sections(items: list) -> int:
        return sum(1 + sections(s.get("children", [])) for s in items)

    imported.count("sections", sections(data["sections"]))
    imported.count("targets", sum(len(g["items"]) for g in data["targets"]))
    imported.count("rounds", len(data["rounds"]))
    imported.count("occasions", sum(len(r.get("occasions", [])) for r in data["rounds"]))

    def texts(sections: list) -> int:
        return sum(len(s.get("paragraphs", [])) + len(s.get("items", [])) + len(s.get("closing", []))
                   + (1 if "text" in s else 0) + texts(s.get("children", [])) for s in sections)

    imported.count("text", texts(data["sections"]) + len(data.get("preamble", [])) + len(data.get("closing", [])))
    for key in ("legal_bases", "preamble", "closing", "targets", "rounds"):
        if not data.get(key):
            data.pop(key, None)
