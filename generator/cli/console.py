"""Printing for people: Vietnamese labels, no markup read inside user text, rich loaded on first use."""

from __future__ import annotations

import signal
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from generator.core.errors import Problem, ThiduaError
from generator.core.filenames import PLAN_SUFFIXES  # noqa: F401 - the commands take it from here

if TYPE_CHECKING:
    from rich.console import Console


_CONSOLES: dict[bool, Console] = {}


def console(stderr: bool) -> Console:
    """A rich Console made on first use: `thidua --help` does not pay for importing rich."""
    if stderr not in _CONSOLES:
        from rich.console import Console

        _CONSOLES[stderr] = Console(stderr=stderr)
    return _CONSOLES[stderr]


def out() -> Console:
    return console(False)


def err() -> Console:
    return console(True)


def Text(*args, **kwargs):  # noqa: N802 - rich's class, imported when first used
    from rich.text import Text as RichText

    return RichText(*args, **kwargs)


DOCX_SUFFIXES = (".docx", ".docm", ".dotx")


def say(console: Console, label: str, colour: str, text: str) -> None:
    """Print user text verbatim: no rich markup is read inside it ("[0]", "[key]")."""
    from rich.text import Text as RichText

    console.print(RichText.assemble((label, colour), " ", text), highlight=False, soft_wrap=True)


def report(exc: ThiduaError) -> None:
    for problem in exc.problems:
        say(err(), "Lỗi", "red", str(problem))


def fail(file: Path | str, message: str, hint: str = "") -> typer.Exit:
    say(err(), "Lỗi", "red", str(Problem(Path(file), message, hint=hint)))
    return typer.Exit(2)


def stop_on_sigterm() -> None:
    """SIGTERM ends the command like Ctrl+C: clean-up code runs (no temporary file or
    LibreOffice is left behind)."""
    def stop(signum, frame):
        raise SystemExit(143)

    try:
        signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread (tests)
        pass


