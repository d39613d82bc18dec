"""Word files typed the way a clerk types them, made from the seed texts with python-docx:
test material for `thidua import` that thidua did not write.

Each file varies what hand-typed plans vary: numbering typed into the text or made by
Word's own list buttons, Shift+Enter line breaks, a figure split across runs ("2.9" bold
+ "00"), empty paragraphs between sections, a table of targets, the header as a table or
as lines separated by tabs with the date in its own right-aligned paragraph, a typed
"______" rule instead of a drawn line, the signature typed as paragraphs. The header's
facts (issuer, number, date) and the signer come from the plan that reproduces the seed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from conftest import PLANS, SEEDS
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from generator.document.issuance import date_line, issuer_lines, number_line, signature_text
from generator.plan.loader import load_plan

SEED_PLANS = {"000": "000-lam-thao-ke-hoach-thi-dua", "001": "001-tam-nong-ke-hoach-thi-dua",
              "002": "002-tan-lap-ke-hoach-thi-dua", "003": "003-huu-lung-phat-dong"}


@dataclass(frozen=True)
class Variant:
    header_table: bool = True  # else lines with tabs, and the date in its own right-aligned paragraph
    word_bullets: bool = False  # "-" points made with Word's bullet button (numbering.xml)
    word_roman: bool = False  # "I.", "II." made with Word's numbering
    target_table: bool = False  # the first group of targets typed as a table
    split_figure: bool = False  # "2.9" bold + "00" in one sentence
    soft_break: bool = False  # Shift+Enter inside a body paragraph
    typed_rule: bool = True  # "______" under the issuer and the summary
    signature_table: bool = True  # else recipients and signer typed as paragraphs
    empty_between: bool = True  # empty paragraphs between sections
    kind_with_summary: bool = False  # "KẾ HOẠCH Phát động …" typed on one line
    two_row_signature: bool = False  # "Nơi nhận:" and the posts in one row, the list and the name in the next


VARIANTS = {
    "000": Variant(target_table=True, split_figure=True),
    "001": Variant(header_table=False, word_bullets=True, signature_table=False),
    "002": Variant(word_roman=True, soft_break=True, typed_rule=True),
    "003": Variant(empty_between=False, word_bullets=True, kind_with_summary=True, two_row_signature=True),
}


def seed_body(number: str, summary: str) -> tuple[list[str], list[str]]:
    """(the body's lines after the summary, the recipients' lines) of a seed text."""
    text = next(SEEDS.glob(f"{number}_*.txt")).read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    start = next(i for i, line in enumerate(lines) if summary[:40] in line) + 1
    end = next(i for i, line in enumerate(lines) if line.startswith("Nơi nhận"))
    tail = lines[end:]
    recipients = [tail[0]] + [line for line in tail[1:] if line.startswith("-")]
    return lines[start:end], recipients


def add_runs(paragraph, text: str, size: int = 14) -> None:
    """**đậm** and *nghiêng* in the seed's markup become bold and italic runs."""
    for piece in re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*)", text):
        if not piece:
            continue
        bold, italic = piece.startswith("**"), piece.startswith("*") and not piece.startswith("**")
        run = paragraph.add_run(piece.strip("*") if (bold or italic) else piece)
        run.bold, run.italic = bold or None, italic or None
        run.font.size = Pt(size)


def _numbering(document, *levels: tuple[str, str]) -> str:
    """A multilevel list of our own in numbering.xml ((numFmt, lvlText) per level); its numId."""
    numbering = document.part.numbering_part.element
    abstract_id = str(90 + len(numbering.findall(qn("w:abstractNum"))))
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), abstract_id)
    for ilvl, (fmt, text) in enumerate(levels):
        level = OxmlElement("w:lvl")
        level.set(qn("w:ilvl"), str(ilvl))
        for tag, value in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text)):
            element = OxmlElement(tag)
            element.set(qn("w:val"), value)
            level.append(element)
        abstract.append(level)
    numbering.insert(0, abstract)
    num = OxmlElement("w:num")
    num_id = str(90 + len(numbering.findall(qn("w:num"))))
    num.set(qn("w:numId"), num_id)
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), abstract_id)
    num.append(ref)
    numbering.append(num)
    return num_id


