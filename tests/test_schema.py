"""The JSON Schema that editors use to autocomplete plans."""

from __future__ import annotations

import json

from generator.cli import app


def test_schema_describes_fields_in_vietnamese(runner):
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["title"] == "Kế hoạch thi đua (thidua)"
    assert set(schema["required"]) >= {"year", "issuer", "summary", "sections", "recipients", "signer"}
    assert schema["properties"]["summary"]["description"] == "Trích yếu nội dung"
    target = schema["$defs"]["Target"]["properties"]
    assert "giá trị" in target["compare"]["description"]
    assert schema["additionalProperties"] is False  # unknown keys are flagged by the editor too


def test_committed_schema_file_is_current(runner):
    from conftest import ROOT

    result = runner.invoke(app, ["schema"])
    committed = (ROOT / "templates" / "plan.schema.json").read_text(encoding="utf-8")
    assert committed == result.output, "chạy lại: thidua schema > templates/plan.schema.json"
