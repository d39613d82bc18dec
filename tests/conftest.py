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
