"""The `thidua` command line: parses arguments, calls the package, prints in Vietnamese.

Each command imports what it needs when it runs, so `thidua --help` starts fast.
"""

from __future__ import annotations

import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from .errors import Problem, ThiduaError

if TYPE_CHECKING:
    from rich.console import Console

    from .batch import Result
    from .diff import PlanDiff
    from .lint import Finding

app = typer.Typer(
    help="thidua: soạn Kế hoạch, Phát động phong trào thi đua đúng Nghị định 30/2020/NĐ-CP từ tệp YAML.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
_CONSOLES: dict[bool, Console] = {}


def _console(stderr: bool) -> Console:
    """A rich Console made on first use: `thidua --help` does not pay for importing rich."""
    if stderr not in _CONSOLES:
        from rich.console import Console

        _CONSOLES[stderr] = Console(stderr=stderr)
    return _CONSOLES[stderr]


def _out() -> Console:
    return _console(False)


def _err() -> Console:
    return _console(True)


def Text(*args, **kwargs):  # noqa: N802 - rich's class, imported when first used
    from rich.text import Text as RichText

    return RichText(*args, **kwargs)

PLAN_SUFFIXES = (".yaml", ".yml")
DOCX_SUFFIXES = (".docx", ".docm", ".dotx")


def _say(console: Console, label: str, colour: str, text: str) -> None:
    """Print user text verbatim: no rich markup is read inside it ("[0]", "[key]")."""
    from rich.text import Text as RichText

    console.print(RichText.assemble((label, colour), " ", text), highlight=False, soft_wrap=True)


def _report(exc: ThiduaError) -> None:
    for problem in exc.problems:
        _say(_err(), "Lỗi", "red", str(problem))


def _fail(file: Path | str, message: str, hint: str = "") -> typer.Exit:
    _say(_err(), "Lỗi", "red", str(Problem(Path(file), message, hint=hint)))
    return typer.Exit(2)


def _stop_on_sigterm() -> None:
    """SIGTERM ends the command like Ctrl+C: clean-up code runs (no temporary file or
    LibreOffice is left behind)."""
    def stop(signum, frame):
        raise SystemExit(143)

    try:
        signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread (tests)
        pass


@app.command()
def build(
    paths: list[Path] | None = typer.Argument(None, help="Tệp kế hoạch .yaml hoặc thư mục (mặc định: plans/)"),
    output: Path = typer.Option(Path("output"), "--output", "-o", help="Thư mục ghi văn bản .docx (mặc định: output/)"),
    pdf: bool = typer.Option(False, "--pdf", help="Tạo thêm bản PDF (cần LibreOffice), cả loạt trong một lần chạy"),
    for_each: Path | None = typer.Option(None, "--for-each", help="Bảng xã, phường (.csv hoặc .yaml): mỗi dòng một văn bản dựa trên kế hoạch gốc"),
    force: bool = typer.Option(False, "--force", help="Ghi đè cả những tệp đã được sửa tay sau lần tạo trước"),
) -> None:
    """Tạo văn bản .docx (và PDF nếu muốn) từ các tệp kế hoạch YAML, giữ nguyên cấu trúc thư mục."""
    from . import batch

    _stop_on_sigterm()
    if not paths:
        paths = [Path("plans")]
    missing = [p for p in [*paths, *([for_each] if for_each else [])] if not p.exists()]
    if missing:
        for path in missing:
            _say(_err(), "Lỗi", "red", f"{path}: không tìm thấy tệp hoặc thư mục")
        raise typer.Exit(2)
    if output.exists() and not output.is_dir():
        raise _fail(output, "đây là một tệp, không phải thư mục", "-o cần tên thư mục để ghi các văn bản vào")
    base = None
    try:
        if for_each:
            if len(paths) != 1 or not paths[0].is_file():
                raise ThiduaError([Problem(for_each, "--for-each cần đúng một tệp kế hoạch gốc",
                                           hint="thidua build ke-hoach-goc.yaml --for-each xa-phuong.csv")])
            jobs, base = batch.table_jobs(paths[0], for_each, output)
        else:
            jobs = batch.plan_jobs(paths, output)
    except ThiduaError as exc:
        _report(exc)
        raise typer.Exit(2) from None
    if not jobs:
        _say(_err(), "Lỗi", "red", f"không có kế hoạch nào để tạo trong: {', '.join(map(str, paths))}")
        raise typer.Exit(2)
    def wait() -> None:
        _say(_err(), "Chờ", "yellow", f"một lần chạy khác đang ghi vào {output}; chờ nó xong…")

    report_stale = bool(for_each) or any(p.is_dir() for p in paths)
    if len(jobs) == 1:  # one document takes a moment: no progress bar to draw
        result = batch.run(jobs, output, force, base, on_wait=wait, report_stale=report_stale)
    else:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                      console=_err(), transient=True) as progress:
            task = progress.add_task("Đang tạo văn bản", total=len(jobs))
            result = batch.run(jobs, output, force, base, on_done=lambda o: progress.advance(task), on_wait=wait,
                               report_stale=report_stale)
    _report_batch(result, output)
    outcomes = result.outcomes
    failures = sum(o.status == batch.Status.failed for o in outcomes)
    ready = [o.target for o in outcomes if o.status in (batch.Status.written, batch.Status.unchanged)]
    if pdf and ready:
        from .pdf import convert_batch

        try:
            with _err().status(f"Đang chuyển {len(ready)} văn bản sang PDF bằng LibreOffice…"):
                pdfs = convert_batch(ready)
        except ThiduaError as exc:
            _report(exc)
            failures += 1
        else:
            for path in pdfs[:LIST_AT_MOST]:
                _out().print(f"Đã ghi: {path}", highlight=False, soft_wrap=True)
            if len(pdfs) > LIST_AT_MOST:
                _out().print(f"… và {len(pdfs) - LIST_AT_MOST} tệp PDF khác", highlight=False)
    if failures:
        raise typer.Exit(2)


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
        _say(_err(), "Cảnh báo", "yellow", warning)
    for outcome in outcomes:
        for problem in outcome.problems:
            _say(_err(), "Lỗi", "red", str(problem))
    for status in ("written", "unchanged"):
        done = [o for o in outcomes if o.status == status]
        for outcome in done[:LIST_AT_MOST]:
            _out().print(f"{STATUS[status]}: {outcome.target}", highlight=False, soft_wrap=True)
        if len(done) > LIST_AT_MOST:
            _out().print(f"… và {len(done) - LIST_AT_MOST} tệp khác", highlight=False)
    kept = [o for o in outcomes if o.status == "kept"]
    for outcome in kept:
        _say(_out(), "Giữ lại", "yellow", f"{outcome.target}: tệp đã được sửa sau lần thidua tạo trước, "
             "không ghi đè; thêm --force để ghi đè, hoặc đổi tên tệp đã sửa")
    for path in result.stale[:LIST_AT_MOST]:
        _say(_out(), "Cũ", "yellow", f"{path}: thidua đã tạo tệp này lần trước nhưng lần này không còn tạo nữa "
             "(không xóa; xóa tay nếu không cần)")
    table = Table("Kết quả", "Số tệp", title=f"Thư mục: {output.resolve()}", title_justify="left")
    for status, label in STATUS.items():
        table.add_row(label, str(sum(o.status == status for o in outcomes)))
    if result.stale:
        table.add_row("Cũ (lần này không tạo)", str(len(result.stale)))
    _out().print(table)


