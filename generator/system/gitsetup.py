"""`thidua git-setup`: make `git diff` show the words of .docx files, through `thidua text`.

The attribute goes into the repository's root `.gitattributes` whichever folder the command
runs from, and the textconv driver is the Python that runs thidua now, by absolute path, so
that it works from any shell with or without the virtual environment activated.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from generator.core.errors import Problem, ThiduaError, os_reason

ATTRIBUTE = "*.docx diff=docx"


@dataclass(frozen=True)
class Setup:
    attributes: Path
    command: str
    added: bool  # False: the line was there already


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    git = shutil.which("git")
    if git is None:
        raise ThiduaError([Problem(cwd, "không tìm thấy chương trình git trên máy",
                                   hint="cài git (https://git-scm.com) rồi chạy lại")])
    return subprocess.run([git, *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", errors="replace")


def textconv_command() -> str:
    """The command git runs to turn a .docx into text. Git runs it through a POSIX shell on
    every system (Git for Windows brings its own), so POSIX quoting fits everywhere."""
    return f"{shlex.quote(sys.executable)} -m generator text"


def set_up(cwd: Path) -> Setup:
    """Write the attribute at the repository's root and set the textconv driver; idempotent."""
    found = _git(["rev-parse", "--show-toplevel"], cwd)
    if found.returncode != 0 or not found.stdout.strip():
        raise ThiduaError([Problem(cwd, "thư mục này không nằm trong một kho git",
                                   hint="chạy lệnh trong thư mục của kho git")])
    attributes = Path(found.stdout.strip()) / ".gitattributes"
    try:
        existing = attributes.read_text(encoding="utf-8") if attributes.exists() else ""
    except IsADirectoryError:
        raise ThiduaError([Problem(attributes, "là một thư mục, không phải tệp",
                                   hint="đổi tên hoặc xóa thư mục đó rồi chạy lại")]) from None
    except UnicodeDecodeError:
        raise ThiduaError([Problem(attributes, "tệp không phải chữ mã UTF-8",
                                   hint="mở tệp, lưu lại dạng UTF-8 rồi chạy lại")]) from None
    except OSError as exc:
        raise ThiduaError([Problem(attributes, f"không đọc được tệp: {os_reason(exc)}")]) from None
    added = ATTRIBUTE not in (line.strip() for line in existing.splitlines())
    if added:
        try:
            with attributes.open("a", encoding="utf-8", newline="\n") as handle:
                handle.write(("" if not existing or existing.endswith("\n") else "\n") + ATTRIBUTE + "\n")
        except OSError as exc:
            raise ThiduaError([Problem(attributes, f"không ghi được tệp: {os_reason(exc)}",
                                       hint="kiểm tra quyền ghi của tệp rồi chạy lại")]) from None
    command = textconv_command()
    result = _git(["config", "diff.docx.textconv", command], cwd)
    if result.returncode != 0:
        raise ThiduaError([Problem(cwd, f"git config không chạy được: {result.stderr.strip()}")])
    return Setup(attributes, command, added)
