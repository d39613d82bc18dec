"""Every bad input seen so far: a located Vietnamese message, exit code 2, nothing left behind.

One table, one row per case: the files it writes, the command, the exit code, words the
message must contain, and the line it must name. Each case also asserts that no
traceback is printed, that thidua reports no internal error, and that the output
folder holds no document and no temporary file.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import ROOT
from docx import Document
from typer.testing import CliRunner

from generator.cli.app import app
from generator.word.text import docx_paragraphs

MINIMAL = (ROOT / "tests" / "data" / "minimal.yaml").read_text(encoding="utf-8")
BASE = ROOT / "plans" / "2026" / "quang-ninh" / "_xa-phuong-mau.yaml"
TARGET_SECTION = MINIMAL.replace("    rounds: true\n", "    rounds: true\n    targets: true\n") + (
    "targets:\n  - group: kinh tế\n    items:\n      - label: Thu ngân sách\n        unit: tỷ đồng\n"
    "        value: VALUE\n")


def plan(replace: tuple[str, str] | None = None, extra: str = "", text: str = MINIMAL) -> str:
    if replace:
        assert replace[0] in text, replace[0]
        text = text.replace(*replace)
    return extra + text


def target(value: str) -> str:
    return TARGET_SECTION.replace("VALUE", value)


def nested_sections(depth: int) -> str:
    lines = ["sections:"]
    for level in range(depth):
        pad = "  " * (2 * level)
        lines += [f"{pad}  - title: Mục {level}", f"{pad}    children:"]
    lines.append("  " * (2 * depth) + "  - title: Cuối")
    head = MINIMAL.split("sections:")[0]
    tail = "rounds:" + MINIMAL.split("rounds:", 1)[1].split("rounds:", 1)[1]
    return head + "\n".join(lines) + "\n" + tail


LAUGHS = "a: &a ['x','x','x','x','x','x','x','x','x','x']\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},"
    f"*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n"
    for i in range(9))


def expression(expr: str) -> str:
    return plan(("Phát huy truyền thống thi đua yêu nước.", f"\"Phát huy {expr}\""))


@dataclass
class Case:
    name: str
    files: dict[str, str | bytes]
    args: list[str]
    fragments: list[str]
    line: int | None = None  # the line the message must name
    code: int = 2
    shell: bool = False  # run `python -m generator` (usage errors are printed by the entry point)
    extra: dict = field(default_factory=dict)


CSV_HEAD = "name,level,signer,target:thu-ngan-sach\n"
CASES = [
    # numbers
    Case("value-words", {"p.yaml": target("'khoảng 5'")}, ["build", "p.yaml"], ["không đọc được số", "value"], 31),
    Case("value-words-lint", {"p.yaml": target("sáu lăm")}, ["lint", "p.yaml"], ["không đọc được số"], 31),
    Case("value-inf", {"p.yaml": target(".inf")}, ["build", "p.yaml"], ["không đọc được số '.inf'"], 31),
    Case("value-nan-lint", {"p.yaml": target(".nan")}, ["lint", "p.yaml"], ["không đọc được số '.nan'"], 31),
    Case("value-5000-digits", {"p.yaml": target("1" * 5000)}, ["build", "p.yaml"], ["số quá dài"], 31),
    Case("value-ambiguous-dot", {"p.yaml": target("12.5")}, ["build", "p.yaml"], ["không đọc được số '12.5'"], 31),
    Case("compare-without-place", {"p.yaml": target("'2.900'").replace("        value: '2.900'\n",
                                                                         "        value: '2.900'\n        compare: đạt\n")},
         ["lint", "p.yaml"], ["thiếu dấu …", "2.900"], 29),
    Case("value-to-without-value", {"p.yaml": target("'2.900'").replace("        value: '2.900'\n", "        value_to: 5\n")},
         ["build", "p.yaml"], ["value_to"], 29),
    Case("template-missing-lint", {"p.yaml": plan(extra="template: khong-co.docx\n")}, ["lint", "p.yaml"],
         ["không tìm thấy tệp mẫu"]),
    Case("number-with-dot", {"p.yaml": plan(extra="number: 1.000\n")}, ["build", "p.yaml"],
         ["trường 'number'", "cần một số nguyên"], 1),
    Case("number-huge", {"p.yaml": plan(extra="number: 123456789\n")}, ["build", "p.yaml"], ["giá trị quá lớn"], 1),
    # control characters
    Case("nul", {"p.yaml": plan(("Tam Long", "Tam\x00Long"))}, ["build", "p.yaml"], ["U+0000"], 5),
    Case("vt-raw", {"p.yaml": plan(("Tam Long", "Tam\x0bLong"))}, ["lint", "p.yaml"], ["U+000B", "Shift+Enter"], 5),
    Case("del", {"p.yaml": plan(("Tam Long", "Tam\x7fLong"))}, ["build", "p.yaml"], ["U+007F"], 5),
    Case("escaped-bell", {"p.yaml": plan(("name: Nguyễn Văn A", 'name: "Nguyễn\\aVăn A"'))}, ["build", "p.yaml"],
         ["U+0007", "signer.name"], 24),
    Case("binary-tag", {"p.yaml": plan(("summary: Phát", "summary: !!binary AAAA\nx_summary: Phát"))},
         ["build", "p.yaml"], ["!!binary"], 8),
    Case("python-tag", {"p.yaml": plan(("summary: Phát", "summary: !!python/object:os.system x\nx_summary: Phát"))},
         ["build", "p.yaml"], ["!!python/object:os.system"], 8),
    Case("huge-file", {"p.yaml": MINIMAL + "#" + "x" * (9 * 2**20) + "\n"}, ["lint", "p.yaml"], ["tệp quá lớn"]),
    Case("line-separator", {"p.yaml": plan(("Tam Long", "Tam\u2028Long"))}, ["build", "p.yaml"], ["U+2028"], 5),
    Case("expression-formfeed", {"p.yaml": expression("{{ '\\f' }}")}, ["build", "p.yaml"], ["U+000C"], 12),
    # bounded work
    Case("billion-laughs", {"p.yaml": LAUGHS + MINIMAL}, ["build", "p.yaml"], ["bí danh"]),
    Case("deep-list", {"p.yaml": "year: 2026\nx: " + "[" * 10000 + "]" * 10000 + "\n"}, ["build", "p.yaml"],
         ["lồng nhau quá sâu"], 2),
    Case("deep-sections", {"p.yaml": nested_sections(500)}, ["build", "p.yaml"], ["lồng nhau quá sâu"]),
    Case("expr-power", {"p.yaml": expression("{{ 10**(10**8) }}")}, ["build", "p.yaml"], ["lũy thừa quá lớn"], 12),
    Case("expr-loops", {"p.yaml": expression("{% for i in range(100000) %}{% for j in range(100000) %}x"
                                             "{% endfor %}{% endfor %}")}, ["build", "p.yaml"], ["'for'"], 12),
    Case("expr-lipsum", {"p.yaml": expression("{{ lipsum(100000) }}")}, ["build", "p.yaml"], ["lipsum"], 12),
    Case("expr-string-times", {"p.yaml": expression("{{ 'a'*10**9 }}")}, ["lint", "p.yaml"], ["quá dài"], 12),
    Case("expr-list-times", {"p.yaml": expression("{{ [0]*10**9 }}")}, ["build", "p.yaml"], ["quá dài"], 12),
    Case("expr-format", {"p.yaml": expression("{{ '{0:>999999999}'.format(1) }}")}, ["build", "p.yaml"],
         [".format"], 12),
    Case("expr-ljust", {"p.yaml": expression("{{ 'x'.ljust(999999999) }}")}, ["build", "p.yaml"], ["ljust"], 12),
    Case("expr-macro", {"p.yaml": expression("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}")},
         ["build", "p.yaml"], ["'macro'"], 12),
    # structure and messages
    Case("duplicate-id-override", {"base.yaml": MINIMAL.replace("  - title: Mục đích", "  - id: a\n    title: Mục đích"),
                                   "p.yaml": "extends: base.yaml\nsections:\n  - {id: a, title: X}\n  - {id: a, title: Y}\n"},
         ["build", "p.yaml"], ["mã 'a' xuất hiện hai lần"], 4),
    Case("key-with-bracket", {"p.yaml": plan(extra="a[0]: x\n")}, ["build", "p.yaml"], ["'a[0]' không có trong mẫu"], 1),
    Case("recipients-plain-list", {"p.yaml": plan(("recipients:\n  items: [UBND Thành phố Hồ Chí Minh]\n  archive: VT, VP",
                                                   "recipients:\n  - UBND Thành phố Hồ Chí Minh"))},
         ["build", "p.yaml"], ["items:"], 19),
    Case("yaml-syntax-vietnamese", {"p.yaml": plan(("summary: Phát", "summary: 'Phát"))}, ["build", "p.yaml"],
         ["lỗi cú pháp YAML"], None),
    Case("template-not-docx", {"mau.txt": "x", "p.yaml": plan(extra="template: mau.txt\n")}, ["build", "p.yaml"],
         ["không phải tệp .docx"]),
    Case("template-zip-not-word", {"mau.docx": b"PK\x05\x06" + b"\x00" * 18, "p.yaml": plan(extra="template: mau.docx\n")},
         ["build", "p.yaml"], ["không phải"]),
    Case("template-absolute", {"p.yaml": plan(extra="template: /etc/passwd\n")}, ["build", "p.yaml"],
         ["đường dẫn tuyệt đối"]),
    Case("extends-absolute", {"p.yaml": "extends: /etc/passwd\n"}, ["build", "p.yaml"], ["đường dẫn tuyệt đối"], 1),
    Case("extends-outside", {"p.yaml": "extends: ../../../../../../etc/hosts.yaml\n"}, ["build", "p.yaml"],
         ["nằm ngoài thư mục"], 1),
    Case("output-is-folder", {"p.yaml": MINIMAL, "out/p.docx/keep": "x"}, ["build", "p.yaml", "-o", "out"],
         ["thư mục trùng tên"]),
    Case("output-is-file", {"p.yaml": MINIMAL, "out.txt": "x"}, ["build", "p.yaml", "-o", "out.txt"],
         ["không phải thư mục"]),
    Case("new-year-huge", {"p.yaml": MINIMAL}, ["new-year", "p.yaml", "--year", "999999"], ["999999 không hợp lệ"]),
    Case("new-year-negative", {"p.yaml": MINIMAL}, ["new-year", "p.yaml", "--year", "-5"], ["-5 không hợp lệ"]),
    Case("new-year-1800", {"p.yaml": MINIMAL}, ["new-year", "p.yaml", "--year", "1800"], ["1800 không hợp lệ"]),
    Case("events-huge", {}, ["events", "99999"], ["99999 không hợp lệ"]),
    Case("events-zero", {}, ["events", "0"], ["0 không hợp lệ"]),
    Case("events-negative", {}, ["events", "-5"], ["-5"], shell=True),
    Case("unknown-command", {}, ["xay-dung"], ["không có lệnh 'xay-dung'"], shell=True),
    Case("check-a-plan", {"p.yaml": MINIMAL}, ["check", "p.yaml"], ["đây là tệp kế hoạch", "thidua build"]),
    Case("text-bad-yaml", {"p.yaml": plan(("year: 2026", "year: x"))}, ["text", "p.yaml"], ["trường 'year'"], 2),
    Case("unreadable-folder-as-plan", {"d/x": "x"}, ["lint", "d"], ["đây là thư mục"]),
    Case("diff-docx-and-yaml", {"p.yaml": MINIMAL, "a.docx": b"x"}, ["diff", "a.docx", "p.yaml"], ["hai văn bản .docx"]),
    # communes tables
    Case("table-empty-name", {"t.csv": CSV_HEAD + ",xã,A,5\n"}, ["build", str(BASE), "--for-each", "t.csv"],
         ["thiếu tên xã"], 2),
    Case("table-duplicate-names", {"t.csv": CSV_HEAD + "Tân Lập,xã,A,5\nTấn Lập,xã,B,6\n"},
         ["build", str(BASE), "--for-each", "t.csv"], ["các dòng 2, 3", "cột 'file'"], 2),
    Case("table-unknown-yaml-column", {"t.yaml": "- name: Tân Lập\n  chu_ky: A\n"},
         ["build", str(BASE), "--for-each", "t.yaml"], ["cột 'chu_ky' không hợp lệ"], 2),
    Case("table-unterminated-quote", {"t.csv": CSV_HEAD + 'Tân Lập,"xã,A,5\nXãB,xã,B,6\n'},
         ["build", str(BASE), "--for-each", "t.csv"], ["ngoặc kép", "dòng 2 đến dòng 3"], 2),
    Case("table-target-words", {"t.csv": CSV_HEAD + "Tân Lập,xã,A,nhiều\n"},
         ["build", str(BASE), "--for-each", "t.csv"], ["không đọc được số 'nhiều'"], 2),
    Case("table-bell-in-signer", {"t.csv": CSV_HEAD + "Tân Lập,xã,Nguyễn\x07Văn,5\n"},
         ["build", str(BASE), "--for-each", "t.csv"], ["U+0007"], 2),
    Case("table-formfeed-in-name", {"t.yaml": '- name: "Tân\\fLập"\n'},
         ["build", str(BASE), "--for-each", "t.yaml"], ["U+000C"], 1),
    Case("table-long-name", {"t.csv": "name\n" + "Tân Lập " * 40 + "\n"}, ["build", str(BASE), "--for-each", "t.csv"],
         [], code=0),
    Case("table-empty", {"t.csv": ""}, ["build", str(BASE), "--for-each", "t.csv"], ["t.csv", "tệp rỗng"]),
    Case("table-header-only", {"t.csv": "name\n"}, ["build", str(BASE), "--for-each", "t.csv"], ["t.csv", "không có dòng"]),
    Case("table-event-nowhere", {"t.csv": "name,event:le-hoi\nTân Lập,1954; Lễ hội làng\n"},
         ["build", str(BASE), "--for-each", "t.csv"], ["sự kiện 'le-hoi'", "không được in ở đâu"], 2),
    # an empty identity field is not "the default": it would print another body, or a header of one word
    Case("empty-unit", {"p.yaml": plan(("  name: Tam Long\n", "  name: Tam Long\n  unit: ''\n"))},
         ["build", "p.yaml"], ["issuer.unit", "để trống"], line=6),
    Case("empty-symbol", {"p.yaml": plan(("  name: Tam Long\n", "  name: Tam Long\n  symbol: '  '\n"))},
         ["build", "p.yaml"], ["issuer.symbol", "để trống"], line=6),
    # a banner form is the family's: a state plan has one banner, a Đội plan names one of its forms
    Case("banner-state", {"p.yaml": plan(extra="banner: viết tắt\n")}, ["build", "p.yaml"],
         ["banner", "chỉ có một cách viết tiêu đề", "xóa dòng"], line=1),
    Case("banner-unknown", {"p.yaml": plan(extra="family: đội\nbanner: ngắn\n", text=MINIMAL.replace(
        "  name: Tam Long\n", "  name: Tam Long\n  unit: Liên đội Trường THCS Tam Long\n  symbol: LĐ\n"))},
         ["build", "p.yaml"], ["'ngắn' không phải cách viết tiêu đề", "viết tắt, một dòng"], line=2),
    Case("empty-issuer-name", {"p.yaml": plan(("  name: Tam Long\n", "  name: ''\n"))},
         ["build", "p.yaml"], ["issuer.name", "để trống"], line=5),
    Case("empty-signer-title", {"p.yaml": plan(("  title: Chủ tịch\n", "  title: ''\n"))},
         ["build", "p.yaml"], ["signer.title", "để trống"], line=23),
    Case("empty-recipient", {"p.yaml": plan(("  items: [UBND Thành phố Hồ Chí Minh]\n",
                                             "  items: [UBND Thành phố Hồ Chí Minh, '']\n"))},
         ["build", "p.yaml"], ["recipients.items", "để trống"], line=19),
    Case("empty-archive", {"p.yaml": plan(("  archive: VT, VP\n", "  archive: ''\n"))},
         ["build", "p.yaml"], ["recipients.archive", "để trống"], line=20),
    # an Office compound file named .docx: an encrypted document, or an old .doc renamed
    Case("encrypted-docx", {"a.docx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512
                            + "EncryptionInfo".encode("utf-16-le") + b"\0" * 512},
         ["check", "a.docx"], ["đặt mật khẩu mở", "bỏ mật khẩu"]),
    Case("doc-named-docx", {"a.docx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024},
         ["text", "a.docx"], ["dạng cũ (.doc)"]),
    Case("table-too-many-cells", {"t.csv": "name,level\nTân Lập,xã,thừa\n"},
         ["build", str(BASE), "--for-each", "t.csv"], ["3 ô"], 2),
]


def _write(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def _leftovers(root: Path) -> list[str]:
    return [str(p.relative_to(root)) for p in root.rglob("*")
            if p.name.endswith(".tmp") or p.name.startswith(".thidua-pdf") or
            (p.suffix == ".docx" and p.stat().st_size and not p.name.startswith("mau"))
            and "out/p.docx" not in str(p) and p.name != "a.docx"]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bad_input(case: Case, tmp_path, monkeypatch):
    _write(tmp_path, case.files)
    monkeypatch.chdir(tmp_path)
    args = [*case.args] if "-o" in case.args or case.args[0] != "build" else [*case.args, "-o", "out"]
    started = time.perf_counter()
    if case.shell:
        result = subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True,
                                timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)})
        code, output = result.returncode, result.stdout + result.stderr
    else:
        result = CliRunner().invoke(app, args)
        code, output = result.exit_code, result.output
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    elapsed = time.perf_counter() - started
    assert code == case.code, output
    assert "Traceback" not in output and "lỗi nội bộ" not in output, output
    for fragment in case.fragments:
        assert fragment in output, output
    if case.line is not None:
        assert f"dòng {case.line}" in output, output
    assert elapsed < 20, f"took {elapsed:.1f} s"  # generous: the machine is shared; a hang takes minutes
    if case.code == 2:
        written = [p for p in (tmp_path / "out").rglob("*.docx")] if (tmp_path / "out").is_dir() else []
        assert not [p for p in written if p.is_file()], "no document may be written for a refused input"
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp") or p.name.startswith(".thidua-pdf")]


def test_figures_exactly_as_typed(tmp_path):
    """Unquoted 12.500 is twelve thousand five hundred; 02 keeps its zero; 72,89 is a decimal."""
    text = target("12.500") + ("      - label: Tỷ lệ\n        unit: '%'\n        value: 72,89\n"
                               "      - label: Số xã\n        value: 02\n      - label: Vốn\n        value: 1.000\n")
    (tmp_path / "p.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(tmp_path / "p.yaml"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    body = "\n".join(docx_paragraphs(tmp_path / "out" / "p.docx"))
    assert "- Thu ngân sách 12.500 tỷ đồng;" in body
    assert "- Tỷ lệ 72,89%;" in body and "- Số xã 02;" in body and "- Vốn 1.000." in body
    assert "12,5" not in body


def test_table_event_column_reaches_the_document(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", str(BASE), "--for-each", str(BASE.parent / "xa-phuong.csv"),
                                      "-o", str(out)])
    assert result.exit_code == 0, result.output
    co_to = "\n".join(docx_paragraphs(out / "dac-khu-co-to-2026.docx"))
    assert "65 năm Ngày Bác Hồ về thăm đảo Cô Tô (09/5/1961 - 09/5/2026)" in co_to
    assert "Bác Hồ về thăm đảo Cô Tô" not in "\n".join(docx_paragraphs(out / "xa-tien-yen-2026.docx"))


def test_bad_rows_are_left_out_and_good_rows_built(tmp_path):
    table = tmp_path / "t.csv"
    table.write_text(CSV_HEAD + "Tân Lập,xã,A,5\n,xã,B,6\nHòa Bình,xã,C,nhiều\nĐiện Biên,phường,D,7\n",
                     encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", str(BASE), "--for-each", str(table), "-o", str(out)])
    assert result.exit_code == 2
    assert sorted(p.name for p in out.glob("*.docx")) == ["phuong-dien-bien-2026.docx", "xa-tan-lap-2026.docx"]
    assert "dòng 3" in result.output and "dòng 4" in result.output


@pytest.mark.parametrize("content", ["[]", "null", "42", "{\"a.docx\": 5}", "{trunc"])
def test_unreadable_manifest_is_said_and_nothing_is_overwritten(tmp_path, content):
    (tmp_path / "p.yaml").write_text(MINIMAL, encoding="utf-8")
    out = tmp_path / "out"
    runner = CliRunner()
    assert runner.invoke(app, ["build", str(tmp_path / "p.yaml"), "-o", str(out)]).exit_code == 0
    (out / ".thidua-manifest.json").write_text(content, encoding="utf-8")
    document = Document(str(out / "p.docx"))
    document.add_paragraph("Sửa tay.")
    document.save(str(out / "p.docx"))
    edited = (out / "p.docx").read_bytes()
    result = runner.invoke(app, ["build", str(tmp_path / "p.yaml"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "tệp ghi nhận của thidua bị hỏng" in result.output
    assert (out / "p.docx").read_bytes() == edited


def test_missing_manifest_is_said(tmp_path):
    (tmp_path / "p.yaml").write_text(MINIMAL, encoding="utf-8")
    out = tmp_path / "out"
    runner = CliRunner()
    assert runner.invoke(app, ["build", str(tmp_path / "p.yaml"), "-o", str(out)]).exit_code == 0
    (out / ".thidua-manifest.json").unlink()
    result = runner.invoke(app, ["build", str(tmp_path / "p.yaml"), "-o", str(out)])
    assert "không thấy tệp ghi nhận" in result.output


def test_killed_batch_keeps_its_manifest(tmp_path):
    """Files written before a kill are known to the next run: not reported as hand-edited."""
    rows = "name,level,signer\n" + "".join(f"Xã Thử {i},xã,Người Ký {i}\n" for i in range(400))
    table = tmp_path / "t.csv"
    table.write_text(rows, encoding="utf-8")
    out = tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-m", "generator", "build", str(BASE), "--for-each", str(table),
                                "-o", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    deadline = time.time() + 60
    while time.time() < deadline and len(list(out.glob("*.docx"))) < 30:
        time.sleep(0.02)
    process.kill()
    process.wait()
    written = len(list(out.glob("*.docx")))
    assert written
    changed = tmp_path / "t2.csv"
    changed.write_text(rows.replace("Người Ký", "Người Ký mới"), encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(BASE), "--for-each", str(changed), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "đã được sửa sau lần thidua tạo trước" not in result.output and "không thấy tệp ghi nhận" not in result.output
    assert "Người Ký mới 0" in docx_paragraphs(out / "xa-xa-thu-0-2026.docx")


def test_start_up_leaves_another_runs_temporary_files(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    alive = out / f".x.docx.{os.getpid()}.abc.tmp"  # this process is alive: its file stays
    dead = out / ".x.docx.999999999.abc.tmp"
    alive.write_text("x")
    dead.write_text("x")
    (tmp_path / "p.yaml").write_text(MINIMAL, encoding="utf-8")
    assert CliRunner().invoke(app, ["build", str(tmp_path / "p.yaml"), "-o", str(out)]).exit_code == 0
    assert alive.exists() and not dead.exists()


def test_pdf_with_relative_output_folder(tmp_path, monkeypatch):
    from conftest import soffice

    if soffice() is None:
        pytest.skip("LibreOffice (soffice) chưa được cài")
    (tmp_path / "p.yaml").write_text(MINIMAL, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["build", "p.yaml", "--pdf"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "output" / "p.pdf").is_file()
    with zipfile.ZipFile(tmp_path / "output" / "p.docx") as archive:
        assert archive.testzip() is None
    assert not list((tmp_path / "output").glob(".thidua-pdf-*"))


def test_killed_pdf_run_leaves_no_libreoffice_and_no_scratch_folder(tmp_path):
    from conftest import soffice

    if soffice() is None:
        pytest.skip("LibreOffice (soffice) chưa được cài")
    out = tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-m", "generator", "build", "plans/2024", "-o", str(out), "--pdf"],
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline and not list(out.glob(".thidua-pdf-*/profile")):
        time.sleep(0.05)
    assert list(out.glob(".thidua-pdf-*")), "LibreOffice should have started"
    time.sleep(0.5)
    process.kill()  # SIGKILL: thidua has no chance to clean up itself
    process.wait()
    deadline = time.time() + 20
    while time.time() < deadline and (list(out.glob(".thidua-pdf-*")) or _soffice_for(out)):
        time.sleep(0.1)
    assert not list(out.glob(".thidua-pdf-*"))
    assert not _soffice_for(out)


def _soffice_for(folder: Path) -> list[str]:
    """LibreOffice processes working in `folder` (their command line names its scratch folder)."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            command = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if "soffice" in command and str(folder) in command:
            found.append(command)
    return found


