"""`thidua serve`: the plans folder as a web page on this computer."""

from __future__ import annotations

from pathlib import Path

import typer

from generator.cli.base import app
from generator.cli.console import out


@app.command()
def serve(
    folder: Path = typer.Argument(Path("plans"), help="Thư mục chứa các kế hoạch (mặc định: plans/)"),
    port: int = typer.Option(8765, "--port", help="Cổng của trang web trên máy này (mặc định 8765)"),
    no_browser: bool = typer.Option(False, "--no-browser", help="Không tự mở trình duyệt"),
) -> None:
    """Mở trang web soạn kế hoạch trên máy này: sửa số liệu, xem trước trang in, tải .docx và PDF."""
    from generator.serve.server import serve as run

    def announce(url: str) -> None:
        out().print(f"Mở trang: {url}  (Ctrl+C để dừng)", highlight=False, soft_wrap=True)

    run(folder, port, not no_browser, announce)
