"""The commands that read a long Word file (`check`, `import`, `text`, `diff`), `check` of 100 short
files in one command, and `check` and `text` of the two densest files the limits let through
(benchmarks/limits.py), timed under this checkout and under an earlier commit, side by side: runs
interleaved, medians printed, whole process.

Run: python benchmarks/versions.py REV [PARTS] [RUNS]   (default 62 parts ≈ 1.000 pages, 5 runs)
The earlier commit's `generator/` and `templates/` are taken with `git archive` into output/ (git-ignored)
and run with the same Python and libraries. The document is the long plan of benchmarks/check.py,
built once by this checkout.
"""

from __future__ import annotations

import io
import shutil
import statistics
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from check import THIDUA, built, fresh_folder, long_plan  # noqa: E402
from limits import densest  # noqa: E402


def earlier(rev: str, folder: Path) -> Path:
    archive = subprocess.run(["git", "archive", rev, "generator", "templates"], cwd=ROOT, check=True,
                             capture_output=True).stdout
    target = folder / f"rev-{rev}"
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target


def main() -> None:
    rev = sys.argv[1]
    parts = int(sys.argv[2]) if len(sys.argv) > 2 else 62
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    folder = fresh_folder("bench-versions")
    document = built(folder, "dai", long_plan(parts))
    twin = folder / "dai-ban-sao.docx"
    shutil.copy(document, twin)
    sample = ROOT / "plans" / "2024" / "000-lam-thao-ke-hoach-thi-dua.yaml"
    subprocess.run([*THIDUA, "build", str(sample), "-o", str(folder)], check=True, capture_output=True)
    copies = [folder / f"van-ban-{i:03d}.docx" for i in range(100)]
    for copy in copies:
        shutil.copy(folder / f"{sample.stem}.docx", copy)
    alike, unlike = (path for _, path in densest(folder))
    trees = {"bây giờ": ROOT, rev: earlier(rev, folder)}
    counter = iter(range(10**6))
    commands = {
        "check": lambda: ["check", str(document)],
        "import": lambda: ["import", str(document), "-o", str(folder / f"lai-{next(counter)}.yaml")],
        "text": lambda: ["text", str(document)],
        "diff": lambda: ["diff", str(document), str(twin)],
        "check ×100": lambda: ["check", *map(str, copies)],
        "check giống": lambda: ["check", str(alike)],
        "check khác": lambda: ["check", str(unlike)],
        "text giống": lambda: ["text", str(alike)],
        "text khác": lambda: ["text", str(unlike)],
    }
    times: dict[tuple[str, str], list[float]] = {}
    for _ in range(runs):
        for name, make in commands.items():
            for label, tree in trees.items():
                env = {"PYTHONPATH": str(tree), "THIDUA_TEMPLATES": str(tree / "templates"), "THIDUA_CACHE": "off",
                       "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"}
                start = time.perf_counter()
                subprocess.run([sys.executable, "-m", "generator", *make()], env=env, cwd=folder, capture_output=True)
                times.setdefault((name, label), []).append(time.perf_counter() - start)
    print(f"văn bản {parts} phần; giống/khác: {alike.stem}, {unlike.stem} (benchmarks/limits.py); "
          f"trung vị của {runs} lần, xen kẽ (cả tiến trình):")
    for name in commands:
        now, before = statistics.median(times[(name, "bây giờ")]), statistics.median(times[(name, rev)])
        print(f"  {name:12s} {rev}: {before:.2f} s   bây giờ: {now:.2f} s   ({before / now:.2f}× nhanh hơn)")


if __name__ == "__main__":
    main()