def test_two_batches_into_one_folder_keep_every_manifest_entry(tmp_path):
    out = tmp_path / "out"
    commands = []
    for side in ("a", "b"):
        table = tmp_path / f"{side}.csv"
        table.write_text("name,level,signer\n" + "".join(f"Xã {side.upper()} {i},xã,Người Ký {i}\n" for i in range(60)),
                         encoding="utf-8")
        commands.append([sys.executable, "-m", "generator", "build", str(BASE), "--for-each", str(table),
                         "-o", str(out)])
    processes = [subprocess.Popen(c, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                 for c in commands]
    assert [p.wait(timeout=120) for p in processes] == [0, 0]
    import json

    manifest = json.loads((out / ".thidua-manifest.json").read_text(encoding="utf-8"))
    assert len(manifest) == 120 == len(list(out.glob("*.docx")))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs exist only on POSIX systems")
@pytest.mark.parametrize("args", [["check", "ong.docx"], ["text", "ong.docx"], ["diff", "ong.docx", "khac.docx"],
                                  ["import", "ong.docx", "-o", "x.yaml"], ["new-year", "ong.docx", "-o", "y.yaml"]],
                         ids=["check", "text", "diff", "import", "new-year"])
def test_a_fifo_is_refused_at_once_as_no_ordinary_file(tmp_path, args):
    """A named pipe blocks whoever opens it: refused before it is opened, blaming what it is."""
    os.mkfifo(tmp_path / "ong.docx")
    (tmp_path / "khac.docx").write_bytes(b"")
    result = subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True, timeout=60,
                            cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 2, result.stdout + result.stderr
    assert "ong.docx: không phải tệp thường (thiết bị, ống dẫn hay socket)" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "x.yaml").exists()


@pytest.mark.parametrize("blocked", [".thidua-manifest.json", ".thidua-manifest.journal"])
def test_a_manifest_that_cannot_be_saved_loses_no_document(tmp_path, monkeypatch, blocked):
    """The manifest's name taken by a folder: the documents are written all the same, and the build says so."""
    (tmp_path / "p.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "out" / blocked).mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["build", "p.yaml", "-o", "out"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "p.docx").is_file()
    assert "không lưu được tệp ghi nhận của thidua" in result.output and "các văn bản đã ghi vẫn còn" in \
        result.output, result.output
    assert "Traceback" not in result.output and "đóng tệp nếu đang mở trong Word" not in result.output
