"""The `thidua` command line: a thin layer over loader, render and conformance."""

from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.text import Text

from .conformance import Status, check_docx, failed
from .errors import Problem, ThiduaError
import io
import subprocess

from rich.table import Table

from . import batch, gitrev
from .inherit import provenance_yaml
from .table import output_names, read_rows
from .anniversaries import events_in_year, is_round_number, local_events
from .context import build_context
from .diff import PlanDiff, diff_plans, to_markdown
from .docx_text import docx_paragraphs
from .pdf import convert_batch
from .render import render_bytes, template_path
from .lint import Finding, lint as lint_plan
from .loader import load, load_plan
from .model import Plan
from .newyear import write_new_year

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


def _plan_files(paths: list[Path]) -> list[tuple[Path, Path]]:
    """(plan file, path relative to the folder it was found in) pairs. In a folder,
    files named "_….yaml" (bases that others extend) and "….table.yaml" are skipped."""
    found: list[tuple[Path, Path]] = []
    for path in paths:
        if path.is_dir():
            found += [(f, f.relative_to(path)) for f in sorted(path.rglob("*"))
                      if f.suffix in PLAN_SUFFIXES and f.is_file() and not f.name.startswith("_")
                      and not f.name.endswith((".table.yaml", ".table.yml"))]
        else:
            found.append((path, Path(path.name)))
    return found


def _table_jobs(plan: Path, table: Path, output: Path) -> tuple[list[batch.Job], batch.Base]:
    base = load(plan)
    rows = read_rows(table)
    level, year = base.plan.issuer.level.value, base.plan.year
    keys = [(str(r.values.get("level", level)), str(r.values.get("name", f"dong {r.line}")), year) for r in rows]
    jobs = [batch.Job(f"{table}, dòng {row.line}", output / name, row=row)
            for row, name in zip(rows, output_names(keys))]
    return jobs, batch.Base(plan, base.raw, base.marks)


@app.command()
def build(
    paths: Optional[List[Path]] = typer.Argument(None, help="Tệp kế hoạch .yaml hoặc thư mục (mặc định: plans/)"),
    output: Path = typer.Option(Path("output"), "--output", "-o", help="Thư mục ghi văn bản .docx (mặc định: output/)"),
    pdf: bool = typer.Option(False, "--pdf", help="Tạo thêm bản PDF (cần LibreOffice), cả loạt trong một lần chạy"),
    for_each: Optional[Path] = typer.Option(None, "--for-each", help="Bảng xã, phường (.csv hoặc .yaml): mỗi dòng một văn bản dựa trên kế hoạch gốc"),
    force: bool = typer.Option(False, "--force", help="Ghi đè cả những tệp đã được sửa tay sau lần tạo trước"),
) -> None:
    """Tạo văn bản .docx (và PDF nếu muốn) từ các tệp kế hoạch YAML, giữ nguyên cấu trúc thư mục."""
    if not paths:
        paths = [Path("plans")]
    missing = [p for p in [*paths, *([for_each] if for_each else [])] if not p.exists()]
    if missing:
        for path in missing:
            _say(err, "Lỗi", "red", f"{path}: không tìm thấy tệp hoặc thư mục")
        raise typer.Exit(2)
    base = None
    try:
        if for_each:
            if len(paths) != 1 or not paths[0].is_file():
                raise ThiduaError([Problem(for_each, "--for-each cần đúng một tệp kế hoạch gốc",
                                           hint="thidua build ke-hoach-goc.yaml --for-each xa-phuong.csv")])
            jobs, base = _table_jobs(paths[0], for_each, output)
        else:
            jobs = [batch.Job(str(f), output / rel.with_suffix(".docx"), plan_file=f) for f, rel in _plan_files(paths)]
    except ThiduaError as exc:
        _report(exc)
        raise typer.Exit(2) from None
    if not jobs:
        _say(err, "Lỗi", "red", f"không có kế hoạch nào để tạo trong: {', '.join(map(str, paths))}")
        raise typer.Exit(2)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=err, transient=True) as progress:
        task = progress.add_task("Đang tạo văn bản", total=len(jobs))
        outcomes = batch.run(jobs, output, force, base, on_done=lambda o: progress.advance(task))
    _report_batch(outcomes, output)
    failures = sum(o.status == "failed" for o in outcomes)
    ready = [o.target for o in outcomes if o.status in ("written", "unchanged")]
    if pdf and ready:
        try:
            with err.status(f"Đang chuyển {len(ready)} văn bản sang PDF bằng LibreOffice…"):
                pdfs = convert_batch(ready)
        except ThiduaError as exc:
            _report(exc)
            failures += 1
        else:
            for path in pdfs[:LIST_AT_MOST]:
                out.print(f"Đã ghi: {path}", highlight=False, soft_wrap=True)
    if failures:
        raise typer.Exit(2)


