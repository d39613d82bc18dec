"""Write a plan as YAML a clerk reads easily: fields in the order of the document, every
string quoted only where YAML needs it, and a "# KIỂM TRA: …" comment on each line a
person should look at. Returns the text and, for each comment, its line number."""

from __future__ import annotations

from typing import Any

import yaml

ORDER = ["extends", "family", "kind", "symbol", "year", "template", "issuer", "partners", "lead_side", "number",
         "date", "summary", "legal_bases", "preamble", "theme", "numbering", "events", "targets", "rounds",
         "sections", "closing", "recipients", "approval", "signer"]


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = yaml.safe_dump(str(value), allow_unicode=True, width=10**9, default_style=None).rstrip("\n")
    if text.endswith("\n..."):
        text = text[:-4].rstrip("\n")
    if not (text.startswith(("'", '"'))) and text != str(value):  # a plain scalar YAML would read otherwise
        text = "'" + str(value).replace("'", "''") + "'"
    return text


def _ordered(data: dict) -> list[tuple[str, Any]]:
    known = [(k, data[k]) for k in ORDER if k in data]
    return known + [(k, v) for k, v in data.items() if k not in ORDER]


def dump_plan(data: dict, notes: dict[tuple, str], header: list[str],
              footer: tuple[str, ...] | list[str] = ()) -> tuple[str, list[tuple[int, str]]]:
    lines: list[str] = [f"# {h}" if h else "#" for h in header]
    marked: list[tuple[int, str]] = []

    def emit(text: str, path: tuple) -> None:
        lines.append(text)
        if path in notes:
            lines[-1] += f"  # KIỂM TRA: {notes[path]}"
            marked.append((len(lines), notes[path]))

    def mapping(value: dict, indent: str, path: tuple, first_prefix: str | None = None) -> None:
        for i, (key, item) in enumerate(_ordered(value) if not path else value.items()):
            prefix = first_prefix if (i == 0 and first_prefix is not None) else indent
            node(key, item, prefix, indent, path + (key,))

    def node(key: str, value: Any, prefix: str, indent: str, path: tuple) -> None:
        if isinstance(value, dict) and value:
            emit(f"{prefix}{key}:", path)
            mapping(value, indent + "  ", path)
        elif isinstance(value, list) and value:
            emit(f"{prefix}{key}:", path)
            sequence(value, indent, path)
        elif isinstance(value, (dict, list)):
            emit(f"{prefix}{key}: {'{}' if isinstance(value, dict) else '[]'}", path)
        else:
            emit(f"{prefix}{key}: {_scalar(value)}", path)

    def sequence(values: list, indent: str, path: tuple) -> None:
        for i, item in enumerate(values):
            if isinstance(item, dict) and item:
                mapping(item, indent + "  ", path + (i,), first_prefix=f"{indent}- ")
            elif isinstance(item, list):
                emit(f"{indent}- []", path + (i,))
            else:
                emit(f"{indent}- {_scalar(item)}", path + (i,))

    for key, value in _ordered(data):
        if lines and not lines[-1].startswith("#") and key in ("issuer", "summary", "sections", "recipients",
                                                                 "targets", "rounds", "signer", "legal_bases"):
            lines.append("")
        node(key, value, "", "", (key,))
    if footer:
        lines += [""] + [f"# {line}" for line in footer]
    return "\n".join(lines) + "\n", marked
