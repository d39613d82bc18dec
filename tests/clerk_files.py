"""Word files typed the way clerks type them (python-docx, no thidua styles): one case each of
what `thidua import` must read as the clerk meant it. The names and figures are illustrative."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Pt

Part = tuple  # ("p", text[, bold]) | ("soft", [lines][, bold]) | ("table", rows)


def _paragraph(container, text: str = "", bold: bool = False, centre: bool = False, italic: bool = False):
    paragraph = container.add_paragraph()
    if text:
        run = paragraph.add_run(text)
        run.bold, run.italic, run.font.size = bold, italic, Pt(14)
    if centre:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return paragraph


def _first(cell, text: str, bold: bool = False, italic: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


STATE_HEADER = (("ỦY BAN NHÂN DÂN", "XÃ TÂN LẬP"), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"),
                "Số: 05/KH-UBND", "Tân Lập, ngày 10 tháng 01 năm 2025")
STATE_SIGNATURE = ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")


def clerk_plan(target: Path, body: list[Part], summary: str = "Phát động phong trào thi đua năm 2025",
               header_lines=STATE_HEADER, signature=STATE_SIGNATURE, after: tuple[str, ...] = (),
               closing: str = "table") -> Path:
    """`after`: paragraphs typed below the signature table (an approval block); `closing`: "table" (the
    recipients and the signer side by side in a table) or "tabs" (typed as paragraphs, parted by tabs) or "poured" (the signature run into the archive line, as
    LibreOffice reads some old .doc files)."""
    document = Document()
    header = document.add_table(rows=2, cols=2)
    (issuer, banner, number, date) = header_lines
    _first(header.cell(0, 0), issuer[0], bold=True)
    for line in issuer[1:]:
        _paragraph(header.cell(0, 0), line, bold=True, centre=True)
    _first(header.cell(0, 1), banner[0], bold=True)
    for line in banner[1:]:
        _paragraph(header.cell(0, 1), line, bold=True, centre=True)
    _first(header.cell(1, 0), number)
    _first(header.cell(1, 1), date, italic=True)
    _paragraph(document, "KẾ HOẠCH", bold=True, centre=True)
    _paragraph(document, summary, bold=True, centre=True)
    for part in body:
        if part[0] == "p":
            _paragraph(document, part[1], bold=len(part) > 2 and part[2])
        elif part[0] == "soft":  # one paragraph, its lines cut by Shift+Enter (pasted from a PDF)
            paragraph = document.add_paragraph()
            for i, line in enumerate(part[1]):
                run = paragraph.add_run(line)
                run.bold = len(part) > 2 and part[2]
                if i < len(part[1]) - 1:
                    run.add_break(WD_BREAK.LINE)
        elif part[0] == "table":
            rows = part[1]
            table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                cells = table.rows[r].cells
                if len(row) < len(cells):  # a heading row: its last cell spans the rest
                    cells[len(row) - 1].merge(cells[-1])
                for c, text in enumerate(row):
                    cells[c].paragraphs[0].add_run(text).bold = r == 0
    if closing == "tabs":  # no table: the signer typed beside the list with tabs, the name below
        paragraph = _paragraph(document)
        paragraph.add_run("Nơi nhận:" + "\t" * 5 + signature[0]).bold = True
        recipients = ["- UBND tỉnh (B/c);", "- Các cơ quan, đơn vị;", "- Lưu: VT."]
        for i, line in enumerate(recipients):
            _paragraph(document, line + ("\t" * 5 + signature[1 + i] if 1 + i < len(signature) else ""))
        _paragraph(document)
        _paragraph(document, "\t" * 6 + "Nguyễn Văn An", bold=True)
        document.save(str(target))
        return target
    if closing == "poured":  # an old .doc read by LibreOffice: the signature cell run into the last entry
        _paragraph(document, "Nơi nhận:", bold=True)
        _paragraph(document, "- UBND tỉnh (B/c);")
        last = _paragraph(document, "- Lưu: VT.")
        last.add_run(signature[0]).bold = True
        for line in signature[1:]:
            _paragraph(document, line, bold=True, centre=True)
        document.save(str(target))
        return target
    closing_table = document.add_table(rows=1, cols=2)
    left, right = closing_table.cell(0, 0), closing_table.cell(0, 1)
    left.paragraphs[0].add_run("Nơi nhận:").bold = True
    for line in ("- UBND tỉnh (B/c);", "- Các cơ quan, đơn vị;", "- Lưu: VT."):
        left.add_paragraph(line)
    _first(right, signature[0], bold=True)
    for line in signature[1:]:
        _paragraph(right, line, bold=True, centre=True)
    for line in after:
        _paragraph(document, line, bold=line == line.upper(), centre=True)
    document.save(str(target))
    return target


PIONEERS_HEADER = (("LIÊN ĐỘI TRƯỜNG THCS TÂN LẬP",), ("ĐỘI TNTP HỒ CHÍ MINH",), "Số: 10-KH/LĐ",
                   "Tân Lập, ngày 15 tháng 9 năm 2025")
PIONEERS_SIGNATURE = ("TM. BAN CHỈ HUY LIÊN ĐỘI", "TỔNG PHỤ TRÁCH")
APPROVAL = ("DUYỆT CỦA BAN GIÁM HIỆU", "HIỆU TRƯỞNG")


ECONOMY_POINTS = [
    ("p", "I. MỤC ĐÍCH, YÊU CẦU", True),
    ("p", "Phát huy tinh thần yêu nước của cán bộ, công chức và Nhân dân."),
    ("p", "II. CHỈ TIÊU", True),
    ("p", "1. Về kinh tế", True),
    ("p", "- Giá trị sản phẩm thu hoạch trên 1 ha đất trồng trọt đạt 185 triệu đồng."),
    ("p", "- Thu nhập bình quân đầu người đạt 72 triệu đồng/người, tăng 5% so với năm 2024."),
    ("p", "- Tổng vốn đầu tư toàn xã hội đạt từ 900 tỷ đồng trở lên."),
    ("p", "III. TỔ CHỨC THỰC HIỆN", True),
    ("p", "Các cơ quan, đơn vị triển khai thực hiện Kế hoạch này./."),
]

PASTED = [
    ("soft", ["I. MỤC ĐÍCH,", "YÊU CẦU"], True),
    ("soft", ["Phát huy tinh thần yêu nước, ý chí tự lực, tự cường của cán bộ, công chức", "và Nhân dân trên địa bàn xã;",
              "tạo khí thế thi đua sôi nổi trong toàn xã."]),
    ("p", "Khen thưởng kịp thời, chính xác, công khai, minh bạch; chú trọng người lao động"),
    ("p", "trực tiếp và tập thể nhỏ."),
    ("p", "II. TỔ CHỨC THỰC HIỆN", True),
    ("p", "Các cơ quan, đơn vị triển khai thực hiện Kế hoạch này./."),
]

TARGET_TABLE = [
    ("p", "I. CHỈ TIÊU", True),
    ("table", [["STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Ghi chú"],
               ["I", "Về kinh tế"],
               ["1", "Thu ngân sách nhà nước trên địa bàn", "tỷ đồng", "Từ 48,5 trở lên", ""],
               ["2", "Giá trị sản xuất nông nghiệp", "triệu đồng", "Trên 320", "bình quân 1 ha"],
               ["II", "Về xã hội"],
               ["3", "Tỷ lệ hộ nghèo", "%", "Giảm còn dưới 0,5%", ""]]),
    ("p", "II. TỔ CHỨC THỰC HIỆN", True),
    ("p", "Các cơ quan, đơn vị triển khai thực hiện Kế hoạch này./."),
]

WORK_TABLE = [
    ("p", "I. NHIỆM VỤ", True),
    ("p", "Các nhiệm vụ cụ thể như sau:"),
    ("table", [["STT", "Nội dung công việc", "Thời gian thực hiện", "Đơn vị chủ trì"],
               ["1", "Phát động phong trào thi đua", "Tháng 01/2025", "Văn phòng HĐND và UBND xã"],
               ["2", "Sơ kết đợt thi đua thứ nhất", "Tháng 7/2025", "Các cơ quan, đơn vị"]]),
    ("p", "II. TỔ CHỨC THỰC HIỆN", True),
    ("p", "Các cơ quan, đơn vị triển khai thực hiện Kế hoạch này./."),
]

ROUNDS_AS_HEADINGS = [
    ("p", "I. NỘI DUNG THI ĐUA", True),
    ("p", "1. Đợt thi đua thứ nhất: từ ngày 01/01/2025 đến ngày 30/6/2025", True),
    ("p", "Thi đua lập thành tích chào mừng kỷ niệm 95 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - "
          "03/02/2025); 50 năm Ngày giải phóng miền Nam, thống nhất đất nước (30/4/1975 - 30/4/2025)."),
    ("p", "2. Đợt thi đua thứ hai (từ ngày 01/7/2025 đến ngày 31/12/2025)", True),
    ("p", "Thi đua lập thành tích chào mừng kỷ niệm 80 năm Ngày Cách mạng Tháng Tám thành công (19/8/1945 - "
          "19/8/2025)."),
    ("p", "Sơ kết đợt thi đua thứ hai gắn với tổng kết năm."),
    ("p", "II. TỔ CHỨC THỰC HIỆN", True),
    ("p", "Các cơ quan, đơn vị triển khai thực hiện Kế hoạch này./."),
]


# targets right under their Roman heading, rounds typed "Đợt 1: Từ ngày …, …" in one paragraph
UNTITLED_TARGETS = [
    ("p", "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"),
    ("p", "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết một số điều của Luật Thi đua, khen thưởng;"),
    ("p", "Ủy ban nhân dân xã ban hành Kế hoạch phát động phong trào thi đua năm 2026 như sau:"),
    ("p", "I. MỤC ĐÍCH, YÊU CẦU", True),
    ("p", "1. Mục đích", True),
    ("p", "- Phát huy tinh thần yêu nước, ý chí tự lực, tự cường của cán bộ, công chức và Nhân dân."),
    ("p", "- Phấn đấu 100% hộ gia đình đăng ký danh hiệu Gia đình văn hóa."),
    ("p", "2. Yêu cầu", True),
    ("p", "Phong trào thi đua phải được tổ chức thiết thực, hiệu quả, tránh hình thức."),
    ("p", "II. CHỈ TIÊU CHỦ YẾU", True),
    ("p", "- Tốc độ tăng trưởng kinh tế đạt 8,5% trở lên."),
    ("p", "- Thu ngân sách nhà nước trên địa bàn đạt 12.500 triệu đồng, tăng 10% so với dự toán huyện giao."),
    ("p", "- Tỷ lệ hộ nghèo giảm còn dưới 1,2%."),
    ("p", "- Có ít nhất 02 thôn đạt chuẩn nông thôn mới kiểu mẫu."),
    ("p", "- Tỷ lệ người dân tham gia bảo hiểm y tế đạt 95% trở lên."),
    ("p", "III. CÁC ĐỢT THI ĐUA", True),
    ("p", "1. Đợt 1: Từ ngày 01/01/2026 đến ngày 30/4/2026, thi đua lập thành tích chào mừng kỷ niệm 96 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2026)."),
    ("p", "2. Đợt 2: Từ ngày 01/5/2026 đến ngày 31/12/2026, chào mừng kỷ niệm 81 năm Cách mạng Tháng Tám thành công và Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam (02/9/1945 - 02/9/2026)."),
    ("p", "IV. TỔ CHỨC THỰC HIỆN", True),
    ("p", "1. Văn phòng HĐND và UBND xã chủ trì, phối hợp với các cơ quan liên quan hướng dẫn, theo dõi, đôn đốc thực hiện Kế hoạch này."),
    ("p", "2. Các cơ quan, đơn vị căn cứ Kế hoạch này xây dựng kế hoạch cụ thể, tổ chức thực hiện."),
    ("p", "Trên đây là Kế hoạch phát động phong trào thi đua năm 2026 của Ủy ban nhân dân xã./."),
]
# a plan of 2026 whose number and day are left blank for the records office
BLANK_NUMBER_HEADER = (("ỦY BAN NHÂN DÂN", "XÃ TÂN LẬP"), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"),
                       "Số:      /KH-UBND", "Tân Lập, ngày      tháng 01 năm 2026")

_TEXT_BOX = """<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
 xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
 xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
 xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml">