def _number_paragraph(paragraph, num_id: str, level: int = 0) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), str(level))
    ident = OxmlElement("w:numId")
    ident.set(qn("w:val"), num_id)
    num_pr.append(ilvl)
    num_pr.append(ident)
    ppr.append(num_pr)


def _centred(container, text: str, bold: bool = False, italic: bool = False, size: int = 13):
    paragraph = container.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold, run.italic, run.font.size = bold or None, italic or None, Pt(size)
    return paragraph


def handtyped(number: str, target: Path) -> Path:
    variant = VARIANTS[number]
    plan = load_plan(PLANS / "2024" / f"{SEED_PLANS[number]}.yaml")
    document = Document()
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(14)
    parent, issuers = issuer_lines(plan)
    left = ([parent] if parent else []) + issuers
    right = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    if variant.header_table:
        table = document.add_table(rows=2, cols=2)
        for i, text in enumerate(left):
            _centred(table.cell(0, 0), text, bold=i >= len(left) - len(issuers))
        if variant.typed_rule:
            _centred(table.cell(0, 0), "________")
        for i, text in enumerate(right):
            _centred(table.cell(0, 1), text, bold=True, size=13 if i == 0 else 14)
        _centred(table.cell(1, 0), number_line(plan))
        _centred(table.cell(1, 1), date_line(plan), italic=True, size=14)
    else:
        for i in range(max(len(left), len(right))):
            paragraph = document.add_paragraph()
            run = paragraph.add_run(left[i] if i < len(left) else "")
            run.bold = i >= len(left) - len(issuers) or None
            paragraph.add_run("\t\t")
            run = paragraph.add_run(right[i] if i < len(right) else "")
            run.bold = True
        document.add_paragraph(number_line(plan))
        date = document.add_paragraph()
        date.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = date.add_run(date_line(plan))
        run.italic = True
    document.add_paragraph()
    summary_text = plan.summary.replace("{{ year }}", str(plan.year))
    if variant.kind_with_summary:
        _centred(document, f"{plan.kind} {summary_text}", bold=True, size=14)
    else:
        _centred(document, plan.kind, bold=True, size=14)
        _centred(document, summary_text, bold=True, size=14)
    if variant.typed_rule:
        _centred(document, "__________________")

    body, recipients = seed_body(number, plan.summary.replace("{{ year }}", str(plan.year)))
    # Word's multilevel list: I. / 1. / a), restarting below each higher level as Word does
    roman_id = _numbering(document, ("upperRoman", "%1."), ("decimal", "%2."), ("lowerLetter", "%3)")) \
        if variant.word_roman else None
    levels = [re.compile(r"^[IVX]+\. "), re.compile(r"^\d+\. "), re.compile(r"^[a-zđ]\) ")]
    first_group = True
    index = 0
    while index < len(body):
        line = body[index]
        if variant.target_table and first_group and re.match(r"^a\) ", line):
            first_group = False
            heading = document.add_paragraph()
            add_runs(heading, line)
            rows = []
            index += 1
            while index < len(body) and body[index].startswith("- "):
                rows.append(body[index][2:].rstrip(";."))
                index += 1
            _target_table(document, rows)
            continue
        if variant.empty_between and re.match(r"^[IVX]+\. ", line):
            document.add_paragraph()
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.first_line_indent = Pt(28)
        level = next((i for i, pattern in enumerate(levels) if pattern.match(line)), None)
        if roman_id and level is not None:
            _number_paragraph(paragraph, roman_id, level)
            add_runs(paragraph, levels[level].sub("", line))
            for run in paragraph.runs:
                run.bold = run.bold or level < 2 or None
        elif variant.word_bullets and line.startswith("- "):
            paragraph.style = document.styles["List Bullet"]
            add_runs(paragraph, line[2:])
        elif variant.split_figure and "2.900 tỷ đồng" in line:
            before, after = line.split("2.900", 1)
            add_runs(paragraph, before)
            figure = paragraph.add_run("2.9")
            figure.bold = True
            paragraph.add_run("00")
            add_runs(paragraph, after)
        elif variant.soft_break and len(line) > 300 and not line.startswith(("-", "+")):
            cut = line.index(". ", 120) + 1 if ". " in line[120:] else len(line)
            add_runs(paragraph, line[:cut])
            paragraph.add_run().add_break()
            add_runs(paragraph, line[cut:].lstrip())
        else:
            add_runs(paragraph, line)
        index += 1

    signer = signature_text(plan)
    if variant.two_row_signature:
        table = document.add_table(rows=2, cols=2)
        table.cell(0, 0).paragraphs[0].add_run(recipients[0]).bold = True
        for text in recipients[1:]:
            table.cell(1, 0).add_paragraph(text)
        for text in [t for t in signer if t == t.upper()]:
            _centred(table.cell(0, 1), text, bold=True, size=14)
        _centred(table.cell(1, 1), plan.signer.name, bold=True, size=14)
    elif variant.signature_table:
        table = document.add_table(rows=1, cols=2)
        cell = table.cell(0, 0)
        cell.paragraphs[0].add_run(recipients[0]).bold = True
        for text in recipients[1:]:
            cell.add_paragraph(text)
        signature = table.cell(0, 1)
        titles = [t for t in signer if t == t.upper()]
        paragraph = signature.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for i, text in enumerate(titles):  # the titles with Shift+Enter between them
            run = paragraph.add_run(text)
            run.bold = True
            if i < len(titles) - 1:
                run.add_break()
        for _ in range(3):
            signature.add_paragraph()
        _centred(signature, plan.signer.name, bold=True, size=14)
    else:
        document.add_paragraph()
        for text in [t for t in signer if t == t.upper()]:
            _centred(document, text, bold=True, size=14)
        document.add_paragraph()
        _centred(document, plan.signer.name, bold=True, size=14)
        label = document.add_paragraph()
        run = label.add_run(recipients[0])
        run.bold = run.italic = True
        for text in recipients[1:]:
            document.add_paragraph(text)
    document.save(str(target))
    return target


