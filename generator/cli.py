"""The `thidua` command line: a thin layer over loader, render and conformance."""

from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.text import Text

from .conformance import Status, check_docx, failed
from .errors import ThiduaError
from .anniversaries import events_in_year, is_round_number, local_events
from .lint import Finding, lint as lint_plan
from .loader import load, load_plan
from .model import Plan
from .newyear import write_new_year
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


def _say(console: Console, label: str, colour: str, text: str) -> None:
    """Print user text verbatim: no rich markup is read inside it ("[0]", "[key]")."""
    console.print(Text.assemble((label, colour), " ", text), highlight=False, soft_wrap=True)


def _report(exc: ThiduaError) -> None:
    for problem in exc.problems:
        _say(err, "Lỗi", "red", str(problem))


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
            _say(err, "Lỗi", "red", f"{path}: không tìm thấy tệp hoặc thư mục")
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
            _say(err, "Lỗi", "red", f"{file}: không tìm thấy tệp")
            raise typer.Exit(2)
        try:
            results = check_docx(file)
        except Exception as exc:  # a damaged or non-Word file: say so, never a traceback
            _say(err, "Lỗi", "red", f"{file}: không đọc được tệp .docx ({type(exc).__name__})")
            raise typer.Exit(2) from None
        out.print(Text(str(file), style="bold"), highlight=False, soft_wrap=True)
        for result in results:
            out.print(Text("  " + str(result), style=colours[result.status]), highlight=False, soft_wrap=True)
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


def _print_findings(file: Path, findings: list[Finding]) -> None:
    for finding in findings:
        _say(out, "Cảnh báo", "yellow", f"{file}, {finding}")


@app.command()
def lint(
    files: List[Path] = typer.Argument(..., help="Các tệp kế hoạch .yaml"),
    previous: Optional[Path] = typer.Option(None, "--from", help="Kế hoạch năm trước, để chỉ ra chỉ tiêu giữ nguyên"),
) -> None:
    """Kiểm tra tệp kế hoạch mà không tạo văn bản: lỗi (mã thoát 2) và cảnh báo (mã thoát 0)."""
    errors = False
    try:
        before = load(previous) if previous else None
    except ThiduaError as exc:
        _report(exc)
        raise typer.Exit(2) from None
    for file in files:
        try:
            findings = lint_plan(load(file), before)
        except ThiduaError as exc:
            _report(exc)
            errors = True
            continue
        _print_findings(file, findings)
        out.print(f"{file}: {len(findings)} cảnh báo.", highlight=False)
    if errors:
        raise typer.Exit(2)


@app.command("new-year")
def new_year(
    plan: Path = typer.Argument(..., help="Tệp kế hoạch của năm cũ"),
    year: Optional[int] = typer.Option(None, "--year", help="Năm mới (mặc định: năm cũ + 1)"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Tên tệp mới (mặc định: bên cạnh tệp cũ)"),
) -> None:
    """Soạn kế hoạch năm mới từ kế hoạch năm cũ; không bao giờ ghi đè tệp đã có."""
    try:
        old = load(plan)
        new_year_value = year or old.plan.year + 1
        target = write_new_year(plan, old.plan.year, new_year_value, output)
    except ThiduaError as exc:
        _report(exc)
        raise typer.Exit(2) from None
    out.print(f"Đã ghi: {target} (năm {new_year_value}; số văn bản và ngày ký để trống)", highlight=False, soft_wrap=True)
    try:
        findings = lint_plan(load(target), old)
    except ThiduaError as exc:
        _report(exc)
        raise typer.Exit(2) from None
    if findings:
        out.print(f"Những chỗ cần quyết định lại trong {target}:", highlight=False, soft_wrap=True)
        _print_findings(target, findings)


@app.command()
def events(
    year: int = typer.Argument(..., help="Năm cần xem"),
    plan: Optional[Path] = typer.Option(None, "--plan", help="Thêm các sự kiện địa phương khai báo trong kế hoạch"),
) -> None:
    """Liệt kê các ngày kỷ niệm trong năm; ★ là năm tròn (chẵn 5, 10 năm), thường có đợt cao điểm."""
    local = {}
    if plan:
        try:
            local = local_events(load(plan).plan)
        except ThiduaError as exc:
            _report(exc)
            raise typer.Exit(2) from None
    for day, event, count in events_in_year(year, local):
        star = "★" if is_round_number(count) else " "
        when = f"{day:%d/%m}" if not isinstance(event.since, int) else "  năm"
        out.print(f"{star} {when}  {count:>3} năm  {event.name}  [{event.key}]", markup=False, highlight=False,
                  soft_wrap=True)


def main() -> None:  # pragma: no cover - `python -m generator`
    app()
