"""Where `extends:` and `template:` may point.

A plan names other files by relative path only, and those files must stay inside the
folder the command runs in (or, for a plan outside it, the plan's own folder): a plan
received from elsewhere cannot make thidua open /etc/passwd or a file in the user's home.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from generator.core.errors import Problem, ThiduaError

_OPENED: ContextVar[Path | None] = ContextVar("thidua_opened_folder", default=None)


@contextmanager
def references_inside(folder: Path) -> Iterator[None]:
    """While this holds, plans may name any file inside `folder`, and nothing outside it
    (the web page's opened folder, whatever folder the server was started from)."""
    token = _OPENED.set(folder.resolve())
    try:
        yield
    finally:
        _OPENED.reset(token)


def allowed_root(plan_file: Path) -> Path:
    opened = _OPENED.get()
    if opened is not None:
        return opened
    cwd = Path.cwd().resolve()
    folder = plan_file.resolve().parent
    return cwd if folder == cwd or cwd in folder.parents else folder


def reference_problem(plan_file: Path, reference: str, suffixes: tuple[str, ...]) -> tuple[Path | None, str, str]:
    """(resolved path, message, hint); the message is empty when the reference is allowed."""
    if not reference.strip() or "\x00" in reference:
        return None, "cần đường dẫn tới một tệp", ""
    if os.path.isabs(reference) or reference.startswith("~"):
        return None, f"'{reference}' là đường dẫn tuyệt đối", "ghi đường dẫn tương đối tính từ thư mục của tệp kế hoạch"
    if Path(reference).suffix.lower() not in suffixes:
        return None, f"'{reference}' không phải tệp {' hoặc '.join(suffixes)}", ""
    try:
        resolved = (plan_file.parent / reference).resolve()
        root = allowed_root(plan_file)
        resolved.is_file()  # a name the system refuses (too long) fails here, not later
    except (OSError, ValueError) as exc:
        return None, f"đường dẫn '{reference[:80]}' không dùng được ({exc.__class__.__name__})", \
            "kiểm tra lại tên tệp"
    if resolved != root and root not in resolved.parents:
        return None, f"'{reference}' nằm ngoài thư mục {root}", \
            "chỉ dùng tệp trong thư mục đang chạy lệnh (hoặc thư mục của kế hoạch); chạy lệnh từ thư mục chung"
    return resolved, "", ""


def checked_reference(plan_file: Path, reference: str, field: str, suffixes: tuple[str, ...]) -> Path:
    resolved, message, hint = reference_problem(plan_file, reference, suffixes)
    if resolved is None:
        raise ThiduaError([Problem(plan_file, message, field=field, hint=hint)])
    return resolved
