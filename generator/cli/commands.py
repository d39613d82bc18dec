"""The commands over one plan or one Word file: check, schema, lint, new-year, import, events, show, text, git-setup."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from generator.cli.base import app
from generator.cli.console import PLAN_SUFFIXES, Text, err, fail, out, report, say, stop_on_sigterm
from generator.core.errors import Problem, ThiduaError

if TYPE_CHECKING:

    from generator.tools.lint import Finding


@app.command()
def check(
    files: list[Path] = typer.Argument(None, help="Các tệp .docx cần kiểm tra"),
    format: str = typer.Option("rich", "--format", help="Kiểu kết quả: rich (màu trên màn hình) hoặc json"),
    family: str = typer.Option(None, "--family", help="Họ văn bản, khi không muốn thidua tự nhận: "
                               "nhà nước, đảng, đoàn hoặc đội"),
    kind: str = typer.Option(None, "--kind", help="Loại văn bản phải có (\"KẾ HOẠCH\", \"THÔNG BÁO\" hoặc chữ "
                             "viết tắt KH, TB, …)"),
    rules: bool = typer.Option(False, "--rules", help="In danh sách quy tắc (mã, căn cứ, mức) rồi thoát"),
) -> None:
    """Kiểm tra tệp .docx theo thể thức Nghị định 30/2020/NĐ-CP. Mã thoát 0: đạt; 1: có lỗi; 3: chưa đánh giá được đầy đủ; 2: không đọc được."""
    import json

    from generator.checking.conformance import RULES, RuleError, Status, check_docx, verdict
    from generator.checking.reading import kind_named
    from generator.core.families import DEFAULT, family_named
    from generator.core.filenames import is_owner_file
    from generator.system.files import not_ordinary

    if format not in ("rich", "json"):
        raise fail(Path(format), f"--format '{format}' không hợp lệ", "chọn rich hoặc json")
    if rules:
        listing = [{"id": r.id, "clause": r.clause, "rule": r.name_for(DEFAULT), "severity": r.severity.value,
                    "basis": r.basis.value} for r in RULES]
        if format == "json":
            typer.echo(json.dumps(listing, ensure_ascii=False, indent=2))
        else:
            for entry in listing:
                out().print(f"{entry['id']:<32} {entry['basis']:<9} {entry['severity']:<6} {entry['clause']} – "
                            f"{entry['rule']}", highlight=False, soft_wrap=True)
        raise typer.Exit(0)
    if not files:
        raise fail("thidua check", "thiếu đối số TỆP...: chưa có tệp .docx nào để kiểm tra",
                   "ví dụ: thidua check \"Kế hoạch.docx\"; xem thêm: thidua check --help")
    stated_family = family_named(family) if family else None
    if family and stated_family is None:
        raise fail("--family", f"'{family}' không phải họ văn bản thidua biết", "chọn nhà nước, đảng, đoàn hoặc đội")
    stated_kind = kind_named(kind) if kind else None
    if kind and stated_kind is None:
        raise fail("--kind", f"'{kind}' không phải loại văn bản thidua biết",
                   "ví dụ: --kind \"KẾ HOẠCH\", --kind \"THÔNG BÁO\", --kind KH")
    colours = {Status.passed: "green", Status.failed: "red", Status.unknown: "yellow", Status.notice: "cyan",
               Status.not_applicable: "blue"}
    codes, report = [], []
    for file in files:
        if file.suffix.lower() in PLAN_SUFFIXES:
            say(err(), "Lỗi", "red", str(Problem(file, "đây là tệp kế hoạch, không phải văn bản Word",
                                                   hint=f"tạo văn bản rồi kiểm tra: thidua build {file}; "
                                                   "kiểm tra tệp kế hoạch: thidua lint")))
            codes.append(2)
            continue
        if (refused := not_ordinary(file)) is not None:
            say(err(), "Lỗi", "red", f"{file}: {refused.reason}")
            codes.append(2)
            continue
        if is_owner_file(file):  # "*.docx" in a folder Word has open also matches its lock files
            say(err(), "Bỏ qua", "yellow", f"{file}: tệp khóa tạm của Word (tài liệu đang mở), không phải văn bản")
            continue
        try:
            results = check_docx(file, stated_family, stated_kind)
        except RuleError as exc:
            say(err(), "Lỗi", "red", f"{file}: {exc}; xin báo lỗi kèm tệp này cho nhóm phát triển")
            codes.append(2)
            continue
        except ValueError as exc:
            say(err(), "Lỗi", "red", f"{file}: không đọc được tệp .docx: {exc}")
            codes.append(2)
            continue
        except Exception as exc:  # a damaged or non-Word file: say so, never a traceback, go on with the others
            say(err(), "Lỗi", "red", f"{file}: không đọc được tệp .docx ({type(exc).__name__})")
            codes.append(2)
            continue
        code, summary = verdict(results)
        codes.append(code)
        report.append({"file": str(file), "verdict": summary, "exit_code": code,
                       "results": [{"id": r.id, "clause": r.ref, "rule": r.rule, "status": r.status.value,
                                    "basis": r.basis, "detail": r.detail} for r in results]})
        if format == "rich":  # one print per file: rich's cost is per call (a third of checking a short file)
            lines = Text(str(file), style="bold")
            for result in results:
                lines.append("\n  " + str(result), style=colours[result.status])
            lines.append(f"\n  → {summary}")
            out().print(lines, highlight=False, soft_wrap=True)
    if format == "json":
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
    worst = max(codes, key=lambda c: (c == 2, c == 1, c == 3), default=0)
    raise typer.Exit(worst)


@app.command()
def schema() -> None:
    """In JSON Schema của tệp kế hoạch (để trình soạn thảo gợi ý khi viết YAML)."""
    import json

    from generator.plan.schema import editor_schema

    typer.echo(json.dumps(editor_schema(), ensure_ascii=False, indent=2))


def _print_findings(findings: list[Finding]) -> None:
    for finding in findings:
        say(out(), "Cảnh báo", "yellow", str(finding))


@app.command()
def lint(
    files: list[Path] = typer.Argument(..., help="Các tệp kế hoạch .yaml"),
    previous: Path | None = typer.Option(None, "--from", help="Kế hoạch năm trước, để chỉ ra chỉ tiêu giữ nguyên"),
) -> None:
    """Kiểm tra tệp kế hoạch mà không tạo văn bản: lỗi (mã thoát 2) và cảnh báo (mã thoát 0)."""
    from generator.plan.loader import load
    from generator.tools.lint import lint as lint_plan

    errors = False
    before = load(previous) if previous else None
    from generator.build.pipeline import Mode, document_bytes, internal_error

    for file in files:
        try:
            loaded = load(file)
            document_bytes(loaded, file, mode=Mode.preview)  # whatever `build` would refuse (the template, …), lint reports
            findings = lint_plan(loaded, before)
        except ThiduaError as exc:
            report(exc)
            errors = True
            continue
        except Exception as exc:  # a bug: said plainly
            report(internal_error(file, exc))
            errors = True
            continue
        _print_findings(findings)
        out().print(f"{file}: {len(findings)} cảnh báo.", highlight=False)
    if errors:
        raise typer.Exit(2)


YEARS = (1945, 2100)  # the years a plan may carry (model.Plan.year)


def _check_year(year: int, what: str) -> None:
    if not YEARS[0] <= year <= YEARS[1]:
        say(err(), "Lỗi", "red", f"{what} {year} không hợp lệ: chọn một năm từ {YEARS[0]} đến {YEARS[1]}")
        raise typer.Exit(2)


@app.command("new-year")
def new_year(
    plan: Path = typer.Argument(..., help="Tệp kế hoạch của năm cũ"),
    year: int | None = typer.Option(None, "--year", help="Năm mới (mặc định: năm cũ + 1)"),
    output: Path | None = typer.Option(None, "--output", "-o", help="Tên tệp mới (mặc định: bên cạnh tệp cũ)"),
) -> None:
    """Soạn kế hoạch năm mới từ kế hoạch năm cũ (.yaml, hoặc văn bản Word .docx/.doc: nhập trước); không bao giờ ghi đè tệp đã có."""
    if year is not None:
        _check_year(year, "năm")
    if plan.suffix.lower() in PLAN_SUFFIXES:
        _roll_forward(plan, year, output)
        return
    # last year's Word file: imported into a scratch folder, so that nothing is written beside the
    # Word file (a read-only share) and no earlier run's file stands in the way; only the new plan is written
    import tempfile

    from generator.importing.command import import_file
    from generator.system.files import scratch_folder

    stop_on_sigterm()  # the scratch folder is removed on SIGTERM too
    with scratch_folder(Path(tempfile.gettempdir()), "thidua-new-year-") as scratch:
        written = import_file(plan, scratch / f"{plan.stem}.yaml")
        for problem in written.problems:
            err().print(f"Lỗi {problem}", markup=False, highlight=False, soft_wrap=True)
        if written.problems:
            out().print(f"Chạy trước: thidua import {plan} (rồi sửa các lỗi trên), sau đó thidua new-year "
                        "với tệp .yaml", highlight=False, soft_wrap=True)
            raise typer.Exit(1)
        counts = written.imported.counts
        out().print(f"Đã đọc: {plan} ({counts.get('sections', 0)} mục, {counts.get('targets', 0)} chỉ tiêu, "
                    f"{counts.get('rounds', 0)} đợt thi đua)", highlight=False, soft_wrap=True)
        target = _roll_forward(written.path, year, output, named_after=plan.with_suffix(".yaml"))
    if written.marked:
        out().print(f"Các dòng có '# KIỂM TRA' trong {target} cần người xem lại ({len(written.marked)} dòng).",
                    highlight=False, soft_wrap=True)


def _roll_forward(old_file: Path, year: int | None, output: Path | None, named_after: Path | None = None) -> Path:
    """Write next year's plan (beside `named_after`, else beside the old file) and say what to decide again."""
    from generator.plan.loader import load
    from generator.tools.lint import lint as lint_plan
    from generator.tools.newyear import target_path, write_new_year

    old = load(old_file)
    new_year_value = year or old.plan.year + 1
    _check_year(new_year_value, "năm")
    if output is None and named_after is not None:
        output = target_path(named_after, old.plan.year, new_year_value)
    target = write_new_year(old_file, old.plan.year, new_year_value, output)
    out().print(f"Đã ghi: {target} (năm {new_year_value}; số văn bản và ngày ký để trống)", highlight=False, soft_wrap=True)
    findings = lint_plan(load(target), old)
    if findings:
        out().print(f"Những chỗ cần quyết định lại trong {target}:", highlight=False, soft_wrap=True)
        _print_findings(findings)
    return target


