"""Whole-process times, side by side: `thidua --help`, `thidua build` of one shipped plan,
and docxtpl's own command line on the same template and context; beside them, the floor: a
process that only imports the libraries the build path needs (pydantic, typer, PyYAML, Jinja2, lxml, Babel).

Run: python benchmarks/startup.py [RUNS]   (default 15; medians are printed)
Byte code is written and read as on a user's machine (PYTHONDONTWRITEBYTECODE is lifted, the
cache kept in the scratch folder). `thidua build` is timed twice: with the build cache (the plan was built before and is
unchanged: what a clerk who rebuilds sees) and with THIDUA_CACHE=off (every stage runs:
load, validate, render). The context given to docxtpl is thidua's own, as JSON.
Everything is written under output/ (git-ignored).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PLAN = ROOT / "plans" / "2024" / "000-lam-thao-ke-hoach-thi-dua.yaml"
BIN = Path(sys.executable).parent


def _plain(value):
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return str(value) if type(value).__name__ == "RichText" else value


def timed(command: list[str], env: dict, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    from generator.build.pipeline import template_file
    from generator.document.context import build_context
    from generator.plan.loader import load

    thidua = shutil.which("thidua", path=str(BIN)) or "thidua"
    (ROOT / "output").mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".bench-startup-", dir=ROOT / "output") as scratch:
        folder = Path(scratch)
        loaded = load(PLAN)
        (folder / "context.json").write_text(json.dumps(_plain(build_context(loaded.plan)), ensure_ascii=False),
                                             encoding="utf-8")
        template = template_file(loaded, PLAN)
        # as on a user's machine, where pip compiled the package when it installed it: byte code is written
        # (under the scratch folder, never into the checkout) and read on every run after the first
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update(THIDUA_CACHE=str(folder / "cache"), PYTHONPYCACHEPREFIX=str(folder / "pycache"))
        cold_env = {**env, "THIDUA_CACHE": "off"}
        build = [thidua, "build", str(PLAN), "-o", str(folder / "out")]
        docxtpl = [sys.executable, "-m", "docxtpl", "-o", "-q", str(template), str(folder / "context.json"),
                   str(folder / "docxtpl.docx")]
        subprocess.run(build, env=env, cwd=ROOT, capture_output=True, check=True)  # fills the cache
        subprocess.run(build, env=cold_env, cwd=ROOT, capture_output=True, check=True)  # and the byte code
        subprocess.run(docxtpl, env=env, cwd=ROOT, capture_output=True, check=True)
        # the floor: importing only the libraries the design card puts on the build path, nothing run
        floor = [sys.executable, "-c", "import pydantic.main, typer, yaml, jinja2, lxml.etree, babel.numbers"]
        subprocess.run(floor, env=env, cwd=ROOT, capture_output=True, check=True)
        results: dict[str, list[float]] = {"help": [], "build": [], "cold": [], "docxtpl": [], "floor": []}
        for _ in range(runs):  # interleaved, so that the machine's noise falls on every command alike
            results["help"] += timed([thidua, "--help"], env, 1)
            results["build"] += timed(build, env, 1)
            results["cold"] += timed(build, cold_env, 1)
            results["docxtpl"] += timed(docxtpl, env, 1)
            results["floor"] += timed(floor, env, 1)
    median = {k: statistics.median(v) for k, v in results.items()}
    print(f"trung vị của {runs} lần chạy mỗi lệnh (cả tiến trình, xen kẽ nhau), kế hoạch {PLAN.name}:")
    print(f"  thidua --help:                           {median['help']:.3f} s   (mục tiêu ≤ 0,15 s)")
    print(f"  thidua build (bộ nhớ đệm, không đổi):     {median['build']:.3f} s")
    print(f"  thidua build (THIDUA_CACHE=off, đủ bước): {median['cold']:.3f} s")
    print(f"  python -m docxtpl (cùng mẫu, cùng dữ liệu): {median['docxtpl']:.3f} s")
    print(f"  chỉ nạp pydantic, typer, PyYAML, Jinja2, lxml, Babel: {median['floor']:.3f} s "
          f"({median['floor'] / median['docxtpl']:.2f}× docxtpl)")
    print(f"  tỉ lệ build / docxtpl: {median['build'] / median['docxtpl']:.2f}× (có bộ nhớ đệm), "
          f"{median['cold'] / median['docxtpl']:.2f}× (không có)   (mục tiêu ≤ 1,0)")


if __name__ == "__main__":
    main()
