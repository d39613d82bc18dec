"""An Excel template of a communes table for a base plan: a province sends it to its communes,
each fills its row, and `thidua build BASE --for-each` reads it back unchanged.

The header row holds the column names the reader expects and is protected; drop-down lists
guard `level` and `authority`; each header cell and a "Hướng dẫn" sheet say what to type.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from generator.plan.model import Authority, Level, Plan, Target

SHEET = "Xã, phường"
GUIDE = "Hướng dẫn"
ROWS = 500  # rows under the header given drop-down lists: more than any province's communes
LEVELS_NOW = (Level.commune, Level.ward, Level.special_zone)
LEVELS_BEFORE = (Level.commune, Level.ward, Level.township, Level.district, Level.urban_district, Level.town,
                 Level.city)


@dataclass(frozen=True)
class Column:
    name: str
    title: str  # what the clerk reads
    note: str
    width: int = 16


def columns_for(plan: Plan) -> list[Column]:
    """The table's columns for `plan`: the issuer and signer of each row, then one per target."""
    from generator.core.reform import REFORM_DATE

    date = plan.date
    issued = dt.date(date.year or plan.year, date.month or 12, 1) if date else dt.date(plan.year, 12, 1)
    levels = LEVELS_BEFORE if issued < REFORM_DATE else LEVELS_NOW
    found = [
        Column("name", "Tên xã, phường", "Tên riêng, không kèm chữ 'xã', 'phường'. Ví dụ: Tiên Yên", 22),
        Column("level", "Cấp", "Chọn trong danh sách: " + ", ".join(lv.value for lv in levels), 12),
        Column("number", "Số văn bản", "Số của kế hoạch, ví dụ 12; bỏ trống để văn thư ghi tay", 10),
        Column("date", "Ngày ban hành", "Ngày dạng 31/01/2026; bỏ trống để ghi tay", 14),
        Column("signer", "Người ký", "Họ và tên người ký; bỏ trống nếu chưa biết (văn bản chừa chỗ)", 22),
        Column("signer_title", "Chức vụ người ký", "Ví dụ: Chủ tịch, Phó Chủ tịch", 18),
        Column("authority", "Thẩm quyền ký", "TM (thay mặt), KT (ký thay), Q, TL, TUQ; bỏ trống nếu ký trực tiếp", 12),
    ]
    for target in _leaf_targets(plan):
        unit = f" ({target.unit})" if target.unit else ""
        value = f"; kế hoạch gốc ghi {target.value}" if target.value is not None else ""
        found.append(Column(f"target:{target.id}", f"{target.label}{unit}"[:60],
                            f"Chỉ tiêu: {target.label}{unit}{value}. Gõ số như trong văn bản: 1.250 hoặc 86,5", 16))
    found.append(Column("event:truyen-thong", "Ngày truyền thống",
                        "Nếu có: 'ngày; tên sự kiện', ví dụ 09/05/1961; Ngày Bác Hồ về thăm đảo Cô Tô", 30))
    return found


def _leaf_targets(plan: Plan) -> list[Target]:
    found: list[Target] = []

    def walk(items: list[Target]) -> None:
        for target in items:
            if target.id and target.value is not None:
                found.append(target)
            walk(target.items)

    for group in plan.targets or []:
        walk(group.items)
    return found


def template_bytes(plan: Plan, base_name: str) -> bytes:
    """The workbook, as bytes to write atomically."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    columns = columns_for(plan)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.name)
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.comment = Comment(f"{column.title}\n{column.note}", "thidua", width=300, height=120)
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        for row in range(2, ROWS + 2):  # the rows to fill stay editable under the sheet's protection
            sheet.cell(row=row, column=index).protection = Protection(locked=False)
        if column.name in ("number", "signer", "signer_title", "name") or column.name.startswith("event:"):
            for row in range(2, ROWS + 2):
                sheet.cell(row=row, column=index).number_format = "@"  # text: 007 stays 007
    levels = LEVELS_BEFORE if "huyện" in columns[1].note else LEVELS_NOW
    for name, values in (("level", [lv.value for lv in levels]), ("authority", [a.value for a in Authority])):
        index = next(i for i, c in enumerate(columns, start=1) if c.name == name)
        letter = get_column_letter(index)
        check = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True,
                               showErrorMessage=True, errorTitle="Giá trị không hợp lệ",
                               error="Chọn một giá trị trong danh sách: " + ", ".join(values))
        check.add(f"{letter}2:{letter}{ROWS + 1}")
        sheet.add_data_validation(check)
    sheet.freeze_panes = "B2"
    sheet.protection.sheet = True  # the header row is locked; the rows under it are not
    for action in ("formatColumns", "formatRows", "insertRows", "deleteRows", "sort", "autoFilter"):
        setattr(sheet.protection, action, False)

    guide = workbook.create_sheet(GUIDE)
    guide.column_dimensions["A"].width = 24
    guide.column_dimensions["B"].width = 100
    lines = [
        ("Bảng xã, phường", f"Mỗi dòng của trang tính '{SHEET}' là một xã, phường; thidua tạo một văn bản cho mỗi "
                            f"dòng từ kế hoạch gốc {base_name}."),
        ("Cách điền", "Không sửa dòng đầu tiên (tên cột). Điền từ dòng 2; ô để trống thì lấy theo kế hoạch gốc."),
        ("Số liệu", "Gõ số như trong văn bản: 1.250 (một nghìn hai trăm năm mươi), 86,5 (số thập phân)."),
        ("Tạo văn bản", f"thidua build {base_name} --for-each <tệp này>.xlsx"),
        ("", ""),
        ("Cột", "Ý nghĩa"),
        *((c.name, f"{c.title}: {c.note}") for c in columns),
    ]
    for row, (key, text) in enumerate(lines, start=1):
        guide.cell(row=row, column=1, value=key).font = Font(bold=True)
        guide.cell(row=row, column=2, value=text).alignment = Alignment(wrap_text=True, vertical="top")
    fixed = dt.datetime(2000, 1, 1)
    workbook.properties.creator = "thidua"
    workbook.properties.created = workbook.properties.modified = fixed
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_template(base: Path, target: Path) -> list[Column]:
    """Load `base`, write its template to `target` (never over an existing file); the columns written."""
    from generator.core.errors import Problem, ThiduaError
    from generator.plan.loader import load
    from generator.system.files import write_atomic

    if target.exists():
        raise ThiduaError([Problem(target, "tệp đã có; thidua không ghi đè", hint="chọn tên khác bằng -o hoặc xóa tệp cũ")])
    if target.suffix.lower() != ".xlsx":
        raise ThiduaError([Problem(target, "tệp mẫu phải có đuôi .xlsx", hint="ví dụ: -o xa-phuong.xlsx")])
    loaded = load(base)
    write_atomic(target, template_bytes(loaded.plan, base.name))
    return columns_for(loaded.plan)
