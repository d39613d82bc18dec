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
