"""The editor agrees with thidua: the exported schema accepts what thidua accepts and flags
the typical mistakes on their lines, in the real yaml-language-server and in a Python
JSON Schema validator (both read YAML 1.2, as editors do)."""

from __future__ import annotations

import json
import random
import tempfile
from pathlib import Path

import pytest
from conftest import PLANS, ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.core.errors import ThiduaError
from generator.plan.loader import load

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema chưa được cài (pip install -e '.[test]')")
ruyaml = pytest.importorskip("ruamel.yaml", reason="ruamel.yaml chưa được cài (pip install -e '.[test]')")

SCHEMA = json.loads((ROOT / "templates" / "plan.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft7Validator(SCHEMA)
SHIPPED = sorted(PLANS.rglob("*.yaml"))
MINIMAL = (ROOT / "tests" / "data" / "minimal.yaml").read_text(encoding="utf-8")


def python_errors(text: str) -> list[tuple[int, str]]:
    """(line, message) of every schema error, the line found from the YAML 1.2 parse."""
    data = ruyaml.YAML(typ="rt").load(text)
    found = []
    for error in VALIDATOR.iter_errors(data):
        deepest = jsonschema.exceptions.best_match([error])  # into anyOf: the branch that nearly matched
        found.append((_line(data, list(deepest.absolute_path)), deepest.message))
    return found


def _line(data, path: list) -> int:
    node, line = data, 1
    for part in path:
        try:
            if hasattr(node, "lc"):
                line = (node.lc.key(part) if isinstance(part, str) else node.lc.item(part))[0] + 1
            node = node[part]
        except (KeyError, IndexError, TypeError, AttributeError):
            break
    return line


@pytest.mark.parametrize("plan", SHIPPED, ids=lambda p: p.stem)
def test_python_validator_accepts_every_shipped_plan(plan):
    assert python_errors(plan.read_text(encoding="utf-8")) == []


# The typical mistakes: (what, the change to the minimal plan, the line an editor must flag)
MISTAKES = [
    ("key typo", ("  - title: Mục đích", "  - titel: Mục đích"), 10),
    ("number that is text", ("    rounds: true\n", "    rounds: true\n    targets: true\n"), None),
    ("wrong authority", ("authority: TM", "authority: KTT"), 22),
    ("missing signer name", ("  name: Nguyễn Văn A\n", ""), 21),
    ("date in the wrong shape", ("end: 30/06/2026", "end: 06-30-2026"), 17),
    ("impossible date", ("end: 30/06/2026", "end: 31/06/2026"), 17),
    ("wrong level", ("  level: phường", "  level: huyen"), 4),
]
FIGURE_MISTAKE = MINIMAL.replace("    rounds: true\n", "    rounds: true\n    targets: true\n") + (
    "targets:\n  - group: kinh tế\n    items:\n      - label: Thu ngân sách\n        value: khoảng 5\n")


def mistake_text(change: tuple[str, str]) -> str:
    if change[0] == "    rounds: true\n":
        return FIGURE_MISTAKE
    assert change[0] in MINIMAL
    return MINIMAL.replace(*change)


def _expected_line(text: str, line: int | None) -> int:
    return line if line is not None else text.splitlines().index("        value: khoảng 5") + 1


@pytest.mark.parametrize("what,change,line", MISTAKES, ids=[m[0] for m in MISTAKES])
def test_typical_mistakes_are_flagged_on_their_line_by_thidua_and_the_python_validator(tmp_path, what, change, line):
    text = mistake_text(change)
    expected = _expected_line(text, line)
    assert expected in [found for found, _ in python_errors(text)], python_errors(text)
    plan = tmp_path / "p.yaml"
    plan.write_text(text, encoding="utf-8")
    with pytest.raises(ThiduaError) as refused:
        load(plan)
    assert any(p.line == expected or (p.line is not None and abs(p.line - expected) <= 1)
               for p in refused.value.problems), refused.value


@pytest.fixture(scope="module")
def language_server():
    from lsp import Client, server_command

    command = server_command()
    if command is None:
        pytest.skip("yaml-language-server hoặc Node.js chưa được cài (.ci/run cài chúng bằng npm và apt)")
    client = Client(command, ROOT)
    yield client
    client.close()


def test_language_server_reports_nothing_on_shipped_plans(language_server):
    diagnostics = language_server.check(SHIPPED)
    assert {str(f.relative_to(ROOT)): d for f, d in diagnostics.items() if d} == {}


def test_language_server_flags_typical_mistakes_on_their_line(language_server):
    folder = ROOT / "output" / ".editor-test"  # beside plans/, so that the modeline's relative path works
    folder.mkdir(parents=True, exist_ok=True)
    files, expected = [], {}
    for index, (what, change, line) in enumerate(MISTAKES):
        text = "# yaml-language-server: $schema=../../templates/plan.schema.json\n" + mistake_text(change)
        file = folder / f"loi-{index}.yaml"
        file.write_text(text, encoding="utf-8")
        files.append(file)
        expected[file] = (what, _expected_line(mistake_text(change), line) + 1)  # +1: the modeline
    diagnostics = language_server.check(files)
    for file in files:
        file.unlink()
    for file, (what, line) in expected.items():
        lines = [d["range"]["start"]["line"] + 1 for d in diagnostics[file]]
        assert line in lines, (what, line, diagnostics[file])
        assert all(not d["message"].isascii() for d in diagnostics[file] if d["range"]["start"]["line"] + 1 == line), \
            (what, diagnostics[file])  # the message is in Vietnamese


def test_language_server_flags_a_plan_that_extends_another_only_where_it_is_wrong(language_server, tmp_path):
    folder = PLANS / "2026" / "quang-ninh" / "xa-phuong"
    probe = folder / "_thu-schema.yaml"
    probe.write_text("# yaml-language-server: $schema=../../../../templates/plan.schema.json\n"
                     "extends: ../_xa-phuong-mau.yaml\nsections:\n- {id: so-nganh, drop: true}\n"
                     "signer:\n  authority: XX\n", encoding="utf-8")
    try:
        diagnostics = language_server.check([probe])[probe]
    finally:
        probe.unlink()
    assert [d["range"]["start"]["line"] + 1 for d in diagnostics] == [6], diagnostics


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_whatever_thidua_accepts_the_schema_accepts(seed):
    """Mutated shipped plans: when the loader accepts one, the Python validator accepts it too."""
    from fuzzing import mutate_data, nasty_value

    rng = random.Random(seed)
    source = rng.choice([p for p in SHIPPED if "quang-ninh" not in str(p)])
    data = ruyaml.YAML(typ="safe").load(source.read_text(encoding="utf-8"))

    def gentle(rng: random.Random):  # values a clerk might type: numbers, dates, case changes, text
        return rng.choice([nasty_value(rng), "12.500", 12, 3.5, "tm", "kế hoạch", "Xã", "yes", "03/02/1930", "1954",
                           True, None])

    data = mutate_data(data, rng, gentle)
    with tempfile.TemporaryDirectory() as folder:
        plan = Path(folder) / "p.yaml"
        buffer = __import__("io").StringIO()
        ruyaml.YAML().dump(data, buffer)
        plan.write_text(buffer.getvalue(), encoding="utf-8")
        try:
            load(plan)
        except ThiduaError:
            return  # refused by thidua: the editor may or may not flag it
        assert python_errors(plan.read_text(encoding="utf-8")) == [], seed
