"""The limits of a Word file thidua reads, measured before any of it is parsed.

`check`, `text`, `import`, `diff` and the web page's uploads open Word files through `bounded()`,
so that they share one set of limits, each refusal naming the limit and its value. A real plan is
5 to 30 pages; the limits sit above a 1,000-page document (about 15,000 paragraphs, and
45,000 to 90,000 runs as Word splits them) and keep every command linear: on a 2-core machine 0.7 to 1.7
seconds for a 1,000-page document, up to about two for the densest file under them (benchmarks/limits.py,
benchmarks/versions.py), a refusal in a few tenths.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import IO

MAX_UNPACKED = 200 * 2**20  # bytes a Word file may unpack to; a zip bomb is refused before it is opened
MAX_XML = 25 * 2**20  # bytes of XML (parsed, unlike pictures)
MAX_PARTS = 2_000  # files inside the package: a plan has about a dozen, a long report a few hundred pictures
# elements counted in every XML part, whatever prefix a file binds the namespace to
MAX_COUNTS = {b"p": (20_000, "đoạn văn"), b"r": (100_000, "đoạn chữ (run)"), b"tc": (20_000, "ô bảng")}
XML_DEPTH = 256  # levels of nesting libxml2 parses (a table in a table is three)
TEXT_NODE_MB = 10  # characters in one piece of text libxml2 parses: a hundred books' worth

_COUNTED = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(p|r|tc)[\s/>]")


class NotReadable(ValueError):
    """A file the Word reader refuses before reading it, with the reason in Vietnamese."""


def bounded(path: Path | str | IO[bytes]) -> None:
    """Refuse a file that is no Word file, or that is larger than any document: a zip bomb, a file
    of a million paragraphs (a few hundred KB compressed), a package of countless parts."""
    from generator.system.files import not_ordinary

    if isinstance(path, (str, Path)) and (refused := not_ordinary(Path(path))) is not None:
        raise NotReadable(refused.reason)  # a FIFO would block the reader; a device never ends
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_PARTS:
                raise NotReadable(f"tệp có {_n(len(infos))} phần bên trong, quá nhiều cho một văn bản "
                                  f"(giới hạn {_n(MAX_PARTS)})")
            _sizes(infos)
            _counts(archive, infos)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        if isinstance(exc, NotReadable):
            raise
        raise NotReadable(_not_a_package(path)) from None
    finally:
        if not isinstance(path, (str, Path)):
            path.seek(0)


def _sizes(infos: list[zipfile.ZipInfo]) -> None:
    from generator.system.files import unpacked_sizes

    unpacked, xml = unpacked_sizes(infos)
    if unpacked > MAX_UNPACKED:
        raise NotReadable(f"tệp giải nén ra {unpacked / 2**20:.0f} MB, quá lớn cho một văn bản "
                          f"(giới hạn {MAX_UNPACKED // 2**20} MB)")
    if xml > MAX_XML:
        raise NotReadable(f"phần nội dung XML của tệp giải nén ra {xml / 2**20:.0f} MB, quá lớn cho một văn bản "
                          f"(giới hạn {MAX_XML // 2**20} MB)")


def _counts(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    """Paragraphs, runs and cells, counted in the raw XML a megabyte at a time (each window ends
    before a "<", so that no tag is cut), stopped at the first limit passed."""
    counts = dict.fromkeys(MAX_COUNTS, 0)
    for info in infos:
        if not info.filename.endswith(".xml"):
            continue
        data = archive.read(info)
        start = 0
        while start < len(data):
            end = len(data) if start + _WINDOW >= len(data) else data.rfind(b"<", start + 1, start + _WINDOW)
            end = end if end > start else start + _WINDOW
            names = _COUNTED.findall(data, start, end)
            start = end
            for name, (limit, what) in MAX_COUNTS.items():
                counts[name] += names.count(name)
                if counts[name] > limit:
                    raise NotReadable(f"tệp có hơn {_n(limit)} {what}, quá dài cho một văn bản (giới hạn "
                                      f"{_n(limit)}; một văn bản 1.000 trang có khoảng 15.000 đoạn văn)")


_WINDOW = 2**20


def _n(count: int) -> str:
    return f"{count:,}".replace(",", ".")  # 20.000, as a Vietnamese reader writes it


def parse_problem(exc: Exception) -> str:
    """Why lxml refused a part of a Word file that passed the limits above, for the user."""
    if "text node too long" in str(exc).lower():
        return f"một đoạn chữ dài hơn {TEXT_NODE_MB} MB, quá dài cho một văn bản"
    if "depth" in str(exc).lower():
        return f"nội dung lồng nhau quá sâu (hơn {XML_DEPTH} cấp: bảng trong bảng, khung trong khung), " \
            "quá phức tạp cho một văn bản"
    return "tệp Word bị hỏng: phần nội dung XML không đọc được (mở bằng Word rồi lưu lại)"


_COMPOUND_FILE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of .doc files and of encrypted .docx
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")


def _not_a_package(path) -> str:
    """Why a file is no .docx package, as precisely as its first bytes tell."""
    try:
        if isinstance(path, (str, Path)):
            with open(path, "rb") as handle:
                head = handle.read(1 << 16)
        else:
            path.seek(0)
            head = path.read(1 << 16)
            path.seek(0)
    except OSError:
        head = b""
    if head.startswith(_COMPOUND_FILE):
        if _ENCRYPTED in head:
            return "tệp Word có đặt mật khẩu mở (đã mã hóa), thidua không đọc được: mở bằng Word, bỏ mật khẩu " \
                "(Tệp → Thông tin → Bảo vệ tài liệu → Mã hóa bằng mật khẩu, xóa mật khẩu) rồi lưu lại"
        return "tệp Word dạng cũ (.doc) mang đuôi .docx: mở bằng Word rồi lưu lại dạng .docx"
    if head.startswith(b"PK"):
        return "tệp .docx bị hỏng (không giải nén được): mở bằng Word rồi lưu lại, hoặc lấy lại bản gốc"
    return "không phải tệp Word (.docx)"


def reading_problem(exc: Exception) -> str:
    """Why a Word file could not be read, for the user."""
    return str(exc) if isinstance(exc, NotReadable) else f"không đọc được tệp .docx ({type(exc).__name__})"