@app.command()
def check(
    files: list[Path] = typer.Argument(..., help="Các tệp .docx cần kiểm tra"),
    format: str = typer.Option("rich", "--format", help="Kiểu kết quả: rich (màu trên màn hình) hoặc json"),
) -> None:
    """Kiểm tra tệp .docx theo thể thức Nghị định 30/2020/NĐ-CP. Mã thoát 0: đạt; 1: có lỗi; 3: chưa đánh giá được đầy đủ; 2: không đọc được."""
    import json

    from .conformance import Status, check_docx, verdict

    if format not in ("rich", "json"):
        raise _fail(Path(format), f"--format '{format}' không hợp lệ", "chọn rich hoặc json")
    colours = {Status.passed: "green", Status.failed: "red", Status.unknown: "yellow", Status.notice: "cyan"}
    codes, report = [], []
    for file in files:
        if file.suffix.lower() in PLAN_SUFFIXES:
            _say(_err(), "Lỗi", "red", str(Problem(file, "đây là tệp kế hoạch, không phải văn bản Word",
                                                   hint=f"tạo văn bản rồi kiểm tra: thidua build {file}; "
                                                   "kiểm tra tệp kế hoạch: thidua lint")))
            codes.append(2)
            continue
        if not file.is_file():
            _say(_err(), "Lỗi", "red", f"{file}: không tìm thấy tệp")
            codes.append(2)
            continue
        try:
            results = check_docx(file)
        except ValueError as exc:
            _say(_err(), "Lỗi", "red", f"{file}: không đọc được tệp .docx: {exc}")
            codes.append(2)
            continue
        except Exception as exc:  # a damaged or non-Word file: say so, never a traceback, go on with the others
            _say(_err(), "Lỗi", "red", f"{file}: không đọc được tệp .docx ({type(exc).__name__})")
            codes.append(2)
            continue
        code, summary = verdict(results)
        codes.append(code)
        report.append({"file": str(file), "verdict": summary, "exit_code": code,
                       "results": [{"clause": r.ref, "rule": r.rule, "status": r.status.value, "detail": r.detail}
                                   for r in results]})
        if format == "rich":
            _out().print(Text(str(file), style="bold"), highlight=False, soft_wrap=True)
            for result in results:
                _out().print(Text("  " + str(result), style=colours[result.status]), highlight=False, soft_wrap=True)
            _out().print(f"  → {summary}", highlight=False, soft_wrap=True)
    if format == "json":
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
    worst = max(codes, key=lambda c: (c == 2, c == 1, c == 3), default=0)
    raise typer.Exit(worst)


