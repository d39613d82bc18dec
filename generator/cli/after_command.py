"""`thidua report` and `thidua register`: the documents the year produces after the plan."""

from __future__ import annotations

from pathlib import Path

import typer

from generator.cli.base import app
from generator.cli.console import out


def _say(text: str) -> None:
    out().print(text, markup=False, highlight=False, soft_wrap=True)


@app.command()
def report(
    plan: Path = typer.Argument(..., help="Kế hoạch phát động thi đua (.yaml) cần báo cáo"),
    results: Path | None = typer.Option(None, "--results", "-r", help="Bảng kết quả (.xlsx, .csv, .yaml): cột target (mã chỉ tiêu), result (thực hiện), base, name, note"),
    period: str = typer.Option("năm", "--period", help="Kỳ báo cáo: năm (tổng kết), 6 tháng, hoặc mã một đợt thi đua (sơ kết đợt)"),
    table: Path | None = typer.Option(None, "--table", help="Bảng xã, phường của kế hoạch (báo cáo kết quả từng đơn vị)"),
    sheet: str | None = typer.Option(None, "--sheet", help="Trang tính của bảng kết quả"),
    output: Path | None = typer.Option(None, "--output", "-o", help="Tệp báo cáo .yaml (mặc định: bên cạnh kế hoạch)"),
) -> None:
    """Soạn báo cáo sơ kết, tổng kết từ kế hoạch và bảng kết quả: bảng chỉ tiêu (Kế hoạch, Thực hiện, Tỷ lệ, Đánh giá) tính sẵn; không ghi đè tệp đã có."""
    from generator.core.assessment import Verdict
    from generator.core.formatting import decimal_text
    from generator.tools.report import draft_report

    drafted = draft_report(plan, results, period, output, table, sheet)
    _say(f"Đã ghi: {drafted.path}")
    tally = {v: sum(r.assessment.verdict is v for r in drafted.rows) for v in Verdict}
    _say("Đánh giá: " + ", ".join(f"{v.value.lower()} {n}" for v, n in tally.items() if n))
    if not drafted.rows:
        _say("Kế hoạch không có chỉ tiêu nào: báo cáo không có bảng chỉ tiêu.")
    grouped: dict[tuple[str, str], list[str]] = {}
    for row in drafted.needing_a_person():
        rate = f" (tỷ lệ {decimal_text(row.assessment.rate)}%)" if row.assessment.rate is not None else ""
        name = row.target.id or f"'{row.target.label}' (chưa có id: thêm id trong kế hoạch để ghi kết quả)"
        grouped.setdefault((row.unit, row.assessment.reason), []).append(name + rate)
    if grouped:
        _say("Chưa đánh giá được (bảng ghi rõ, không đoán):")
        for (unit, reason), names in grouped.items():
            _say(f"  - {unit + ': ' if unit else ''}{reason}: {', '.join(names)}")
    _say(f"Tạo bản dự thảo: thidua build --draft {drafted.path}")


@app.command()
def register(
    plan: Path = typer.Argument(..., help="Kế hoạch phát động thi đua (.yaml) mà đơn vị đăng ký hưởng ứng"),
    for_each: Path | None = typer.Option(None, "--for-each", help="Bảng xã, phường (.xlsx, .csv, .yaml): một bản đăng ký cho mỗi dòng"),
    unit: str | None = typer.Option(None, "--unit", help="Tên đơn vị đăng ký, ví dụ: Trường THCS An Thới Đông (không có bảng)"),
    symbol: str | None = typer.Option(None, "--symbol", help="Chữ viết tắt tên đơn vị trong số, ký hiệu, ví dụ: THCS"),
    sheet: str | None = typer.Option(None, "--sheet", help="Trang tính của bảng xã, phường"),
    output: Path | None = typer.Option(None, "--output", "-o", help="Tệp .yaml (một đơn vị) hoặc thư mục (--for-each)"),
) -> None:
    """Soạn bản đăng ký thi đua: các phong trào, đợt thi đua, chỉ tiêu của kế hoạch và các danh hiệu; không ghi đè tệp đã có."""
    from generator.cli.console import err

    if for_each is None:
        from generator.tools.register import draft_registration

        written = draft_registration(plan, output, unit, symbol)
        _say(f"Đã ghi: {written}")
        _say(f"Điền các chỗ '……' (số lượng đăng ký) rồi tạo văn bản: thidua build {written}")
        return
    from generator.tools.register import draft_registrations

    batch = draft_registrations(plan, for_each, output, sheet)
    for path in batch.written:
        _say(f"Đã ghi: {path}")
    _say(f"{len(batch.written)} bản đăng ký" + (f", {len(batch.problems)} lỗi" if batch.problems else ""))
    for problem in batch.problems:
        err().print(f"Lỗi {problem}", markup=False, highlight=False, soft_wrap=True)
    if batch.problems:
        raise typer.Exit(1)
