"""PDF through LibreOffice headless: one soffice run converts a whole folder's batch."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections import defaultdict
from pathlib import Path

from .errors import Problem, ThiduaError

MISSING = ("không tìm thấy LibreOffice (soffice) để tạo PDF; các tệp .docx vẫn đã được ghi",
           "cài LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui fonts-liberation) "
           "hoặc đặt biến môi trường THIDUA_SOFFICE là đường dẫn tới soffice")


def soffice_binary() -> str | None:
    configured = os.environ.get("THIDUA_SOFFICE")
    if configured:
        return configured if Path(configured).is_file() else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_batch(files: list[Path], soffice: str | None = None, timeout: int = 900) -> list[Path]:
    """Convert .docx files to PDF beside them, one LibreOffice run per folder.

    LibreOffice writes into a private temporary folder first; each PDF is then moved
    into place, so an interrupted run leaves no half-written PDF.
    """
    soffice = soffice or soffice_binary()
    if soffice is None:
        raise ThiduaError([Problem(files[0].parent if files else Path("."), MISSING[0], hint=MISSING[1])])
    by_folder: dict[Path, list[Path]] = defaultdict(list)
    for file in files:
        by_folder[file.parent].append(file)
    written = []
    for folder, batch in by_folder.items():
        with tempfile.TemporaryDirectory(prefix=".thidua-pdf-", dir=folder) as scratch:
            profile = Path(scratch) / "profile"
            command = [soffice, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
                       "--convert-to", "pdf", "--outdir", scratch, *map(str, batch)]
            try:
                subprocess.run(command, capture_output=True, timeout=timeout, check=False)
            except (OSError, subprocess.TimeoutExpired) as exc:
                raise ThiduaError([Problem(folder, f"LibreOffice không chuyển được sang PDF ({exc})")]) from None
            for file in batch:
                produced = Path(scratch) / f"{file.stem}.pdf"
                if not produced.is_file():
                    raise ThiduaError([Problem(file, "LibreOffice không tạo được PDF cho tệp này",
                                               hint="mở tệp bằng LibreOffice để xem lỗi")])
                target = file.with_suffix(".pdf")
                os.replace(produced, target)
                written.append(target)
    return written
