"""ruff (lint and import order) and mypy keep the code as the team wants it."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from conftest import ROOT


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(__import__("pathlib").Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        pytest.skip(f"{name} chưa được cài (pip install -e '.[test]')")
    return found


def test_ruff_is_clean():
    result = subprocess.run([_tool("ruff"), "check", "generator", "tests", "benchmarks", "templates"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean():
    result = subprocess.run([_tool("mypy")], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_module_that_does_not_render_or_read_docx_imports_docx():
    """`thidua lint`, `diff`, `show` load no docx library (fast, and one place per concern)."""
    code = ("import sys; import generator.cli, generator.lint, generator.diff, generator.loader, generator.context, "
            "generator.pipeline, generator.batch, generator.wording; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('docx', 'docxtpl')))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
