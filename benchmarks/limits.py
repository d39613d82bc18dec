"""The worst Word files a user can hand thidua: just under each limit of generator/word/limits.py, and
just over it. Each is timed through `check`, `text`, `import` and `diff` (whole processes: what a
user waits for), with its peak memory.

Run: python benchmarks/limits.py [RUNS]   (default 3 runs; medians)
The files are built under output/limits/ (git-ignored): a real .docx from python-docx, its body
rewritten with what each case needs.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from docx import Document

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from generator.word.limits import MAX_COUNTS, MAX_PARTS  # noqa: E402

BIN = Path(sys.executable).parent
THIDUA = [str(BIN / "thidua")] if (BIN / "thidua").exists() else [sys.executable, "-m", "generator"]
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PARAGRAPHS, RUNS, CELLS = (MAX_COUNTS[name][0] for name in (b"p", b"r", b"tc"))
TEXT = "Các cơ quan, đơn vị thực hiện nghiêm túc các nhiệm vụ được giao."


def docx(path: Path, body: str, extra_parts: int = 0) -> Path:
    Document().save(path)
    with zipfile.ZipFile(path) as original:
        parts = {info.filename: original.read(info) for info in original.infolist()}
    parts["word/document.xml"] = f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'.encode()
    for n in range(extra_parts):
        parts[f"customXml/item{n}.xml"] = b"<a/>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def paragraph(text: str, runs: int = 1, distinct: int = 0) -> str:
    """A paragraph of `runs` runs; `distinct` gives each run its own properties (no two alike)."""
    pieces = []
    for n in range(runs):
        props = f'<w:rPr><w:sz w:val="{20 + (distinct + n) % 9000}"/></w:rPr>' if distinct else ""
        pieces.append(f"<w:r>{props}<w:t xml:space='preserve'>{text} </w:t></w:r>")
    own = f'<w:pPr><w:ind w:firstLine="{distinct % 9000}"/></w:pPr>' if distinct else ""
    return f"<w:p>{own}{''.join(pieces)}</w:p>"


def densest(folder: Path) -> list[tuple[str, Path]]:
    """The two files with the most paragraphs and runs the limits let through: runs alike, runs all unlike."""
    per = RUNS // PARAGRAPHS
    return [
        (f"{PARAGRAPHS:,} đoạn, {RUNS:,} run giống nhau", docx(folder / "giong-nhau.docx", "".join(
            paragraph(TEXT, per) for _ in range(PARAGRAPHS)))),
        (f"{PARAGRAPHS:,} đoạn, {RUNS:,} run, không hai run cùng định dạng", docx(folder / "khac-nhau.docx", "".join(
            paragraph("chữ", per, distinct=i * per + 1) for i in range(PARAGRAPHS)))),
    ]


def cases(folder: Path) -> list[tuple[str, Path]]:
    table_rows = CELLS // 5
    row = "<w:tr>" + "<w:tc><w:p><w:r><w:t>ô</w:t></w:r></w:p></w:tc>" * 5 + "</w:tr>"
    return [
        *densest(folder),
        (f"{table_rows:,} hàng bảng, {CELLS:,} ô", docx(folder / "bang.docx", f"<w:tbl>{row * (table_rows - 1)}</w:tbl><w:p/>")),
        ("một đoạn 9 MB chữ", docx(folder / "mot-doan.docx", paragraph("chữ " * 1_500_000))),
        (f"{MAX_PARTS:,} phần trong gói", docx(folder / "nhieu-phan.docx", paragraph(TEXT), extra_parts=MAX_PARTS - 20)),
        (f"quá giới hạn: {10 * PARAGRAPHS:,} đoạn", docx(folder / "qua-doan.docx", "<w:p/>" * 10 * PARAGRAPHS)),
        ("quá giới hạn: 3 triệu đoạn", docx(folder / "trieu-doan.docx", "<w:p/>" * 3_000_000)),
    ]


PEAK = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], capture_output=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def timed(command: list[str], runs: int, before=lambda: None) -> tuple[float, float, int]:
    """(median seconds, peak MB of the command, exit code); `before` runs ahead of each run."""
    times, code = [], 0
    for _ in range(runs):
        before()
        start = time.perf_counter()
        code = subprocess.run(command, capture_output=True).returncode
        times.append(time.perf_counter() - start)
    before()
    peak = int(subprocess.run([sys.executable, "-c", PEAK, *command], capture_output=True, text=True).stdout)
    return statistics.median(times), peak / 1024, code


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    folder = ROOT / "output" / "limits"
    folder.mkdir(parents=True, exist_ok=True)
    print(f"{'tệp':<52} {'lệnh':<7} {'giây':>6} {'MB':>6} mã")
    for name, path in cases(folder):
        other = path.with_name(path.stem + "-2.docx")
        other.write_bytes(path.read_bytes())
        for command, args in (("check", [str(path)]), ("text", [str(path)]), ("diff", [str(path), str(other)]),
                              ("import", [str(path), "-o", str(folder / f"{path.stem}.yaml")])):
            target = folder / f"{path.stem}.yaml"
            seconds, peak, code = timed([*THIDUA, command, *args], runs, lambda target=target: target.unlink(missing_ok=True))
            print(f"{name:<52} {command:<7} {seconds:6.2f} {peak:6.0f} {code}", flush=True)


if __name__ == "__main__":
    main()
