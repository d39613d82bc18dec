"""Batch throughput: thidua's batch path vs a naive docxtpl loop, on the same commune plans.

Run: python benchmarks/batch.py [N]        (default N = 500)

Both paths start from the same communes table (N rows over the shipped Quảng Ninh
base) and write one .docx per row to disk:
  - thidua: `batch.run`, as `thidua build BASE --for-each TABLE` does it (template compiled
    once per process, both cores, atomic writes, manifest);
  - naive: for each row the same merge, validation and context, then a new DocxTemplate,
    render, save: the loop a script would write.
Both paths are warmed up first on a few rows, then each runs 3 times and the median is
reported (the cores of this machine are shared and single runs vary). The thidua path runs
under both start methods of its workers, fork and spawn (Windows and macOS spawn; Python 3.14
no longer forks by default). Then peak memory of a whole `thidua build --for-each` run for N=100 and N=1000, each in a
fresh process (the command's own peak and its workers' peak).
"""

from __future__ import annotations

import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docxtpl import DocxTemplate  # noqa: E402

from generator.build import batch  # noqa: E402
from generator.document.context import build_context  # noqa: E402
from generator.document.render import template_path, wrap  # noqa: E402

BASE = ROOT / "plans" / "2026" / "quang-ninh" / "_xa-phuong-mau.yaml"
LEVELS = ("xã", "phường", "đặc khu")


def write_table(folder: Path, n: int) -> Path:
    table = folder / f"xa-{n}.csv"
    lines = ["name,level,signer,number,target:thu-ngan-sach,target:bhyt"]
    lines += [f"Thử Nghiệm {i},{LEVELS[i % 3]},Người Ký {i},{i % 90 + 1},\"{10 + i % 500},5\",{90 + i % 9}"
              for i in range(n)]
    table.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return table


def jobs_for(table: Path, out: Path) -> tuple[list[batch.Job], batch.Base]:
    return batch.table_jobs(BASE, table, out)  # as `thidua build BASE --for-each TABLE` makes them


def naive(jobs: list[batch.Job], base: batch.Base) -> None:
    batch._set_base(base)
    for job in jobs:
        loaded, plan_file = batch.load_job(job)
        document = DocxTemplate(str(template_path(loaded.plan, plan_file)))
        document.render(wrap(build_context(loaded.plan), ""), autoescape=True)
        buffer = io.BytesIO()
        document.save(buffer)
        job.target.write_bytes(buffer.getvalue())


def peak_memory(n: int, folder: Path) -> tuple[float, float]:
    """Peak RSS (MiB) of `thidua build --for-each` on N rows: the command, and its largest worker."""
    table = write_table(folder, n)
    code = ("import resource, sys; from generator.cli.app import app\n"
            "try: app([\"build\", sys.argv[1], \"--for-each\", sys.argv[2], \"-o\", sys.argv[3]])\n"
            "except SystemExit: pass\n"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "
            "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    result = subprocess.run([sys.executable, "-c", code, str(BASE), str(table), str(folder / f"mem-{n}")],
                            capture_output=True, text=True, cwd=ROOT, check=True)
    own, workers = result.stdout.split()[-2:]
    return int(own) / 1024, int(workers) / 1024


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    # Scratch space inside the project's (git-ignored) output/ folder, where `thidua build` writes:
    # on this machine creating a file in /tmp costs about 20 times more than on the project's disk.
    (ROOT / "output").mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".bench-", dir=ROOT / "output") as scratch:
        folder = Path(scratch)
        table = write_table(folder, n)
        warm_jobs, warm_base = jobs_for(write_table(folder, 40), folder / "warm")  # imports, caches, first compile
        batch.run(warm_jobs, folder / "warm", base=warm_base)
        (folder / "warm-naive").mkdir()
        naive([batch.Job(j.label, folder / "warm-naive" / j.target.name, row=j.row) for j in warm_jobs[:5]], warm_base)

        ours_runs, naive_runs, spawn_runs = [], [], []
        for attempt in range(3):  # this machine's cores are shared: report the median run, methods interleaved
            for method, runs in (("fork", ours_runs), ("spawn", spawn_runs)):
                jobs, base = jobs_for(table, folder / f"thidua-{method}-{attempt}")
                start = time.perf_counter()
                result = batch.run(jobs, folder / f"thidua-{method}-{attempt}", base=base, start_method=method)
                runs.append(time.perf_counter() - start)
                assert all(o.status == "written" for o in result.outcomes), {o.status for o in result.outcomes}
        for attempt in range(3):
            jobs, base = jobs_for(table, folder / f"naive-{attempt}")
            (folder / f"naive-{attempt}").mkdir()
            start = time.perf_counter()
            naive(jobs, base)
            naive_runs.append(time.perf_counter() - start)
        ours, slow, spawned = (statistics.median(r) for r in (ours_runs, naive_runs, spawn_runs))

        memory = {size: peak_memory(size, folder) for size in (100, 1000)}
    print(f"{n} văn bản của xã, phường, đặc khu; máy {os.cpu_count()} lõi")
    print(f"thidua build --for-each: {n / ours:7.1f} văn bản/s  ({ours:.2f} s, tiến trình con fork)")
    print(f"  … tiến trình con spawn: {n / spawned:7.1f} văn bản/s  ({spawned:.2f} s; thời gian spawn/fork {spawned / ours:.2f}×)")
    print(f"docxtpl thông thường:    {n / slow:7.1f} văn bản/s  ({slow:.2f} s)")
    print(f"tỉ lệ: {slow / ours:.1f}×  (trung vị của 3 lần; thidua: "
          f"{', '.join(f'{n / t:.0f}' for t in ours_runs)} văn bản/s; thông thường: "
          f"{', '.join(f'{n / t:.0f}' for t in naive_runs)} văn bản/s)")
    for size, (own, workers) in memory.items():
        print(f"bộ nhớ đỉnh N={size:>4}: lệnh {own:6.1f} MiB, mỗi tiến trình con tối đa {workers:6.1f} MiB")


if __name__ == "__main__":
    main()
