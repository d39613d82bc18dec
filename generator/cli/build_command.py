"""`thidua build`: plans (or a communes table) to documents, with progress and a summary."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from generator.cli.base import app
from generator.cli.console import err, fail, out, report, say, stop_on_sigterm
from generator.core.errors import Problem, ThiduaError

if TYPE_CHECKING:

    from generator.build.batch import Result


@app.command()
def build(
    paths: list[Path] | None = typer.Argument(None, help="Tệp kế hoạch .yaml hoặc thư mục (mặc định: plans/)"),
    output: Path = typer.Option(Path("output"), "--output", "-o", help="Thư mục ghi văn bản .docx (mặc định: output/)"),
    pdf: bool = typer.Option(False, "--pdf", help="Tạo thêm bản PDF (cần LibreOffice), cả loạt trong một lần chạy"),
    for_each: Path | None = typer.Option(None, "--for-each", help="Bảng xã, phường (.xlsx, .xls, .ods, .csv hoặc .yaml): mỗi dòng một văn bản dựa trên kế hoạch gốc"),
    sheet: str | None = typer.Option(None, "--sheet", help="Tên trang tính của tệp Excel (mặc định: trang tính đầu tiên)"),
    force: bool = typer.Option(False, "--force", help="Ghi đè cả những tệp đã được sửa tay sau lần tạo trước"),
    draft: bool = typer.Option(False, "--draft", help="Tạo bản dự thảo: được còn chỗ để điền, trang 1 có dấu 'DỰ THẢO'"),
) -> None:
    """Tạo văn bản .docx (và PDF nếu muốn) từ các tệp kế hoạch YAML, giữ nguyên cấu trúc thư mục."""
    from generator.build import batch
    from generator.build.pipeline import Mode

    mode = Mode.draft if draft else Mode.final
    stop_on_sigterm()
    if not paths:
        paths = [Path("plans")]
    missing = [p for p in [*paths, *([for_each] if for_each else [])] if not p.exists()]
    if missing:
        for path in missing:
            say(err(), "Lỗi", "red", f"{path}: không tìm thấy tệp hoặc thư mục")
        raise typer.Exit(2)
    if output.exists() and not output.is_dir():
        raise fail(output, "đây là một tệp, không phải thư mục", "-o cần tên thư mục để ghi các văn bản vào")
    base = None
    if for_each:
        if len(paths) != 1 or not paths[0].is_file():
            raise ThiduaError([Problem(for_each, "--for-each cần đúng một tệp kế hoạch gốc",
                                       hint="thidua build ke-hoach-goc.yaml --for-each xa-phuong.csv")])
        jobs, base = batch.table_jobs(paths[0], for_each, output, mode, sheet)
        rows = [job.row for job in jobs if job.row is not None]
        if rows:  # what was read, so that no row goes unnoticed (a sheet's table ends at its first row without a name)
            where = f", trang tính '{rows[0].sheet}'" if rows[0].sheet is not None else ""
            say(err(), "Bảng", "cyan", f"{for_each}{where}: {len(rows)} xã, phường (dòng {rows[0].line} đến "
                f"dòng {rows[-1].line})")
    else:
        if sheet is not None:
            raise ThiduaError([Problem(Path(sheet), "--sheet chỉ dùng cùng --for-each BẢNG.xlsx",
                                       hint="thidua build ke-hoach-goc.yaml --for-each xa.xlsx --sheet 'Xã'")])
        jobs = batch.plan_jobs(paths, output, mode)
    if not jobs:
        say(err(), "Lỗi", "red", f"không có kế hoạch nào để tạo trong: {', '.join(map(str, paths))}")
        raise typer.Exit(2)
    def wait() -> None:
        say(err(), "Chờ", "yellow", f"một lần chạy khác đang ghi vào {output}; chờ nó xong…")

    report_stale = bool(for_each) or any(p.is_dir() for p in paths)
    if len(jobs) == 1:  # one document takes a moment: no progress bar to draw
        result = batch.run(jobs, output, force, base, on_wait=wait, report_stale=report_stale)
    else:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                      console=err(), transient=True) as progress:
            task = progress.add_task("Đang tạo văn bản", total=len(jobs))
            result = batch.run(jobs, output, force, base, on_done=lambda o: progress.advance(task), on_wait=wait,
                               report_stale=report_stale)
    _report_batch(result, output)
    outcomes = result.outcomes
    built = {o.target for o in outcomes if o.status != batch.Status.failed}
    plans = [paths[0]] if for_each else [j.plan_file for j in jobs if j.plan_file and j.target in built]
    _warn_repealed(plans)
    for outcome in outcomes[:LIST_AT_MOST]:  # what will not fit on the page (said when the plan was rendered)
        for warning in outcome.warnings:
            say(err(), "Cảnh báo", "yellow", str(warning))
    if draft:
        say(err(), "Dự thảo", "yellow", "văn bản có dấu 'DỰ THẢO' ở đầu trang 1: chưa dùng để trình ký")
    failures = sum(o.status == batch.Status.failed for o in outcomes)
    ready = [o.target for o in outcomes if o.status in (batch.Status.written, batch.Status.unchanged)]
    if pdf and ready:
        from generator.system.libreoffice import convert_batch

        try:
            with err().status(f"Đang chuyển {len(ready)} văn bản sang PDF bằng LibreOffice…"):
                pdfs = convert_batch(ready)
        except ThiduaError as exc:
            report(exc)
            failures += 1
        else:
            for path in pdfs[:LIST_AT_MOST]:
                out().print(f"Đã ghi: {path}", highlight=False, soft_wrap=True)
            if len(pdfs) > LIST_AT_MOST:
                out().print(f"… và {len(pdfs) - LIST_AT_MOST} tệp PDF khác", highlight=False)
    if failures:
        raise typer.Exit(2)


def _warn_repealed(plans: list[Path]) -> None:
    """Citations of repealed texts in the plans built (for a table: its base plan), by line."""
    from generator.core.legal import repealed_in_plan_text

    for plan in plans:
        try:
            text = plan.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue  # the build itself said what is wrong with the file
        for line, message in repealed_in_plan_text(text):
            say(err(), "Cảnh báo", "yellow", f"{plan}, dòng {line}: {message}")


LIST_AT_MOST = 30  # longer batches print counts, not every file
STATUS = {"written": "Đã ghi", "unchanged": "Không đổi (giống hệt lần trước)",
          "kept": "Giữ lại (đã sửa tay, không ghi đè)", "failed": "Lỗi"}


def _report_batch(result: Result, output: Path) -> None:
    outcomes = result.outcomes
    if len(outcomes) == 1 and outcomes[0].status in ("written", "unchanged") and not result.warnings \
            and not result.stale:  # one document: two plain lines say it all
        print(f"{STATUS[outcomes[0].status]}: {outcomes[0].target}")
        print(f"Thư mục: {output.resolve()}")
        return
    from rich.table import Table

    for warning in result.warnings:
        say(err(), "Cảnh báo", "yellow", warning)
    for outcome in outcomes:
        for problem in outcome.problems:
            say(err(), "Lỗi", "red", str(problem))
    for status in ("written", "unchanged"):
        done = [o for o in outcomes if o.status == status]
        for outcome in done[:LIST_AT_MOST]:
            out().print(f"{STATUS[status]}: {outcome.target}", highlight=False, soft_wrap=True)
        if len(done) > LIST_AT_MOST:
            out().print(f"… và {len(done) - LIST_AT_MOST} tệp khác", highlight=False)
    kept = [o for o in outcomes if o.status == "kept"]
    for outcome in kept:
        say(out(), "Giữ lại", "yellow", f"{outcome.target}: tệp đã được sửa sau lần thidua tạo trước, "
             "không ghi đè; thêm --force để ghi đè, hoặc đổi tên tệp đã sửa")
    for path in result.stale[:LIST_AT_MOST]:
        say(out(), "Cũ", "yellow", f"{path}: thidua đã tạo tệp này lần trước nhưng lần này không còn tạo nữa "
             "(không xóa; xóa tay nếu không cần)")
    table = Table("Kết quả", "Số tệp", title=f"Thư mục: {output.resolve()}", title_justify="left")
    for status, label in STATUS.items():
        table.add_row(label, str(sum(o.status == status for o in outcomes)))
    if result.stale:
        table.add_row("Cũ (lần này không tạo)", str(len(result.stale)))
    out().print(table)


