"""The house's layers: data flows one way, from the command line down to the domain facts.

A module may import from its own subpackage and from subpackages of a lower layer only;
a lower layer never reaches up (no callbacks into a caller, no cycle between layers).
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

# lowest first; packages on one layer do not import each other
LAYERS: list[set[str]] = [
    {"core"},  # domain facts: errors, formats, ND30 sizes, families, the calendar
    {"system"},  # files, processes, git, LibreOffice
    {"plan"},  # the plan file: model, YAML, loading, inheritance, communes tables
    {"document", "word"},  # plan → document text and bytes; the single Word reader
    {"checking"},  # conformance of any .docx
    {"importing", "build"},  # Word → plan; plan → files
    {"tools"},  # lint, diff, new-year, the Excel template
    {"serve"},  # the local web page
    {"cli"},  # the command line
]
RANK = {package: rank for rank, layer in enumerate(LAYERS) for package in layer}
PACKAGE = ROOT / "generator"
MAX_LINES = 600


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, subpackage) of every import of generator.<subpackage>, function-level ones included."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "generator" and len(parts) > 1 and parts[1] in RANK:
                found.append((node.lineno, parts[1]))
                break
    return found


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p.parent != PACKAGE)


def test_every_module_lives_in_a_known_layer():
    packages = {p.relative_to(PACKAGE).parts[0] for p in _modules()}
    assert packages == set(RANK), packages ^ set(RANK)


def test_imports_only_go_down():
    wrong = []
    for path in _modules():
        own = path.relative_to(PACKAGE).parts[0]
        for line, target in _imports(path):
            if target != own and RANK[target] >= RANK[own]:
                wrong.append(f"{path.relative_to(ROOT)}:{line}: {own} (lớp {RANK[own]}) nhập {target} (lớp {RANK[target]})")
    assert not wrong, "\n".join(wrong)


def test_no_relative_imports_hide_the_layers():
    relative = [f"{p.relative_to(ROOT)}:{n.lineno}" for p in PACKAGE.rglob("*.py")
                for n in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
                if isinstance(n, ast.ImportFrom) and n.level > 0]
    assert not relative, relative


def test_no_module_is_too_long_to_read():
    long = {str(p.relative_to(ROOT)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, long


def test_the_contract_would_catch_an_upward_import(tmp_path):
    """The checker itself: an import from a higher layer is reported."""
    probe = tmp_path / "probe.py"
    probe.write_text("def f():\n    from generator.cli.app import app\n", encoding="utf-8")
    assert _imports(probe) == [(2, "cli")]


FAMILY_MODULE = PACKAGE / "core" / "families.py"


def _family_names() -> set[str]:
    """The names that stand for one particular family: FamilyKey's members and the module-level entries."""
    from generator.core.families import FAMILIES, FamilyKey

    tree = ast.parse(FAMILY_MODULE.read_text(encoding="utf-8"))
    entries = {target.id for node in tree.body if isinstance(node, ast.Assign) for target in node.targets
               if isinstance(target, ast.Name) and isinstance(node.value, ast.Call)
               and getattr(node.value.func, "id", "") in ("Family", "replace")}
    assert len(entries) == len(FAMILIES)
    return entries | {f"FamilyKey.{key.name}" for key in FamilyKey}


def _named_families(path: Path, names: set[str]) -> list[str]:
    found = []
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            name = f"{node.value.id}.{node.attr}"
        elif isinstance(node, (ast.Name, ast.alias)):
            name = node.id if isinstance(node, ast.Name) else node.name
        else:
            continue
        if name in names:
            found.append(f"{shown}:{getattr(node, 'lineno', '?')}: {name}")
    return found


def test_no_module_but_the_families_data_names_a_family():
    """Behaviour that differs by family is read from its entry; only the default family is named (DEFAULT)."""
    names = _family_names()
    named = [hit for path in PACKAGE.rglob("*.py") if path != FAMILY_MODULE for hit in _named_families(path, names)]
    assert not named, "\n".join(named)


def test_the_family_rule_would_catch_a_named_family(tmp_path):
    module = tmp_path / "issuance.py"
    module.write_text("from generator.core.families import FamilyKey, PARTY\n"
                      "def f(plan):\n    return plan.family is FamilyKey.party or PARTY\n", encoding="utf-8")
    hits = _named_families(module, _family_names())
    assert len(hits) == 3  # the imported entry, the member and the entry used