@app.command("import")
def import_word(
    source: Path = typer.Argument(..., help="Văn bản Word của năm trước (.docx, .doc, .odt)"),
    output: Path | None = typer.Option(None, "--output", "-o", help="Tệp kế hoạch .yaml (mặc định: cùng tên, bên cạnh)"),
) -> None:
    """Chuyển một văn bản Word thành tệp kế hoạch .yaml tạo lại đúng văn bản đó; không ghi đè tệp đã có."""
    _import(source, output)


def _import(source: Path, output: Path | None) -> Path:
    """Import a Word file and report; exit 2 if it cannot be read, 1 if the plan written still has problems."""
    from generator.importing.command import import_file

    stop_on_sigterm()  # a .doc's scratch folder is removed on SIGTERM too
    written = import_file(source, output)
    _print_import(written)
    if written.problems:
        raise typer.Exit(1)
    return written.path


def _print_import(written) -> None:
    counts = written.imported.counts
    out().print(f"Đã ghi: {written.path}", highlight=False, soft_wrap=True)
    out().print(f"Nhận ra: {counts.get('sections', 0)} mục, {counts.get('targets', 0)} chỉ tiêu, "
                 f"{counts.get('rounds', 0)} đợt thi đua, {counts.get('occasions', 0) + counts.get('anniversaries', 0)} "
                 "ngày kỷ niệm (tự tính lại khi sang năm mới); giữ nguyên dạng chữ: "
                 f"{counts.get('text', 0)} đoạn", highlight=False, soft_wrap=True)
    if written.marked:
        out().print("Cần người xem lại:", highlight=False)
        for line, message in written.marked:
            out().print(f"  {written.path}, dòng {line}: {message}", markup=False, highlight=False, soft_wrap=True)
    for problem in written.problems:
        err().print(f"Lỗi {problem}", markup=False, highlight=False, soft_wrap=True)