LIST_AT_MOST = 30  # longer batches print counts, not every file
STATUS = {"written": "Đã ghi", "unchanged": "Không đổi (giống hệt lần trước)",
          "kept": "Giữ lại (đã sửa tay, không ghi đè)", "failed": "Lỗi"}


def _report_batch(outcomes: list[batch.Outcome], output: Path) -> None:
    for outcome in outcomes:
        for problem in outcome.problems:
            _say(err, "Lỗi", "red", str(problem))
    for status in ("written", "unchanged"):
        done = [o for o in outcomes if o.status == status]
        for outcome in done[:LIST_AT_MOST]:
            out.print(f"{STATUS[status]}: {outcome.target}", highlight=False, soft_wrap=True)
        if len(done) > LIST_AT_MOST:
            out.print(f"… và {len(done) - LIST_AT_MOST} tệp khác", highlight=False)
    kept = [o for o in outcomes if o.status == "kept"]
    for outcome in kept:
        _say(out, "Giữ lại", "yellow", f"{outcome.target}: tệp đã được sửa sau lần thidua tạo trước, "
             "không ghi đè; thêm --force để ghi đè, hoặc đổi tên tệp đã sửa")
    table = Table("Kết quả", "Số tệp", title=f"Thư mục: {output.resolve()}", title_justify="left")
    for status, label in STATUS.items():
        table.add_row(label, str(sum(o.status == status for o in outcomes)))
    out.print(table)


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


def _print_findings(findings: list[Finding]) -> None:
    for finding in findings:
        _say(out, "Cảnh báo", "yellow", str(finding))


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
        _print_findings(findings)
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
        _print_findings(findings)


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


@app.command()
def diff(
    old: Path = typer.Argument(..., help="Tệp kế hoạch cũ (hoặc tệp cần so với --rev)"),
    new: Optional[Path] = typer.Argument(None, help="Tệp kế hoạch mới"),
    rev: Optional[str] = typer.Option(None, "--rev", help="So tệp với phiên bản trong git (ví dụ: HEAD, HEAD~1, v2024)"),
    format: str = typer.Option("rich", "--format", help="Kiểu kết quả: rich (màu trên màn hình), md, json"),
) -> None:
    """So sánh hai phiên bản kế hoạch: chỉ tiêu, đợt thi đua, các mục, đoạn văn. Mã thoát 0: giống, 1: khác, 2: lỗi."""
    if format not in ("rich", "md", "json"):
        _say(err, "Lỗi", "red", f"--format '{format}' không hợp lệ; chọn rich, md hoặc json")
        raise typer.Exit(2)
    try:
        if rev:
            if new is not None:
                raise ThiduaError([Problem(new, "với --rev chỉ ghi một tệp", hint="thidua diff --rev HEAD TỆP")])
            before = load(Path(f"{old} ({rev})"), gitrev.show(rev, old))
            after, names = load(old), (f"{old}@{rev}", str(old))
        else:
            if new is None:
                raise ThiduaError([Problem(old, "cần hai tệp để so sánh", hint="thidua diff CŨ MỚI hoặc thidua diff --rev HEAD TỆP")])
            before, after, names = load(old), load(new), (str(old), str(new))
    except ThiduaError as exc:
        _report(exc)
        raise typer.Exit(2) from None
    result = diff_plans(before, after)
    if format == "json":
        typer.echo(json.dumps({"old": names[0], "new": names[1], "equal": result.empty, **result.as_dict()},
                              ensure_ascii=False, indent=2))
    elif format == "md":
        typer.echo(to_markdown(result, *names))
    else:
        _print_diff(result, *names)
    raise typer.Exit(0 if result.empty else 1)


