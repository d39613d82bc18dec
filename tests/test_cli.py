"""The command line speaks Vietnamese: help screens, usage errors, version."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import ROOT


def thidua(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True, timeout=60,
                          cwd=ROOT, env={**os.environ, "COLUMNS": "120"})


ENGLISH = ("Usage", "Options", "Arguments", "Commands", "Show this message", "<list[", "TEXT", "PATH", "Error",
           "Try '")


@pytest.mark.parametrize("args", [[], ["--help"], ["-h"], *[[c, "--help"] for c in (
    "build", "check", "schema", "lint", "new-year", "events", "diff", "show", "text", "git-setup")]])
def test_help_screens_are_vietnamese(args):
    result = thidua(*args)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Cách dùng: thidua")
    assert "Tùy chọn:" in result.stdout and "Hiện hướng dẫn này rồi thoát." in result.stdout
    assert not [word for word in ENGLISH if word in result.stdout], result.stdout


def test_build_help_names_its_options_in_vietnamese():
    text = thidua("build", "--help").stdout
    assert "-o, --output THƯ_MỤC" in text and "--for-each BẢNG" in text and "[TỆP_HOẶC_THƯ_MỤC]..." in text
    assert "Tệp kế hoạch .yaml hoặc thư mục (mặc định: plans/)" in text  # an argument's own help is shown


def test_version():
    result = thidua("--version")
    assert result.returncode == 0 and result.stdout.startswith("thidua ")


@pytest.mark.parametrize("args,expected", [
    (["xay-dung"], "không có lệnh 'xay-dung'"),
    (["build", "--pdff"], "không có tùy chọn --pdff"),
    (["check"], "thiếu đối số"),
    (["events", "năm"], "không phải số nguyên"),
])
def test_usage_errors_are_vietnamese(args, expected):
    result = thidua(*args)
    assert result.returncode == 2
    assert expected in result.stderr and "--help" in result.stderr
    assert not [word for word in ENGLISH if word in result.stderr], result.stderr


def test_the_process_leaves_with_its_output_whole_and_its_exit_code():
    """`thidua` leaves without taking its objects apart (cli.app.run): all it printed still reaches the
    reader, the exit code is the command's, and a reader that stops early gets no traceback."""
    import json

    schema = thidua("schema")
    assert schema.returncode == 0 and json.loads(schema.stdout)["title"].startswith("Kế hoạch")
    missing = thidua("check", "khong-co-tep-nay.docx")
    assert missing.returncode == 2 and "không tìm thấy" in missing.stderr
    reader = subprocess.Popen([sys.executable, "-m", "generator", "schema"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, cwd=ROOT)
    assert reader.stdout is not None and reader.stderr is not None
    assert reader.stdout.read(10)
    reader.stdout.close()  # `thidua schema | more`, closed after the first lines
    assert reader.wait(timeout=60) == 0
    said = reader.stderr.read().decode("utf-8")
    assert "Traceback" not in said and "lỗi nội bộ" not in said, said
