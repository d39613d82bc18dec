"""Seconds per document for PDF conversion: one LibreOffice process per file vs one batch.

Run: python benchmarks/pdf.py
Renders the shipped example plans to .docx in a temporary folder, then converts them
(1) one soffice process per file, as a naive script would, and (2) with thidua's
batch path (`thidua build --pdf`): one soffice run for the whole folder.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.build.pipeline import plan_document  # noqa: E402
from generator.system.files import write_atomic  # noqa: E402
from generator.system.libreoffice import convert_batch, soffice_binary  # noqa: E402


def render_plan(plan_file: Path, target: Path) -> Path:
    write_atomic(target, plan_document(plan_file))
    return target


def main() -> None:
    soffice = soffice_binary()
    if soffice is None:
        sys.exit("Không tìm thấy LibreOffice (soffice): cài libreoffice-writer-nogui rồi chạy lại.")
    # Scratch space inside the project's (git-ignored) output/ folder, where `thidua build` writes:
    # on this machine creating a file in /tmp costs about 20 times more than on the project's disk.
    (ROOT / "output").mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".bench-", dir=ROOT / "output") as scratch:
        folder = Path(scratch)
        files = [render_plan(p, folder / f"{p.stem}.docx") for p in sorted((ROOT / "plans").rglob("*.yaml"))
                 if not p.name.startswith("_")]
        profile = (folder / "profile").as_uri()
        subprocess.run([soffice, "--headless", f"-env:UserInstallation={profile}", "--terminate_after_init"],
                       capture_output=True, timeout=300)  # warm-up: create the profile once

        start = time.perf_counter()
        for file in files:
            subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation={profile}",
                            "--convert-to", "pdf", "--outdir", str(folder / "single"), str(file)],
                           capture_output=True, timeout=300, check=True)
        single = (time.perf_counter() - start) / len(files)

        start = time.perf_counter()
        convert_batch(files, soffice)
        batch = (time.perf_counter() - start) / len(files)
    print(f"{len(files)} văn bản")
    print(f"mỗi tệp một lần chạy soffice: {single:6.2f} s/văn bản")
    print(f"cả loạt một lần chạy (thidua): {batch:6.2f} s/văn bản")
    print(f"tỉ lệ (từng tệp / cả loạt):    {single / batch:.2f}×")


if __name__ == "__main__":
    main()
