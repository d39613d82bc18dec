from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "plans"
SEEDS = ROOT / "tests" / "data" / "seeds"  # the text of the five real 2024 plans, kept with the tests


@pytest.fixture(scope="session", autouse=True)
def build_cache(tmp_path_factory):
    """A build cache of the test run's own (the user's ~/.cache stays untouched); subprocesses inherit it."""
    folder = tmp_path_factory.mktemp("cache")
    previous = os.environ.get("THIDUA_CACHE")
    os.environ["THIDUA_CACHE"] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop("THIDUA_CACHE", None)
    else:
        os.environ["THIDUA_CACHE"] = previous
sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> dict[str, Path]:
    """Every shipped plan rendered once with `thidua build plans -o <tmp>`."""
    from generator.cli.app import app

    out = tmp_path_factory.mktemp("output")
    result = CliRunner().invoke(app, ["build", str(PLANS), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return {p.stem: p for p in out.rglob("*.docx")}


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def minimal_plan_text() -> str:
    return (ROOT / "tests" / "data" / "minimal.yaml").read_text(encoding="utf-8")


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def git(folder: Path, *args: str) -> str:
    """Real git in `folder`, as a clerk named Văn thư."""
    import subprocess

    return subprocess.run(["git", "-c", "user.email=van-thu@example.invalid", "-c", "user.name=Văn thư", *args],
                          cwd=folder, capture_output=True, text=True, check=True).stdout


def plans_in_git(folder: Path) -> Path:
    """A copy of the shipped plans at `folder`, committed once in a new git repository."""
    import shutil

    shutil.copytree(PLANS, folder)
    if shutil.which("git"):
        git(folder, "init", "-q")
        git(folder, "add", "-A")
        git(folder, "commit", "-qm", "Kế hoạch ban đầu")
    return folder