@app.command()
def schema() -> None:
    """In JSON Schema của tệp kế hoạch (để trình soạn thảo gợi ý khi viết YAML)."""
    import json

    from .schema import editor_schema

    typer.echo(json.dumps(editor_schema(), ensure_ascii=False, indent=2))


def _print_findings(findings: list[Finding]) -> None:
    for finding in findings:
        _say(_out(), "Cảnh báo", "yellow", str(finding))


@app.command()
def lint(
    files: list[Path] = typer.Argument(..., help="Các tệp kế hoạch .yaml"),
    previous: Path | None = typer.Option(None, "--from", help="Kế hoạch năm trước, để chỉ ra chỉ tiêu giữ nguyên"),
) -> None:
    """Kiểm tra tệp kế hoạch mà không tạo văn bản: lỗi (mã thoát 2) và cảnh báo (mã thoát 0)."""
    from .lint import lint as lint_plan
    from .loader import load

    errors = False
    try:
        before = load(previous) if previous else None
    except ThiduaError as exc:
        _report(exc)
        raise typer.Exit(2) from None
    from .pipeline import document_bytes, internal_error

    for file in files:
        try:
            loaded = load(file)
            document_bytes(loaded, file)  # whatever `build` would refuse (the template, …), lint reports
            findings = lint_plan(loaded, before)
        except ThiduaError as exc:
            _report(exc)
            errors = True
            continue
        except Exception as exc:  # a bug: said plainly
            _report(internal_error(file, exc))
            errors = True
            continue
        _print_findings(findings)
        _out().print(f"{file}: {len(findings)} cảnh báo.", highlight=False)
    if errors:
        raise typer.Exit(2)


YEARS = (1945, 2100)  # the years a plan may carry (model.Plan.year)


def _check_year(year: int, what: str) -> None:
    if not YEARS[0] <= year <= YEARS[1]:
        _say(_err(), "Lỗi", "red", f"{what} {year} không hợp lệ: chọn một năm từ {YEARS[0]} đến {YEARS[1]}")
        raise typer.Exit(2)


@app.command("new-year")
def new_year(
    plan: Path = typer.Argument(..., help="Tệp kế hoạch của năm cũ"),
    year: int | None = typer.Option(None, "--year", help="Năm mới (mặc định: năm cũ + 1)"),
    output: Path | None = typer.Option(None, "--output", "-o", help="Tên tệp mới (mặc định: bên cạnh tệp cũ)"),
) -> None:
    """Soạn kế hoạch năm mới từ kế hoạch năm cũ (.yaml, hoặc văn bản Word .docx/.doc: nhập trước); không bao giờ ghi đè tệp đã có."""
    from .lint import lint as lint_plan
    from .loader import load
    from .newyear import write_new_year

    if year is not None:
        _check_year(year, "năm")
    if plan.suffix.lower() not in PLAN_SUFFIXES:  # last year's Word file: import it, then roll forward
        plan = _import(plan, None)
    try:
        old = load(plan)
        new_year_value = year or old.plan.year + 1
        _check_year(new_year_value, "năm")
        target = write_new_year(plan, old.plan.year, new_year_value, output)
    except ThiduaError as exc:
        _report(exc)
        raise typer.Exit(2) from None
    _out().print(f"Đã ghi: {target} (năm {new_year_value}; số văn bản và ngày ký để trống)", highlight=False, soft_wrap=True)
    findings = lint_plan(load(target), old)
    if findings:
        _out().print(f"Những chỗ cần quyết định lại trong {target}:", highlight=False, soft_wrap=True)
        _print_findings(findings)


