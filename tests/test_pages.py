"""Ready to sign on the page: what a reviewer sees on the rendered pages (LibreOffice → PDF,
read back with PyMuPDF), the numbering styles read back from the .docx, PDF/A, and the
typography and honesty warnings of `thidua lint`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import PLANS, soffice
from docx import Document

from generator.cli.app import app

PLAN_FILES = sorted(p for p in PLANS.rglob("*.yaml") if not p.name.startswith("_"))
HEADING = re.compile(r"^(?:[IVXL]+\.|\d+\.(?:\d+\.)?|[a-zđ]\))\s")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    """Every shipped plan built with `thidua build plans --pdf`: PDF/A through LibreOffice."""
    if soffice() is None:
        pytest.skip("LibreOffice (soffice) chưa được cài: không dựng được trang PDF")
    pytest.importorskip("pymupdf", reason="PyMuPDF chưa được cài (pip install -e '.[test]')")
    from typer.testing import CliRunner

    out = tmp_path_factory.mktemp("pages")
    result = CliRunner().invoke(app, ["build", str(PLANS), "-o", str(out), "--pdf"])
    assert result.exit_code == 0, result.output
    return {p.stem: p for p in out.rglob("*.pdf")}


def lines(page) -> list[tuple[float, float, float, str, bool]]:
    """(top, left, right, text, bold) of every text line of a page, top to bottom."""
    found = []
    for block in page.get_text("dict")["blocks"]:
        for line in block.get("lines", []):
            spans = [s for s in line["spans"] if s["text"].strip()]
            if not spans:
                continue
            text = "".join(s["text"] for s in spans).strip()
            bold = all(s["flags"] & 16 or "Bold" in s["font"] for s in spans)
            found.append((line["bbox"][1], line["bbox"][0], line["bbox"][2], text, bold))
    return sorted(found)


def _open(path: Path):
    import pymupdf

    return pymupdf.open(path)


@pytest.mark.parametrize("stem", [p.stem for p in PLAN_FILES])
def test_no_page_ends_with_a_heading(pdfs, stem):
    document = _open(pdfs[stem])
    for number in range(len(document) - 1):
        body = [ln for ln in lines(document[number]) if ln[3] != str(number + 1)]
        last = body[-1]
        assert not (last[4] and HEADING.match(last[3])), f"trang {number + 1} kết thúc bằng đề mục: {last[3]}"


@pytest.mark.parametrize("stem", [p.stem for p in PLAN_FILES])
def test_page_numbers_centred_at_the_top_from_page_two(pdfs, stem):
    document = _open(pdfs[stem])
    first = lines(document[0])
    assert first[0][3] != "1" and "1" not in [ln[3] for ln in first[:1]]
    for number in range(1, len(document)):
        page = document[number]
        top = lines(page)[0]
        assert top[3] == str(number + 1), f"trang {number + 1}: dòng đầu là {top[3]!r}"
        centre = (top[1] + top[2]) / 2
        text_centre = (30 + (210 - 15)) / 2 / 25.4 * 72  # between the left and right margins
        assert abs(centre - text_centre) < 12, f"trang {number + 1}: số trang không ở giữa ({centre:.0f} pt)"
        assert top[0] < 72, "số trang ở lề trên"


def _plan(stem: str):
    from generator.plan.loader import load_plan

    return load_plan(next(p for p in PLAN_FILES if p.stem == stem))


@pytest.mark.parametrize("stem", [p.stem for p in PLAN_FILES])
def test_signature_and_recipients_on_one_page(pdfs, stem):
    from generator.document.issuance import signature_text

    first_signature_line = signature_text(_plan(stem))[0]
    document = _open(pdfs[stem])
    where = {}
    for number in range(len(document)):
        for line in lines(document[number]):
            if line[3].startswith("Nơi nhận"):
                where["recipients"] = number
            if line[3] == first_signature_line:
                where.setdefault("signature", number)
    assert where["recipients"] == where["signature"], where


@pytest.mark.parametrize("stem", [p.stem for p in PLAN_FILES])
def test_header_columns_start_on_one_line(pdfs, stem):
    from generator.document.issuance import family_of

    plan = _plan(stem)
    banner = family_of(plan).banner_lines(plan.banner)[0]
    first = lines(_open(pdfs[stem])[0])
    national = next(ln for ln in first if ln[3].startswith(banner))
    issuer = min((ln for ln in first if ln[1] < national[1] and ln[0] < national[0] + 30), key=lambda ln: ln[0])
    assert abs(issuer[0] - national[0]) < 2, (issuer, national)


def test_pdf_is_pdf_a_with_every_font_embedded(pdfs):
    for stem, path in pdfs.items():
        document = _open(path)
        metadata = document.get_xml_metadata()
        assert "<pdfaid:part>2</pdfaid:part>" in metadata and "<pdfaid:conformance>B" in metadata, stem
        for number in range(len(document)):
            for font in document.get_page_fonts(number):
                assert font[1] in ("ttf", "cff", "t1", "otf", "ttc"), (stem, font)  # 'n/a' = not embedded
                assert "+" in font[3], (stem, font)  # subset-embedded fonts carry a 'ABCDEF+' prefix


def _paragraphs(path: Path):
    return [p for p in Document(str(path)).paragraphs if p.text.strip()]


def test_numbering_levels_bold_only_for_i_and_1(built):
    document = Document(str(built["ke-hoach-tinh"]))
    labels = {"a)": [], "I.": [], "1.": []}
    for paragraph in document.paragraphs:
        for label in labels:
            if re.match(rf"^{re.escape(label[:-1])}[{re.escape(label[-1])}]\s", paragraph.text) or \
                    (label == "a)" and re.match(r"^[a-zđ]\)\s", paragraph.text)) or \
                    (label == "I." and re.match(r"^[IVX]+\.\s", paragraph.text)) or \
                    (label == "1." and re.match(r"^\d+\.\s", paragraph.text)):
                labels[label].append(paragraph)
    assert labels["a)"], "the province plan has a), b) sub-points"

    def bold(paragraph) -> bool:
        style_bold = paragraph.style.font.bold
        return all((run.bold if run.bold is not None else style_bold) for run in paragraph.runs if run.text.strip())

    assert not any(bold(p) for p in labels["a)"]), [p.text[:30] for p in labels["a)"] if bold(p)]
    assert all(bold(p) for p in labels["I."]) and any(bold(p) for p in labels["1."])
    for style in ("Đề mục cấp I", "Đề mục cấp 1", "Đề mục cấp a"):
        assert document.styles[style].paragraph_format.keep_with_next, style
    assert document.styles["Nội dung"].paragraph_format.widow_control


def test_signature_table_cannot_split_and_is_set_apart(built):
    document = Document(str(built["000-lam-thao-ke-hoach-thi-dua"]))
    row = document.tables[-1].rows[0]._tr
    assert row.trPr is not None and row.trPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}cantSplit") is not None
    body = document.element.body
    before = body[body.index(document.tables[-1]._tbl) - 1]
    assert "".join(before.itertext()).strip() == ""  # the blank line of ND30's specimen


def test_no_invented_signer_in_shipped_plans():
    for plan in PLAN_FILES:
        assert "Nguyễn Văn A" not in plan.read_text(encoding="utf-8"), plan


def test_blank_signer_leaves_the_space_and_is_a_lint_warning(runner, built):
    lines_ = [p.text for p in _paragraphs(built["004-luong-phong-ke-hoach-thi-dua"])]
    assert not any("Nguyễn Văn A" in t for t in lines_)
    result = runner.invoke(app, ["lint", str(PLANS / "2024" / "004-luong-phong-ke-hoach-thi-dua.yaml")])
    assert result.exit_code == 0
    assert "chưa có họ và tên người ký" in result.output


def test_typography_lint_with_positions(runner, tmp_path, minimal_plan_text):
    text = (minimal_plan_text
            .replace("Phát huy truyền thống thi đua yêu nước.",
                     "Phát huy truyền thống & sáng tạo – đổi mới.. \"đột phá\" , “mới”")
            .replace("  name: Tam Long", "  name: (tên xã)"))
    text += "closing:\n  - Trên đây là kế hoạch.\n"
    plan = tmp_path / "p.yaml"
    plan.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["lint", str(plan)])
    assert result.exit_code == 0, result.output
    output = result.output
    line = text.splitlines().index(next(ln for ln in text.splitlines() if "&" in ln)) + 1
    source = text.splitlines()[line - 1]
    for fragment, words in (("&", "'&'"), ("–", "dấu gạch dài"), ("..", "dấu câu lặp lại"), (" ,", "dấu cách"),
                            ('"', "ngoặc kép thẳng")):
        column = source.index(fragment.strip() or fragment) + 1
        assert f"dòng {line}, cột {column}" in output and words in output, (fragment, output)
    assert "«(tên xã)»" in output and "kết thúc bằng './.'" in output


def test_shipped_2026_plans_have_no_typography_slips(runner):
    plans = [p for p in (PLANS / "2026").rglob("*.yaml")]
    result = runner.invoke(app, ["lint", *map(str, plans)])
    assert result.exit_code == 0, result.output
    for words in ("'&'", "dấu gạch dài", "dấu câu lặp lại", "dấu cách đứng trước", "ngoặc kép thẳng", "./."):
        assert words not in result.output, result.output


def test_pictures_in_the_readme_exist():
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    images = re.findall(r"!\[[^\]]*\]\(([^)]+\.png)\)", readme)
    assert len(images) >= 2 and all((ROOT / image).is_file() for image in images), images
    # the pictures are made by hand (python docs/pictures.py, docs/serve_pictures.py): each a real PNG page
    for image in images:
        head = (ROOT / image).read_bytes()[:24]
        width, height = int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
        assert head[:8] == b"\x89PNG\r\n\x1a\n" and width >= 400 and height >= 400, image
