"""The Typer application every command registers on, with the one error boundary of a command.

A command raises `ThiduaError` (a located Vietnamese problem) or meets an `OSError` (the
machine's state); the boundary prints it and exits 2, whether the command runs from the
console script or from a test's CliRunner. `app.main` adds the last net for bugs.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import typer

from generator.core.errors import ThiduaError, os_problem


class GuardedTyper(typer.Typer):
    def command(self, *args: Any, **kwargs: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:  # type: ignore[override]
        register = super().command(*args, **kwargs)

        def decorator(function: Callable[..., Any]) -> Callable[..., Any]:
            @functools.wraps(function)  # typer reads the signature through __wrapped__
            def guarded(*call_args: Any, **call_kwargs: Any) -> Any:
                from generator.cli.console import err, report, say

                try:
                    return function(*call_args, **call_kwargs)
                except ThiduaError as exc:
                    report(exc)
                    raise typer.Exit(2) from None
                except OSError as exc:
                    say(err(), "Lỗi", "red", str(os_problem(exc)))
                    raise typer.Exit(2) from None

            register(guarded)
            return function

        return decorator


app = GuardedTyper(
    help="thidua: soạn Kế hoạch, Phát động phong trào thi đua đúng Nghị định 30/2020/NĐ-CP từ tệp YAML.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
