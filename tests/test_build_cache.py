"""The build cache only ever saves time: any change to an input rebuilds, a broken cache is a miss."""

from __future__ import annotations

import shutil

import pytest
from conftest import PLANS
from docx import Document

from generator.build import cache as buildcache
from generator.cli.app import app
from generator.word.text import docx_paragraphs

PROVINCE = PLANS / "2026" / "quang-ninh"


@pytest.fixture
def plans(tmp_path, monkeypatch):
    shutil.copytree(PROVINCE, tmp_path / "qn")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("THIDUA_CACHE", str(tmp_path / "cache"))
    buildcache.environment_digest.cache_clear()  # the folder the command runs in is part of the key
    yield tmp_path / "qn"
    buildcache.environment_digest.cache_clear()


def build(runner, plan, out="out"):
    result = runner.invoke(app, ["build", str(plan), "-o", out])
    assert result.exit_code == 0, result.output
    return "\n".join(docx_paragraphs(f"{out}/{plan.stem}.docx"))


def test_a_changed_parent_plan_rebuilds(runner, plans):
    child = plans / "xa-phuong" / "dac-khu-co-to.yaml"
    assert "Văn phòng Chính phủ" not in build(runner, child)
    assert list((plans.parent / "cache").glob("*.json")), "the first build fills the cache"
    base = plans / "_xa-phuong-mau.yaml"
    base.write_text(base.read_text(encoding="utf-8").replace("Sở Nội vụ", "Sở Tài chính"), encoding="utf-8")
    text = build(runner, child)
    assert "Sở Tài chính (B/c);" in text and "Sở Nội vụ" not in text
    grandparent = plans / "ke-hoach-tinh.yaml"
    grandparent.write_text(grandparent.read_text(encoding="utf-8").replace("'58.000'", "'59.000'"), encoding="utf-8")
    build(runner, child)  # the commune overrides that figure; the build still reads the new grandparent


def test_a_changed_template_rebuilds(runner, plans, tmp_path):
    plan = plans / "xa-phuong" / "xa-ba-che.yaml"
    document = Document()
    document.add_paragraph("Mẫu một: {{ summary }}")
    document.save(str(plans / "xa-phuong" / "mau.docx"))
    plan.write_text("template: mau.docx\n" + plan.read_text(encoding="utf-8"), encoding="utf-8")
    assert "Mẫu một:" in build(runner, plan)
    document = Document()
    document.add_paragraph("Mẫu hai: {{ summary }}")
    document.save(str(plans / "xa-phuong" / "mau.docx"))
    assert "Mẫu hai:" in build(runner, plan)


@pytest.mark.parametrize("damage", ["garbage", "truncated-document", "empty-folder"])
def test_a_broken_cache_only_costs_time(runner, plans, damage):
    plan = plans / "xa-phuong" / "xa-tien-yen.yaml"
    first = build(runner, plan, "out1")
    cache = plans.parent / "cache"
    if damage == "garbage":
        for entry in cache.glob("*.json"):
            entry.write_text("{không phải json", encoding="utf-8")
    elif damage == "truncated-document":
        for document in cache.glob("*.docx"):
            document.write_bytes(document.read_bytes()[:100])
    else:
        shutil.rmtree(cache)
    assert build(runner, plan, "out2") == first


def test_cache_can_be_turned_off(runner, plans, monkeypatch):
    monkeypatch.setenv("THIDUA_CACHE", "off")
    build(runner, plans / "xa-phuong" / "xa-ba-che.yaml")
    assert not (plans.parent / "cache").exists()


def test_an_unchanged_plan_comes_from_the_cache_without_being_loaded(runner, plans, monkeypatch):
    from generator.plan import loader

    child = plans / "xa-phuong" / "dac-khu-co-to.yaml"
    first = build(runner, child, "out-1")

    def refuse(*_args, **_kwargs):
        raise AssertionError("an unchanged plan was loaded again: the cache missed")

    monkeypatch.setattr(loader, "load", refuse)
    assert build(runner, child, "out-2") == first  # the same document, with the loader out of reach
    assert (plans.parent / "out-1" / "dac-khu-co-to.docx").read_bytes() == \
        (plans.parent / "out-2" / "dac-khu-co-to.docx").read_bytes()
