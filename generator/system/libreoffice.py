"""PDF through LibreOffice headless: one soffice run converts a whole folder's batch.

LibreOffice runs under a small guard process that dies with thidua (Linux's parent-death
signal) and then ends the whole LibreOffice process group and removes the scratch
folder: a killed `thidua build --pdf` leaves neither a running soffice nor a
`.thidua-pdf-*` folder behind.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from generator.core.errors import Problem, ThiduaError
from generator.system.processes import alive, set_parent_death_signal

MISSING = ("không tìm thấy LibreOffice (soffice) để tạo PDF; các tệp .docx vẫn đã được ghi",
           "cài LibreOffice (Windows, macOS: https://www.libreoffice.org/download; Debian/Ubuntu: apt-get install "
           "libreoffice-writer-nogui fonts-liberation2) hoặc đặt biến môi trường THIDUA_SOFFICE là đường dẫn tới soffice")
SCRATCH_PREFIX = ".thidua-pdf-"
# PDF/A-2b (ISO 19005-2), fonts embedded: what digital signing and archiving expect.
PDF_A = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'

# The guard: started with the parent-death signal set; starts soffice in its own process
# group; on SIGTERM (thidua died or gave up) kills that group and removes the scratch folder.
_GUARD = r"""
import os, shutil, signal, subprocess, sys
scratch, command = sys.argv[1], sys.argv[2:]
child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
def stop(*_):
    try:
        os.killpg(child.pid, signal.SIGKILL)
    except OSError:
        pass
    shutil.rmtree(scratch, ignore_errors=True)
    os._exit(3)
signal.signal(signal.SIGTERM, stop)
signal.signal(signal.SIGINT, stop)
if os.getppid() == 1:
    stop()
code = child.wait()
try:
    os.killpg(child.pid, signal.SIGKILL)  # a helper LibreOffice left running
except OSError:
    pass
sys.exit(code)
"""


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


def _remove_abandoned_scratch(folder: Path) -> None:
    """Scratch folders of runs that no longer exist (their pid is in the name)."""
    for scratch in folder.glob(f"{SCRATCH_PREFIX}*"):
        match = re.match(rf"{re.escape(SCRATCH_PREFIX)}(\d+)-", scratch.name)
        if match and scratch.is_dir() and not alive(int(match.group(1))):
            shutil.rmtree(scratch, ignore_errors=True)


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
        raise ThiduaError([Problem(files[0].parent if files else Path("."), MISSING[0], hint=MISSING[1])])
    by_folder: dict[Path, list[Path]] = defaultdict(list)
    for file in files:
        by_folder[file.resolve().parent].append(file.resolve())
    written = []
    for folder, batch in by_folder.items():
        _remove_abandoned_scratch(folder)
        with tempfile.TemporaryDirectory(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-", dir=folder) as scratch:
            profile = Path(scratch) / "profile"
            command = [soffice, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
                       "--convert-to", target, "--outdir", scratch, *map(str, batch)]
            guard = subprocess.Popen([sys.executable, "-c", _GUARD, scratch, *command],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     preexec_fn=set_parent_death_signal)  # runs in the guard before exec
            try:
                guard.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                raise ThiduaError([Problem(folder, f"LibreOffice không chuyển xong sau {timeout} giây",
                                           hint="mở tệp bằng LibreOffice để xem lỗi")]) from None
            finally:
                if guard.poll() is None:  # interrupted or timed out: the guard ends LibreOffice
                    guard.terminate()
                    guard.wait()
            for file in batch:
                produced = Path(scratch) / f"{file.stem}{suffix}"
                if not produced.is_file():
                    raise ThiduaError([Problem(file, f"LibreOffice không chuyển được tệp này sang {suffix}",
                                               hint="mở tệp bằng LibreOffice để xem lỗi")])
                destination = file.with_suffix(suffix)
                os.replace(produced, destination)
                written.append(destination)
    return written
