"""Read a plan as it was at a git revision, through real git."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from generator.core.errors import Problem, ThiduaError


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    if shutil.which("git") is None:
        raise ThiduaError([Problem(cwd, "không tìm thấy chương trình git", hint="cài git rồi chạy lại")])
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8",
                          errors="replace")


def show(revision: str, path: Path) -> str:
    """The content of `path` at `revision` (for example HEAD~1, a tag, a commit)."""
    if not revision.strip() or revision.startswith("-") or any(ch in revision for ch in "\x00\n:"):
        raise ThiduaError([Problem(path, f"tên phiên bản '{revision}' không hợp lệ",
                                   hint="ví dụ: HEAD, HEAD~1, một mã commit hoặc tên tag")])
    folder = path.resolve().parent
    top = _git(["rev-parse", "--show-toplevel"], folder)
    if top.returncode != 0:
        raise ThiduaError([Problem(path, "tệp không nằm trong một kho git", hint="dùng: thidua diff TỆP_CŨ TỆP_MỚI")])
    relative = path.resolve().relative_to(Path(top.stdout.strip()).resolve()).as_posix()
    result = _git(["show", "--end-of-options", f"{revision}:{relative}"], folder)
    if result.returncode != 0:
        raise ThiduaError([Problem(path, f"git không đọc được phiên bản '{revision}' của tệp ({result.stderr.strip()})",
                                   hint="kiểm tra tên phiên bản: git log --oneline -- " + relative)])
    if "\ufffd" in result.stdout:
        raise ThiduaError([Problem(path, "phiên bản trong git không phải tệp chữ UTF-8",
                                   hint="diff --rev so sánh tệp kế hoạch .yaml")])
    return result.stdout


def log(path: Path, limit: int = 50) -> list[tuple[str, str, str]]:
    """(commit, date, subject) of the commits that changed `path`, newest first; empty outside git."""
    if shutil.which("git") is None:
        return []
    result = _git(["log", f"-n{limit}", "--format=%h%x09%ad%x09%s", "--date=format:%d/%m/%Y %H:%M", "--",
                   path.name], path.resolve().parent)
    if result.returncode != 0:
        return []
    return [tuple(line.split("\t", 2)) for line in result.stdout.splitlines() if line.count("\t") >= 2]
