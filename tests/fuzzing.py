"""Mutated plans and communes tables, and the one verdict every run of thidua must meet.

Used by tests/test_fuzz.py (hypothesis, a modest count) and benchmarks/fuzz.py (thousands).
A mutation takes a shipped plan or table and changes one to three things: a value
replaced by another type, a key deleted, text with control, right-to-left and zero-width
characters, emoji, {{ }} and {% %}, <&>"', very long strings. The verdict: either a
.docx that opens with python-docx, has well-formed XML and passes `thidua check`, or
exit 2 with a located message; never an exception, never a hang.
"""

from __future__ import annotations

import csv
import io
import os
import random
import re
import shutil
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from lxml import etree
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "plans"
PROVINCE = PLANS / "2026" / "quang-ninh"

NASTY = [
    "", " ", "\x00", "\x07", "\x0b", "\x0c", "\x1b[31m", "\x7f", "\u0085", "\u2028", "\u2029", "\ufeff",
    "\u200b", "\u200d", "\u202e", "\u061c", "مرحبا", "שלום", "😀👨‍👩‍👧", "Ω≈ç√", "<&>\"'", "]]>", "<w:p>",
    "{{ year }}", "{{ year * 2 }}", "{{ nope }}", "{% if year %}x{% endif %}", "{% for i in 'ab' %}{% endfor %}",
    "{{ 10**(10**8) }}", "{{ 'a'*10**9 }}", "{{ ''.__class__ }}", "{{", "}}", "{%", "*", "**đậm**", "***",
    "12.500", "72,89", "02", "1.5", "-3", ".inf", ".nan", "1e309", "0x1F", "true", "null", "~", "- ", ": ",
    "#", "&a", "*a", "!!python/object:os.system", "%", "@", "`", "x" * 5000, "Đ" * 300, "a\nb", "a\tb",
]


def nasty_value(rng: random.Random) -> Any:
    kind = rng.randrange(9)
    if kind == 0:
        return rng.choice([0, -1, 1, 2026, 10**30, 3.5, float("inf")])
    if kind == 1:
        return rng.choice([True, False, None])
    if kind == 2:
        return []
    if kind == 3:
        return {rng.choice(["x", "text", "id", "value"]): rng.choice(NASTY)}
    if kind == 4:
        return [rng.choice(NASTY) for _ in range(rng.randrange(1, 4))]
    text = "".join(rng.choice(NASTY) for _ in range(rng.randrange(1, 4)))
    return text if rng.random() < 0.8 else text * rng.randrange(2, 50)


def _paths(data: Any, path: tuple = ()) -> list[tuple]:
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, path + (index,))
    return found


def _parent(data: Any, path: tuple) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


def mutate_data(data: Any, rng: random.Random, nasty=nasty_value) -> Any:
    for _ in range(rng.randrange(1, 4)):
        paths = [p for p in _paths(data) if p]
        if not paths:
            return data
        path = rng.choice(paths)
        parent = _parent(data, path)
        action = rng.randrange(4)
        if action == 0 and isinstance(parent, dict):
            del parent[path[-1]]
        elif action == 1 and isinstance(parent, list):
            parent.insert(path[-1], nasty(rng))
        elif action == 2 and isinstance(parent[path[-1]], str):
            text = parent[path[-1]]
            at = rng.randrange(len(text) + 1)
            parent[path[-1]] = text[:at] + str(rng.choice(NASTY)) + text[at:]
        else:
            parent[path[-1]] = nasty(rng)
    return data


def mutate_text(text: str, rng: random.Random) -> str:
    """A mutation of the YAML text itself (what YAML's data model cannot express)."""
    lines = text.split("\n")
    at = rng.randrange(len(lines))
    choice = rng.randrange(4)
    if choice == 0:
        del lines[at]
    elif choice == 1:
        lines.insert(at, rng.choice(["  ", "\t- x", "x: [", "? a", "--- ", "key: &a [*a]", "a: *nope", "  - :",
                                     "x: !!binary AAAA", "x: !!python/object:os.system ls", "x: !!set {a}",
                                     "<<: {year: 1900}", "x: !!str 5"]))
    elif choice == 2:
        lines[at] = lines[at] + rng.choice([*NASTY[:20], " !!binary", " !!float", " &x", " *x"])
    else:
        lines[at] = lines[at].replace(":", "", 1)
    return "\n".join(lines)


@dataclass
class Verdict:
    status: str  # "document", "refused", or what went wrong
    detail: str = ""


def _documents_ok(folder: Path) -> str:
    """Empty when every .docx in `folder` is whole, well-formed and passes `thidua check`."""
    from docx import Document

    from generator.checking.conformance import check_docx, failed

    for document in folder.rglob("*.docx"):
        try:
            with zipfile.ZipFile(document) as archive:
                for name in archive.namelist():
                    if name.endswith(".xml"):
                        etree.fromstring(archive.read(name))
            Document(str(document))
        except Exception as exc:  # noqa: BLE001 - the verdict reports it
            return f"{document.name}: corrupt ({exc})"
        results = check_docx(document)
        if failed(results):
            return f"{document.name}: fails check: {[str(r) for r in results if r.status.name == 'failed']}"
    return ""


