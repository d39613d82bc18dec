"""The folder the server was opened on: its plans and tables, and the rule that nothing
outside it is ever read or written."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from generator.core.errors import Problem, ThiduaError
from generator.core.filenames import PLAN_SUFFIXES, is_owner_file

TABLE_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".xls", ".ods")
SKIPPED_FOLDERS = {".git", "output", ".venv", "node_modules", "__pycache__"}
MAX_LISTED = 2000


class Outside(ThiduaError):
    """A path that leaves the opened folder."""


def inside(root: Path, relative: str) -> Path:
    """`relative` resolved under `root`; refused when it is absolute, climbs out, or is a
    link that leads out."""
    if not relative or "\x00" in relative:
        raise Outside([Problem(Path(relative or "."), "thiếu đường dẫn tệp")])
    candidate = Path(relative)
    if candidate.is_absolute() or candidate.drive or ".." in candidate.parts:
        raise Outside([Problem(candidate, "đường dẫn ra ngoài thư mục đang mở")])
    full = (root / candidate).resolve()
    if not full.is_relative_to(root.resolve()):
        raise Outside([Problem(candidate, "đường dẫn ra ngoài thư mục đang mở")])
    return full


def relative(root: Path, path: Path) -> str:
    return path.resolve().relative_to(root.resolve()).as_posix()


@dataclass(frozen=True)
class Entry:
    path: str  # relative to the folder, with "/"
    title: str
    year: str
    issuer: str
    changed: str  # dd/mm/yyyy hh:mm
    problem: str = ""  # why the plan does not load, in the loader's words (first problem)


def _walk(root: Path, suffixes: tuple[str, ...]) -> list[Path]:
    found: list[Path] = []
    for path in sorted(root.rglob("*")):
        if len(found) >= MAX_LISTED:
            break
        parts = path.relative_to(root).parts
        if any(part in SKIPPED_FOLDERS or part.startswith(".") for part in parts):
            continue
        if path.suffix.lower() in suffixes and path.is_file() and not is_owner_file(path):
            if not path.resolve().is_relative_to(root.resolve()):
                continue  # a link that leads out of the folder
            found.append(path)
    return found


def plans(root: Path) -> list[Entry]:
    """Every plan below `root` (bases named "_…" included: they are edited too)."""
    from generator.document.issuance import issuer_name
    from generator.plan.loader import load

    entries = []
    for path in _walk(root, PLAN_SUFFIXES):
        if path.name.endswith((".table.yaml", ".table.yml")):
            continue
        changed = dt.datetime.fromtimestamp(path.stat().st_mtime).strftime("%d/%m/%Y %H:%M")
        try:
            plan = load(path).plan
        except ThiduaError as exc:
            entries.append(Entry(relative(root, path), path.stem, "", "", changed, str(exc.problems[0].message)))
            continue
        except Exception as exc:  # noqa: BLE001 - one broken file must not hide the others
            entries.append(Entry(relative(root, path), path.stem, "", "", changed, type(exc).__name__))
            continue
        entries.append(Entry(relative(root, path), plan.summary, str(plan.year), issuer_name(plan.issuer), changed))
    return entries


def tables(root: Path) -> list[str]:
    return [relative(root, p) for p in _walk(root, TABLE_SUFFIXES)]
