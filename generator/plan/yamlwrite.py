"""Write a plan as YAML a clerk reads easily: fields in the order of the document, every
string quoted only where YAML needs it, and a comment on the lines that need one ("# KIỂM
TRA: …" for what `import` could not be sure of, "# tệp:dòng" for where `show` found a value).
The one writer of whole plans; edits of a plan the clerk wrote go through yamledit instead."""

from __future__ import annotations

import re
from typing import Any

import yaml

from generator.core.characters import BAD

ORDER = ["extends", "family", "banner", "kind", "symbol", "year", "template", "issuer", "partners", "lead_side", "number",
         "date", "summary", "report", "legal_bases", "preamble", "theme", "numbering", "events", "targets", "rounds",
         "registration", "sections", "closing", "recipients", "approval", "signer"]


def _scalar(value: Any, quoted: dict[str, str] | None = None) -> str:
    """`value` as YAML reads it back (`quoted`: strings already written by _quoted, in one pass)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if "\n" in str(value):  # a cell of several lines: one double-quoted line, "\n" (and any control) escaped
        return yaml.safe_dump(str(value), allow_unicode=True, width=10**9, default_style='"').rstrip("\n")
    if quoted is not None and str(value) in quoted:
        return quoted[str(value)]
    return _plain_or_quoted(str(value), _dumped_alone(str(value)))


# libyaml's emitter where PyYAML was built with it (its wheels are, Windows included): the same choices
# of quoting, written in C; the pure-Python one otherwise
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _quoted(texts: list[str]) -> dict[str, str]:
    """Each one-line string as YAML writes it, quoted only where it must be: one call of the emitter for
    all of them (one call per string cost seconds on a long plan)."""
    unique = list(dict.fromkeys(texts))
    dumped = yaml.dump(unique, Dumper=_DUMPER, allow_unicode=True, width=10**9).rstrip("\n").split("\n")
    if len(dumped) != len(unique):  # a string written on several lines after all: each on its own
        return {value: _plain_or_quoted(value, _dumped_alone(value)) for value in unique}
    return {value: _plain_or_quoted(value, line[2:]) for value, line in zip(unique, dumped)}  # "- …"


def _dumped_alone(value: str) -> str:
    text = yaml.dump(value, Dumper=_DUMPER, allow_unicode=True, width=10**9).rstrip("\n")
    return text[:-4].rstrip("\n") if text.endswith("\n...") else text


def _plain_or_quoted(value: str, text: str) -> str:
    if not text.startswith(("'", '"')) and text != value:  # a plain scalar YAML would read otherwise
        return "'" + value.replace("'", "''") + "'"
    return text


def _strings(value: Any, found: list[str]) -> list[str]:
    if isinstance(value, dict):
        for item in value.values():
            _strings(item, found)
    elif isinstance(value, list):
        for item in value:
            _strings(item, found)
    elif isinstance(value, str) and "\n" not in value:
        found.append(value)
    return found


def _document_order(data: dict) -> list[tuple[str, Any]]:
    known = [(k, data[k]) for k in ORDER if k in data]
    return known + [(k, v) for k, v in data.items() if k not in ORDER]


# what cannot stand in a comment: a line break or tab, or any character the loader refuses (BAD)
_UNFIT_IN_COMMENT = re.compile(f"(?:[\t\n\r]|{BAD.pattern})+")


def comment(text: str) -> str:
    """`text` made fit for a YAML comment: one line, whatever it holds (a file name, a line of a Word
    file): a line break in it would end the comment and start a key of the plan, and a character the
    loader refuses anywhere in a plan (U+0080–U+009F, a lone surrogate of a name not in UTF-8) would leave
    the plan unreadable."""
    return _UNFIT_IN_COMMENT.sub(" ", text)


def dump_plan(data: dict, notes: dict[tuple, str], header: list[str],
              footer: tuple[str, ...] | list[str] = (), note_prefix: str = "KIỂM TRA: ",
              in_document_order: bool = True) -> tuple[str, list[tuple[int, str]]]:
    """The text, and (line, note) for each line that got a note. `in_document_order`: top-level
    fields in the order of the document, a blank line before each part; else as they come."""
    lines: list[str] = [f"# {comment(h)}" if h else "#" for h in header]
    marked: list[tuple[int, str]] = []
    quoted = _quoted(_strings(data, []))

    def _ordered(value: dict) -> list[tuple[str, Any]]:
        return _document_order(value) if in_document_order else list(value.items())

    def emit(text: str, path: tuple) -> None:
        lines.append(text)
        if path in notes:
            lines[-1] += f"  # {comment(note_prefix + notes[path])}"
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
            emit(f"{prefix}{key}: {_scalar(value, quoted)}", path)

    def sequence(values: list, indent: str, path: tuple) -> None:
        for i, item in enumerate(values):
            if isinstance(item, dict) and item:
                mapping(item, indent + "  ", path + (i,), first_prefix=f"{indent}- ")
            elif isinstance(item, list) and item:  # a table's row: a list of cells
                for j, cell in enumerate(item):
                    emit(f"{indent}{'- - ' if j == 0 else '  - '}{_scalar(cell, quoted)}", path + (i, j))
            elif isinstance(item, list):
                emit(f"{indent}- []", path + (i,))
            else:
                emit(f"{indent}- {_scalar(item, quoted)}", path + (i,))

    for key, value in _ordered(data):
        if in_document_order and lines and not lines[-1].startswith("#") and key in ("issuer", "summary", "sections", "recipients",
                                                                 "targets", "rounds", "signer", "legal_bases"):
            lines.append("")
        node(key, value, "", "", (key,))
    if footer:
        lines += [""] + [f"# {comment(line)}" for line in footer]
    return "\n".join(lines) + "\n", marked
