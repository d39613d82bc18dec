"""How long `thidua import` takes on a long plan: in-process (the import itself) and as a
whole command (`thidua import FILE.docx`, start-up included), medians of several runs.

Run: python benchmarks/import_speed.py [RUNS]   (default 9)
The documents are thidua's own builds of the longest shipped plans and the same plans
typed again by hand (tests/handtyped.py). Everything is written under output/ (git-ignored).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

PLANS = ["000-lam-thao-ke-hoach-thi-dua", "002-tan-lap-ke-hoach-thi-dua", "001-tam-nong-ke-hoach-thi-dua"]


def pages(docx: Path) -> int | None:
    """Pages as LibreOffice lays the document out (None where LibreOffice is missing)."""
    from generator.system.libreoffice import convert_batch, soffice_binary

    if soffice_binary() is None:
        return None
    pdf = convert_batch([docx])[0]
    data = pdf.read_bytes()
    pdf.unlink()
    return len(__import__("re").findall(rb"/Type\s*/Page(?!s)", data)) or None


def doubled(docx: Path, target: Path) -> Path:
    """The same plan with its body typed twice: a document of twice the pages."""
    import copy

    from docx import Document

    document = Document(str(docx))
    body = document.element.body
    tables = body.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tbl")
    paragraphs = [child for child in body if child.tag.endswith("}p")]
    start = paragraphs.index(next(p for p in paragraphs if "".join(p.itertext()).strip().startswith("I.")))
    block = paragraphs[start:]
    anchor = tables[-1] if len(tables) > 1 else block[-1]
    for element in block:
        if element is not anchor and body.index(element) < body.index(anchor):
            anchor.addprevious(copy.deepcopy(element))
    document.save(str(target))
    return target


def main() -> None:
    from handtyped import retyped

    from generator.build.pipeline import plan_document
    from generator.importing.document import import_docx

    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    folder = ROOT / "output" / "benchmark-import"
    folder.mkdir(parents=True, exist_ok=True)
    thidua = Path(sys.executable).parent / "thidua"
    print(f"thidua import: trung vị của {runs} lần")
    for stem in PLANS:
        plan = next((ROOT / "plans").rglob(f"{stem}.yaml"))
        built = folder / f"{stem}.docx"
        built.write_bytes(plan_document(plan, use_cache=False))
        typed = retyped(built, folder / f"{stem}-go-tay.docx", seed=1)
        count = pages(built)
        cases = [("do thidua tạo", built), ("gõ tay", typed)]
        if stem == PLANS[0]:
            cases.append(("gõ tay, nội dung gấp đôi", doubled(typed, folder / f"{stem}-gap-doi.docx")))
        for label, docx in cases:
            count = pages(docx) if docx is not built else count
            inside = []
            for _ in range(runs):
                start = time.perf_counter()
                import_docx(docx)
                inside.append(time.perf_counter() - start)
            whole = []
            for i in range(runs):
                target = folder / f"{docx.stem}-{i}.yaml"
                target.unlink(missing_ok=True)
                start = time.perf_counter()
                subprocess.run([str(thidua), "import", str(docx), "-o", str(target)], check=True,
                               capture_output=True)
                whole.append(time.perf_counter() - start)
                target.unlink()
            where = f"{stem} ({count} trang, {label})" if count else f"{stem} ({label})"
            print(f"  {where:<66} nhập: {statistics.median(inside):.3f} s   "
                  f"cả lệnh: {statistics.median(whole):.3f} s")


if __name__ == "__main__":
    main()