@app.command("import")
def import_word(
    source: Path = typer.Argument(..., help="Văn bản Word của năm trước (.docx, .doc, .odt)"),
    output: Path | None = typer.Option(None, "--output", "-o", help="Tệp kế hoạch .yaml (mặc định: cùng tên, bên cạnh)"),
) -> None:
    """Chuyển một văn bản Word thành tệp kế hoạch .yaml tạo lại đúng văn bản đó; không ghi đè tệp đã có."""
    _import(source, output)


def _import(source: Path, output: Path | None) -> Path:
    """Import a Word file and report; exit 2 if it cannot be read, 1 if the plan written still has problems."""
    from .wordimport.command import import_file

    try:
        written = import_file(source, output)
    except ThiduaError as exc:
        _report(exc)
        raise typer.Exit(2) from None
    _print_import(written)
    if written.problems:
        raise typer.Exit(1)
    return written.path


def _print_import(written) -> None:
    counts = written.imported.counts
    _out().print(f"Đã ghi: {written.path}", highlight=False, soft_wrap=True)
    _out().print(f"Nhận ra: {counts.get('sections', 0)} mục, {counts.get('targets', 0)} chỉ tiêu, "
                 f"{counts.get('rounds', 0)} đợt thi đua, {counts.get('occasions', 0) + counts.get('anniversaries', 0)} "
                 "ngày kỷ niệm (tự tính lại khi sang năm mới); giữ nguyên dạng chữ: "
                 f"{counts.get('text', 0)} đoạn", highlight=False, soft_wrap=True)
    if written.marked:
        _out().print("Cần người xem lại:", highlight=False)
        for line, message in written.marked:
            _out().print(f"  {written.path}, dòng {line}: {message}", markup=False, highlight=False, soft_wrap=True)
    for problem in written.problems:
        _err().print(f"Lỗi {problem}", markup=False, highlight=False, soft_wrap=True)


@app.command()
def events(
    year: int = typer.Argument(..., help="Năm cần xem (1945 - 2100)", min=None),
    plan: Path | None = typer.Option(None, "--plan", help="Thêm các sự kiện địa phương khai báo trong kế hoạch"),
) -> None:
    """Liệt kê các ngày kỷ niệm trong năm; ★ là năm tròn (chẵn 5, 10 năm), thường có đợt cao điểm."""
    from .anniversaries import events_in_year, is_round_number, local_events
    from .loader import load

    _check_year(year, "năm")
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
        _out().print(f"{star} {when}  {count:>3} năm  {event.name}  [{event.key}]", markup=False, highlight=False,
                  soft_wrap=True)


@app.command()
def diff(
    old: Path = typer.Argument(..., help="Tệp kế hoạch cũ (hoặc tệp cần so với --rev)"),
    new: Path | None = typer.Argument(None, help="Tệp kế hoạch mới"),
    rev: str | None = typer.Option(None, "--rev", help="So tệp với phiên bản trong git (ví dụ: HEAD, HEAD~1, v2024)"),
    format: str = typer.Option("rich", "--format", help="Kiểu kết quả: rich (màu trên màn hình), md, json"),
) -> None:
    """So sánh hai phiên bản kế hoạch: chỉ tiêu, đợt thi đua, các mục, đoạn văn. Mã thoát 0: giống, 1: khác, 2: lỗi."""
    import json

    from . import gitrev
    from .diff import diff_plans, to_markdown
    from .loader import load

    if format not in ("rich", "md", "json"):
        _say(_err(), "Lỗi", "red", f"--format '{format}' không hợp lệ; chọn rich, md hoặc json")
        raise typer.Exit(2)
    files = [old, *([new] if new is not None else [])]
    if any(f.suffix.lower() in DOCX_SUFFIXES for f in files):
        if rev or new is None or not all(f.suffix.lower() in DOCX_SUFFIXES for f in files):
            raise _fail(old, "diff so sánh hai tệp kế hoạch .yaml, hoặc hai văn bản .docx",
                        "thidua diff CŨ.yaml MỚI.yaml, thidua diff CŨ.docx MỚI.docx, hoặc thidua diff --rev HEAD TỆP.yaml")
        raise typer.Exit(_diff_documents(old, new))
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


