"""A content-keyed cache of built documents, in the user's cache folder.

Rebuilding a plan nobody changed should cost nothing. An entry records, for one plan
file, the SHA-256 of every file the build read (the plan, the plans it extends, the
template) and of the document it produced. It is used only when every one of those
files is unchanged and so is everything else the output depends on: thidua's own code
and templates, the versions of the libraries it renders with, the folder the command
runs in (it decides where `extends:` may point) and today's date (a plan without a
date is dated the day it is built). A missing, unreadable or corrupt entry is a miss:
it only costs the time of a normal build. `THIDUA_CACHE=off` turns the cache off.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path

LIBRARIES = ("docxtpl", "docx", "jinja2", "babel", "yaml", "pydantic", "pydantic_core", "lxml")


def cache_dir() -> Path | None:
    configured = os.environ.get("THIDUA_CACHE", "")
    if configured.lower() in ("off", "0", "no"):
        return None
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "thidua"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_sha(path: Path) -> str | None:
    try:
        return _sha(path.read_bytes())
    except OSError:
        return None


@lru_cache(maxsize=1)
def environment_digest() -> str:
    """Everything besides the input files that the bytes of a document depend on."""
    from importlib.util import find_spec

    digest = hashlib.sha256()
    package = Path(__file__).resolve().parents[1]
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode() + source.read_bytes())
    for name in LIBRARIES:  # where each library lives and when it was installed: an upgrade changes it
        spec = find_spec(name)
        origin = spec.origin if spec and spec.origin else "?"
        try:
            stat = os.stat(origin)
            digest.update(f"{name}={origin}:{stat.st_size}:{stat.st_mtime_ns}".encode())
        except OSError:
            digest.update(f"{name}=?".encode())
    digest.update(os.environ.get("THIDUA_TEMPLATES", "").encode())
    digest.update(str(Path.cwd().resolve()).encode())
    digest.update(dt.date.today().isoformat().encode())
    return digest.hexdigest()


def _entry_path(folder: Path, plan_file: Path) -> Path:
    key = _sha(f"{Path(plan_file).resolve()}\n{environment_digest()}".encode())
    return folder / f"{key}.json"


def lookup(plan_file: Path) -> bytes | None:
    """The document built earlier from exactly these inputs, or None."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        entry = json.loads(_entry_path(folder, plan_file).read_text(encoding="utf-8"))
        inputs: dict[str, str] = entry["inputs"]
        if not inputs or any(_file_sha(Path(path)) != sha for path, sha in inputs.items()):
            return None
        data = (folder / f"{entry['output']}.docx").read_bytes()
        return data if _sha(data) == entry["output"] else None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def store(plan_file: Path, inputs: set[Path], data: bytes) -> None:
    """Remember the document built from `inputs`; a failure to write is silent (only time is lost)."""
    folder = cache_dir()
    if folder is None:
        return
    from generator.core.errors import ThiduaError
    from generator.system.files import write_atomic

    shas = {str(path.resolve()): _file_sha(path) for path in inputs}
    if any(sha is None for sha in shas.values()):
        return
    output = _sha(data)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not (folder / f"{output}.docx").exists():
            write_atomic(folder / f"{output}.docx", data)
        write_atomic(_entry_path(folder, plan_file),
                     json.dumps({"inputs": shas, "output": output}, ensure_ascii=False).encode("utf-8"))
    except (OSError, ThiduaError):
        return
