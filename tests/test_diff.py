"""Reviewing plan versions: semantic diff, git revisions, textconv for .docx, plain text."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PLANS

from generator.cli.app import app
from generator.word.text import docx_paragraphs

LAM_THAO = PLANS / "2024" / "000-lam-thao-ke-hoach-thi-dua.yaml"


# A PATH without thidua: the README runs .venv/bin/thidua without activating the venv
PLAIN_PATH = os.pathsep.join(p for p in os.environ["PATH"].split(os.pathsep)
                             if not (Path(p) / "thidua").exists())


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "PATH": PLAIN_PATH,
           "GIT_AUTHOR_NAME": "Văn thư", "GIT_AUTHOR_EMAIL": "vt@example.vn",
           "GIT_COMMITTER_NAME": "Văn thư", "GIT_COMMITTER_EMAIL": "vt@example.vn"}
    result = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env=env, check=True)
    return result.stdout


@pytest.fixture
def repo(tmp_path, runner, monkeypatch):
    """A real git repository with two commits of one plan and its rendered .docx."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    monkeypatch.chdir(repo)
    assert runner.invoke(app, ["git-setup"]).exit_code == 0
    plan = repo / "ke-hoach.yaml"
    shutil.copy(LAM_THAO, plan)
    assert runner.invoke(app, ["build", "ke-hoach.yaml", "-o", "out"]).exit_code == 0
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "Dự thảo 1")
    text = plan.read_text(encoding="utf-8")
    assert "value: '2.900'" in text
    plan.write_text(text.replace("value: '2.900'", "value: '3.200'"), encoding="utf-8")
    assert runner.invoke(app, ["build", "ke-hoach.yaml", "-o", "out"]).exit_code == 0
    git(repo, "commit", "-qam", "Dự thảo 2: ý kiến Chủ tịch")
    return repo


def test_diff_against_a_git_revision_names_the_changed_target(runner, repo):
    result = runner.invoke(app, ["diff", "--rev", "HEAD~1", "ke-hoach.yaml", "--format", "json"])
    assert result.exit_code == 1, result.output
    report = json.loads(result.output)
    assert report["targets"] == [{"label": "Tổng vốn đầu tư toàn xã hội", "old": "2.900 tỷ đồng",
                                  "new": "3.200 tỷ đồng", "delta": "+300 (+10,3%)", "id": "von-dau-tu",
                                  "old_value": "2900", "new_value": "3200", "unit": "tỷ đồng", "difference": "300",
                                  "percent": "10.3"}]
    assert report["texts"] == [] and report["header"] == [] and report["sections"] == []
    rich_output = runner.invoke(app, ["diff", "--rev", "HEAD~1", "ke-hoach.yaml"]).output
    assert "2.900 tỷ đồng" in rich_output and "3.200 tỷ đồng" in rich_output


def test_git_diff_of_docx_shows_the_text_through_textconv(repo):
    assert "*.docx diff=docx" in (repo / ".gitattributes").read_text(encoding="utf-8")
    assert git(repo, "config", "diff.docx.textconv").strip() == f"{shlex.quote(sys.executable)} -m generator text"
    diff = git(repo, "diff", "HEAD~1", "HEAD", "--", "out/ke-hoach.docx")
    assert "-- Tổng vốn đầu tư toàn xã hội đạt từ 2.900 tỷ đồng trở lên;" in diff
    assert "+- Tổng vốn đầu tư toàn xã hội đạt từ 3.200 tỷ đồng trở lên;" in diff
    assert "Binary files" not in diff


def test_git_setup_refuses_outside_a_repository(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["git-setup"])
    assert result.exit_code == 2 and "không nằm trong một kho git" in result.output
    assert not (tmp_path / ".gitattributes").exists()


def test_revision_that_looks_like_an_option_is_refused(runner, repo):
    victim = repo / "victim.txt"
    victim.write_text("giữ nguyên", encoding="utf-8")
    result = runner.invoke(app, ["diff", f"--rev=--output={victim}", "ke-hoach.yaml"])
    assert result.exit_code == 2 and "không hợp lệ" in result.output
    assert victim.read_text(encoding="utf-8") == "giữ nguyên"


def test_diff_of_two_documents_compares_their_text(runner, repo):
    old = repo / "old.docx"
    old.write_bytes(subprocess.run(["git", "show", "HEAD~1:out/ke-hoach.docx"], cwd=repo, capture_output=True,
                                   check=True).stdout)
    result = runner.invoke(app, ["diff", str(old), "out/ke-hoach.docx"])
    assert result.exit_code == 1, result.output
    assert "+- Tổng vốn đầu tư toàn xã hội đạt từ 3.200 tỷ đồng trở lên;" in result.output
    result = runner.invoke(app, ["diff", "--rev", "HEAD~1", "out/ke-hoach.docx"])
    assert result.exit_code == 2 and "UnicodeDecodeError" not in result.output