def _diff_documents(old: Path, new: Path) -> int:
    """Two Word files compared by their text, paragraph by paragraph (unified diff)."""
    import difflib

    from .docx_text import docx_paragraphs

    texts = []
    for file in (old, new):
        try:
            texts.append(docx_paragraphs(file))
        except Exception as exc:  # a damaged or non-Word file
            raise _fail(file, f"không đọc được tệp .docx ({type(exc).__name__})") from None
    lines = list(difflib.unified_diff(texts[0], texts[1], str(old), str(new), lineterm="", n=1))
    for line in lines:
        colour = {"+": "green", "-": "red", "@": "cyan"}.get(line[:1], "")
        _out().print(Text(line, style=colour), highlight=False, soft_wrap=True)
    if not lines:
        _out().print("Không có thay đổi về nội dung chữ.")
    return 1 if lines else 0


def _print_diff(result: PlanDiff, old_name: str, new_name: str) -> None:
    from rich.table import Table

    _out().print(Text(f"So sánh {old_name} → {new_name}", style="bold"), soft_wrap=True)
    if result.empty:
        _out().print("Không có thay đổi.")
        return
    if result.header:
        table = Table("Trường", "Cũ", "Mới", title="Thông tin chung", title_justify="left")
        for change in result.header:
            table.add_row(change.field, Text(change.old, "red"), Text(change.new, "green"))
        _out().print(table)
    if result.targets:
        table = Table("Chỉ tiêu", "Cũ", "Mới", "Chênh lệch", title="Chỉ tiêu", title_justify="left")
        for target in result.targets:
            table.add_row(target.label, Text(target.old, "red"), Text(target.new, "green"), target.delta)
        _out().print(table)
    for title, notes in (("Đợt thi đua", result.rounds), ("Các mục", result.sections)):
        if notes:
            _out().print(Text(title, style="bold"))
            for note in notes:
                _out().print(Text(f"  - {note}"), soft_wrap=True)
    if result.texts:
        _out().print(Text("Đoạn văn thay đổi", style="bold"))
        for text_change in result.texts:
            line = Text(f"  {text_change.where}: ", style="dim")
            for op, words in text_change.words:
                line.append(words + " ", {"-": "red strike", "+": "green bold"}.get(op, ""))
            _out().print(line, soft_wrap=True)


@app.command()
def show(plan: Path = typer.Argument(..., help="Tệp kế hoạch (có thể kế thừa kế hoạch khác bằng extends)")) -> None:
    """In kế hoạch sau khi kế thừa, mỗi giá trị kèm tệp và dòng nó được viết."""
    from .inherit import provenance_yaml
    from .loader import load

    try:
        loaded = load(plan)
    except ThiduaError as exc:
        _report(exc)
        raise typer.Exit(2) from None
    typer.echo(provenance_yaml(loaded.raw, loaded.marks, Path.cwd()), nl=False)


@app.command()
def text(source: Path = typer.Argument(..., help="Tệp kế hoạch .yaml hoặc văn bản .docx")) -> None:
    """In nội dung chữ của kế hoạch (như khi in ra) hoặc của tệp .docx, mỗi đoạn một dòng."""
    import io

    from .docx_text import docx_paragraphs

    if source.suffix.lower() in PLAN_SUFFIXES:
        from .pipeline import internal_error, plan_document

        try:
            paragraphs = docx_paragraphs(io.BytesIO(plan_document(source)))
        except ThiduaError as exc:
            _report(exc)
            raise typer.Exit(2) from None
        except Exception as exc:  # a bug: said plainly
            _report(internal_error(source, exc))
            raise typer.Exit(2) from None
    else:
        if not source.is_file():
            raise _fail(source, "không tìm thấy tệp")
        try:
            paragraphs = docx_paragraphs(source, page_headers=True)
        except Exception as exc:  # a damaged or non-Word file
            raise _fail(source, f"không đọc được tệp .docx ({type(exc).__name__})",
                        "text đọc tệp kế hoạch .yaml hoặc văn bản Word .docx") from None
    typer.echo("\n".join(paragraphs))


