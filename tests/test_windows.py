"""thidua on a clerk's Windows PC: no POSIX-only module on any user's path, UTF-8 machine output.

Windows is simulated here: the POSIX-only modules are made unimportable before thidua
loads, then build, a table batch, check, text and import run for real."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import PLANS, ROOT

POSIX_ONLY = ("fcntl", "termios", "resource", "pwd", "grp")
_RUN = ("import sys\n"
        + "".join(f"sys.modules[{name!r}] = None\n" for name in POSIX_ONLY)
        + "from generator.cli.app import main\nsys.argv = ['thidua', *sys.argv[1:]]\nmain()\n")


def _thidua(*args: str, cwd, env: dict | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "THIDUA_CACHE": "off", **(env or {})}
    return subprocess.run([sys.executable, "-c", _RUN, *args], cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8", errors="replace", env=environment, timeout=300)


def test_every_command_runs_without_posix_only_modules(tmp_path):
    out = tmp_path / "thư mục có dấu cách"
    built = _thidua("build", str(PLANS / "2024" / "000-lam-thao-ke-hoach-thi-dua.yaml"), "-o", str(out), cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    docx = out / "000-lam-thao-ke-hoach-thi-dua.docx"
    assert docx.is_file()
    table = _thidua("build", str(PLANS / "2026" / "quang-ninh" / "_xa-phuong-mau.yaml"), "--for-each",
                    str(PLANS / "2026" / "quang-ninh" / "xa-phuong.csv"), "-o", str(tmp_path / "xa"), cwd=ROOT)
    assert table.returncode == 0, table.stderr
    assert len(list((tmp_path / "xa").glob("*.docx"))) == 6
    checked = _thidua("check", str(docx), cwd=tmp_path)
    assert checked.returncode == 0 and "đạt thể thức" in checked.stdout, checked.stdout + checked.stderr
    imported = _thidua("import", str(docx), "-o", str(tmp_path / "kh.yaml"), cwd=tmp_path)
    assert imported.returncode in (0, 1) and (tmp_path / "kh.yaml").is_file(), imported.stderr
    for name in POSIX_ONLY:
        assert f"No module named '{name}'" not in imported.stderr + built.stderr + table.stderr


def test_text_into_a_pipe_is_utf8_whatever_the_console_code_page(tmp_path):
    out = tmp_path / "out"
    _thidua("build", str(PLANS / "2024" / "000-lam-thao-ke-hoach-thi-dua.yaml"), "-o", str(out), cwd=tmp_path)
    result = subprocess.run([sys.executable, "-c", _RUN, "text", str(out / "000-lam-thao-ke-hoach-thi-dua.docx")],
                            capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT),
                                                      "PYTHONIOENCODING": "cp1258"}, timeout=120)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert "ỦY BAN NHÂN DÂN" in result.stdout.decode("utf-8")
