"""`thidua diff`: two plan versions (or two Word files) compared, printed for people or tools."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from generator.cli.base import app
from generator.cli.console import DOCX_SUFFIXES, Text, err, fail, out, say
from generator.core.errors import Problem, ThiduaError

if TYPE_CHECKING:

    from generator.tools.diff import PlanDiff


@app.command()
def diff(
    old: Path = typer.Argument(..., help="Tệp kế hoạch cũ (hoặc tệp cần so với --rev)"),
    new: Path | None = typer.Argument(None, help="Tệp kế hoạch mới"),
    rev: str | None = typer.Option(None, "--rev", help="So tệp với phiên bản trong git (ví dụ: HEAD, HEAD~1, v2024)"),
    format: str = typer.Option("rich", "--format", help="Kiểu kết quả: rich (màu trên màn hình), md, json"),
) -> None:
    """So sánh hai phiên bản kế hoạch: chỉ tiêu, đợt thi đua, các mục, đoạn văn. Mã thoát 0: giống, 1: khác, 2: lỗi."""
    if format not in ("rich", "md", "json"):
        say(err(), "Lỗi", "red", f"--format '{format}' không hợp lệ; chọn rich, md hoặc json")
        raise typer.Exit(2)
    files = [old, *([new] if new is not None else [])]
    if any(f.suffix.lower() in DOCX_SUFFIXES for f in files):
        if rev or new is None or not all(f.suffix.lower() in DOCX_SUFFIXES for f in files):
            raise fail(old, "diff so sánh hai tệp kế hoạch .yaml, hoặc hai văn bản .docx",
                        "thidua diff CŨ.yaml MỚI.yaml, thidua diff CŨ.docx MỚI.docx, hoặc thidua diff --rev HEAD TỆP.yaml")
        raise typer.Exit(_diff_documents(old, new))
    import json

    from generator.plan.loader import load
    from generator.system import gitrev
    from generator.tools.diff import diff_plans, to_markdown

    if rev:
        if new is not None:
            raise ThiduaError([Problem(new, "với --rev chỉ ghi một tệp", hint="thidua diff --rev HEAD TỆP")])
        before = load(Path(f"{old} ({rev})"), gitrev.show(rev, old))
        after, names = load(old), (f"{old}@{rev}", str(old))
    else:
        if new is None:
            raise ThiduaError([Problem(old, "cần hai tệp để so sánh", hint="thidua diff CŨ MỚI hoặc thidua diff --rev HEAD TỆP")])
        before, after, names = load(old), load(new), (str(old), str(new))
    result = diff_plans(before, after)
    if format == "json":
        typer.echo(json.dumps({"old": names[0], "new": names[1], "equal": result.empty, **result.as_dict()},
                              ensure_ascii=False, indent=2))
    elif format == "md":
        typer.echo(to_markdown(result, *names))
    else:
        _print_diff(result, *names)
    raise typer.Exit(0 if result.empty else 1)


def _diff_documents(old: Path, new: Path) -> int:
    """Two Word files compared by their text, paragraph by paragraph (unified diff)."""
    import difflib
    from concurrent.futures import ThreadPoolExecutor

    from generator.word.limits import reading_problem
    from generator.word.text import docx_paragraphs

    # the two files side by side: parsing and the one-pass reading run in C without the GIL
    with ThreadPoolExecutor(2) as pool:
        readings = [pool.submit(docx_paragraphs, file) for file in (old, new)]
    texts = []
    for file, reading in zip((old, new), readings):
        try:
            texts.append(reading.result())
        except Exception as exc:  # a damaged, oversized or non-Word file
            raise fail(file, reading_problem(exc)) from None
    lines = list(difflib.unified_diff(texts[0], texts[1], str(old), str(new), lineterm="", n=1))
    if not lines:
        out().print("Không có thay đổi về nội dung chữ.")
        return 0
    console = out()
    if not console.is_terminal:  # a file, a pipe, a pager: the lines as they are, at once (tens of thousands)
        console.file.write("\n".join(lines) + "\n")
        return 1
    shown = Text()
    for line in lines:  # one text printed once: rich lays out a line at a time far slower
        shown.append(line + "\n", style={"+": "green", "-": "red", "@": "cyan"}.get(line[:1], ""))
    console.print(shown, highlight=False, soft_wrap=True, end="")
    return 1


def _print_diff(result: PlanDiff, old_name: str, new_name: str) -> None:
    from rich.table import Table

    out().print(Text(f"So sánh {old_name} → {new_name}", style="bold"), soft_wrap=True)
    if result.empty:
        out().print("Không có thay đổi.")
        return
    if result.header:
        table = Table("Trường", "Cũ", "Mới", title="Thông tin chung", title_justify="left")
        for change in result.header:
            table.add_row(change.field, Text(change.old, "red"), Text(change.new, "green"))
        out().print(table)
    if result.targets:
        table = Table("Chỉ tiêu", "Cũ", "Mới", "Chênh lệch", title="Chỉ tiêu", title_justify="left")
        for target in result.targets:
            table.add_row(target.label, Text(target.old, "red"), Text(target.new, "green"), target.delta)
        out().print(table)
    for title, notes in (("Đợt thi đua", result.rounds), ("Kết quả", result.results), ("Các mục", result.sections)):
        if notes:
            out().print(Text(title, style="bold"))
            for note in notes:
                out().print(Text(f"  - {note}"), soft_wrap=True)
    if result.texts:
        out().print(Text("Đoạn văn thay đổi", style="bold"))
        for text_change in result.texts:
            line = Text(f"  {text_change.where}: ", style="dim")
            for op, words in text_change.words:
                line.append(words + " ", {"-": "red strike", "+": "green bold"}.get(op, ""))
            out().print(line, soft_wrap=True)


