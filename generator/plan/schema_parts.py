"""JSON Schema fragments for the value types of the plan model: what the loader accepts,
written so that an editor's schema validator (yaml-language-server, jsonschema) accepts
exactly that. model.py attaches them to its types; schema.py assembles the whole schema.

An editor parses YAML itself, before thidua: `value: 12.500` reaches it as the number
12.5 and `number: 02` as 2. Where the loader reads the written text, the schema accepts
the number the editor sees (thidua then checks the text).

Text with an expression ("{{ year }}") is read after the expression runs, so every
pattern also lets such text through.
"""

from __future__ import annotations

EXPRESSION = r"|\{\{|\{%"  # an alternative appended to every pattern (unanchored: anywhere in the text)

# Days that exist in some year: 31/02 or 2026-04-31 is flagged as it is typed.
_DM = (r"(?:(?:0?[1-9]|1[0-9]|2[0-8])/(?:0?[1-9]|1[0-2])|(?:29|30)/(?:0?[13-9]|1[0-2])"
       r"|31/(?:0?[13578]|1[02])|29/0?2)")
_ISO_MD = r"(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31|02-29)"
DATE_PATTERN = rf"^\s*(?:{_DM}/[0-9]{{4}}|[0-9]{{4}}-{_ISO_MD})\s*${EXPRESSION}"
DATE_MESSAGE = "ngày viết dạng ngày/tháng/năm, ví dụ 19/03/2024 (hoặc 2024-03-19), và phải là một ngày có thật"

DATE = {"type": "string", "pattern": DATE_PATTERN, "examples": ["19/03/2024", "01/01/2026"],
        "errorMessage": DATE_MESSAGE}

DATE_OR_YEAR = {  # one schema, not anyOf: the editor then shows this message, not a sub-schema's
    "type": ["string", "integer"], "pattern": rf"(?:{DATE_PATTERN})|^\s*[0-9]{{3,4}}\s*$",
    "minimum": 1, "maximum": 9999,
    "examples": ["03/02/1930", 1954],
    "errorMessage": "ghi một ngày (03/02/1930) hoặc chỉ một năm (1954)",
}

WHOLE = {
    "type": ["integer", "string"], "pattern": r"^\s*[0-9]{1,9}\s*$" + EXPRESSION,
    "errorMessage": "cần một số nguyên viết bằng chữ số",
}

FIGURE_PATTERN = r"^\s*[-\u2212]?(?:[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:,[0-9]+)?\s*$" + EXPRESSION
FIGURE = {
    "type": ["string", "number"], "pattern": FIGURE_PATTERN, "maxLength": 40,
    "examples": ["2.900", "72,89", "02"],
    "errorMessage": "số viết kiểu Việt Nam trong ngoặc kép: '2.900' (dấu chấm tách nghìn), '72,89' (dấu phẩy thập phân)",
}

AUTHORITY = {
    "type": ["string", "null"], "pattern": r"^\s*(?:[Tt][Mm]|[Kk][Tt]|[Qq]|[Tt][Ll]|[Tt][Uu][Qq])?\.?\s*$" + EXPRESSION,
    "examples": ["TM", "KT", "Q", "TL", "TUQ"],
    "errorMessage": "thẩm quyền ký: TM, KT, Q, TL hoặc TUQ (hoặc bỏ trống)",
}


def _any_case(text: str) -> str:
    out = ""
    for ch in text:
        low, up = ch.lower(), ch.upper()
        out += f"[{up}{low}]" if low != up and len(up) == 1 else ch
    return out


def any_case(values: tuple[str, ...], what: str) -> dict:
    """An enum that the loader reads whatever the case ("kế hoạch" is KẾ HOẠCH)."""
    pattern = "^\\s*(?:" + "|".join(_any_case(v) for v in values) + ")\\s*$" + EXPRESSION
    return {"type": "string", "pattern": pattern, "examples": list(values),
            "errorMessage": f"{what}: một trong " + ", ".join(values)}


PLAN_DATE = {
    "anyOf": [DATE, {"$ref": "#/$defs/PartialDate"}, {"type": "null"}],
    "examples": ["19/03/2024", {"month": 1}],
    "errorMessage": "ngày ban hành: 19/03/2024, hoặc {month: 1} để trống ngày, hoặc bỏ trống",
}