@app.command("git-setup")
def git_setup() -> None:
    """Cài đặt để `git diff` hiển thị nội dung chữ của các tệp .docx (qua lệnh thidua text)."""
    import shlex
    import subprocess

    inside = subprocess.run(["git", "rev-parse", "--is-inside-work-tree"], capture_output=True, text=True)
    if inside.returncode != 0 or inside.stdout.strip() != "true":
        raise _fail(Path.cwd(), "thư mục này không nằm trong một kho git", "chạy lệnh trong thư mục của kho git")
    # The interpreter that runs thidua now, by absolute path: works from any shell,
    # with or without the virtual environment activated.
    command = f"{shlex.quote(sys.executable)} -m generator text"
    attributes = Path(".gitattributes")
    line = "*.docx diff=docx"
    existing = attributes.read_text(encoding="utf-8") if attributes.exists() else ""
    if line not in existing.splitlines():
        with attributes.open("a", encoding="utf-8") as handle:
            handle.write(("" if not existing or existing.endswith("\n") else "\n") + line + "\n")
    result = subprocess.run(["git", "config", "diff.docx.textconv", command], capture_output=True, text=True)
    if result.returncode != 0:
        raise _fail(Path.cwd(), f"git config không chạy được: {result.stderr.strip()}")
    _out().print(f"Đã ghi '{line}' vào {attributes.resolve()} và đặt git config diff.docx.textconv = \"{command}\".",
              highlight=False, soft_wrap=True)


# Click's own messages, in Vietnamese (the command line speaks one language).
_USAGE_ERRORS = [
    (r"No such command '(.+)'\.", "không có lệnh '{0}'"),
    (r"No such option '(\S+)'\. Did you mean '(.+)'\?", "không có tùy chọn {0} (có phải ý bạn là {1}?)"),
    (r"No such option '(\S+)'\.", "không có tùy chọn {0}"),
    (r"No such option: (\S+) \(Possible options: (.+)\)", "không có tùy chọn {0} (có phải ý bạn là {1}?)"),
    (r"No such option: (\S+)", "không có tùy chọn {0}"),
    (r"Missing argument '(.+)'\.", "thiếu đối số {0}"),
    (r"Missing option '(.+)'\.", "thiếu tùy chọn {0}"),
    (r"Option '(.+)' requires an argument\.", "tùy chọn {0} cần một giá trị"),
    (r"Got unexpected extra arguments? \((.+)\)", "thừa đối số: {0}"),
    (r"Invalid value for '(.+)': '(.+)' is not a valid integer\.", "{0}: '{1}' không phải số nguyên"),
    (r"Invalid value for '(.+)': .*valid integer.*", "{0}: không phải số nguyên"),
    (r"Invalid value for '(.+)': (.+)", "giá trị của {0} không hợp lệ: {1}"),
]


def _usage_error(exc) -> str:
    import re

    message = exc.format_message()
    for pattern, vietnamese in _USAGE_ERRORS:
        match = re.match(pattern, message)
        if match:
            groups = [METAVARS.get(g.lstrip("-").replace("-", "_").lower(), g) if g.isidentifier() else g
                      for g in match.groups()]
            return vietnamese.format(*groups)
    return message


METAVARS = {"paths": "TỆP_HOẶC_THƯ_MỤC", "output": "THƯ_MỤC", "for_each": "BẢNG", "files": "TỆP", "plan": "KẾ_HOẠCH",
            "previous": "KẾ_HOẠCH_NĂM_TRƯỚC", "year": "NĂM", "old": "CŨ", "new": "MỚI", "rev": "PHIÊN_BẢN",
            "format": "KIỂU", "source": "TỆP"}
COMMAND_METAVARS = {("import", "output"): "TỆP.yaml", ("new-year", "output"): "TỆP_MỚI",
                    ("import", "source"): "VĂN_BẢN", ("new-year", "plan"): "KẾ_HOẠCH_HOẶC_VĂN_BẢN"}
HELP_OPTION = ("-h, --help", "Hiện hướng dẫn này rồi thoát.")


