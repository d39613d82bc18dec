"""Render the page of the shipped report that holds its target table, for the README.

Run by hand after a change to the report's layout: python docs/report_picture.py
Needs LibreOffice (soffice); writes docs/images/bao-cao-tong-ket-bang-chi-tieu.png (committed).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT = "plans/2026/an-thoi-dong-bao-cao-tong-ket.yaml"
TARGET = ROOT / "docs" / "images" / "bao-cao-tong-ket-bang-chi-tieu.png"
SCALE = 1.1  # 79 dpi: the table's figures stay legible in the README


def main() -> None:
    import pypdfium2

    with tempfile.TemporaryDirectory() as scratch:
        subprocess.run([sys.executable, "-m", "generator", "build", REPORT, "-o", scratch, "--pdf"], cwd=ROOT,
                       check=True, capture_output=True, env={**os.environ, "THIDUA_CACHE": "off"})
        document = pypdfium2.PdfDocument(next(Path(scratch).rglob("*.pdf")))
        index = next(i for i in range(len(document))
                     if "Kết quả thực hiện các chỉ tiêu" in document[i].get_textpage().get_text_range())
        document[index].render(scale=SCALE).to_pil().save(TARGET)
        document.close()
    print(f"Đã ghi: {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
