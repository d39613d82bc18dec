"""The JSON Schema that editors use: exactly what the loader accepts, in Vietnamese.

Built from the pydantic model (model.py, with the value types of schema_parts.py), then:
- a plan with `extends:` is checked against a partial variant of every definition
  (nothing required; `drop`/`replace` allowed beside an `id`), a full plan against the
  full one (JSON Schema's if/then/else on the top level);
- lists where the loader takes a bare string for an item (recipients, bullets, targets)
  accept one;
- every description is also a `markdownDescription` (hover) with a title, and the
  common shapes have snippets (`defaultSnippets`) for a new section, target or round.
"""

from __future__ import annotations

import copy
from typing import Any

from generator.plan import schema_parts as parts

SCHEMA_URL = "https://json-schema.org/draft-07/schema#"  # what yaml-language-server reads best
TITLE = "Kế hoạch thi đua (thidua)"
STRING_ITEMS = {"Item": "text", "Recipient": "text", "Target": "label"}  # $def → the field a bare string fills
FLAGS = {
    "drop": {"type": "boolean", "title": "Bỏ mục này", "description": "Bỏ mục có cùng id của kế hoạch gốc"},
    "replace": {"type": "boolean", "title": "Thay cả mục",
                "description": "Thay cả mục có cùng id của kế hoạch gốc thay vì ghép từng trường"},
}
SNIPPETS = {
    "Section": [{"label": "Mục mới", "description": "Một mục có tiêu đề và đoạn văn",
                 "body": {"title": "$1", "paragraphs": ["$2"]}}],
    "Target": [{"label": "Chỉ tiêu mới", "description": "Chỉ tiêu có giá trị và đơn vị",
                "body": {"label": "$1", "value": "'$2'", "unit": "$3", "compare": "đạt từ … trở lên"}}],
    "Round": [{"label": "Đợt thi đua mới", "description": "Đợt thi đua có ngày bắt đầu, kết thúc",
               "body": {"name": "Đợt thi đua thứ $1", "start": "01/01/$2", "end": "30/06/$2",
                        "occasions": [{"event": "$3"}]}}],
}


def _walk(node: Any, visit) -> None:
    if isinstance(node, dict):
        visit(node)
        for value in list(node.values()):
            _walk(value, visit)
    elif isinstance(node, list):
        for value in node:
            _walk(value, visit)


def _string_items(node: dict) -> None:
    """`items: {$ref: Item}` → a bare string or an Item, as the loader takes them."""
    items = node.get("items")
    if node.get("type") == "array" and isinstance(items, dict) and "$ref" in items:
        name = items["$ref"].rsplit("/", 1)[-1].removesuffix("Partial")
        if name in STRING_ITEMS:
            node["items"] = {"anyOf": [{"type": "string", "description": f"chỉ ghi {STRING_ITEMS[name]}"}, items]}


def _numbers_are_text(node: dict) -> None:
    """thidua reads `name: 1` as the text "1"; an editor sees a number: accept it as the loader does."""
    if node.get("type") == "string" and not {"pattern", "enum", "const"} & node.keys():
        node["type"] = ["string", "number"]


def _hover(node: dict) -> None:
    if "description" in node and "markdownDescription" not in node:
        title = node.get("title")
        text = node["description"]
        node["markdownDescription"] = f"**{title}** — {text}" if title and title not in text else text


def _partial(defs: dict) -> dict:
    """A copy of every definition with nothing required, for plans that extend another."""
    partial = {}
    for name, definition in defs.items():
        copied = copy.deepcopy(definition)
        copied.pop("required", None)
        properties = copied.get("properties", {})
        if "id" in properties or "key" in properties:
            properties.update(copy.deepcopy(FLAGS))

        def relink(node: dict) -> None:
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/") and ref.rsplit("/", 1)[-1] in defs:
                node["$ref"] = ref + "Partial"

        _walk(copied, relink)
        partial[f"{name}Partial"] = copied
    return partial


def _object_messages(node: dict) -> None:
    """Vietnamese words for the mistakes an editor sees most: a misspelt or a missing field.
    (yaml-language-server takes one string for every problem of an object.)"""
    if node.get("type") == "object" and "properties" in node:
        fields = ", ".join(node["properties"])
        required = ", ".join(node.get("required", []))
        node.setdefault("errorMessage", (
            f"sai tên trường (không có trong mẫu) hoặc thiếu trường bắt buộc ({required}); các trường hợp lệ: {fields}"
            if required else f"trường này không có trong mẫu kế hoạch; các trường hợp lệ: {fields}"))


def _titles(node: dict) -> None:
    """Vietnamese titles: pydantic's are the English field names."""
    if "title" in node and "description" in node and node["title"].isascii():
        node["title"] = node["description"].split(":")[0].split(",")[0].split("(")[0].strip()[:60]


def editor_schema() -> dict:
    from generator.plan.model import Plan

    generated = Plan.model_json_schema()
    defs = generated.pop("$defs")
    plan = dict(generated)
    plan["properties"]["date"] = copy.deepcopy(parts.PLAN_DATE)
    plan["properties"]["date"]["description"] = Plan.model_fields["date"].description
    defs["Plan"] = plan
    for name, snippets in SNIPPETS.items():
        defs[name]["defaultSnippets"] = snippets
    defs.update(_partial(defs))
    _walk(defs, _string_items)
    _walk(defs, _numbers_are_text)
    _walk(defs, _object_messages)
    _walk(defs, _titles)
    _walk(defs, _hover)
    return {
        "$schema": SCHEMA_URL,
        "title": TITLE,
        "description": Plan.__doc__ or TITLE,
        "$defs": defs,
        "if": {"required": ["extends"]},
        "then": {"$ref": "#/$defs/PlanPartial"},
        "else": {"$ref": "#/$defs/Plan"},
    }
