"""Rules for the body: paragraphs, headings, indents (Phụ lục I, ô 6)."""

from __future__ import annotations

import re
from collections.abc import Callable

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from generator.checking.paragraph import Para, line_spacing_ok
from generator.checking.reading import Reading
from generator.checking.registry import Rule, add, not_applicable, rule, unknown
from generator.core import nd30
from generator.core.families import Family


@rule("noi-dung.co-noi-dung", "body", "nội dung văn bản")
def _has_body(r: Reading):
    paras = r.body_paragraphs()
    if paras is None:
        return unknown("không xác định được phần nội dung")
    return (True, "") if paras else unknown("không có đoạn nội dung")


# "Phần I", "Chương II", "Mục 1", "Điều 5.": headings of their own, centred or not, never body text
_PART_HEADING = re.compile(r"^(PHẦN|Phần|CHƯƠNG|Chương|MỤC|Mục|ĐIỀU|Điều)\s+([IVXLC]+|\d+)\b")


def _body_rule(slug: str, name: str, test: Callable[[Para, Family], bool], headings: bool = True,
               formatting: bool = True) -> None:
    """A rule that judges each body paragraph by `test`; a `formatting` test looks at formatting alone, and
    is asked once per look (Para.formatting) in a document: a long plan has a handful among thousands."""

    def check(r: Reading):
        paras = r.body_paragraphs()
        if not paras:
            return None  # said once, by "nội dung văn bản"
        judged = paras if headings else _without_part_headings(r, paras)
        if not judged:  # only "Điều", "Chương" lines: nothing of this rule's kind to judge
            return not_applicable("không có đoạn nội dung nào ngoài tên phần, chương, mục, điều")
        if formatting:
            failing = [group for group in _looks(r, judged, headings) if not test(group[0], r.family)]
            count = sum(len(group) for group in failing)
            first = failing[0][0] if failing else None  # the groups stand in the order of their first paragraph
        else:
            bad = [p for p in judged if not test(p, r.family)]
            count, first = len(bad), bad[0] if bad else None
        return first is None, f"{count} đoạn sai, ví dụ: '{first.text[:60]}'" if first is not None else ""

    add(Rule(f"noi-dung.{slug}", "body", name, check, part="body", practice="body"))


def _without_part_headings(r: Reading, paras: list[Para]) -> list[Para]:
    """The body without its Phần/Chương/Mục/Điều headings: the same for every body rule, found once."""
    found = r.defaults.get("_without_part_headings")
    if found is None:
        skipped = {id(p) for p in _part_headings_in(paras)}
        found = r.defaults["_without_part_headings"] = [p for p in paras if id(p) not in skipped]
    return found


def _looks(r: Reading, paras: list[Para], headings: bool) -> list[list[Para]]:
    """The paragraphs grouped by look (Para.formatting), each group in document order; found once per document
    for the whole body and once for the body without its part headings."""
    key = f"_looks_{headings}"
    found = r.defaults.get(key)
    if found is None:
        groups: dict[tuple, list[Para]] = {}
        for p in paras:
            groups.setdefault(p.formatting, []).append(p)
        found = r.defaults[key] = list(groups.values())
    return found


_INDENT = nd30.FIRST_LINE_INDENT_CM[1]
_body_rule("co-chu", "nội dung cỡ chữ {range}", lambda p, f: all(s in f.allowed("body") for s in p.sizes()))
_body_rule("can-deu", "nội dung căn đều hai lề", lambda p, f: p.pformat("alignment") == WD_ALIGN_PARAGRAPH.JUSTIFY,
           headings=False)
def _indented(p: Para, family: Family) -> bool:
    """The first line starts 1 cm or 1.27 cm in; for a paragraph of Word's list numbering, where its number
    stands (the list level's indents, unless the paragraph sets its own)."""
    if p.list_level is not None:
        position = p.numbered_first_line_cm()
        return position is not None and _INDENT.low <= position <= _INDENT.high
    indent = p.pformat("first_line_indent")
    return indent is not None and _INDENT.low <= indent.cm <= _INDENT.high


_body_rule("lui-dau-dong", "lùi đầu dòng 1 cm hoặc 1,27 cm", _indented, headings=False)
_body_rule("cach-doan", "khoảng cách giữa các đoạn tối thiểu 6 pt", lambda p, f: max(
    (p.pformat("space_before") or 0), (p.pformat("space_after") or 0)) >= nd30.PARAGRAPH_SPACING_PT[1].low * 12700 - 1)
_body_rule("gian-dong", "giãn dòng từ đơn (single) đến 1,5 dòng", lambda p, f: line_spacing_ok(p))
_body_rule("ngat-dong", "mỗi ý một đoạn, không ngắt dòng thủ công trong đoạn căn đều", lambda p, f: not any(
    br.get(qn("w:type")) in (None, "textWrapping") for br in p.p._p.iter(qn("w:br"))), headings=False,
    formatting=False)


@rule("de-muc.phan-chuong-dieu", "headings", "tên phần, chương, mục, điều in đậm")
def _part_headings(r: Reading):
    """Phần/Chương/Mục/Điều headings are judged as headings: bold (their alignment is the drafter's)."""
    headings = [p for p in r.body_paragraphs() or [] if _PART_HEADING.match(p.text)]
    if not headings:
        return None
    bad = [p for p in headings if not p.all_runs("bold", lambda b: bool(b)) and not _first_words_bold(p)]
    return not bad, f"'{bad[0].text[:60]}' không đậm" if bad else ""


def _part_headings_in(paras: list[Para]) -> list[Para]:
    """"Chương I" and the capitalised name on the line after it ("QUY ĐỊNH CHUNG")."""
    found: list[Para] = []
    previous_found = False
    for p in paras:
        is_heading = bool(_PART_HEADING.match(p.text)) or (previous_found and p.text == p.text.upper() and p.centred)
        if is_heading:
            found.append(p)
        previous_found = is_heading
    return found


def _first_words_bold(p: Para) -> bool:
    """"Điều 1. Phạm vi…": the article's number and name are bold, its text may follow upright."""
    runs = p.runs()
    return bool(runs) and bool(p.font(runs[0], "bold"))


@rule("de-muc.la-ma", "practice", "đề mục La Mã (I., II.) in hoa, đậm")
def _roman_headings(r: Reading):
    paras = r.body_paragraphs()
    if not paras:
        return None
    headings = [p for p in paras if re.match(r"^[IVXL]+\.\s", p.text) or p.list_format() == "upperRoman"]
    if not headings:  # the decree asks for none: a prose notice, a decision of articles
        return not_applicable("văn bản không có đề mục La Mã")
    bad = [p for p in headings if not (p.text == p.text.upper() and p.bold)]
    return not bad, f"'{bad[0].text[:60]}'" if bad else ""


# -- recipients and signature (PL I ô 7, ô 9b)
