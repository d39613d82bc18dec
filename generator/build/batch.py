"""Build many documents: plan files or the rows of a communes table, on every core.

- each job is independent: a bad file or row is reported and the others go on;
- files are written atomically, so a batch killed half-way leaves only whole files;
- a manifest in the output folder remembers the hash of what thidua last wrote: a file
  that differs from it was edited by hand and is kept unless `force` is given.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import re
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from generator.build.pipeline import Base, Mode, build_plan, document_bytes, internal_error, load_row
from generator.core.errors import Problem, ThiduaError, os_reason
from generator.core.filenames import PLAN_SUFFIXES, is_owner_file, name_problem, path_too_long
from generator.system.files import write_atomic
from generator.system.processes import alive, set_parent_death_signal

if TYPE_CHECKING:
    from filelock import FileLock

    from generator.plan.communes import Row
    from generator.plan.loader import Loaded

MANIFEST = ".thidua-manifest.json"
JOURNAL = ".thidua-manifest.journal"  # one line per file written, appended as it is written
LOCK = ".thidua-manifest.lock"
PARALLEL_FROM = 12  # below this, starting worker processes costs more than it saves


class Status(str, Enum):
    written = "written"
    unchanged = "unchanged"
    kept = "kept"  # edited by hand since thidua wrote it: not overwritten
    failed = "failed"


@dataclass
class Job:
    label: str
    target: Path
    plan_file: Path | None = None
    row: Row | None = None
    mode: Mode = Mode.final


@dataclass
class Outcome:
    label: str
    target: Path
    status: Status
    digest: str = ""
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # the document was written; these are to look at


def _set_base(base: Base | None) -> None:
    global _BASE
    if base is not None:
        from generator.plan.expressions import plain_containers

        # ids of the base's own objects: computed where they live (each worker has its copy)
        base.plain_ids = plain_containers(base.data)
    _BASE = base


_BASE: Base | None = None


def _start_worker(base: Base | None, template: Path | None) -> None:
    """Each worker holds the base and the compiled template: inherited under fork (a cache
    hit here), built here under spawn (Windows, macOS, Python 3.14's default on Linux)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the command's own handler would keep a worker alive
    _set_base(base)
    if template is not None:
        from generator.document.render import compiled_template

        compiled_template(template)
    gc.freeze()  # what the worker inherited stays put: the collector only walks new objects
    _die_with_parent()


def _die_with_parent() -> None:
    """A killed `thidua build` must not leave its workers behind."""
    if not set_parent_death_signal():
        return  # not Linux: the pool's own shutdown is all there is
    if os.getppid() == 1:  # the parent died before the signal was set up
        os._exit(1)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_job(job: Job) -> tuple[Loaded, Path]:
    if job.plan_file is not None:
        from generator.plan.loader import load

        return load(job.plan_file), job.plan_file
    assert job.row is not None and _BASE is not None
    return load_row(_BASE, job.row), _BASE.file


def journal(root: str, target: Path, digest: str) -> None:
    """Note, before the rename, that thidua is writing `digest` to `target`: whatever point
    a kill comes at, the file on disk is one thidua knows (a short append is atomic)."""
    key = Path(os.path.relpath(os.path.abspath(target), root)).as_posix()
    try:
        os.makedirs(root, exist_ok=True)
        with open(os.path.join(root, JOURNAL), "a", encoding="utf-8") as handle:
            handle.write(json.dumps([key, digest], ensure_ascii=False) + "\n")
    except OSError:
        pass  # an unwritable folder: writing the document fails next, with its own message


def run_job(job: Job, expected: frozenset[str], force: bool, root: str = "") -> Outcome:
    try:
        warnings: list[Problem] = []
        if job.plan_file is not None:
            built = build_plan(job.plan_file, mode=job.mode)
            data, warnings = built.data, built.warnings
        else:
            loaded, plan_file = load_job(job)
            data = document_bytes(loaded, plan_file, mode=job.mode)
        digest = sha256(data)
        if job.target.exists():
            if job.target.is_dir():
                raise ThiduaError([Problem(job.target, "đã có một thư mục trùng tên với tệp cần ghi",
                                           hint="đổi tên hoặc xóa thư mục đó, hoặc chọn thư mục khác bằng -o")])
            current = sha256(job.target.read_bytes())
            if current == digest:
                return Outcome(job.label, job.target, Status.unchanged, digest, warnings=warnings)
            if current not in expected and not force:
                return Outcome(job.label, job.target, Status.kept)
        if root:
            journal(root, job.target, digest)
        write_atomic(job.target, data)
        return Outcome(job.label, job.target, Status.written, digest, warnings=warnings)
    except ThiduaError as exc:
        return Outcome(job.label, job.target, Status.failed, problems=exc.problems)
    except Exception as exc:  # a bug: report it for this job, go on with the others
        return Outcome(job.label, job.target, Status.failed,
                       problems=internal_error(job.plan_file or (job.row.file if job.row else job.target),
                                               exc).problems)


class Manifest:
    """What thidua last wrote in an output folder (path → SHA-256), kept across runs.

    Held under a lock for a whole run, so two runs into one folder take turns; each
    written file is appended to a journal at once, so a killed run loses nothing; the
    journal is folded into the manifest when the run ends (or by the next run)."""

    def __init__(self, root: Path, on_wait: Callable[[], None] = lambda: None):
        self.root, self.path = os.path.abspath(root), Path(root) / MANIFEST
        self.warnings: list[str] = []
        self.digests: dict[str, frozenset[str]] = {}  # more than one after a killed run
        self._lock: FileLock | None = None
        self._dirty = False
        self._created = not Path(root).exists()
        try:
            Path(root).mkdir(parents=True, exist_ok=True)  # the lock lives there, even for a new folder
        except OSError:
            self._created = False  # writing fails later, with a located message
        if Path(root).is_dir():
            self._acquire(on_wait)
        self._read()

    def _acquire(self, on_wait: Callable[[], None]) -> None:
        from filelock import FileLock, Timeout  # the same lock on Windows and Linux

        lock = FileLock(Path(self.root) / LOCK)
        try:
            lock.acquire(timeout=0)
        except Timeout:
            on_wait()
            lock.acquire()
        except OSError:
            return  # a read-only folder: writing will fail with its own message
        self._lock = lock

    def _read(self) -> None:
        if self.path.exists():
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                if not isinstance(data, dict):
                    raise ValueError
                for key, value in data.items():
                    values = [value] if isinstance(value, str) else value
                    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                        raise ValueError
                    self.digests[str(key)] = frozenset(values)
            except (OSError, ValueError, UnicodeDecodeError):
                self.warnings.append(f"{self.path}: tệp ghi nhận của thidua bị hỏng, không đọc được; mọi tệp .docx "
                                     "đã có được coi là đã sửa tay và giữ nguyên (thêm --force để ghi đè)")
        elif Path(self.root).is_dir() and not (Path(self.root) / JOURNAL).exists() and \
                any(not is_owner_file(p) for p in Path(self.root).rglob("*.docx")):
            self.warnings.append(f"{self.path}: không thấy tệp ghi nhận của thidua; các tệp .docx đã có trong thư "
                                 "mục được coi là đã sửa tay và giữ nguyên (thêm --force để ghi đè)")
        journal = Path(self.root) / JOURNAL
        try:
            lines = journal.read_text(encoding="utf-8", errors="replace").splitlines() if journal.exists() else []
        except OSError as exc:
            self.warnings.append(f"{journal}: không đọc được nhật ký ghi của thidua ({os_reason(exc)})")
            lines = []
        if lines:  # a run that was killed: what it wrote is still known
            for line in lines:
                try:
                    key, digest = json.loads(line)
                    self.digests[str(key)] = self.digests.get(str(key), frozenset()) | {str(digest)}
                    self._dirty = True
                except (ValueError, TypeError):
                    continue  # the last line of a killed run may be cut short

    def key(self, target: Path) -> str:
        # abspath, not resolve(): no file-system calls for each of thousands of documents
        return Path(os.path.relpath(os.path.abspath(target), self.root)).as_posix()

    def expected(self, target: Path) -> frozenset[str]:
        return self.digests.get(self.key(target), frozenset())

    def record(self, target: Path, digest: str) -> None:
        """What this run wrote (or found unchanged); the workers journal it as they write."""
        key = self.key(target)
        if self.digests.get(key) != {digest}:
            self.digests[key] = frozenset({digest})
            self._dirty = True

    def stale(self, produced: set[str], folders: set[str]) -> list[Path]:
        """Files thidua wrote earlier in `folders` that this run no longer produces."""
        found = []
        for key in sorted(self.digests):
            if key not in produced and Path(key).parent.as_posix() in folders:
                path = Path(self.root) / key
                if path.is_file():
                    found.append(path)
        return found

    def close(self) -> None:
        """Fold the journal into the manifest and release the lock."""
        try:
            if self._dirty:
                data = {k: (next(iter(v)) if len(v) == 1 else sorted(v)) for k, v in sorted(self.digests.items())}
                text = json.dumps(data, ensure_ascii=False, indent=1)
                write_atomic(self.path, text.encode("utf-8"))
                (Path(self.root) / JOURNAL).unlink(missing_ok=True)
        except (ThiduaError, OSError) as exc:  # the documents are written: said, never lost with the run
            why = "; ".join(p.message for p in exc.problems) if isinstance(exc, ThiduaError) else os_reason(exc)
            self.warnings.append(f"{self.path}: không lưu được tệp ghi nhận của thidua ({why}); các văn bản đã "
                                 "ghi vẫn còn nguyên, lần chạy sau đọc lại nhật ký ghi để biết chúng")
        finally:
            if self._lock is not None:
                self._lock.release()
                self._lock = None
            root = Path(self.root)
            if self._created and root.is_dir() and {p.name for p in root.iterdir()} <= {LOCK}:
                (root / LOCK).unlink(missing_ok=True)  # nothing was written: leave no empty folder behind
                try:
                    root.rmdir()
                except OSError:
                    pass


_TEMPORARY = re.compile(r"^\..*\.(\d+)\.[^.]*\.tmp$")


def remove_stale_temporaries(root: Path) -> None:
    """Temporary files left by a run that was killed before it could rename them; a
    file whose run is still alive (another batch into the same folder) is left alone."""
    if root.is_dir():
        for stale in root.rglob(".*.tmp"):
            match = _TEMPORARY.match(stale.name)
            if match and not alive(int(match.group(1))):
                stale.unlink(missing_ok=True)


@dataclass
class Result:
    outcomes: list[Outcome]
    warnings: list[str]
    stale: list[Path]


def run(jobs: list[Job], root: Path, force: bool = False, base: Base | None = None,
        workers: int | None = None, on_done: Callable[[Outcome], None] = lambda o: None,
        on_wait: Callable[[], None] = lambda: None, report_stale: bool = False,
        start_method: str | None = None) -> Result:
    """Run every job; record what was written in the manifest of `root`. `start_method`
    ("fork", "spawn", "forkserver") overrides the platform's default for the workers."""
    manifest = Manifest(root, on_wait)
    try:
        remove_stale_temporaries(root)
        _set_base(base)
        workers = workers or os.cpu_count() or 1
        parallel = workers >= 2 and len(jobs) >= PARALLEL_FROM
        template = _warm_up(jobs[:1]) if parallel else None  # under fork, every worker inherits it compiled
        outcomes: list[Outcome] = []

        def done(outcome: Outcome) -> None:
            if outcome.digest:
                manifest.record(outcome.target, outcome.digest)
            outcomes.append(outcome)
            on_done(outcome)

        if not parallel:
            for job in jobs:
                done(run_job(job, manifest.expected(job.target), force, manifest.root))
        else:
            _run_parallel(jobs, manifest, force, base, workers, done, template, start_method)
        stale: list[Path] = []
        if report_stale:
            produced = {manifest.key(job.target) for job in jobs}
            folders = {Path(key).parent.as_posix() for key in produced}
            stale = manifest.stale(produced, folders)
        return Result(outcomes, manifest.warnings, stale)
    finally:
        manifest.close()


def run_chunk(chunk: list[tuple[Job, frozenset[str]]], force: bool, root: str) -> list[Outcome]:
    return [run_job(job, expected, force, root) for job, expected in chunk]


CHUNK = 8  # jobs per task sent to a worker: fewer round trips between processes


def _run_parallel(jobs: list[Job], manifest: Manifest, force: bool, base: Base | None, workers: int,
                  done: Callable[[Outcome], None], template: Path | None, start_method: str | None) -> None:
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait  # only a batch needs workers

    window = workers * 4  # tasks in flight at most: memory stays flat however long the table
    chunks = [jobs[i:i + CHUNK] for i in range(0, len(jobs), CHUNK)]
    context = multiprocessing.get_context(start_method)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker,
                             initargs=(base, template)) as pool:
        pending = set()
        for chunk in chunks:
            pending.add(pool.submit(run_chunk, [(job, manifest.expected(job.target)) for job in chunk], force,
                                    manifest.root))
            if len(pending) >= window:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    for outcome in future.result():
                        done(outcome)
        for future in wait(pending).done:
            for outcome in future.result():
                done(outcome)


