"""The one path from a plan to document bytes: load → inherit → expressions → validate →
context → render. `build`, `--for-each`, `text`, tests and benchmarks all come through here.

A plan file goes through `loader.load`; a row of a communes table is merged onto its
base plan (loaded once) and validated the same way, so that a row is checked exactly
like a plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from generator.core.errors import Problem, ThiduaError

if TYPE_CHECKING:  # the stages are imported when they run: a cached build needs none of them
    from generator.plan.communes import Row
    from generator.plan.loader import Loaded


@dataclass
class Base:
    """The plan every table row is merged onto: loaded once, shared with the workers."""

    file: Path
    data: dict
    marks: dict
    plain_ids: frozenset = field(default=frozenset())  # its parts with no {{ … }}: rows share them unchanged


def load_row(base: Base, row: Row) -> Loaded:
    """A table row merged onto the base plan and validated; raise ThiduaError."""
    from generator.core.positions import Marks
    from generator.plan.communes import place_row_events, row_override
    from generator.plan.inherit import merge
    from generator.plan.loader import validate_data

    if row.problems:
        raise ThiduaError(row.problems)
    over, over_marks, event_keys = row_override(row, base.data)
    merged, _ = merge(base.data, over, base.marks, over_marks, keep_marks=False)
    place_row_events(merged, row, event_keys)
    if row.problems:
        raise ThiduaError(row.problems)
    try:
        return validate_data(row.file, merged, Marks(), plain_ids=base.plain_ids)
    except ThiduaError:  # merge again, keeping marks, to say where each problem was written
        merged, marks = merge(base.data, over, base.marks, over_marks)
        place_row_events(merged, row, event_keys)
        return validate_data(row.file, merged, marks)


def template_file(loaded: Loaded, plan_file: Path) -> Path:
    from generator.document.render import template_path

    return template_path(loaded.plan, plan_file)


class Mode(Enum):
    """What a build is for."""

    final = "final"  # ready to sign: no placeholder left (refused, each located)
    draft = "draft"  # placeholders allowed; page 1 marked "DỰ THẢO"
    preview = "preview"  # `text`, `lint`: neither checked nor marked


def blanks_to_fill(loaded: Loaded) -> list[Problem]:
    """Every placeholder left in the plan (inherited ones included), located where it was written."""
    from generator.core.placeholders import find_placeholders
    from generator.plan.loader import problem_at
    from generator.plan.texts import text_fields

    problems = []
    for path, text in text_fields(loaded.raw):
        for blank in find_placeholders(text):
            problems.append(problem_at(loaded.marks, path, loaded.file, f"còn chỗ để điền «{blank}»",
                                       "điền nội dung thật, hoặc tạo bản dự thảo: thidua build --draft …"))
    return problems


def document_bytes(loaded: Loaded, plan_file: Path, template: Path | None = None, mode: Mode = Mode.final) -> bytes:
    """The .docx of a validated plan (`plan_file`: where its template path is relative to).

    A final document holds no placeholder (refused, each located); a draft carries the
    "DỰ THẢO" mark; a preview (`text`, `lint`, the web page) is neither checked nor marked."""
    from generator.document.context import build_context
    from generator.document.render import render_bytes

    if mode is Mode.final and (blanks := blanks_to_fill(loaded)):
        raise ThiduaError(blanks)
    data = render_bytes(template or template_file(loaded, plan_file), build_context(loaded.plan, loaded.report))
    if mode is Mode.draft:
        from generator.document.draft import mark_draft

        data = mark_draft(data)
    return data


@dataclass(frozen=True)
class Built:
    data: bytes
    warnings: list[Problem] = field(default_factory=list)  # parts that will not fit the page (not refusals)


def plan_document(file: Path, use_cache: bool = True, mode: Mode = Mode.final) -> bytes:
    """The .docx of a plan file; raise ThiduaError with every problem located (see build_plan)."""
    return build_plan(file, use_cache, mode, warnings=False).data


def build_plan(file: Path, use_cache: bool = True, mode: Mode = Mode.final, warnings: bool = True) -> Built:
    """The .docx of a plan file and, with `warnings`, the layout warnings of its rendering (what `build`
    says; a preview does not ask); raise ThiduaError with every problem located.

    A plan whose files are unchanged since it was last built comes from the build cache
    (see buildcache) without being loaded or rendered again (its warnings were said then)."""
    from generator.build import cache as buildcache

    use_cache = use_cache and mode is Mode.final  # only final documents are cached: they passed the check
    if use_cache and (cached := buildcache.lookup(file)) is not None:
        return Built(cached)
    from generator.plan.loader import load

    before = file.read_bytes() if use_cache and file.is_file() else None
    loaded = load(file)
    template = template_file(loaded, file)
    data = document_bytes(loaded, file, template, mode)
    if before is not None and file.read_bytes() == before:  # not edited while it was being built
        inputs = {file, template} | {m.file for m in loaded.marks.values() if m.file}
        inputs |= loaded.report.files if loaded.report else set()
        buildcache.store(file, inputs, data)
    if not warnings:
        return Built(data)
    from generator.document.fit import located_fit_warnings

    return Built(data, located_fit_warnings(loaded))


def internal_error(file: Path, exc: BaseException) -> ThiduaError:
    """A bug of thidua met while handling `file`: said plainly, never as a traceback."""
    return ThiduaError([Problem(file, f"lỗi nội bộ của thidua ({type(exc).__name__}: {str(exc)[:200]})",
                                hint="tệp chưa được ghi; xin báo lỗi kèm tệp này cho nhóm phát triển")])
