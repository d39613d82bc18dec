"""The JSON Schema that editors use to autocomplete plans."""

from __future__ import annotations

import json

from generator.cli.app import app


def test_schema_describes_fields_in_vietnamese(runner):
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["title"] == "Kế hoạch thi đua (thidua)"
    plan = schema["$defs"]["Plan"]
    assert set(plan["required"]) >= {"year", "issuer", "summary", "sections", "recipients", "signer"}
    assert plan["properties"]["summary"]["description"] == "Trích yếu nội dung"
    assert plan["properties"]["summary"]["markdownDescription"].endswith("Trích yếu nội dung")
    target = schema["$defs"]["Target"]["properties"]
    assert "giá trị" in target["compare"]["description"]
    assert plan["additionalProperties"] is False  # unknown keys are flagged by the editor too
    assert "required" not in schema["$defs"]["PlanPartial"]  # a plan that extends another requires nothing
    assert "drop" in schema["$defs"]["SectionPartial"]["properties"]
    assert schema["$defs"]["Section"]["defaultSnippets"][0]["label"] == "Mục mới"
    titles = [p["title"] for d in schema["$defs"].values() for p in d.get("properties", {}).values() if "title" in p]
    assert titles and not [t for t in titles if t.isascii() and t[:1].isupper() and " " not in t and len(t) > 3]


def test_committed_schema_file_is_current(runner):
    from conftest import ROOT

    result = runner.invoke(app, ["schema"])
    committed = (ROOT / "templates" / "plan.schema.json").read_text(encoding="utf-8")
    assert committed == result.output, "chạy lại: thidua schema > templates/plan.schema.json"
