"""The one writer of whole plans (import, show, report, register): whatever the strings, the YAML
it writes reads back as the same data, each string quoted only where YAML needs it."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.plan.yamlwrite import _dumped_alone, _plain_or_quoted, _quoted, dump_plan

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXT, max_size=8))
def test_any_strings_read_back_as_written(texts):
    data = {"summary": texts[0] if texts else "", "sections": [{"title": t, "items": texts} for t in texts[:2]],
            "closing": texts}
    text, _ = dump_plan(data, {}, ["tệp thử"])
    assert yaml.safe_load(text) == data


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXT.filter(lambda t: "\n" not in t), max_size=8))
def test_strings_written_together_are_written_as_each_alone(texts):
    """One call of the emitter for a whole plan (a 1,000-page import wrote 15,000 strings one by one)."""
    together = _quoted(texts)
    assert together == {t: _plain_or_quoted(t, _dumped_alone(t)) for t in texts}


def test_words_yaml_would_misread_are_quoted():
    written = _quoted(["yes", "012", "a: b", "Số: 05/KH-UBND", "Kế hoạch"])
    assert written["yes"] == "'yes'" and written["012"] == "'012'" and written["a: b"] == "'a: b'"
    assert written["Kế hoạch"] == "Kế hoạch"  # plain where YAML reads it as it is


def _shipped_plan() -> dict:
    from pathlib import Path

    source = Path(__file__).resolve().parent.parent / "plans" / "2024" / "000-lam-thao-ke-hoach-thi-dua.yaml"
    return yaml.safe_load(source.read_text(encoding="utf-8"))


def _has(container, step) -> bool:
    return step in container if isinstance(container, dict) else isinstance(step, int) and step < len(container)


def test_an_import_reports_what_the_full_loader_refuses(tmp_path):
    """import lists what `build` would refuse in the plan it wrote (loader.written_problems): read for its
    values alone first, and by the located loader only when something is wrong. For any plan the writer
    writes (a shipped plan with values changed, dropped, nested past the limits, typed with control
    characters or YAML's own marks, a header naming any file), it gives exactly the problems load() gives,
    lines included."""
    import copy

    from hypothesis import example

    from generator.core.errors import ThiduaError
    from generator.plan.loader import load, written_problems

    base = _shipped_plan()
    deep: object = "sâu"
    for _ in range(45):  # past the loader's 40 levels
        deep = [deep]
    nested: dict = {"title": "Mục"}
    for _ in range(22):  # sections in sections, 44 levels of YAML
        nested = {"title": "Mục", "children": [nested]}
    paths = [("summary",), ("year",), ("issuer", "name"), ("signer", "title"), ("sections", 0, "title"),
             ("sections", 0, "items"), ("sections", 0, "children"), ("recipients", "items", 0), ("number",), ("kind",), ("extra_field",)]
    values = st.one_of(TEXT, st.none(), st.booleans(), st.sampled_from(["", "!!int 5", "{{ nam + }}", "a\x0bb", "*x"]),
                       st.lists(TEXT, max_size=2), st.just(deep), st.just(KeyError))
    edits = st.lists(st.tuples(st.sampled_from(paths), values), max_size=3)

    @settings(max_examples=150, deadline=None)
    @given(edits, TEXT)
    @example([], "tệp thử")  # the plan as shipped: nothing to refuse
    @example([(("sections", 0, "items"), deep)], "tệp thử")
    @example([(("sections", 0, "children"), [nested])], "tệp thử")
    @example([], "Kế hoạch\x0b.docx")  # a file name with a control character, in the header comment
    @example([], "Kế hoạch\x9f\udc9f.docx")  # a C1 control, a byte of a name not in UTF-8
    def same(changes: list, header: str) -> None:
        data = copy.deepcopy(base)
        for path, value in changes:
            target = data
            for step in path[:-1]:
                target = target[step] if isinstance(target, (dict, list)) and _has(target, step) else None
            if isinstance(target, (dict, list)) and (isinstance(target, dict) or _has(target, path[-1])):
                if value is KeyError:
                    target.pop(path[-1], None) if isinstance(target, dict) else target.pop(path[-1])
                else:
                    target[path[-1]] = value
        text, _ = dump_plan(data, {}, [header])
        file = tmp_path / "ke-hoach.yaml"
        file.write_text(text, encoding="utf-8")
        try:
            load(file)
            expected: list[str] = []
        except ThiduaError as exc:
            expected = [str(p) for p in exc.problems]
        assert [str(p) for p in written_problems(file, text)] == expected

    same()
