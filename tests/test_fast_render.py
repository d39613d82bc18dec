"""The compiled-once renderer writes the same document XML as docxtpl's ordinary path."""

from __future__ import annotations

import io
import zipfile

import pytest
from conftest import PLANS
from docxtpl import DocxTemplate

from generator.context import build_context
from generator.loader import load_plan
from generator.render import ENVIRONMENT, render_bytes, template_path, wrap


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
    plan = load_plan(plan_file)
    template, context = template_path(plan, plan_file), build_context(plan)
    fast, slow = render_bytes(template, context), naive(template, context)
    assert part(fast, "word/document.xml") == part(slow, "word/document.xml")
    for name in ("word/styles.xml", "word/header1.xml", "[Content_Types].xml"):
        assert part(fast, name) == part(slow, name)
    # rendering twice in one process gives the same document (no state leaks between documents)
    assert part(render_bytes(template, context), "word/document.xml") == part(fast, "word/document.xml")
