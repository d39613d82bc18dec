"""`thidua import FILE`: the file in, the plan YAML out (never over an existing file)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.importing.common import Imported, NotAPlan
from generator.importing.document import import_docx

WORD_SUFFIXES = (".docx", ".docm", ".dotx")
CONVERTED_SUFFIXES = (".doc", ".odt", ".rtf")


@dataclass
class Written:
    path: Path
    imported: Imported
    marked: list[tuple[int, str]]  # (YAML line, what to check)
    problems: list[str]  # what the loader still refuses (the file is written all the same)


def import_file(source: Path, output: Path | None = None) -> Written:
    """Import a Word file into a plan YAML beside it (never over an existing file)."""

    from generator.core.errors import Problem, ThiduaError
    from generator.system.files import not_ordinary, scratch_folder, write_atomic

    suffix = source.suffix.lower()
    if suffix not in WORD_SUFFIXES + CONVERTED_SUFFIXES:
        raise ThiduaError([Problem(source, "import đọc văn bản Word (.docx, .doc) hoặc .odt",
                                   hint="lưu văn bản thành .docx rồi chạy lại")])
    if (refused := not_ordinary(source)) is not None:
        raise ThiduaError([Problem(source, refused.reason, hint=refused.hint)])
    target = output or source.with_suffix(".yaml")
    if target.exists():
        raise ThiduaError([Problem(target, "tệp đã có: thidua không ghi đè",
                                   hint="đổi tên tệp cũ hoặc ghi ra tên khác bằng -o")])
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        if suffix in CONVERTED_SUFFIXES:
            from generator.system.libreoffice import to_docx

            with scratch_folder(target.resolve().parent, ".thidua-import-") as scratch:
                imported = import_docx(to_docx(source, scratch))
        else:
            imported = import_docx(source)
    except ThiduaError:
        raise
    except NotAPlan as exc:
        raise ThiduaError([Problem(source, str(exc), hint="import đọc kế hoạch, phát động, thông báo… có dòng tên "
                                   "loại văn bản in hoa ở giữa trang")]) from None
    except Exception as exc:  # zipfile, lxml: a damaged, oversized or foreign file
        from generator.word.limits import reading_problem

        raise ThiduaError([Problem(source, reading_problem(exc),
                                   hint="mở tệp bằng Word và lưu lại dưới dạng .docx")]) from None
    from generator.plan.yamlwrite import dump_plan

    header = [f"Nhập từ {source.name} bằng `thidua import`. Các dòng có '# KIỂM TRA' cần người xem lại.",
              "Nhập xong: thidua build (tạo lại văn bản), thidua new-year (sang năm mới)."]
    footer = ["Các dòng sau khối chữ ký của văn bản gốc (chưa có chỗ trong kế hoạch):"] + imported.trailing \
        if imported.trailing else []
    text, marked = dump_plan(imported.data, imported.notes, header, footer)
    write_atomic(target, text.encode("utf-8"), new=True)
    from generator.plan.loader import written_problems

    return Written(target, imported, marked, [str(p) for p in written_problems(target, text)])