def _target_table(document, rows: list[str]) -> None:
    """A target group typed as a table: STT | Chỉ tiêu | Kế hoạch."""
    table = document.add_table(rows=1 + len(rows), cols=3)
    for cell, text in zip(table.rows[0].cells, ("STT", "Chỉ tiêu", "Kế hoạch")):
        cell.paragraphs[0].add_run(text).bold = True
    for i, row in enumerate(rows, start=1):
        match = re.match(r"^(.*?)\s+((?:đạt\s+)?(?:từ\s+|trên\s+)?[\d.,]+\s*(?:tỷ đồng|triệu đồng|%)(?:\s+trở lên)?)$", row)
        label, value = (match.group(1), match.group(2)) if match else (row, "")
        for cell, text in zip(table.rows[i].cells, (str(i), label, value)):
            cell.paragraphs[0].add_run(text)


def retyped(source: Path, target: Path, seed: int) -> Path:
    """A document thidua built, typed again by hand: no styles, direct formatting, the
    header in a plain table or as lines with tabs, Word bullets for some points, empty
    paragraphs between sections and the signer's titles joined by Shift+Enter."""
    from generator.word.lines import read_lines

    lines = read_lines(source)
    document = Document()
    document.styles["Normal"].font.name = "Times New Roman"
    header = [line for line in lines if line.cell and line.cell[0] == 0]
    tables = {line.cell[0] for line in lines if line.cell}
    last_table = max(tables) if len(tables) > 1 else None
    tabs = seed % 2 == 1
    if tabs:  # left and right columns typed on the same lines, separated by tabs
        left = [line.plain for line in header if line.cell[1:] == (0, 0) and set(line.plain) != {"_"}]
        right = [line.plain for line in header if line.cell[1:] == (0, 1) and set(line.plain) != {"_"}]
        for i in range(max(len(left), len(right))):
            paragraph = document.add_paragraph()
            paragraph.add_run(left[i] if i < len(left) else "").bold = True
            paragraph.add_run("\t\t" + (right[i] if i < len(right) else "")).bold = True
        for line in header:
            if line.cell[1] == 1:
                paragraph = document.add_paragraph()
                if line.cell[2] == 1:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                paragraph.add_run(line.plain).italic = line.cell[2] == 1 or None
    else:
        table = document.add_table(rows=2, cols=2)
        for line in header:
            _centred(table.cell(*line.cell[1:]), line.plain, bold=line.bold, italic=line.italic)
    body = [line for line in lines if line.cell is None]
    for line in body:
        if seed % 3 == 0 and re.match(r"^[IVX]+\. ", line.plain):
            document.add_paragraph()
        paragraph = document.add_paragraph()
        if line.centred:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            paragraph.paragraph_format.first_line_indent = Pt(28)
        text = line.text
        if seed % 2 == 0 and line.plain.startswith("- ") and "*" not in text:
            paragraph.style = document.styles["List Bullet"]
            text = text[2:]
        add_runs(paragraph, text)
        if line.bold:
            for run in paragraph.runs:
                run.bold = True
        if line.italic:
            for run in paragraph.runs:
                run.italic = True
    if last_table is not None:
        cells: dict[tuple[int, int], list] = {}
        for line in lines:
            if line.cell and line.cell[0] == last_table:
                cells.setdefault(line.cell[1:], []).append(line)
        table = document.add_table(rows=1 + max(r for r, _ in cells), cols=2)
        for (row, column), found in cells.items():
            cell = table.cell(row, column)
            paragraph = cell.paragraphs[0]
            titles = [ln for ln in found if ln.plain == ln.plain.upper() and not ln.plain.startswith(("Nơi", "-"))]
            for ln in found:
                if ln in titles and titles.index(ln) > 0 and seed % 2 == 1:  # Shift+Enter between the titles
                    paragraph.runs[-1].add_break()
                    run = paragraph.add_run(ln.plain)
                else:
                    if paragraph.runs:
                        paragraph = cell.add_paragraph()
                    run = paragraph.add_run(ln.plain)
                run.bold = ln.bold or None
                run.italic = ln.italic or None
                if ln.centred:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.save(str(target))
    return target


def spaced_header(number: str, target: Path) -> Path:
    """The header typed with runs of spaces instead of a table or tabs, the issuer abbreviated on
    one line ("UBND HUYỆN …"), the number and the date on one line; the body as plain paragraphs."""
    plan = load_plan(PLANS / "2024" / f"{SEED_PLANS[number]}.yaml")
    _, issuers = issuer_lines(plan)
    document = Document()
    first = document.add_paragraph()
    first.add_run(f"UBND {issuers[-1]}").bold = True
    first.add_run("          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").bold = True
    second = document.add_paragraph()
    second.add_run("                                        Độc lập - Tự do - Hạnh phúc").bold = True
    document.add_paragraph(f"{number_line(plan)}          {date_line(plan)}")
    _centred(document, plan.kind, bold=True)
    summary = plan.summary.replace("{{ year }}", str(plan.year))
    _centred(document, summary, bold=True)
    body, recipients = seed_body(number, summary)
    for line in body:
        add_runs(document.add_paragraph(), line)
    table = document.add_table(rows=1, cols=2)
    for text in recipients:
        table.cell(0, 0).add_paragraph(text)
    for text in signature_text(plan):
        _centred(table.cell(0, 1), text, bold=True)
    document.save(str(target))
    return target
