"""Writing files so that nothing is ever half-written: a temporary file, then a rename."""

from __future__ import annotations

import glob
import os
import re
import shutil
import stat
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from generator.core.errors import Problem, ThiduaError, os_hint, os_reason
from generator.core.filenames import OWNER_PREFIX

_UMASK = os.umask(0)
os.umask(_UMASK)


EXISTS_HINT = "xóa hoặc đổi tên tệp đó, hoặc chọn tên khác bằng -o"


@contextmanager
def scratch_folder(parent: Path, prefix: str) -> Iterator[Path]:
    """A private folder under `parent` for one run, removed when it ends (Ctrl+C and SIGTERM included);
    its name carries the pid, so that the folders of runs that were killed are removed by the next."""
    from generator.system.processes import alive

    pattern = re.compile(rf"{re.escape(prefix)}(\d+)-")
    for old in parent.glob(f"{glob.escape(prefix)}*"):
        match = pattern.match(old.name)
        if match and old.is_dir() and not alive(int(match.group(1))):
            shutil.rmtree(old, ignore_errors=True)
    scratch = Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=parent))
    try:
        yield scratch
    finally:
        for _ in range(50):  # a helper just stopped (LibreOffice) may still be closing its files: a moment
            shutil.rmtree(scratch, ignore_errors=True)
            if not scratch.exists():
                break
            time.sleep(0.05)


class NotOrdinary(NamedTuple):
    reason: str  # in Vietnamese, as the user is told
    hint: str


def not_ordinary(path: Path) -> NotOrdinary | None:
    """Why `path` is no ordinary file to read: missing, a folder, or a FIFO, device or socket (one blocks
    a reader, another never ends); None: a regular file (a link to one is followed)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return NotOrdinary("không tìm thấy tệp", "kiểm tra lại đường dẫn")
    except OSError as exc:
        return NotOrdinary(f"không đọc được tệp ({os_reason(exc)})", "kiểm tra quyền đọc tệp và đường dẫn")
    if stat.S_ISDIR(info.st_mode):
        return NotOrdinary("đây là thư mục, không phải tệp", "ghi đường dẫn tới một tệp")
    if not stat.S_ISREG(info.st_mode):
        return NotOrdinary("không phải tệp thường (thiết bị, ống dẫn hay socket)",
                           "ghi đường dẫn tới một tệp thường (kế hoạch .yaml, bảng .csv, .xlsx, văn bản .docx)")
    return None


def write_atomic(target: Path, data: bytes, *, new: bool = False) -> None:
    """Write `data` to `target` via a temporary file and a rename in the same folder.
    `new`: never replace a file that exists, even one another run created a moment ago
    (the temporary file is linked to its name, which fails if the name is taken)."""
    if new and target.exists():
        raise ThiduaError([Problem(target, "tệp đã có, thidua không ghi đè", hint=EXISTS_HINT)])
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # the pid in the name tells a later run whether the writer is still alive
        fd, temporary = tempfile.mkstemp(prefix=f".{target.name[:100]}.{os.getpid()}.", suffix=".tmp",
                                         dir=target.parent)
    except OSError as exc:
        raise ThiduaError([Problem(target.parent, f"không ghi được vào thư mục ({os_reason(exc)})",
                                   hint="chọn thư mục khác bằng -o hoặc cấp quyền ghi")]) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temporary, 0o666 & ~_UMASK)  # mkstemp creates 0600; give the file the usual rights
        if new:
            _link_new(Path(temporary), target)
        else:
            os.replace(temporary, target)
    except FileExistsError:
        Path(temporary).unlink(missing_ok=True)
        raise ThiduaError([Problem(target, "tệp vừa được tạo bởi một lần chạy khác, thidua không ghi đè",
                                   hint=EXISTS_HINT)]) from None
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        owner = owner_file(target)
        if owner is not None:
            raise ThiduaError([Problem(target, f"tệp đang mở trong Word hoặc Excel (có tệp khóa {owner.name})",
                                       hint="đóng tệp trong Word rồi chạy lại")]) from None
        raise ThiduaError([Problem(target, f"không ghi được tệp ({os_reason(exc)})",
                                   hint=os_hint(exc, "đóng tệp nếu đang mở trong Word rồi chạy lại"))]) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _link_new(temporary: Path, target: Path) -> None:
    """Give `temporary` the name `target` unless that name exists (FileExistsError)."""
    if os.name == "nt":
        os.rename(temporary, target)  # Windows' rename never replaces an existing file
        return
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links (FAT on a USB stick): exclusive create, then copy
        with open(target, "xb") as handle:
            handle.write(temporary.read_bytes())
    temporary.unlink(missing_ok=True)


def owner_file(target: Path) -> Path | None:
    """The lock file Word or Excel keeps beside `target` while it is open, if there is one:
    "~$" + the name, one or two first letters of a longer name dropped."""
    name, stem_length = target.name, len(target.stem)
    candidates = [OWNER_PREFIX + name]
    if stem_length >= 7:
        candidates.append(OWNER_PREFIX + name[1:])
    if stem_length >= 8:
        candidates.append(OWNER_PREFIX + name[2:])
    for candidate in candidates:
        if (target.parent / candidate).is_file():
            return target.parent / candidate
    return None


def unpacked_size(path: Path | str) -> tuple[int, int] | None:
    """(bytes, of which XML) a zip (.docx, .xlsx, .ods) says it unpacks to, read from its
    directory alone: a zip bomb is measured without unpacking it. None: not a zip."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    return unpacked_sizes(infos)


def unpacked_sizes(infos: list) -> tuple[int, int]:
    """(bytes, of which XML) the entries of a zip's directory (zipfile.ZipInfo) say they unpack to:
    Python's zipfile stops there, so that they bound what reading the zip can unpack."""
    return (sum(info.file_size for info in infos),
            sum(info.file_size for info in infos if info.filename.endswith((".xml", ".rels"))))