def _columns(rows: list[tuple[str, str]]) -> list[str]:
    width = max((len(left) for left, _ in rows), default=0) + 3
    return [f"  {left.ljust(width)}{right}" for left, right in rows]


def _declared_help(command, name: str | None) -> str:
    """An argument's help as declared (`typer.Argument(help=…)`): click keeps none for arguments."""
    import inspect

    try:
        default = inspect.signature(command.callback).parameters[name or ""].default
    except (TypeError, ValueError, KeyError):
        return ""
    return getattr(default, "help", None) or ""


def _param_rows(command, command_name: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]], str]:
    arguments, options, usage = [], [], []
    for param in command.params:
        name = COMMAND_METAVARS.get((command_name, param.name or "")) or \
            METAVARS.get(param.name or "", (param.name or "").upper())
        text = getattr(param, "help", None) or _declared_help(command, param.name)
        if param.param_type_name == "argument":
            shown = name if param.required else f"[{name}]"
            shown += "..." if param.nargs == -1 else ""
            arguments.append((shown, text))
            usage.append(shown)
        else:
            flags = ", ".join(sorted(param.opts, key=len))
            options.append((flags if param.is_flag else f"{flags} {name}", text))
    options.append(HELP_OPTION)
    return arguments, options, " ".join(usage)


def help_text(command_name: str | None) -> str:
    """The help screen in Vietnamese, from the commands' own Vietnamese descriptions."""
    group = typer.main.get_command(app)
    if command_name is None:
        lines = ["Cách dùng: thidua [TÙY CHỌN] LỆNH [ĐỐI SỐ]...", "", app.info.help or "", "",
                 "Tùy chọn:", *_columns([("--version", "In phiên bản của thidua rồi thoát."), HELP_OPTION]), "",
                 "Các lệnh:"]
        commands = getattr(group, "commands", {})
        lines += _columns([(name, (cmd.help or "").strip().split("\n")[0]) for name, cmd in commands.items()])
        lines += ["", "Xem hướng dẫn của một lệnh: thidua LỆNH --help"]
        return "\n".join(lines)
    command = group.commands[command_name]  # type: ignore[attr-defined]
    arguments, options, usage = _param_rows(command, command_name)
    lines = [f"Cách dùng: thidua {command_name} [TÙY CHỌN] {usage}".rstrip(), "", (command.help or "").strip(), ""]
    if arguments:
        lines += ["Đối số:", *_columns(arguments), ""]
    lines += ["Tùy chọn:", *_columns(options)]
    return "\n".join(lines)


def _early_answer(args: list[str]) -> bool:
    """--help and --version, answered before anything else is loaded (fast, and in Vietnamese)."""
    words = [a for a in args if a != "--"]
    if not words or words[0] in ("-h", "--help"):
        print(help_text(None))
        return True
    if words[0] in ("--version", "-V"):
        from importlib.metadata import PackageNotFoundError, version

        try:
            print(f"thidua {version('thidua')}")
        except PackageNotFoundError:
            print("thidua (chưa cài đặt)")
        return True
    if len(words) > 1 and ("-h" in words[1:] or "--help" in words[1:]):
        commands = getattr(typer.main.get_command(app), "commands", {})
        if words[0] in commands:
            print(help_text(words[0]))
            return True
    return False


def main() -> None:
    """Entry point: help and usage errors in Vietnamese, exit 2; never a traceback."""
    if _early_answer(sys.argv[1:]):
        sys.exit(0)
    # Click's exceptions, from wherever this typer takes Click (newer typers vendor it)
    click = sys.modules[typer.BadParameter.__module__]
    try:
        code = app(standalone_mode=False)
    except click.UsageError as exc:
        ctx = exc.ctx
        name = f"thidua {ctx.command_path[len(ctx.find_root().command_path):].strip()}".strip() if ctx else "thidua"
        _say(_err(), "Lỗi", "red", f"{_usage_error(exc)} → xem: {name} --help")
        sys.exit(2)
    except click.ClickException as exc:
        _say(_err(), "Lỗi", "red", exc.format_message())
        sys.exit(exc.exit_code)
    except click.Abort:
        sys.exit(130)
    except (KeyboardInterrupt, SystemExit) as exc:
        sys.exit(exc.code if isinstance(exc, SystemExit) else 130)
    sys.exit(code if isinstance(code, int) else 0)
