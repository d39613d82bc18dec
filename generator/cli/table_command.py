"""`thidua table-template`: the Excel template of a communes table for a base plan."""

from __future__ import annotations

from pathlib import Path

import typer

from generator.cli.base import app
from generator.cli.console import out


@app.command("table-template")
def table_template(
    plan: Path = typer.Argument(..., help="Kế hoạch gốc (.yaml) mà các xã, phường dựa vào"),
    output: Path = typer.Option(Path("xa-phuong.xlsx"), "--output", "-o", help="Tệp Excel cần ghi (mặc định: xa-phuong.xlsx)"),
) -> None:
    """Tạo tệp Excel mẫu cho bảng xã, phường của một kế hoạch gốc: gửi cho các xã điền, rồi tạo văn bản bằng --for-each."""
    from generator.tools.table_template import write_template

    columns = write_template(plan, output)
    out().print(f"Đã ghi: {output} ({len(columns)} cột: " + ", ".join(c.name for c in columns) + ")",
                highlight=False, soft_wrap=True)
    out().print(f"Điền xong, tạo văn bản: thidua build {plan} --for-each {output}", highlight=False, soft_wrap=True)
