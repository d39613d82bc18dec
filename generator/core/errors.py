"""Located, Vietnamese problem reports shared by every command."""

from __future__ import annotations

import errno
from dataclasses import dataclass
from enum import Enum
from pathlib import Path


class Severity(str, Enum):
    error = "lỗi"  # the plan is not built (or the file not written) until it is fixed
    warning = "cảnh báo"  # built all the same; a reviewer should look (lint, new-year's review list)


@dataclass(frozen=True)
class Problem:
    """One thing to tell the user, located: every command's errors and lint's warnings alike."""

    file: Path
    message: str
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    field: str = ""
    hint: str = ""
    sheet: str | None = None  # a workbook's sheet: line and column are then a cell address
    severity: Severity = Severity.error

    def __str__(self) -> str:
        where = str(self.file)
        if self.sheet is not None and self.line is not None:
            where += f", ô {cell_address(self.line, self.column)}, trang tính '{self.sheet}'"
        elif self.line is not None:
            where += f", dòng {self.line}"
            if self.column is not None:
                where += f", cột {self.column}"
        text = f"{where}: "
        if self.field:
            text += f"trường '{self.field}': "
        text += self.message
        if self.hint:
            text += f" → {self.hint}"
        return text


def cell_address(row: int, column: int | None) -> str:
    """Row 7, column 3 → "C7"; a whole row → "dòng 7"."""
    if column is None:
        return f"dòng {row}"
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"{letters}{row}"


class ThiduaError(Exception):
    """One or more problems the user must fix; the CLI prints them and exits 2."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def fail(file: Path | str, message: str, hint: str = "") -> ThiduaError:
    return ThiduaError([Problem(Path(file), message, hint=hint)])


_OS_REASONS = {
    errno.EACCES: "không có quyền truy cập",
    errno.EPERM: "không được phép",
    errno.ENOENT: "không tìm thấy",
    errno.EISDIR: "là một thư mục",
    errno.ENOTDIR: "một phần của đường dẫn không phải thư mục",
    errno.ENAMETOOLONG: "tên tệp quá dài",
    errno.ENOSPC: "ổ đĩa đã đầy",
    errno.EROFS: "ổ đĩa chỉ cho đọc",
    errno.EEXIST: "đã có tệp hoặc thư mục cùng tên",
}


_OS_HINTS = {
    errno.EISDIR: "đổi tên hoặc xóa thư mục trùng tên rồi chạy lại",
    errno.ENOSPC: "giải phóng chỗ trống trên ổ đĩa (hoặc chọn ổ khác bằng -o) rồi chạy lại",
    errno.EROFS: "chọn thư mục khác bằng -o",
    errno.EACCES: "chọn thư mục khác bằng -o hoặc cấp quyền ghi",
    errno.EPERM: "chọn thư mục khác bằng -o hoặc cấp quyền ghi",
    errno.ENOTDIR: "một tên trong đường dẫn là tệp chứ không phải thư mục: sửa đường dẫn",
    errno.ENAMETOOLONG: "đặt tên tệp hoặc thư mục ngắn hơn",
}


def os_hint(exc: OSError, otherwise: str) -> str:
    """What to do about an OS error when writing, in Vietnamese; `otherwise` for the errors not listed."""
    return _OS_HINTS.get(exc.errno or 0, otherwise)


def os_reason(exc: OSError) -> str:
    """The reason of an OS error in Vietnamese (the system's own text is English)."""
    return _OS_REASONS.get(exc.errno or 0, f"lỗi hệ thống {exc.errno}" if exc.errno else type(exc).__name__)


def os_problem(exc: OSError) -> Problem:
    """An OS error as a located problem: the path it concerns and the reason, in Vietnamese."""
    path = exc.filename if exc.filename is not None else "thidua"
    if isinstance(path, bytes):
        path = path.decode("utf-8", "replace")
    hints = {errno.ENOSPC: "giải phóng chỗ trên ổ đĩa rồi chạy lại",
             errno.EACCES: "chọn thư mục khác hoặc xin quyền ghi",
             errno.EROFS: "chọn thư mục khác để ghi",
             errno.ENOTDIR: "một phần của đường dẫn là tệp: chọn đường dẫn khác"}
    return Problem(Path(str(path)), os_reason(exc), hint=hints.get(exc.errno or 0, ""))
