"""Any mutated plan or table ends in a sound document or a located refusal (hypothesis).

A modest count here; `python benchmarks/fuzz.py 10000` runs thousands and prints the counts.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from fuzzing import run_case
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_mutated_plans_and_tables_never_crash(seed):
    with tempfile.TemporaryDirectory() as folder:
        verdict = run_case(Path(folder), seed)
    assert verdict.status in ("document", "refused"), f"seed {seed}: {verdict.status}: {verdict.detail}"
