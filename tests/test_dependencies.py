"""What the package imports is what it declares: a fresh install never meets ModuleNotFoundError."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest
from conftest import ROOT

# import name → distribution name, where they differ
DISTRIBUTIONS = {"docx": "python-docx", "yaml": "pyyaml", "ruamel": "ruamel.yaml", "python_calamine": "python-calamine",
                 "multipart": "python-multipart", "PIL": "pillow"}


def _declared(extra: str | None = None) -> set[str]:
    tomllib = pytest.importorskip("tomllib", reason="tomllib: Python 3.11 trở lên")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    specs = project["dependencies"] if extra is None else project["optional-dependencies"][extra]
    return {re.split(r"[<>=!~\[; ]", spec, maxsplit=1)[0].lower() for spec in specs}


def _third_party_imports(folder: Path) -> dict[str, str]:
    """Top-level module → first file importing it, for modules outside the standard library."""
    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module] if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 else []
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top not in ("generator", "templates"):
                    found.setdefault(top, str(path.relative_to(ROOT)))
    return found


def test_every_module_the_package_imports_is_a_declared_dependency():
    declared = _declared()
    missing = {module: where for module, where in _third_party_imports(ROOT / "generator").items()
               if DISTRIBUTIONS.get(module, module).lower() not in declared}
    assert not missing, f"nhập nhưng chưa khai báo trong pyproject.toml: {missing}"


def test_the_pdf_reader_of_the_tests_stays_below_its_heavy_major():
    """PyMuPDF 2 brings onnxruntime and numpy (~260 MB): the bound must stay."""
    spec = next(s for s in (ROOT / "pyproject.toml").read_text(encoding="utf-8").splitlines() if '"pymupdf' in s)
    assert "<2" in spec
