"""Word files of any shape for property tests: paragraphs from fragments of real plans and
arbitrary text, bold or not, centred or not, with Shift+Enter breaks and small tables."""

from __future__ import annotations

from hypothesis import strategies as st

FRAGMENTS = ["KẾ HOẠCH", "PHÁT ĐỘNG", "Số: 12/KH-UBND", "Số 05-KH/ĐU", "Hà Nội, ngày 05 tháng 01 năm 2025",
             "ỦY BAN NHÂN DÂN", "XÃ AN BÌNH", "ĐẢNG CỘNG SẢN VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
             "I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "1.1. Chỉ tiêu", "a) Về kinh tế", "II. NỘI DUNG",
             "- Tổng vốn đầu tư đạt từ 2.900 tỷ đồng trở lên;", "+ Tỷ lệ hộ nghèo giảm còn 0,5%.",
             "Đợt thi đua thứ nhất (từ ngày 01/01/2025 đến ngày 30/6/2025): chào mừng 95 năm Ngày thành lập Đảng "
             "Cộng sản Việt Nam (03/02/1930 - 03/02/2025).", "Căn cứ Luật Thi đua, khen thưởng;", "Nơi nhận:",
             "- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN", "T/M BAN THƯỜNG VỤ", "CHỦ TỊCH", "Nguyễn Thị B", "______",
             "*", "{{ year }}", "{% if x %}", "Trên đây là Kế hoạch năm 2025./.", ""]


def documents():
    """A list of blocks: (kind, texts, bold, centred); kind is "p", "break" or "table"."""
    text = st.one_of(st.sampled_from(FRAGMENTS), st.text(alphabet="aăâbcdđeêgxyỳÂỦ .,;:-*/()0123456789\t",
                                                          max_size=40))
    block = st.tuples(st.sampled_from(["p", "p", "p", "break", "table"]), st.lists(text, min_size=1, max_size=4),
                      st.booleans(), st.booleans())
    return st.lists(block, min_size=0, max_size=25)


def build_document(path, spec) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = Document()
    for kind, texts, bold, centred in spec:
        if kind == "table":
            table = document.add_table(rows=2, cols=2)
            for i, text in enumerate(texts[:4]):
                table.cell(i // 2, i % 2).paragraphs[0].add_run(text).bold = bold
            continue
        paragraph = document.add_paragraph()
        for text in texts:
            paragraph.add_run(text).bold = bold
            if kind == "break":
                paragraph.runs[-1].add_break()
        if centred:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.save(str(path))
