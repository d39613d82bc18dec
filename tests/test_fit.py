"""Parts ND30 lays out together that would not fit: said by `build` and `lint` with the field's line;
the issuer's rule drawn within its column; `check` judges a rule that wraps."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from docx import Document

from generator.checking.conformance import Status, check_docx
from generator.cli.app import app
from generator.core.families import STATE
from generator.core.metrics import text_width_pt
from generator.document.fit import fit_warnings, issuer_column_pt
from generator.plan.loader import load

JOINT = ROOT / "plans" / "2026" / "an-thoi-dong" / "lien-tich-ubnd-mttq.yaml"


def _variant(tmp_path: Path, name: str, edit) -> Path:
    data = yaml.safe_load(JOINT.read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    return path


def _twenty_partners(data: dict) -> None:
    partner = data["partners"][0]
    data["partners"] = []
    for i in range(20):
        other = copy.deepcopy(partner)
        other["issuer"].update(body=None, unit=f"Chi hội đoàn thể số {i + 1}", symbol=f"CH{i + 1}")
        data["partners"].append(other)


def _long_title(data: dict) -> None:
    data["signer"]["title"] = "Chủ tịch " + "kiêm Trưởng ban Chỉ đạo phong trào thi đua yêu nước của xã " * 10


def test_a_signature_area_taller_than_a_page_is_said_by_build_and_lint(runner, tmp_path):
    plan = _variant(tmp_path, "hai-muoi-co-quan", _twenty_partners)
    for args in (["lint", str(plan)], ["build", str(plan), "-o", str(tmp_path / "out")]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        line = next((x for x in result.output.splitlines() if "khối chữ ký cao khoảng" in x), "")
        assert "trường 'partners'" in line and "hơn một trang" in line and "21 khối chữ ký" in line, result.output
    assert (tmp_path / "out" / "hai-muoi-co-quan.docx").is_file()  # a warning, the document is still written


def test_a_title_of_many_lines_is_said_on_its_own_line(runner, tmp_path):
    plan = _variant(tmp_path, "chuc-vu-dai", _long_title)
    result = runner.invoke(app, ["lint", str(plan)])
    title_line = next(i for i, text in enumerate(plan.read_text(encoding="utf-8").splitlines(), 1)
                      if text.strip().lstrip("- ").startswith(("title: Chủ tịch kiêm", "title: 'Chủ tịch kiêm")))
    assert f"dòng {title_line}" in result.output and "trường 'signer.title'" in result.output, result.output
    assert "khoản 7, điểm c" in result.output


def test_no_shipped_plan_gets_a_fit_warning():
    plans = [p for p in (ROOT / "plans").rglob("*.yaml") if not p.name.startswith("_")]
    assert len(plans) >= 20
    noisy = {p.name: fit_warnings(load(p).plan) for p in plans}
    assert not {name: w for name, w in noisy.items() if w}


def test_the_issuer_rule_of_a_long_name_stays_in_its_column(built, tmp_path, runner):
    long_name = "Ban Chỉ đạo phong trào thi đua yêu nước và công tác khen thưởng của xã"  # 70 characters
    plan = _variant(tmp_path, "ten-dai", lambda d: (d.pop("partners"), d.pop("lead_side"),
                                                   d["issuer"].update(body=None, unit=long_name, symbol="BCĐ")))
    result = runner.invoke(app, ["build", str(plan), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    document = tmp_path / "out" / "ten-dai.docx"
    rule = next(p.text for p in Document(str(document)).tables[0].cell(0, 0).paragraphs if set(p.text) == {"_"})
    assert text_width_pt(rule, STATE.size("issuer")) <= issuer_column_pt(STATE)
    assert {r.id: r.status for r in check_docx(document)}["co-quan.duong-ke"] is Status.passed


@pytest.fixture
def plain(built) -> Path:
    return built["000-lam-thao-ke-hoach-thi-dua"]


def test_a_rule_wider_than_its_column_is_a_fault(plain, tmp_path):
    document = Document(str(plain))
    rule = next(p for p in document.tables[0].cell(0, 0).paragraphs if set(p.text) == {"_"})
    rule.runs[0].text = "_" * 60  # wider than the issuer's column: Word wraps it to a second line
    target = tmp_path / "ke-xuong-dong.docx"
    document.save(str(target))
    result = {r.id: r for r in check_docx(target)}["co-quan.duong-ke"]
    assert result.status is Status.failed and "xuống dòng" in result.detail, str(result)


def test_a_place_and_date_line_longer_than_its_column_is_said(runner, tmp_path):
    plan = _variant(tmp_path, "dia-danh-dai", lambda d: d["issuer"].update(
        place="Đặc khu Phú Quốc thuộc tỉnh An Giang sau sắp xếp đơn vị hành chính"))
    result = runner.invoke(app, ["lint", str(plan)])
    line = next((x for x in result.output.splitlines() if "dài hơn cột phải" in x), "")
    assert "trường 'issuer.place'" in line and "Đặc khu Phú Quốc" in line, result.output