def _warm_up(jobs: list[Job]) -> Path | None:
    """Compile the template of the first job before the workers start; its path, for workers
    that do not inherit it (spawn). A job that fails here fails again, with its message, when it runs."""
    from generator.document.render import compiled_template, template_path

    for job in jobs:
        try:
            loaded, plan_file = load_job(job)
            template = template_path(loaded.plan, plan_file)
            compiled_template(template)
            return template
        except Exception:  # noqa: BLE001 - reported when the job itself runs
            pass
    return None




def plan_jobs(paths: list[Path], output: Path, mode: Mode = Mode.final) -> list[Job]:
    """One job per plan file; a folder gives every plan below it, keeping its structure.
    In a folder, files named "_….yaml" (bases that others extend) and "….table.yaml" are skipped."""
    from generator.core.characters import bad_character

    jobs: list[Job] = []
    problems: list[Problem] = []
    for path in paths:
        found = [(path, Path(path.name))] if not path.is_dir() else [
            (f, f.relative_to(path)) for f in sorted(path.rglob("*"))
            if f.suffix.lower() in PLAN_SUFFIXES and f.is_file() and not f.name.startswith("_")
            and not is_owner_file(f)
            and not f.name.endswith((".table.yaml", ".table.yml"))]
        for file, relative in found:
            if any(bad_character(ch) for ch in str(file)):
                problems.append(Problem(Path(repr(str(file))[1:-1]), "tên tệp có ký tự điều khiển hoặc không phải "
                                        "chữ UTF-8 hợp lệ", hint="đổi tên tệp"))
                continue
            jobs.append(Job(str(file), output / relative.with_suffix(".docx"), plan_file=file, mode=mode))
    problems += [Problem(job.plan_file or job.target, message, hint=hint) for job, message, hint in
                 portable_names(jobs, output)]
    if problems:
        raise ThiduaError(problems)
    return jobs


