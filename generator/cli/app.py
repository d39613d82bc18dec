"""The `thidua` command line: parses arguments, calls the package, prints in Vietnamese.

Each command imports what it needs when it runs, so `thidua --help` starts fast.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import NoReturn

import typer

from generator.cli import (  # noqa: F401  (register the commands)
    after_command,
    build_command,
    commands,
    diff_command,
    serve_command,
    table_command,
)
from generator.cli.base import app
from generator.cli.console import err, say
from generator.cli.help import early_answer, usage_error

__all__ = ["app", "main", "run"]


def _utf8_output() -> None:
    """Machine output (text, json, md, schema, git's textconv) is UTF-8 whatever the code page
    (cp1258 on a Vietnamese Windows); a console that cannot show a letter gets a '?', never an error."""
    for stream, piped in ((sys.stdout, True), (sys.stderr, False)):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        try:
            if piped and not stream.isatty():
                reconfigure(encoding="utf-8", errors="strict")
            else:
                reconfigure(errors="replace")
        except (ValueError, OSError):
            pass


GC_THRESHOLD = 50_000  # allocations between two collections of the youngest generation


def main() -> None:
    """Entry point: help and usage errors in Vietnamese, exit 2; every failure goes through one boundary."""
    _utf8_output()
    # Reading a long Word file makes hundreds of thousands of small objects, few of them cycles: the
    # default threshold (700) has the collector rescan them all again and again (a fifth of `check`)
    gc.set_threshold(GC_THRESHOLD, 20, 20)
    if early_answer(sys.argv[1:]):
        sys.exit(0)
    # Click's exceptions, from wherever this typer takes Click (newer typers vendor it)
    click = sys.modules[typer.BadParameter.__module__]
    try:
        code = app(standalone_mode=False)
    except click.UsageError as exc:
        ctx = exc.ctx
        name = f"thidua {ctx.command_path[len(ctx.find_root().command_path):].strip()}".strip() if ctx else "thidua"
        say(err(), "Lỗi", "red", f"{usage_error(exc)} → xem: {name} --help")
        sys.exit(2)
    except click.ClickException as exc:
        say(err(), "Lỗi", "red", exc.format_message())
        sys.exit(exc.exit_code)
    except click.Abort:
        sys.exit(130)
    except (KeyboardInterrupt, SystemExit) as exc:
        sys.exit(exc.code if isinstance(exc, SystemExit) else 130)
    except Exception as exc:  # a bug (located errors were said by the command's boundary, cli.base)
        command = " ".join(["thidua", *sys.argv[1:2]])
        say(err(), "Lỗi", "red", f"lỗi nội bộ của thidua khi chạy '{command}' ({type(exc).__name__}: {str(exc)[:200]}) "
            "→ xin báo lỗi kèm lệnh đã gõ và tệp đang dùng cho nhóm phát triển")
        sys.exit(2)
    sys.exit(code if isinstance(code, int) else 0)


def run() -> NoReturn:
    """The installed `thidua` and `python -m generator`: main, then out of the process without taking its
    objects apart one by one (a long document's hundreds of thousands: a few tenths of a second for
    nothing). Every command has closed its files and its LibreOffice by then; the output is flushed here."""
    try:
        main()
        code = 0
    except SystemExit as exc:
        if isinstance(exc.code, str):
            print(exc.code, file=sys.stderr)
        code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a reader that has gone (`thidua text … | more` closed early)
            pass
    os._exit(code)