@app.command()
def events(
    year: int = typer.Argument(..., help="Năm cần xem (1945 - 2100)", min=None),
    plan: Path | None = typer.Option(None, "--plan", help="Thêm các sự kiện địa phương khai báo trong kế hoạch"),
) -> None:
    """Liệt kê các ngày kỷ niệm trong năm; ★ là năm tròn (chẵn 5, 10 năm), thường có đợt cao điểm."""
    from generator.core.anniversaries import events_in_year, is_round_number, local_events
    from generator.plan.loader import load

    _check_year(year, "năm")
    local = {}
    if plan:
        local = local_events(load(plan).plan)
    for day, event, count in events_in_year(year, local):
        star = "★" if is_round_number(count) else " "
        when = f"{day:%d/%m}" if not isinstance(event.since, int) else "  năm"
        out().print(f"{star} {when}  {count:>3} năm  {event.name}  [{event.key}]", markup=False, highlight=False,
                  soft_wrap=True)


@app.command()
def show(plan: Path = typer.Argument(..., help="Tệp kế hoạch (có thể kế thừa kế hoạch khác bằng extends)")) -> None:
    """In kế hoạch sau khi kế thừa, mỗi giá trị kèm tệp và dòng nó được viết."""
    from generator.plan.inherit import provenance_yaml
    from generator.plan.loader import load

    loaded = load(plan)
    typer.echo(provenance_yaml(loaded.raw, loaded.marks, Path.cwd()), nl=False)