_LOCATED = re.compile(r"(dòng \d+|\.yaml: |\.csv: |\.yml: )")


def judge(workdir: Path, args: list[str], limit: float = 20.0) -> Verdict:
    from generator.cli.app import app

    started = time.perf_counter()
    before = os.getcwd()
    os.chdir(workdir)  # as a clerk runs it: from the folder that holds the plans
    try:
        result = CliRunner().invoke(app, args)
    finally:
        os.chdir(before)
    elapsed = time.perf_counter() - started
    output = result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        return Verdict("exception", f"{type(result.exception).__name__}: {result.exception}")
    if "Traceback" in output or "lỗi nội bộ" in output:
        return Verdict("exception", output[-2000:])
    if elapsed > limit:
        return Verdict("slow", f"{elapsed:.1f} s")
    leftovers = [p.name for p in workdir.rglob("*") if p.name.endswith(".tmp") or p.name.startswith(".thidua-pdf")]
    if leftovers:
        return Verdict("leftovers", str(leftovers))
    if result.exit_code == 0:
        problem = _documents_ok(workdir / "out")
        return Verdict("bad-document", problem) if problem else Verdict("document")
    if result.exit_code == 2:
        if not _LOCATED.search(output):
            return Verdict("unlocated", output[-1000:])
        problem = _documents_ok(workdir / "out") if (workdir / "out").exists() else ""
        return Verdict("bad-document", problem) if problem else Verdict("refused")
    return Verdict(f"exit-{result.exit_code}", output[-1000:])


SOURCES = sorted(p for p in PLANS.rglob("*.yaml") if not p.name.startswith("_"))


def run_plan_case(workdir: Path, rng: random.Random) -> Verdict:
    """Mutate one shipped plan (children keep their bases beside them) and build it."""
    shutil.copytree(PROVINCE, workdir / "qn")
    source = rng.choice(SOURCES)
    if PROVINCE in source.parents:
        plan = workdir / "qn" / source.relative_to(PROVINCE)
    else:
        plan = workdir / source.name
        shutil.copy(source, plan)
    if rng.random() < 0.2 and PROVINCE in source.parents:  # mutate a base instead
        plan_to_mutate = workdir / "qn" / rng.choice(["_xa-phuong-mau.yaml", "ke-hoach-tinh.yaml"])
    else:
        plan_to_mutate = plan
    text = plan_to_mutate.read_text(encoding="utf-8")
    if rng.random() < 0.25:
        mutated = mutate_text(text, rng)
    else:
        data = yaml.load(text, Loader=yaml.BaseLoader)  # every scalar as the text it was written as
        mutated = yaml.safe_dump(mutate_data(data, rng), allow_unicode=True, sort_keys=False, width=200)
    plan_to_mutate.write_text(mutated, encoding="utf-8")
    return judge(workdir, ["build", str(plan), "-o", str(workdir / "out")])


def run_table_case(workdir: Path, rng: random.Random) -> Verdict:
    """Mutate the shipped communes table (as CSV or as a YAML table) and build every row."""
    shutil.copytree(PROVINCE, workdir / "qn")
    rows = list(csv.reader(io.StringIO((PROVINCE / "xa-phuong.csv").read_text(encoding="utf-8-sig"))))
    header, body = rows[0], rows[1:]
    for _ in range(rng.randrange(1, 4)):
        row = rng.choice(body)
        column = rng.randrange(len(header))
        value = nasty_value(rng)
        row[column] = value if isinstance(value, str) else str(value)
    if rng.random() < 0.1:
        header[rng.randrange(len(header))] = rng.choice(["", "chu_ky", "target:khong-co", "event:", "name"])
    if rng.random() < 0.5:
        buffer = io.StringIO()
        csv.writer(buffer).writerows([header, *body])
        table = workdir / "t.csv"
        text = buffer.getvalue()
        table.write_text(mutate_text(text, rng) if rng.random() < 0.2 else text, encoding="utf-8")
    else:
        table = workdir / "t.yaml"
        table.write_text(yaml.safe_dump([dict(zip(header, r)) for r in body], allow_unicode=True), encoding="utf-8")
    return judge(workdir, ["build", str(workdir / "qn" / "_xa-phuong-mau.yaml"), "--for-each", str(table),
                           "-o", str(workdir / "out")])


def run_case(workdir: Path, seed: int) -> Verdict:
    rng = random.Random(seed)
    return (run_table_case if rng.random() < 0.3 else run_plan_case)(workdir, rng)
