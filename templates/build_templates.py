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
from generator.core import nd30  # noqa: E402
from generator.core.families import FAMILIES, Family  # noqa: E402
from generator.core.metrics import rule_for, text_width_pt  # noqa: E402
from generator.core.nd30 import FONT  # noqa: E402

HERE = Path(__file__).resolve().parent


def styles_for(family: Family) -> dict[str, tuple]:
    """name: (size, bold, italic, alignment, first-line indent, space before, space after, underline)."""
    body, indent, gap = family.size("body"), Cm(nd30.FIRST_LINE_INDENT_CM[0]), nd30.PARAGRAPH_SPACING_PT[0]
    underline_label = family.recipients_label == "underline"
    size = family.size
    return {
        "Nội dung": (body, False, False, "justify", indent, gap, 0, False),
        "Căn cứ": (body, False, True, "justify", indent, gap, 0, False),
        "Đề mục cấp I": (body, True, False, "justify", indent, gap, 0, False),
        "Đề mục cấp 1": (body, True, False, "justify", indent, gap, 0, False),
        "Đề mục cấp a": (body, False, False, "justify", indent, gap, 0, False),
        "Gạch đầu dòng": (body, False, False, "justify", indent, gap, 0, False),
        "Gạch đầu dòng cấp 2": (body, False, False, "justify", indent, gap, 0, False),
        "Lời kết": (body, False, False, "justify", indent, gap, 0, False),
        "Cơ quan chủ quản": (size("issuer"), False, False, "center", None, 0, 0, False),
        "Cơ quan ban hành": (size("issuer"), True, False, "center", None, 0, 0, False),
        "Đường kẻ cơ quan": (size("issuer"), False, False, "center", None, 0, 0, False),
        "Quốc hiệu": (size("national_name"), True, False, "center", None, 0, 0, False),
        "Tiêu ngữ": (size("motto") if "motto" in family.parts else size("national_name"), True, False, "center",
                     None, 0, 0, False),
        "Đường kẻ tiêu ngữ": (size("motto") if "motto" in family.parts else size("national_name"), False, False,
                              "center", None, 0, 0, False),
        "Số ký hiệu": (size("number"), False, False, "center", None, 6, 0, False),
        "Địa danh ngày tháng": (size("date"), False, True, "center", None, 6, 0, False),
        "Tên loại": (size("title"), True, False, "center", None, 18, 0, False),
        "Trích yếu": (size("summary"), True, False, "center", None, 0, 0, False),
        "Đường kẻ trích yếu": (size("summary"), False, False, "center", None, 0, 6, False),
        "Nơi nhận": (size("recipients_title"), not underline_label, not underline_label, "left", None, 0, 0,
                     underline_label),
        "Nơi nhận - dòng": (size("recipients"), False, False, "left", None, 0, 0, False),
        "Chữ ký - chức vụ": (size("signature"), True, False, "center", None, 0, 0, False),
        "Chữ ký - chức vụ thường": (size("signature"), False, False, "center", None, 0, 0, False),
        "Chữ ký - ghi chú": (size("signature"), False, True, "center", None, 0, 0, False),
        "Chữ ký - họ tên": (size("signature"), True, False, "center", None, 0, 0, False),
        "Số trang": (size("page_number"), False, False, "center", None, 0, 0, False),
        # tables in the body (generator/document/tables.py): one point below the body text
        "Bảng - tiêu đề": (body - 1, True, False, "center", None, 2, 2, False),
        "Bảng - ô": (body - 1, False, False, "left", None, 2, 2, False),
        "Bảng - số": (body - 1, False, False, "center", None, 2, 2, False),
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


def define_styles(doc, styles: dict[str, tuple]) -> None:
    normal = doc.styles["Normal"]
    body = styles["Nội dung"][0]
    normal.font.name, normal.font.size = FONT, Pt(body)
    set_fonts(normal.element, body)
    for name, (points, bold, italic, align, indent, before, after, underline) in styles.items():
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.quick_style = True
        font = style.font
        font.name, font.size, font.bold, font.italic = FONT, Pt(points), bold, italic
        font.underline = underline
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


SIGNATURE_KINDS = [("label", "Nơi nhận"), ("entry", "Nơi nhận - dòng"), ("title", "Chữ ký - chức vụ"),
                   ("post", "Chữ ký - chức vụ thường"), ("note", "Chữ ký - ghi chú"), ("name", "Chữ ký - họ tên")]


def signature_cell(cell, lines: str) -> None:
    """One cell of the recipients-and-signature table: its lines, each styled by its kind."""
    clear_first_paragraph(cell)
    para(cell, f"{{%p for line in {lines} %}}", "Chữ ký - chức vụ")
    for i, (kind, style) in enumerate(SIGNATURE_KINDS):
        para(cell, f"{{%p {'if' if i == 0 else 'elif'} line.kind == '{kind}' %}}", style)
        para(cell, "{{ line.text }}", style)
    para(cell, "{%p else %}", "Chữ ký - chức vụ")
    para(cell, "", "Chữ ký - chức vụ")  # the room left for the signature
    para(cell, "{%p endif %}", "Chữ ký - chức vụ")
    para(cell, "{%p endfor %}", "Chữ ký - chức vụ")
    para(cell, "", "Nơi nhận - dòng")  # a cell always holds a paragraph, even with no lines


def build(family: Family) -> Document:
    doc = Document()
    styles = styles_for(family)
    define_styles(doc, styles)
    section = doc.sections[0]
    margins = family.used_margins_mm
    section.page_width, section.page_height = Mm(nd30.PAGE_MM[0]), Mm(nd30.PAGE_MM[1])
    section.top_margin, section.bottom_margin = Mm(margins["top"]), Mm(margins["bottom"])
    section.left_margin, section.right_margin = Mm(margins["left"]), Mm(margins["right"])
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    page_number_header(section)
    for paragraph in doc.paragraphs:  # the default document's empty paragraph
        paragraph._p.getparent().remove(paragraph._p)
    text_width_mm = nd30.PAGE_MM[0] - margins["left"] - margins["right"]

    # Header: issuer | banner (national name and motto, or the organisation's); number | place and date.
    header = doc.add_table(rows=2, cols=2)
    borderless(header, list(family.header_columns_mm), indent_twips=-199)
    left, right = header.cell(0, 0), header.cell(0, 1)
    for cell in (left, right, header.cell(1, 0), header.cell(1, 1)):
        clear_first_paragraph(cell)
    para(left, "{%p if issuer.parent %}", "Cơ quan chủ quản")
    para(left, "{{ issuer.parent }}", "Cơ quan chủ quản")
    para(left, "{%p endif %}", "Cơ quan chủ quản")
    loop(left, "line in issuer.lines", [("{{ line }}", "Cơ quan ban hành")])
    para(left, "{{ issuer.rule }}", "Đường kẻ cơ quan")
    motto = "motto" in family.parts  # the state's two-line banner: national name, then motto
    if family.banner_forms:  # written in more than one way: the plan's choice, from the context
        loop(right, "line in banner.lines", [("{{ line }}", "Quốc hiệu")])
        if family.banner_rule:
            para(right, "{{ banner.rule }}", "Đường kẻ tiêu ngữ")
    else:
        for i, line in enumerate(family.banner):
            para(right, line, "Tiêu ngữ" if motto and i == len(family.banner) - 1 else "Quốc hiệu")
        if family.banner_rule:
            last = family.banner[-1]
            points = styles["Tiêu ngữ" if motto else "Quốc hiệu"][0]
            para(right, rule_for(text_width_pt(last, points, bold=True), points, 1.0), "Đường kẻ tiêu ngữ")
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
    para(doc, "{%p elif b.kind == 'table' %}", "Nội dung")
    para(doc, "{{p b.table }}", "Nội dung")
    para(doc, "{%p else %}", "Nội dung")
    para(doc, "{{r b.text }}", "Nội dung")
    para(doc, "{%p endif %}", "Nội dung")
    para(doc, "{%p endfor %}", "Nội dung")
    loop(doc, "t in closing", [("{{r t }}", "Lời kết")])
    para(doc, "", "Lời kết")  # the blank line before the signature, as in ND30's specimen

    # Recipients and signature blocks (ND30 ô 7, ô 9b): one table row per row of blocks.
    signature = doc.add_table(rows=3, cols=2)
    half = text_width_mm / 2
    borderless(signature, [half - 2.5, half + 2.5])
    for row in (0, 2):
        for cell in signature.rows[row].cells:
            clear_first_paragraph(cell)
    para(signature.cell(0, 0), "{%tr for row in signature_rows %}", "Nơi nhận - dòng")
    para(signature.cell(0, 1), "", "Nơi nhận - dòng")
    para(signature.cell(2, 0), "{%tr endfor %}", "Nơi nhận - dòng")
    para(signature.cell(2, 1), "", "Nơi nhận - dòng")
    cant_split = OxmlElement("w:cantSplit")  # recipients and signature never split across pages
    signature.rows[1]._tr.get_or_add_trPr().append(cant_split)
    signature_cell(signature.cell(1, 0), "row.left")
    signature_cell(signature.cell(1, 1), "row.right")

    trim_package(doc, styles)
    # Blank runs ("Số:      /KH-UBND") must keep their spaces.
    for t in doc.element.body.iter(qn("w:t")):
        t.set(qn("xml:space"), "preserve")
    return doc


def trim_package(doc, styles: dict) -> None:
    """Keep only the styles the template uses: python-docx's default package carries
    ~800 KB of unused styles, which every generated document would repeat."""
    keep_ids = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList", "Header", "HeaderChar",
                "Footer", "FooterChar"}
    part = doc.styles.element
    for element in list(part):
        if element.tag == qn("w:latentStyles"):
            part.remove(element)
        elif element.tag == qn("w:style"):
            name = element.find(qn("w:name"))
            if element.get(qn("w:styleId")) not in keep_ids and (name is None or name.get(qn("w:val")) not in styles):
                part.remove(element)
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
    """One template per family and kind: each can be restyled on its own in Word."""
    written = []
    for family in FAMILIES.values():
        for name in dict.fromkeys(family.templates.values()):
            doc = build(family)
            neutral_package(doc)
            save_deterministic(doc, folder / name)
            written.append(folder / name)
    return written


def main() -> None:
    written = build_all(HERE)
    print("Đã ghi " + ", ".join(map(str, written)))


if __name__ == "__main__":
    main()
