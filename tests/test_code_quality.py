"""Commands that need no Word file load no docx library (ruff and mypy run as a step of .ci/run)."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_no_module_that_does_not_render_or_read_docx_imports_docx():
    """`thidua lint`, `diff`, `show` load no docx library (fast, and one place per concern)."""
    code = ("import sys; import generator.cli.app, generator.tools.lint, generator.tools.diff, generator.plan.loader, generator.document.context, "
            "generator.build.pipeline, generator.build.batch, generator.document.wording; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('docx', 'docxtpl')))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