def portable_names(jobs: list[Job], output: Path,
                   windows: bool = sys.platform == "win32") -> list[tuple[Job, str, str]]:
    """Output names that would fail on the clerk's Windows PC: device names, trailing dots,
    two names that differ only in case, and (on Windows) paths past 260 characters."""
    found: list[tuple[Job, str, str]] = []
    seen: dict[str, Job] = {}
    for job in jobs:
        try:
            parts = job.target.relative_to(output).parts
        except ValueError:
            parts = (job.target.name,)
        for part in parts:
            message = name_problem(part)
            if message:
                found.append((job, f"tên tệp kết quả {message}", "đổi tên tệp kế hoạch hoặc thư mục chứa nó"))
        key = "/".join(parts).casefold()
        if key in seen and seen[key].target != job.target:
            found.append((job, f"tệp kết quả '{job.target.name}' trùng với '{seen[key].target.name}' khi không phân "
                          "biệt chữ hoa, chữ thường (Windows coi là một tệp)", "đổi tên một trong hai tệp kế hoạch"))
        seen.setdefault(key, job)
        if windows and path_too_long(job.target):
            found.append((job, f"đường dẫn tệp kết quả dài {len(str(job.target.absolute()))} ký tự, quá giới hạn "
                          "260 ký tự của Windows", "chọn thư mục ngắn hơn bằng -o (ví dụ C:\\thidua), hoặc đặt tên "
                          "tệp, thư mục ngắn hơn"))
    return found


def table_jobs(plan: Path, table: Path, output: Path, mode: Mode = Mode.final,
               sheet: str | None = None) -> tuple[list[Job], Base]:
    """One job per row of a communes table, each merged onto the base plan `plan`."""
    from generator.plan.communes import FILE_COLUMN, output_names, read_rows
    from generator.plan.loader import load

    base = load(plan)
    rows = read_rows(table, sheet)
    names = output_names(rows, base.plan.issuer.level.value, base.plan.year)
    jobs = [Job(f"{table}, dòng {row.line}", output / (name or f".dong-{row.line}.docx"), row=row, mode=mode)
            for row, name in zip(rows, names)]
    for job, message, hint in portable_names(jobs, output):
        assert job.row is not None
        job.row.problem(FILE_COLUMN if FILE_COLUMN in job.row.values else "name", message,
                        "ghi tên tệp khác vào cột 'file'" if "260" not in message else hint)
    return jobs, Base(plan, base.raw, base.marks)
