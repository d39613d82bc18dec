"""PDF through LibreOffice headless: one soffice run converts a whole folder's batch.

LibreOffice runs guarded (processes.Guarded): it ends with thidua, on Linux through a guard
process with the parent-death signal, on Windows through a Job Object. A killed
`thidua build --pdf` leaves no running soffice; its `.thidua-pdf-*` scratch folder is
removed by the guard (Linux) or by the next run (its pid is in the name).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from generator.core.errors import Problem, ThiduaError
from generator.system.files import scratch_folder
from generator.system.processes import Guarded

MISSING = "không tìm thấy LibreOffice (soffice) để tạo PDF; các tệp .docx vẫn đã được ghi"


def missing_hint() -> str:
    """Where to get LibreOffice on this system (and, on Linux, the font with every Vietnamese letter)."""
    if sys.platform == "win32":
        where = "tải LibreOffice cho Windows tại https://www.libreoffice.org/download rồi cài như mọi phần mềm"
    elif sys.platform == "darwin":
        where = "tải LibreOffice cho macOS tại https://www.libreoffice.org/download và kéo vào thư mục Applications"
    else:
        where = "cài bằng: sudo apt-get install libreoffice-writer-nogui fonts-liberation2 (Debian, Ubuntu)"
    return where + "; hoặc đặt biến môi trường THIDUA_SOFFICE là đường dẫn tới soffice"
SCRATCH_PREFIX = ".thidua-pdf-"
# PDF/A-2b (ISO 19005-2), fonts embedded: what digital signing and archiving expect.
PDF_A = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'

def soffice_binary() -> str | None:
    configured = os.environ.get("THIDUA_SOFFICE")
    if configured:
        return configured if Path(configured).is_file() else None
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    for candidate in _installed_locations():
        if candidate.is_file():
            return str(candidate)
    return None


def _installed_locations() -> list[Path]:
    """Where LibreOffice installs itself off PATH: the Windows registry and Program Files, macOS's bundle."""
    places: list[Path] = []
    if sys.platform == "win32":
        import winreg

        for key in (r"SOFTWARE\LibreOffice\UNO\InstallPath", r"SOFTWARE\Wow6432Node\LibreOffice\UNO\InstallPath"):
            try:
                with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, key) as handle:
                    places.append(Path(winreg.QueryValueEx(handle, "")[0]) / "soffice.exe")
            except OSError:
                pass
        for variable in ("ProgramFiles", "ProgramFiles(x86)", "ProgramW6432"):
            if os.environ.get(variable):
                places.append(Path(os.environ[variable]) / "LibreOffice" / "program" / "soffice.exe")
    elif sys.platform == "darwin":
        places.append(Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"))
    return places


def convert_batch(files: list[Path], soffice: str | None = None, timeout: int = 900) -> list[Path]:
    """Convert .docx files to PDF beside them, one LibreOffice run per folder.

    LibreOffice writes into a private temporary folder first; each PDF is then moved
    into place, so an interrupted run leaves no half-written PDF.
    """
    return convert(files, PDF_A, ".pdf", soffice, timeout)


def to_docx(file: Path, folder: Path, timeout: int = 300) -> Path:
    """A .doc, .odt or .rtf converted to .docx in `folder` (a scratch folder of the caller)."""
    if soffice_binary() is None:
        raise ThiduaError([Problem(file, "cần LibreOffice (soffice) để đọc tệp " + file.suffix,
                                   hint="cài LibreOffice, hoặc mở tệp bằng Word và lưu thành .docx")])
    copy = folder / f"van-ban{file.suffix.lower()}"
    shutil.copyfile(file, copy)
    return convert([copy], "docx:MS Word 2007 XML", ".docx", None, timeout)[0]


def convert(files: list[Path], target: str, suffix: str, soffice: str | None = None, timeout: int = 900) -> list[Path]:
    """Convert files with LibreOffice into `target`, beside them, under the guard."""
    soffice = soffice or soffice_binary()
    if soffice is None:
        raise ThiduaError([Problem(files[0].parent if files else Path("."), MISSING, hint=missing_hint())])
    by_folder: dict[Path, list[Path]] = defaultdict(list)
    for file in files:
        by_folder[file.resolve().parent].append(file.resolve())
    written = []
    for folder, batch in by_folder.items():
        with scratch_folder(folder, SCRATCH_PREFIX) as scratch_path:
            scratch = str(scratch_path)
            profile = Path(scratch) / "profile"
            command = [soffice, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
                       "--convert-to", target, "--outdir", scratch, *map(str, batch)]
            guarded = None
            try:
                guarded = Guarded(command, scratch)
                guarded.wait(timeout)
            except subprocess.TimeoutExpired:
                raise ThiduaError([Problem(folder, f"LibreOffice không chuyển xong sau {timeout} giây",
                                           hint="mở tệp bằng LibreOffice để xem lỗi")]) from None
            finally:
                if guarded is not None:
                    guarded.stop()  # interrupted, timed out, or a helper left running: none outlives the run
            for file in batch:
                produced = Path(scratch) / f"{file.stem}{suffix}"
                if not produced.is_file():
                    raise ThiduaError([Problem(file, f"LibreOffice không chuyển được tệp này sang {suffix}",
                                               hint="mở tệp bằng LibreOffice để xem lỗi")])
                destination = file.with_suffix(suffix)
                os.replace(produced, destination)
                written.append(destination)
    return written
