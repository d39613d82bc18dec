"""The compiled-once renderer writes the same document XML as docxtpl's ordinary path."""

from __future__ import annotations

import io
import zipfile

import pytest
from conftest import PLANS
from docxtpl import DocxTemplate

from generator.document.context import build_context
from generator.document.render import ENVIRONMENT, render_bytes, template_path, wrap
from generator.plan.loader import load


def naive(template, context) -> bytes:
    document = DocxTemplate(str(template))
    document.render(wrap(context, ""), jinja_env=ENVIRONMENT, autoescape=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def part(docx: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return archive.read(name)


@pytest.mark.parametrize("plan_file", sorted(PLANS.rglob("*.yaml")), ids=lambda p: p.stem)
def test_same_document_xml_as_docxtpl(plan_file):
    loaded = load(plan_file)
    plan = loaded.plan
    template, context = template_path(plan, plan_file), build_context(plan, loaded.report)
    fast, slow = render_bytes(template, context), naive(template, context)
    assert part(fast, "word/document.xml") == part(slow, "word/document.xml")
    for name in ("word/styles.xml", "word/header1.xml", "[Content_Types].xml"):
        assert part(fast, name) == part(slow, name)
    # rendering twice in one process gives the same document (no state leaks between documents)
    assert part(render_bytes(template, context), "word/document.xml") == part(fast, "word/document.xml")


def test_fast_path_is_the_one_taken_for_shipped_templates():
    """If docxtpl drifts and the fast path silently turns itself off, this fails."""
    from generator.document.render import TEMPLATE_DIR, compiled_template

    for name in ("ke-hoach.docx", "phat-dong.docx"):
        assert compiled_template(TEMPLATE_DIR / name).fast, name


def test_templates_rebuild_byte_identical(tmp_path):
    import importlib.util

    from conftest import ROOT

    spec = importlib.util.spec_from_file_location("build_templates", ROOT / "templates" / "build_templates.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for built in module.build_all(tmp_path):
        assert built.read_bytes() == (ROOT / "templates" / built.name).read_bytes(), \
            f"chạy lại: python templates/build_templates.py ({built.name})"


def test_documents_carry_the_plans_properties_and_no_thumbnail(built):
    from docx import Document

    document = Document(str(built["000-lam-thao-ke-hoach-thi-dua"]))
    properties = document.core_properties
    assert properties.author == "ỦY BAN NHÂN DÂN HUYỆN LÂM THAO"
    assert properties.title.startswith("Phát động phong trào thi đua")
    assert properties.created.year == 2024 and properties.created.month == 1
    with zipfile.ZipFile(built["000-lam-thao-ke-hoach-thi-dua"]) as archive:
        names = archive.namelist()
        assert not [n for n in names if "thumbnail" in n] and b"python-docx" not in archive.read("docProps/core.xml")
