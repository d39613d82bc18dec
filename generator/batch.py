"""Build many documents: plan files or the rows of a communes table, on every core.

- each job is independent: a bad file or row is reported and the others go on;
- files are written atomically, so a batch killed half-way leaves only whole files;
- a manifest in the output folder remembers the hash of what thidua last wrote: a file
  that differs from it was edited by hand and is kept unless `force` is given.
"""

from __future__ import annotations

import gc
import hashlib
import ctypes
import ctypes.util
import json
import os
import signal
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from .context import build_context
from .errors import Problem, ThiduaError
from .inherit import merge
from .expressions import plain_containers
from .loader import Loaded, load, validate_data
from .render import compiled_template, render_bytes, template_path, write_atomic
from .table import Row, row_override

MANIFEST = ".thidua-manifest.json"
PARALLEL_FROM = 12  # below this, starting worker processes costs more than it saves


@dataclass
class Job:
    label: str
    target: Path
    plan_file: Optional[Path] = None
    row: Optional[Row] = None


@dataclass
class Outcome:
    label: str
    target: Path
    status: str  # written, unchanged, kept, failed
    digest: str = ""
    problems: list[Problem] = field(default_factory=list)


@dataclass
class Base:
    """The plan every table row is merged onto: loaded once, shared with the workers."""

    file: Path
    data: dict
    marks: dict
    plain_ids: frozenset = frozenset()  # its parts with no {{ … }}: rows share them unchanged


def _set_base(base: Optional[Base]) -> None:
    global _BASE
    if base is not None:
        # ids of the base's own objects: computed where they live (each worker has its copy)
        base.plain_ids = plain_containers(base.data)
    _BASE = base


_BASE: Optional[Base] = None


def _start_worker(base: Optional[Base]) -> None:
    _set_base(base)
    gc.freeze()  # what the worker inherited stays put: the collector only walks new objects
    _die_with_parent()


def _die_with_parent() -> None:
    """A killed `thidua build` must not leave its workers behind. Linux's parent-death
    signal costs nothing while it waits; a watcher thread halved the throughput."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        return  # not Linux: the pool's own shutdown is all there is
    if os.getppid() == 1:  # the parent died before the signal was set up
        os._exit(1)


PR_SET_PDEATHSIG = 1


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_job(job: Job) -> tuple[Loaded, Path]:
    if job.plan_file is not None:
        return load(job.plan_file), job.plan_file
    over, over_marks = row_override(job.row, _BASE.data)
    merged = merge(_BASE.data, _BASE.marks, (), over, over_marks, (), (), None)
    try:
        return validate_data(job.row.file, merged, {}, plain_ids=_BASE.plain_ids), _BASE.file
    except ThiduaError:  # merge again, keeping marks, to say where each problem was written
        marks: dict = {}
        merged = merge(_BASE.data, _BASE.marks, (), over, over_marks, (), (), marks)
        return validate_data(job.row.file, merged, marks), _BASE.file


def run_job(job: Job, expected: Optional[str], force: bool) -> Outcome:
    try:
        loaded, plan_file = load_job(job)
        data = render_bytes(template_path(loaded.plan, plan_file), build_context(loaded.plan))
        digest = sha256(data)
        if job.target.exists():
            current = sha256(job.target.read_bytes())
            if current == digest:
                return Outcome(job.label, job.target, "unchanged", digest)
            if current != expected and not force:
                return Outcome(job.label, job.target, "kept")
        write_atomic(job.target, data)
        return Outcome(job.label, job.target, "written", digest)
    except ThiduaError as exc:
        return Outcome(job.label, job.target, "failed", problems=exc.problems)


class Manifest:
    def __init__(self, root: Path):
        self.root, self.path = os.path.abspath(root), root / MANIFEST
        try:
            self.digests: dict[str, str] = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.digests = {}

    def key(self, target: Path) -> str:
        # abspath, not resolve(): no file-system calls for each of thousands of documents
        return Path(os.path.relpath(os.path.abspath(target), self.root)).as_posix()

    def expected(self, target: Path) -> Optional[str]:
        return self.digests.get(self.key(target))

    def record(self, target: Path, digest: str) -> None:
        self.digests[self.key(target)] = digest

    def save(self) -> None:
        text = json.dumps(dict(sorted(self.digests.items())), ensure_ascii=False, indent=1)
        write_atomic(self.path, text.encode("utf-8"))


def remove_stale_temporaries(root: Path) -> None:
    """Temporary files left by a batch that was killed before it could rename them."""
    if root.is_dir():
        for stale in root.rglob(".*.tmp"):
            stale.unlink(missing_ok=True)


def run(jobs: list[Job], root: Path, force: bool = False, base: Optional[Base] = None,
        workers: Optional[int] = None, on_done: Callable[[Outcome], None] = lambda o: None) -> list[Outcome]:
    """Run every job; record what was written in the manifest of `root`."""
    remove_stale_temporaries(root)
    manifest = Manifest(root)
    _set_base(base)
    _warm_up(jobs[:1])
    workers = workers or os.cpu_count() or 1
    outcomes: list[Outcome] = []

    def done(outcome: Outcome) -> None:
        if outcome.digest:
            manifest.record(outcome.target, outcome.digest)
        outcomes.append(outcome)
        on_done(outcome)

    try:
        if workers < 2 or len(jobs) < PARALLEL_FROM:
            for job in jobs:
                done(run_job(job, manifest.expected(job.target), force))
        else:
            _run_parallel(jobs, manifest, force, base, workers, done)
    finally:
        if any(o.digest for o in outcomes):
            manifest.save()
    return outcomes


def run_chunk(chunk: list[tuple[Job, Optional[str]]], force: bool) -> list[Outcome]:
    return [run_job(job, expected, force) for job, expected in chunk]


CHUNK = 8  # jobs per task sent to a worker: fewer round trips between processes


def _run_parallel(jobs: list[Job], manifest: Manifest, force: bool, base: Optional[Base], workers: int,
                  done: Callable[[Outcome], None]) -> None:
    window = workers * 4  # tasks in flight at most: memory stays flat however long the table
    chunks = [jobs[i:i + CHUNK] for i in range(0, len(jobs), CHUNK)]
    with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(base,)) as pool:
        pending = set()
        for chunk in chunks:
            pending.add(pool.submit(run_chunk, [(job, manifest.expected(job.target)) for job in chunk], force))
            if len(pending) >= window:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    for outcome in future.result():
                        done(outcome)
        for future in wait(pending).done:
            for outcome in future.result():
                done(outcome)


def _warm_up(jobs: list[Job]) -> None:
    """Compile the template before forking, so that every worker inherits it compiled.
    A job that fails here fails again, with its message, when it runs."""
    for job in jobs:
        try:
            loaded, plan_file = load_job(job)
            compiled_template(template_path(loaded.plan, plan_file))
        except ThiduaError:
            pass
