"""Generate templates/ke-hoach.docx and templates/phat-dong.docx (docxtpl, ND30 layout).

Run `python templates/build_templates.py` after changing the layout here. The
generated files are ordinary Word documents: a clerk may restyle them in Word through
the named paragraph styles ("Nội dung", "Đề mục cấp I", "Nơi nhận", …); the tags
({{ … }}, {%p … %}) must each be kept whole on their own line.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from generator import nd30  # noqa: E402
from generator.metrics import rule_for, text_width_pt  # noqa: E402
from generator.nd30 import FONT, MOTTO, NATIONAL_NAME, size  # noqa: E402

MOTTO_PT = size("motto")
BODY, INDENT = size("body"), Cm(nd30.FIRST_LINE_INDENT_CM[0])
GAP = nd30.PARAGRAPH_SPACING_PT[0]
HERE = Path(__file__).resolve().parent

# name: (size, bold, italic, alignment, first-line indent, space before, space after)
STYLES = {
    "Nội dung": (BODY, False, False, "justify", INDENT, GAP, 0),
    "Căn cứ": (BODY, False, True, "justify", INDENT, GAP, 0),
    "Đề mục cấp I": (BODY, True, False, "justify", INDENT, GAP, 0),
    "Đề mục cấp 1": (BODY, True, False, "justify", INDENT, GAP, 0),
    "Đề mục cấp a": (BODY, False, False, "justify", INDENT, GAP, 0),
    "Gạch đầu dòng": (BODY, False, False, "justify", INDENT, GAP, 0),
    "Gạch đầu dòng cấp 2": (BODY, False, False, "justify", INDENT, GAP, 0),
    "Lời kết": (BODY, False, False, "justify", INDENT, GAP, 0),
    "Cơ quan chủ quản": (size("issuer"), False, False, "center", None, 0, 0),
    "Cơ quan ban hành": (size("issuer"), True, False, "center", None, 0, 0),
    "Đường kẻ cơ quan": (size("issuer"), False, False, "center", None, 0, 0),
    "Quốc hiệu": (size("national_name"), True, False, "center", None, 0, 0),
    "Tiêu ngữ": (size("motto"), True, False, "center", None, 0, 0),
    "Đường kẻ tiêu ngữ": (size("motto"), False, False, "center", None, 0, 0),
    "Số ký hiệu": (size("number"), False, False, "center", None, 6, 0),
    "Địa danh ngày tháng": (size("date"), False, True, "center", None, 6, 0),
    "Tên loại": (size("title"), True, False, "center", None, 18, 0),
    "Trích yếu": (size("title"), True, False, "center", None, 0, 0),
    "Đường kẻ trích yếu": (size("title"), False, False, "center", None, 0, 6),
    "Nơi nhận": (size("recipients_title"), True, True, "left", None, 0, 0),
    "Nơi nhận - dòng": (size("recipients"), False, False, "left", None, 0, 0),
    "Chữ ký - chức vụ": (size("signature"), True, False, "center", None, 0, 0),
    "Chữ ký - họ tên": (size("signature"), True, False, "center", None, 0, 0),
    "Số trang": (size("page_number"), False, False, "center", None, 0, 0),
}
# A heading never stands alone at the foot of a page; the closing paragraphs stay with the
# recipients and signature that follow them.
KEEP_WITH_NEXT = {"Đề mục cấp I", "Đề mục cấp 1", "Đề mục cấp a", "Lời kết", "Tên loại", "Trích yếu"}
ALIGN = {"justify": WD_ALIGN_PARAGRAPH.JUSTIFY, "center": WD_ALIGN_PARAGRAPH.CENTER,
         "left": WD_ALIGN_PARAGRAPH.LEFT}
BODY_KINDS = [("h1", "Đề mục cấp I"), ("h2", "Đề mục cấp 1"), ("h3", "Đề mục cấp a"),
              ("b1", "Gạch đầu dòng"), ("b2", "Gạch đầu dòng cấp 2")]


def set_fonts(rpr_parent, size: float) -> None:
    rpr = rpr_parent.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    rpr.append(lang)


def define_styles(doc) -> None:
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(BODY)
    set_fonts(normal.element, BODY)
    for name, (points, bold, italic, align, indent, before, after) in STYLES.items():
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.quick_style = True
        font = style.font
        font.name, font.size, font.bold, font.italic = FONT, Pt(points), bold, italic
        set_fonts(style.element, points)
        fmt = style.paragraph_format
        fmt.alignment = ALIGN[align]
        fmt.first_line_indent = indent if indent is not None else Cm(0)
        fmt.space_before, fmt.space_after = Pt(before), Pt(after)
        fmt.line_spacing = nd30.LINE_SPACING[0] if indent is not None else 1.0
        fmt.widow_control = True  # no single line of a paragraph alone at the top or foot of a page
        if name in KEEP_WITH_NEXT:
            fmt.keep_with_next = True


def para(container, text: str, style: str):
    paragraph = container.add_paragraph(style=style)
    if text:
        paragraph.add_run(text)
    return paragraph


def borderless(table, widths_mm: list[float], indent_twips: int = 0) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    if indent_twips:
        ind = OxmlElement("w:tblInd")
        ind.set(qn("w:w"), str(indent_twips))
        ind.set(qn("w:type"), "dxa")
        tbl_pr.append(ind)
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm):
            cell.width = Mm(width)
    for column, width in zip(table.columns, widths_mm):
        column.width = Mm(width)


def clear_first_paragraph(cell) -> None:
    cell._tc.remove(cell.paragraphs[0]._p)


def page_number_header(section) -> None:
    section.different_first_page_header_footer = True  # no number on page 1 (ND30 §1)
    paragraph = section.header.paragraphs[0]
    paragraph.style = "Số trang"
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
            run._r.append(element)
        elif text.strip() == "PAGE":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            t = OxmlElement("w:t")
            t.text = text
            run._r.append(t)


def loop(container, items: str, body: list[tuple[str, str]]) -> None:
    para(container, f"{{%p for {items} %}}", "Nội dung")
    for text, style in body:
        para(container, text, style)
    para(container, "{%p endfor %}", "Nội dung")


def build() -> Document:
    doc = Document()
    define_styles(doc)
    section = doc.sections[0]
    margins = nd30.USED_MARGINS_MM
    section.page_width, section.page_height = Mm(nd30.PAGE_MM[0]), Mm(nd30.PAGE_MM[1])
    section.top_margin, section.bottom_margin = Mm(margins["top"]), Mm(margins["bottom"])
    section.left_margin, section.right_margin = Mm(margins["left"]), Mm(margins["right"])
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    page_number_header(section)
    for paragraph in doc.paragraphs:  # the default document's empty paragraph
        paragraph._p.getparent().remove(paragraph._p)

    # Header: issuer | national name, motto; number | place and date (ND30 ô 1-4).
    header = doc.add_table(rows=2, cols=2)
    borderless(header, [67.5, 100.0], indent_twips=-199)
    left, right = header.cell(0, 0), header.cell(0, 1)
    for cell in (left, right, header.cell(1, 0), header.cell(1, 1)):
        clear_first_paragraph(cell)
    para(left, "{%p if issuer.parent %}", "Cơ quan chủ quản")
    para(left, "{{ issuer.parent }}", "Cơ quan chủ quản")
    para(left, "{%p endif %}", "Cơ quan chủ quản")
    loop(left, "line in issuer.lines", [("{{ line }}", "Cơ quan ban hành")])
    para(left, "{{ issuer.rule }}", "Đường kẻ cơ quan")
    para(right, NATIONAL_NAME, "Quốc hiệu")
    para(right, MOTTO, "Tiêu ngữ")
    para(right, rule_for(text_width_pt(MOTTO, MOTTO_PT, bold=True), MOTTO_PT, 1.0), "Đường kẻ tiêu ngữ")
    para(header.cell(1, 0), "{{ number_line }}", "Số ký hiệu")
    para(header.cell(1, 1), "{{ date_line }}", "Địa danh ngày tháng")

    para(doc, "{{ doc_type }}", "Tên loại")
    para(doc, "{{ summary }}", "Trích yếu")
    para(doc, "{{ summary_rule }}", "Đường kẻ trích yếu")
    loop(doc, "t in legal_bases", [("{{r t }}", "Căn cứ")])
    loop(doc, "t in preamble", [("{{r t }}", "Nội dung")])

    para(doc, "{%p for b in blocks %}", "Nội dung")
    for i, (kind, style) in enumerate(BODY_KINDS):
        para(doc, f"{{%p {'if' if i == 0 else 'elif'} b.kind == '{kind}' %}}", "Nội dung")
        para(doc, "{{r b.text }}", style)
    para(doc, "{%p else %}", "Nội dung")
    para(doc, "{{r b.text }}", "Nội dung")
    para(doc, "{%p endif %}", "Nội dung")
    para(doc, "{%p endfor %}", "Nội dung")
    loop(doc, "t in closing", [("{{r t }}", "Lời kết")])
    para(doc, "", "Lời kết")  # the blank line before the signature, as in ND30's specimen

    # Recipients | signature (ND30 ô 7, ô 9b).
    signature = doc.add_table(rows=1, cols=2)
    borderless(signature, [80.0, 85.0])
    cant_split = OxmlElement("w:cantSplit")  # recipients and signature never split across pages
    signature.rows[0]._tr.get_or_add_trPr().append(cant_split)
    recipients, signer = signature.cell(0, 0), signature.cell(0, 1)
    clear_first_paragraph(recipients)
    clear_first_paragraph(signer)
    para(recipients, "Nơi nhận:", "Nơi nhận")
    loop(recipients, "r in recipients", [("{{ r }}", "Nơi nhận - dòng")])
    loop(signer, "line in signature", [("{{ line }}", "Chữ ký - chức vụ")])
    for _ in range(4):
        para(signer, "", "Chữ ký - chức vụ")
    para(signer, "{{ signer_name }}", "Chữ ký - họ tên")

    trim_package(doc)
    # Blank runs ("Số:      /KH-UBND") must keep their spaces.
    for t in doc.element.body.iter(qn("w:t")):
        t.set(qn("xml:space"), "preserve")
    return doc


def trim_package(doc) -> None:
    """Keep only the styles the template uses: python-docx's default package carries
    ~800 KB of unused styles, which every generated document would repeat."""
    keep_ids = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList", "Header", "HeaderChar",
                "Footer", "FooterChar"}
    styles = doc.styles.element
    for element in list(styles):
        if element.tag == qn("w:latentStyles"):
            styles.remove(element)
        elif element.tag == qn("w:style"):
            name = element.find(qn("w:name"))
            if element.get(qn("w:styleId")) not in keep_ids and (name is None or name.get(qn("w:val")) not in STYLES):
                styles.remove(element)
    for rel_id, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rel_id)


def neutral_package(doc) -> None:
    """No trace of python-docx's own sample: no thumbnail, no custom XML, blank properties
    (thidua fills author, title and date from each plan when it renders)."""
    package = doc.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            package.rels.pop(rel_id)
    for rel_id, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/customXml"):
            doc.part.drop_rel(rel_id)
    properties = doc.core_properties
    properties.author = properties.title = properties.subject = properties.comments = ""
    properties.keywords = properties.category = properties.last_modified_by = ""
    properties.created = properties.modified = FIXED_TIME
    properties.revision = 1


FIXED_TIME = dt.datetime(2020, 1, 1)


def save_deterministic(doc, target: Path) -> None:
    """Save with fixed zip dates and order: the same script gives the same bytes."""
    buffer = io.BytesIO()
    doc.save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w") as archive:
        for name in source.namelist():
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, source.read(name))
    target.write_bytes(out.getvalue())


def build_all(folder: Path) -> list[Path]:
    written = []
    for name in ("ke-hoach.docx", "phat-dong.docx"):  # one layout; each kind restyled on its own in Word
        doc = build()
        neutral_package(doc)
        save_deterministic(doc, folder / name)
        written.append(folder / name)
    return written


def main() -> None:
    written = build_all(HERE)
    print("Đã ghi " + " và ".join(map(str, written)))


if __name__ == "__main__":
    main()
