"""Render page 1 and the signature page of a few shipped plans to PNG for the README.

Run by hand after a change to the layout: python docs/pictures.py
Needs LibreOffice (soffice) and PyMuPDF; writes docs/images/*.png (committed).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# plan: the pages shown in the README ("trang-1": page 1, "trang-ky": the page with the signature)
PLANS = {"plans/2024/000-lam-thao-ke-hoach-thi-dua.yaml": ("trang-1", "trang-ky"),
         "plans/2026/quang-ninh/xa-phuong/dac-khu-co-to.yaml": ("trang-1", "trang-ky"),
         "plans/2026/an-thoi-dong/dang-uy-ke-hoach-thi-dua.yaml": ("trang-1",),
         "plans/2026/an-thoi-dong/lien-tich-ubnd-mttq.yaml": ("trang-ky",),
         "plans/2026/an-thoi-dong/truong-thcs/lien-doi-ke-hoach.yaml": ("trang-ky",)}
DPI = 70


def main() -> None:
    import pymupdf

    out = ROOT / "docs" / "images"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        subprocess.run([sys.executable, "-m", "generator", "build", *PLANS, "-o", scratch, "--pdf"], cwd=ROOT,
                       check=True, capture_output=True, env={"THIDUA_CACHE": "off", **__import__("os").environ})
        for plan, shown in PLANS.items():
            stem = Path(plan).stem
            document = pymupdf.open(next(Path(scratch).rglob(f"{stem}.pdf")))
            signature = next(i for i in range(len(document)) if "Nơi nhận" in document[i].get_text())
            for label, index in (("trang-1", 0), ("trang-ky", signature)):
                if label not in shown:
                    continue
                target = out / f"{stem}-{label}.png"
                document[index].get_pixmap(dpi=DPI).save(target)
                print(f"Đã ghi: {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
