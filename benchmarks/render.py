"""Time per document: thidua's renderer vs a naive docxtpl loop, same templates and contexts.

Run: python benchmarks/render.py [rounds]
The naive loop builds a new DocxTemplate and renders with docxtpl's default (unsandboxed,
uncached) Jinja environment for each document; thidua's path compiles each template's
Jinja once per process. Both write to memory, not to disk.
"""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

from docxtpl import DocxTemplate

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.document.context import build_context  # noqa: E402
from generator.document.render import render_bytes, template_path, wrap  # noqa: E402
from generator.plan.loader import load_plan  # noqa: E402


def naive(template: Path, context: dict) -> bytes:
    document = DocxTemplate(str(template))
    document.render(context, autoescape=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    files = sorted((ROOT / "plans").rglob("*.yaml"))
    jobs = []
    for file in files:
        plan = load_plan(file)
        jobs.append((template_path(plan, file), build_context(plan)))
    for template, context in jobs:  # warm-up: imports, first compilation
        render_bytes(template, context)
        naive(template, wrap(context, ""))

    def timed(render) -> float:
        start = time.perf_counter()
        for _ in range(rounds):
            for template, context in jobs:
                render(template, context)
        return (time.perf_counter() - start) / (rounds * len(jobs))

    ours = timed(render_bytes)
    baseline = timed(lambda t, c: naive(t, wrap(c, "")))
    print(f"{len(jobs)} kế hoạch × {rounds} lượt")
    print(f"thidua (biên dịch mẫu một lần): {ours * 1000:7.1f} ms/văn bản  ({1 / ours:5.1f} văn bản/s)")
    print(f"docxtpl thông thường:          {baseline * 1000:7.1f} ms/văn bản  ({1 / baseline:5.1f} văn bản/s)")
    print(f"tỉ lệ (thông thường / thidua): {baseline / ours:.2f}×")


if __name__ == "__main__":
    main()
