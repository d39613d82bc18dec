"""The `thidua` command line: a thin layer over loader, render and conformance."""

from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from .conformance import Status, check_docx, failed
from .errors import ThiduaError
from .loader import load_plan
from .model import Plan
from .render import render_plan

app = typer.Typer(
    help="thidua: soạn Kế hoạch, Phát động phong trào thi đua đúng Nghị định 30/2020/NĐ-CP từ tệp YAML.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)

PLAN_SUFFIXES = (".yaml", ".yml")


def _report(exc: ThiduaError) -> None:
    for problem in exc.problems:
        err.print(f"[red]Lỗi[/red] {problem}", markup=True, highlight=False, soft_wrap=True)


def _plan_files(paths: list[Path], root_hint: Path) -> list[tuple[Path, Path]]:
    """(plan file, path relative to the folder it was found in) pairs."""
    found: list[tuple[Path, Path]] = []
    for path in paths:
        if path.is_dir():
            found += [(f, f.relative_to(path)) for f in sorted(path.rglob("*"))
                      if f.suffix in PLAN_SUFFIXES and f.is_file()]
        else:
            found.append((path, Path(path.name)))
    return found


@app.command()
def build(
    paths: Optional[List[Path]] = typer.Argument(None, help="Tệp kế hoạch .yaml hoặc thư mục (mặc định: plans/)"),
    output: Path = typer.Option(Path("output"), "--output", "-o", help="Thư mục ghi văn bản .docx (mặc định: output/)"),
) -> None:
    """Tạo văn bản .docx từ các tệp kế hoạch YAML (giữ nguyên cấu trúc thư mục)."""
    if not paths:
        paths = [Path("plans")]
    missing = [p for p in paths if not p.exists()]
    if missing:
        for path in missing:
            err.print(f"[red]Lỗi[/red] {path}: không tìm thấy tệp hoặc thư mục", highlight=False)
        raise typer.Exit(2)
    jobs = _plan_files(paths, Path.cwd())
    if not jobs:
        err.print(f"Không có tệp kế hoạch .yaml nào trong: {', '.join(map(str, paths))}")
        raise typer.Exit(2)
    written, failures = [], 0
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  console=err, transient=True) as progress:
        task = progress.add_task("Đang tạo văn bản", total=len(jobs))
        for plan_file, relative in jobs:
            progress.update(task, description=f"Đang tạo {relative}")
            try:
                plan = load_plan(plan_file)
                target = output / relative.with_suffix(".docx")
                written.append(render_plan(plan, plan_file, target))
            except ThiduaError as exc:
                failures += 1
                _report(exc)
            progress.advance(task)
    for path in written:
        out.print(f"Đã ghi: {path}", highlight=False, soft_wrap=True)
    out.print(f"Xong: {len(written)} văn bản trong {output.resolve()}"
              + (f"; {failures} tệp lỗi, xem thông báo ở trên." if failures else "."), highlight=False, soft_wrap=True)
    if failures:
        raise typer.Exit(2)


@app.command()
def check(files: List[Path] = typer.Argument(..., help="Các tệp .docx cần kiểm tra")) -> None:
    """Kiểm tra tệp .docx (của thidua hay bất kỳ ai) theo thể thức Nghị định 30/2020/NĐ-CP."""
    any_failed = False
    colours = {Status.passed: "green", Status.failed: "red", Status.unknown: "yellow", Status.notice: "cyan"}
    for file in files:
        if not file.is_file():
            err.print(f"[red]Lỗi[/red] {file}: không tìm thấy tệp", highlight=False)
            raise typer.Exit(2)
        try:
            results = check_docx(file)
        except Exception as exc:  # a damaged or non-Word file: say so, never a traceback
            err.print(f"[red]Lỗi[/red] {file}: không đọc được tệp .docx ({type(exc).__name__})", highlight=False)
            raise typer.Exit(2) from None
        out.print(f"[bold]{file}[/bold]", highlight=False)
        for result in results:
            out.print(f"  [{colours[result.status]}]{result}[/]", highlight=False, soft_wrap=True)
        any_failed |= failed(results)
        count = sum(r.status is Status.failed for r in results)
        out.print(f"  → {'có ' + str(count) + ' lỗi thể thức' if count else 'đạt thể thức'}", highlight=False)
    if any_failed:
        raise typer.Exit(1)


@app.command()
def schema() -> None:
    """In JSON Schema của tệp kế hoạch (để trình soạn thảo gợi ý khi viết YAML)."""
    document = Plan.model_json_schema()
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    document["title"] = "Kế hoạch thi đua (thidua)"
    typer.echo(json.dumps(document, ensure_ascii=False, indent=2))


def main() -> None:  # pragma: no cover - `python -m generator`
    app()
