"""Fuzz thidua with mutated shipped plans and communes tables; print the counts.

Run: python benchmarks/fuzz.py [N]   (default 10000; or THIDUA_FUZZ=N)
Each case ends in one of: document (a sound .docx that passes `thidua check`), refused
(exit 2 with a located message), or a failure kind (exception, unlocated, bad-document,
leftovers, slow, exit-N), listed with its seed so that it can be replayed.
"""

from __future__ import annotations

import collections
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from fuzzing import run_case  # noqa: E402


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else int(os.environ.get("THIDUA_FUZZ", "10000"))
    first = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    cache = tempfile.TemporaryDirectory(prefix="thidua-fuzz-cache-")
    os.environ["THIDUA_CACHE"] = cache.name  # exercised, and thrown away with the run
    counts: collections.Counter[str] = collections.Counter()
    failures = []
    started = time.perf_counter()
    for seed in range(first, first + count):
        with tempfile.TemporaryDirectory(prefix="thidua-fuzz-") as folder:
            verdict = run_case(Path(folder), seed)
        counts[verdict.status] += 1
        if verdict.status not in ("document", "refused"):
            failures.append((seed, verdict))
        if (seed - first + 1) % 500 == 0:
            print(f"  {seed - first + 1} / {count} …", file=sys.stderr, flush=True)
    elapsed = time.perf_counter() - started
    print(f"thidua fuzz: {count} ca (hạt giống {first}..{first + count - 1}) trong {elapsed:.0f} s")
    for status, n in counts.most_common():
        print(f"  {status:>14}: {n}")
    for seed, verdict in failures[:30]:
        print(f"  hạt giống {seed}: {verdict.status}: {verdict.detail[:300]}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
