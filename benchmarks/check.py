"""How `thidua check` grows with the length of a document, its cost per file in a batch, and the
same long document through `import`, `text` and `diff`.

Run: python benchmarks/check.py [PARTS] [RUNS]   (default 62 parts ≈ 1.000 pages, 3 runs; medians)
A plan of PARTS level-I sections (40 sub-sections of 3 paragraphs and 2 points each) is built
by thidua; its pages are counted by LibreOffice when it is installed. `thidua check` is timed
whole-process on it, on a quarter of it (to show the growth is linear), and on 100 copies of a
shipped plan in one command. Everything is written under output/ (git-ignored).
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent
THIDUA = [str(BIN / "thidua")] if (BIN / "thidua").exists() else [sys.executable, "-m", "generator"]
SENTENCE = ("các cơ quan, đơn vị tổ chức thực hiện nghiêm túc, hiệu quả các nhiệm vụ được giao, bảo đảm đúng "
            "tiến độ, chất lượng và báo cáo kết quả về Ủy ban nhân dân xã theo quy định.")


def long_plan(parts: int) -> dict:
    sections = [{"title": f"Phần thứ {i}", "children": [
        {"title": f"Nội dung {i}.{j}", "paragraphs": [f"Đoạn văn số {k} của mục {i}.{j}: {SENTENCE}" for k in range(3)],
         "items": ["Tuyên truyền, phổ biến rộng rãi nội dung kế hoạch đến cán bộ, công chức và Nhân dân.",
                   "Kiểm tra, đôn đốc, sơ kết, tổng kết, khen thưởng kịp thời."]} for j in range(1, 41)]}
        for i in range(1, parts + 1)]
    return {"year": 2026, "issuer": {"level": "xã", "name": "Tân Lập"}, "summary": "Kế hoạch dài (đo thời gian)",
            "sections": sections, "recipients": {"items": ["Các ấp"]},
            "signer": {"authority": "TM", "title": "Chủ tịch", "name": ""}}


def built(folder: Path, name: str, plan: dict) -> Path:
    source = folder / f"{name}.yaml"
    source.write_text(yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8")
    subprocess.run([*THIDUA, "build", str(source), "-o", str(folder)], check=True, capture_output=True)
    return folder / f"{name}.docx"


def pages(docx: Path) -> str:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    pdfinfo = shutil.which("pdfinfo")
    if not soffice or not pdfinfo:
        return "? (cần LibreOffice và poppler để đếm)"
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(docx.parent), str(docx)],
                   check=True, capture_output=True, timeout=900)
    info = subprocess.run([pdfinfo, str(docx.with_suffix(".pdf"))], capture_output=True, text=True).stdout
    return next((line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")), "?")


def timed(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def timed_each(command, runs: int) -> float:
    """As timed, with a new command each run (an output file that must not exist yet)."""
    times = []
    for _ in range(runs):
        argv = command()
        start = time.perf_counter()
        completed = subprocess.run(argv, capture_output=True)
        times.append(time.perf_counter() - start)
        assert completed.returncode in (0, 1), completed.stderr.decode("utf-8", "replace")[-500:]
    return statistics.median(times)


def fresh_folder(name: str) -> Path:
    """An empty folder under output/ (git-ignored) for one benchmark's files."""
    folder = ROOT / "output" / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def main() -> None:
    parts = int(sys.argv[1]) if len(sys.argv) > 1 else 62
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    folder = fresh_folder("bench-check")
    whole = built(folder, "dai", long_plan(parts))
    quarter = built(folder, "mot-phan-tu", long_plan(max(1, parts // 4)))
    sample = ROOT / "plans" / "2024" / "000-lam-thao-ke-hoach-thi-dua.yaml"
    subprocess.run([*THIDUA, "build", str(sample), "-o", str(folder)], check=True, capture_output=True)
    shipped = folder / f"{sample.stem}.docx"
    copies = folder / "100-tep"
    copies.mkdir()
    for i in range(100):
        shutil.copy(shipped, copies / f"van-ban-{i:03d}.docx")
    t_whole, t_quarter = timed([*THIDUA, "check", str(whole)], runs), timed([*THIDUA, "check", str(quarter)], runs)
    t_many = timed([*THIDUA, "check", *map(str, sorted(copies.iterdir()))], runs)
    print(f"thidua check, máy 2 lõi, trung vị của {runs} lần (cả tiến trình)")
    print(f"  văn bản {parts} phần ({pages(whole)} trang):        {t_whole:.2f} s")
    print(f"  văn bản {max(1, parts // 4)} phần ({pages(quarter)} trang):        {t_quarter:.2f} s"
          f"  (tỉ lệ thời gian {t_whole / t_quarter:.1f}× cho {parts / max(1, parts // 4):.1f}× độ dài)")
    print(f"  100 văn bản trong một lệnh:     {t_many:.2f} s  ({t_many * 10:.1f} ms mỗi tệp)")
    # the same long document through the other commands that read a Word file (issue: under a second)
    twin = folder / "dai-ban-sao.docx"
    shutil.copy(whole, twin)
    outputs = iter(range(10**6))
    t_import = timed_each(lambda: [*THIDUA, "import", str(whole), "-o", str(folder / f"lai-{next(outputs)}.yaml")],
                          runs)
    t_text, t_diff = timed([*THIDUA, "text", str(whole)], runs), timed([*THIDUA, "diff", str(whole), str(twin)], runs)
    print(f"  cùng văn bản {parts} phần: import {t_import:.2f} s, text {t_text:.2f} s, diff {t_diff:.2f} s")


if __name__ == "__main__":
    main()