@app.command()
def text(source: Path = typer.Argument(..., help="Tệp kế hoạch .yaml hoặc văn bản .docx")) -> None:
    """In nội dung chữ của kế hoạch (như khi in ra) hoặc của tệp .docx, mỗi đoạn một dòng."""
    import io

    from generator.word.limits import reading_problem
    from generator.word.text import docx_paragraphs

    if source.suffix.lower() in PLAN_SUFFIXES:
        from generator.build.pipeline import Mode, internal_error, plan_document

        try:
            paragraphs = docx_paragraphs(io.BytesIO(plan_document(source, mode=Mode.preview)))
        except ThiduaError:
            raise  # located: the command's boundary says it
        except Exception as exc:  # a bug: said plainly, naming the plan
            raise internal_error(source, exc) from None
    else:
        from generator.system.files import not_ordinary

        if (refused := not_ordinary(source)) is not None:
            raise fail(source, refused.reason, refused.hint)
        try:
            paragraphs = docx_paragraphs(source, page_headers=True)
        except Exception as exc:  # a damaged, oversized or non-Word file
            raise fail(source, reading_problem(exc), "text đọc tệp kế hoạch .yaml hoặc văn bản Word .docx") from None
    typer.echo("\n".join(paragraphs))


@app.command("git-setup")
def git_setup() -> None:
    """Cài đặt để `git diff` hiển thị nội dung chữ của các tệp .docx (qua lệnh thidua text)."""
    from generator.system.gitsetup import ATTRIBUTE, set_up

    done = set_up(Path.cwd())
    where = "đã có sẵn trong" if not done.added else "đã ghi vào"
    out().print(f"'{ATTRIBUTE}' {where} {done.attributes} và đặt git config diff.docx.textconv = \"{done.command}\".",
                highlight=False, soft_wrap=True)