<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0"
 simplePos="0" relativeHeight="2" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>
<wp:positionH relativeFrom="column"><wp:posOffset>3000000</wp:posOffset></wp:positionH>
<wp:positionV relativeFrom="paragraph"><wp:posOffset>-900000</wp:posOffset></wp:positionV>
<wp:extent cx="2500000" cy="1500000"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>
<wp:docPr id="5" name="Khung 1"/><wp:cNvGraphicFramePr/><a:graphic>
<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>
<wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="2500000" cy="1500000"/></a:xfrm>
<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr><wps:txbx><w:txbxContent>{lines}</w:txbxContent></wps:txbx>
<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>
<mc:Fallback><w:pict><v:rect style="position:absolute;width:200pt;height:120pt"><v:textbox><w:txbxContent>{fallback}
</w:txbxContent></v:textbox></v:rect></w:pict></mc:Fallback></mc:AlternateContent></w:r>"""


def signature_in_text_box(target: Path, name: str) -> Path:
    """A clerk file whose signature is a text box anchored in the recipients cell (as a .doc's frame
    comes back from LibreOffice), the right cell left empty."""
    from lxml import etree

    clerk_plan(target, [("p", "I. MỤC ĐÍCH, YÊU CẦU", True), ("p", "Phát huy tinh thần thi đua trong toàn xã.")])
    document = Document(str(target))
    left, right = document.tables[-1].cell(0, 0), document.tables[-1].cell(0, 1)
    for paragraph in right.paragraphs:
        for run in list(paragraph.runs):
            run._r.getparent().remove(run._r)
    texts = [*STATE_SIGNATURE, "", name]
    centred = '<w:pPr><w:jc w:val="center"/></w:pPr>'
    lines = "".join(f'<w:p>{centred}<w:r><w:rPr><w:b/></w:rPr><w:t>{t}</w:t></w:r></w:p>' if t else f"<w:p>{centred}</w:p>"
                    for t in texts)
    fallback = "".join(f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" for t in texts if t)
    left.paragraphs[-1]._p.append(etree.fromstring(_TEXT_BOX.format(lines=lines, fallback=fallback)))
    document.save(str(target))
    return target