def test_unknown_revision_is_a_clear_error(runner, repo):
    result = runner.invoke(app, ["diff", "--rev", "khong-co", "ke-hoach.yaml"])
    assert result.exit_code == 2
    assert "git không đọc được phiên bản 'khong-co'" in result.output


def test_diff_2024_against_2025_lists_exactly_what_changed(runner, tmp_path):
    old = tmp_path / "kh-2024.yaml"
    shutil.copy(LAM_THAO, old)
    assert runner.invoke(app, ["new-year", str(old)]).exit_code == 0
    new = tmp_path / "kh-2025.yaml"
    text = new.read_text(encoding="utf-8")
    edits = {"value: '596.800'": "value: '620.000'", "value: 180": "value: 200",
             "Phát huy truyền thống yêu nước, ý chí": "Phát huy mạnh mẽ truyền thống yêu nước, ý chí"}
    for a, b in edits.items():
        assert a in text
        text = text.replace(a, b)
    new.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["diff", str(old), str(new), "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert [(t["label"], t["old"], t["new"]) for t in report["targets"]] == [
        ("Thu ngân sách Nhà nước trên địa bàn", "596.800 triệu đồng", "620.000 triệu đồng"),
        ("đạt danh hiệu Chiến sỹ thi đua cơ sở", "180 cá nhân", "200 cá nhân")]
    assert report["targets"][1]["delta"] == "+20 (+11,1%)"
    first = report["targets"][0]  # the same change as data, for a tool: no Vietnamese number format to parse
    assert (first["old_value"], first["new_value"], first["difference"], first["percent"], first["unit"]) == \
        ("596800", "620000", "23200", "3.9", "triệu đồng")
    assert [(t["where"], [w for w in t["words"] if w[0] != " "]) for t in report["texts"]] == [
        ("MỤC ĐÍCH, YÊU CẦU › Mục đích", [["+", "mạnh mẽ"]])]
    assert [h["field"] for h in report["header"]] == ["Năm", "Ngày"]
    assert len(report["rounds"]) == 2 and report["sections"] == []
    markdown = runner.invoke(app, ["diff", str(old), str(new), "--format", "md"]).output
    assert "| Thu ngân sách Nhà nước trên địa bàn | 596.800 triệu đồng | 620.000 triệu đồng | +23.200 (+3,9%) |" in markdown
    assert "Phát huy **mạnh mẽ** truyền thống" in markdown


def test_identical_plans_exit_zero(runner):
    result = runner.invoke(app, ["diff", str(LAM_THAO), str(LAM_THAO)])
    assert result.exit_code == 0
    assert "Không có thay đổi." in result.output


def test_sections_added_removed_and_moved(runner, tmp_path, minimal_plan_text):
    old = tmp_path / "a.yaml"
    old.write_text(minimal_plan_text.replace(
        "    rounds: true\n",
        "    rounds: true\n  - title: Nội dung\n    paragraphs: [Một.]\n  - title: Khen thưởng\n    paragraphs: [Hai.]\n"
        "  - title: Thời gian\n    paragraphs: [Bốn.]\n"),
        encoding="utf-8")
    new = tmp_path / "b.yaml"
    new.write_text(minimal_plan_text.replace(
        "    rounds: true\n",
        "    rounds: true\n  - title: Khen thưởng\n    paragraphs: [Hai.]\n  - title: Nội dung\n    paragraphs: [Một.]\n"
        "  - title: Tổ chức thực hiện\n    paragraphs: [Ba.]\n"), encoding="utf-8")
    report = json.loads(runner.invoke(app, ["diff", str(old), str(new), "--format", "json"]).output)
    assert report["sections"] == ["chuyển vị trí mục: Khen thưởng", "thêm mục: Tổ chức thực hiện", "bỏ mục: Thời gian"]


def test_text_of_a_plan_matches_its_docx(runner, built):
    result = runner.invoke(app, ["text", str(LAM_THAO)])
    assert result.exit_code == 0
    assert result.output.splitlines() == docx_paragraphs(built["000-lam-thao-ke-hoach-thi-dua"])
    docx = runner.invoke(app, ["text", str(built["000-lam-thao-ke-hoach-thi-dua"])])
    assert docx.output == result.output