def _print_diff(result: PlanDiff, old_name: str, new_name: str) -> None:
    out.print(Text(f"So sánh {old_name} → {new_name}", style="bold"), soft_wrap=True)
    if result.empty:
        out.print("Không có thay đổi.")
        return
    if result.header:
        table = Table("Trường", "Cũ", "Mới", title="Thông tin chung", title_justify="left")
        for change in result.header:
            table.add_row(change.field, Text(change.old, "red"), Text(change.new, "green"))
        out.print(table)
    if result.targets:
        table = Table("Chỉ tiêu", "Cũ", "Mới", "Chênh lệch", title="Chỉ tiêu", title_justify="left")
        for change in result.targets:
            table.add_row(change.label, Text(change.old, "red"), Text(change.new, "green"), change.delta)
        out.print(table)
    for title, notes in (("Đợt thi đua", result.rounds), ("Các mục", result.sections)):
        if notes:
            out.print(Text(title, style="bold"))
            for note in notes:
                out.print(Text(f"  - {note}"), soft_wrap=True)
    if result.texts:
        out.print(Text("Đoạn văn thay đổi", style="bold"))
        for change in result.texts:
            line = Text(f"  {change.where}: ", style="dim")
            for op, words in change.words:
                line.append(words + " ", {"-": "red strike", "+": "green bold"}.get(op, ""))
            out.print(line, soft_wrap=True)


@app.command()
def show(plan: Path = typer.Argument(..., help="Tệp kế hoạch (có thể kế thừa kế hoạch khác bằng extends)")) -> None:
    """In kế hoạch sau khi kế thừa, mỗi giá trị kèm tệp và dòng nó được viết."""
    try:
        loaded = load(plan)
    except ThiduaError as exc:
        _report(exc)
        raise typer.Exit(2) from None
    typer.echo(provenance_yaml(loaded.raw, loaded.marks, Path.cwd()), nl=False)


@app.command()
def text(source: Path = typer.Argument(..., help="Tệp kế hoạch .yaml hoặc văn bản .docx")) -> None:
    """In nội dung chữ của kế hoạch (như khi in ra) hoặc của tệp .docx, mỗi đoạn một dòng."""
    try:
        if source.suffix.lower() in PLAN_SUFFIXES:
            plan = load_plan(source)
            data = render_bytes(template_path(plan, source), build_context(plan))
            paragraphs = docx_paragraphs(io.BytesIO(data))
        else:
            if not source.is_file():
                raise ThiduaError([Problem(source, "không tìm thấy tệp")])
            paragraphs = docx_paragraphs(source)
    except ThiduaError as exc:
        _report(exc)
        raise typer.Exit(2) from None
    except Exception as exc:  # a damaged or non-Word file
        _say(err, "Lỗi", "red", f"{source}: không đọc được tệp .docx ({type(exc).__name__})")
        raise typer.Exit(2) from None
    typer.echo("\n".join(paragraphs))


@app.command("git-setup")
def git_setup() -> None:
    """Cài đặt để `git diff` hiển thị nội dung chữ của các tệp .docx (qua lệnh thidua text)."""
    attributes = Path(".gitattributes")
    line = "*.docx diff=docx"
    existing = attributes.read_text(encoding="utf-8") if attributes.exists() else ""
    if line not in existing.splitlines():
        with attributes.open("a", encoding="utf-8") as handle:
            handle.write(("" if not existing or existing.endswith("\n") else "\n") + line + "\n")
    result = subprocess.run(["git", "config", "diff.docx.textconv", "thidua text"], capture_output=True, text=True)
    if result.returncode != 0:
        _say(err, "Lỗi", "red", f"git config không chạy được: {result.stderr.strip()}")
        raise typer.Exit(2)
    out.print(f"Đã ghi '{line}' vào {attributes.resolve()} và đặt git config diff.docx.textconv = \"thidua text\".",
              highlight=False, soft_wrap=True)


def main() -> None:  # pragma: no cover - `python -m generator`
    app()
