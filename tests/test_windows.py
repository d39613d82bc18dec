"""thidua on a clerk's Windows PC: no POSIX-only module on any user's path, UTF-8 machine output.

Windows is simulated here: the POSIX-only modules are made unimportable (a sitecustomize
that every process, the batch's spawned workers included, loads first), then build, a
40-row table batch under spawn, check, text and import run for real."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import PLANS, ROOT

POSIX_ONLY = ("fcntl", "termios", "resource", "pwd", "grp")
_BLOCK = "import sys\n" + "".join(f"sys.modules[{name!r}] = None\n" for name in POSIX_ONLY)
# the workers start as Windows starts them: spawn (a fresh interpreter, nothing inherited)
_RUN = ("import multiprocessing, sys\nfrom generator.cli.app import main\nsys.argv = ['thidua', *sys.argv[1:]]\n"
        "if __name__ == '__main__':\n    multiprocessing.set_start_method('spawn')\n    main()\n")


def _thidua(*args: str, cwd, env: dict | None = None) -> subprocess.CompletedProcess[str]:
    site = Path(cwd) / ".no-posix"
    site.mkdir(exist_ok=True)
    (site / "sitecustomize.py").write_text(_BLOCK, encoding="utf-8")
    script = site / "thidua_main.py"
    script.write_text(_RUN, encoding="utf-8")
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(ROOT)]), "THIDUA_CACHE": "off",
                   **(env or {})}
    return subprocess.run([sys.executable, str(script), *args], cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8", errors="replace", env=environment, timeout=300)


def test_every_command_runs_without_posix_only_modules(tmp_path):
    out = tmp_path / "thư mục có dấu cách"
    built = _thidua("build", str(PLANS / "2024" / "000-lam-thao-ke-hoach-thi-dua.yaml"), "-o", str(out), cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    docx = out / "000-lam-thao-ke-hoach-thi-dua.docx"
    assert docx.is_file()
    rows = (PLANS / "2026" / "quang-ninh" / "xa-phuong.csv").read_text(encoding="utf-8").splitlines()
    forty = tmp_path / "40 xã.csv"
    forty.write_text("\n".join([rows[0], *(f"{rows[1 + i % 6].split(',', 1)[0]} {i},{rows[1 + i % 6].split(',', 1)[1]}"
                                          for i in range(40))]) + "\n", encoding="utf-8")
    table = _thidua("build", str(PLANS / "2026" / "quang-ninh" / "_xa-phuong-mau.yaml"), "--for-each",
                    str(forty), "-o", str(tmp_path / "xa"), cwd=tmp_path)
    assert table.returncode == 0, table.stderr
    assert len(list((tmp_path / "xa").glob("*.docx"))) == 40
    checked = _thidua("check", str(docx), cwd=tmp_path)
    assert checked.returncode == 0 and "đạt thể thức" in checked.stdout, checked.stdout + checked.stderr
    imported = _thidua("import", str(docx), "-o", str(tmp_path / "kh.yaml"), cwd=tmp_path)
    assert imported.returncode in (0, 1) and (tmp_path / "kh.yaml").is_file(), imported.stderr
    for name in POSIX_ONLY:
        assert f"No module named '{name}'" not in imported.stderr + built.stderr + table.stderr


def test_text_into_a_pipe_is_utf8_whatever_the_console_code_page(tmp_path):
    out = tmp_path / "out"
    _thidua("build", str(PLANS / "2024" / "000-lam-thao-ke-hoach-thi-dua.yaml"), "-o", str(out), cwd=tmp_path)
    script = tmp_path / ".no-posix" / "thidua_main.py"
    result = subprocess.run([sys.executable, str(script), "text", str(out / "000-lam-thao-ke-hoach-thi-dua.docx")],
                            capture_output=True, env={**os.environ, "PYTHONPATH": os.pathsep.join(
                                [str(script.parent), str(ROOT)]), "PYTHONIOENCODING": "cp1258"}, timeout=120)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert "ỦY BAN NHÂN DÂN" in result.stdout.decode("utf-8")
