"""Bad input gets a located Vietnamese message, exit code 2, and no output is lost."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from docx import Document

from generator.checking.conformance import check_docx, failed
from generator.cli.app import app
from generator.word.text import docx_paragraphs


def build(runner, tmp_path: Path, content: str | bytes, *extra: str):
    plan = tmp_path / "ke-hoach.yaml"
    if isinstance(content, bytes):
        plan.write_bytes(content)
    else:
        plan.write_text(content, encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(plan), "-o", str(out), *extra])
    return result, out


def assert_refused(result, out: Path, *fragments: str):
    assert result.exit_code == 2, result.output
    for fragment in fragments:
        assert fragment in result.output, result.output
    assert "Traceback" not in result.output
    assert not out.exists() or not any(out.rglob("*.docx")), "no output file may be written"


def test_valid_minimal_plan_builds(runner, tmp_path, minimal_plan_text):
    result, out = build(runner, tmp_path, minimal_plan_text)
    assert result.exit_code == 0, result.output
    assert (out / "ke-hoach.docx").is_file()
    assert f"Đã ghi: {out / 'ke-hoach.docx'}" in result.output
    assert not failed(check_docx(out / "ke-hoach.docx"))


@pytest.mark.parametrize("change,fragments", [
    (("summary: Phát", "summary: [Phát"), ["dòng 9", "lỗi cú pháp YAML"]),
    (("  - title: Mục đích", "  - titel: Mục đích"), ["dòng 10", "'titel'", "có phải ý bạn là 'title'?"]),
    (("year: 2026", "year: năm nay"), ["dòng 2", "trường 'year'", "cần một số nguyên"]),
    (("signer:\n  authority: TM\n  title: Chủ tịch\n  name: Nguyễn Văn A\n", ""),
     ["trường 'signer'", "thiếu trường bắt buộc"]),
    (("date:\n  month: 1", "date: 31/02/2026"), ["dòng 6", "trường 'date'", "ngày không tồn tại: 31/02/2026"]),
    (("end: 30/06/2026", "end: 01/12/2025"), ["dòng 15", "rounds[0]", "kết thúc (01/12/2025) trước khi bắt đầu"]),
    (("authority: TM", "authority: KTT"), ["dòng 22", "signer.authority", "'KTT' không hợp lệ", "'TM', 'KT', 'Q', 'TL', 'TUQ'"]),
    (("name: Nguyễn Văn A", "name: \"Nguyễn\\x0bVăn A\""), ["dòng 24", "signer.name", "U+000B", "dán từ Word"]),
])
def test_located_error(runner, tmp_path, minimal_plan_text, change, fragments):
    old, new = change
    assert old in minimal_plan_text
    result, out = build(runner, tmp_path, minimal_plan_text.replace(old, new))
    assert_refused(result, out, "ke-hoach.yaml", *fragments)


def test_every_problem_reported_in_one_run(runner, tmp_path, minimal_plan_text):
    broken = (minimal_plan_text.replace("year: 2026", "year: x").replace("authority: TM", "authority: ZZ")
              .replace("end: 30/06/2026", "end: 31/06/2026").replace("  name: Tam Long", "  nam: Tam Long"))
    result, out = build(runner, tmp_path, broken)
    assert_refused(result, out, "trường 'year'", "signer.authority", "ngày không tồn tại: 31/06/2026",
                   "có phải ý bạn là 'name'?")
    assert result.output.count("Lỗi") >= 5  # the missing 'name' is reported too


def test_empty_file(runner, tmp_path):
    result, out = build(runner, tmp_path, "  \n")
    assert_refused(result, out, "tệp rỗng")


def test_file_not_utf8(runner, tmp_path, minimal_plan_text):
    result, out = build(runner, tmp_path, minimal_plan_text.encode("utf-8").replace(
        b"Tam Long", "Tam Long \xe0".encode("latin-1")))
    assert_refused(result, out, "không phải mã UTF-8", "dòng 5", "lưu lại với mã hóa UTF-8")


def test_missing_template(runner, tmp_path, minimal_plan_text):
    result, out = build(runner, tmp_path, "template: khong-co.docx\n" + minimal_plan_text)
    assert_refused(result, out, "khong-co.docx", "không tìm thấy tệp mẫu")


def test_unwritable_output_folder(runner, tmp_path, minimal_plan_text):
    plan = tmp_path / "p.yaml"
    plan.write_text(minimal_plan_text, encoding="utf-8")
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    result = runner.invoke(app, ["build", str(plan), "-o", str(blocker / "out")])
    assert result.exit_code == 2
    assert "không ghi được vào thư mục" in result.output and "Traceback" not in result.output


def test_failed_rebuild_keeps_previous_output(runner, tmp_path, minimal_plan_text):
    result, out = build(runner, tmp_path, minimal_plan_text)
    assert result.exit_code == 0
    before = (out / "ke-hoach.docx").read_bytes()
    result, _ = build(runner, tmp_path, minimal_plan_text.replace("year: 2026", "year: x"))
    assert result.exit_code == 2
    assert (out / "ke-hoach.docx").read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == [".thidua-manifest.json", ".thidua-manifest.lock",
                                                     "ke-hoach.docx"]  # no temporary file


def test_special_characters_verbatim_and_nfc(runner, tmp_path, minimal_plan_text):
    decomposed = unicodedata.normalize("NFD", "Phát huy truyền thống")
    plan = (minimal_plan_text
            .replace("summary: Phát động phong trào thi đua năm 2026",
                     "summary: 'Thi đua \"Xanh & Sạch\" <2026> – A&B'")
            .replace("Phát huy truyền thống thi đua yêu nước.", decomposed + " thi đua yêu nước."))
    result, out = build(runner, tmp_path, plan)
    assert result.exit_code == 0, result.output
    lines = docx_paragraphs(out / "ke-hoach.docx")
    assert 'Thi đua "Xanh & Sạch" <2026> – A&B' in lines
    assert "Phát huy truyền thống thi đua yêu nước." in lines  # NFC: matches the composed text
    assert all(unicodedata.is_normalized("NFC", line) for line in lines)
    assert not failed(check_docx(out / "ke-hoach.docx"))


def _template(path: Path, text: str) -> Path:
    document = Document()
    document.add_paragraph(text)
    document.save(path)
    return path


def test_undefined_name_in_template_reported_with_full_path(runner, tmp_path, minimal_plan_text):
    _template(tmp_path / "mau.docx", "{{ issuer.parnt }}")
    result, out = build(runner, tmp_path, "template: mau.docx\n" + minimal_plan_text)
    assert_refused(result, out, "mau.docx", "issuer.parnt")


def test_template_cannot_escape_the_sandbox(runner, tmp_path, minimal_plan_text):
    _template(tmp_path / "mau.docx", "{{ ''.__class__.__mro__[1].__subclasses__() }}")
    result, out = build(runner, tmp_path, "template: mau.docx\n" + minimal_plan_text)
    assert_refused(result, out, "mau.docx", "lỗi mẫu")


def test_build_of_a_folder_reports_bad_file_and_writes_the_others(runner, tmp_path, minimal_plan_text):
    plans = tmp_path / "plans"
    (plans / "sub").mkdir(parents=True)
    (plans / "sub" / "good.yaml").write_text(minimal_plan_text, encoding="utf-8")
    (plans / "bad.yaml").write_text(minimal_plan_text.replace("year: 2026", "year: x"), encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(plans), "-o", str(out)])
    assert result.exit_code == 2
    assert (out / "sub" / "good.docx").is_file() and not (out / "bad.docx").exists()
    assert "bad.yaml" in result.output


def test_a_refused_extends_is_the_only_problem_said(tmp_path):
    """Without its base a plan misses every inherited field: saying so would bury the one real problem."""
    import pytest

    from generator.core.errors import ThiduaError
    from generator.plan.loader import load

    plan = tmp_path / "xa.yaml"
    plan.write_text("extends: /etc/passwd.yaml\nissuer: {level: xã, name: Tân Lập}\n", encoding="utf-8")
    with pytest.raises(ThiduaError) as error:
        load(plan)
    assert [p.field for p in error.value.problems] == ["extends"]
    assert "đường dẫn tuyệt đối" in error.value.problems[0].message


def test_a_fifo_or_a_device_is_refused_at_once_not_read(tmp_path):
    import os
    import sys

    import pytest

    from generator.core.errors import ThiduaError
    from generator.plan.communes import read_rows
    from generator.plan.loader import load

    if sys.platform == "win32":
        pytest.skip("không có FIFO trên Windows")
    fifo = tmp_path / "ke-hoach.yaml"
    os.mkfifo(fifo)  # opening it for reading would wait for a writer forever
    device = tmp_path / "bang.csv"
    device.symlink_to("/dev/zero")  # st_size 0, and no end
    for read, path in ((load, fifo), (read_rows, device), (read_rows, fifo)):
        with pytest.raises(ThiduaError) as error:
            read(path)
        assert "không phải tệp thường" in str(error.value)


def test_lint_warnings_are_problems_of_severity_warning(tmp_path, minimal_plan_text):
    from generator.core.errors import Problem, Severity
    from generator.plan.loader import load
    from generator.tools.lint import lint

    plan = tmp_path / "kh.yaml"
    plan.write_text(minimal_plan_text.replace("summary:", "legal_bases:\n- Căn cứ Nghị định số 98/2023/NĐ-CP "
                                              "ngày 31 tháng 12 năm 2023 của Chính phủ;\nsummary:", 1), encoding="utf-8")
    findings = lint(load(plan))
    assert findings and all(isinstance(f, Problem) and f.severity is Severity.warning for f in findings)
    repeal = next(f for f in findings if "98/2023" in f.message)
    assert repeal.field == "legal_bases[0]" and repeal.line is not None


def test_the_fast_scan_finds_every_character_the_loader_refuses():
    """Plans are scanned for control characters, separators, surrogates and non-characters by a quicker
    search than BAD's own (core.characters.bad_characters): for any text it finds the same characters,
    at the same places, those beyond the first plane (U+1FFFE, an emoji beside it) included."""
    from hypothesis import example, given, settings
    from hypothesis import strategies as st

    from generator.core.characters import BAD, bad_characters, first_bad

    @settings(max_examples=400, deadline=None)
    @given(st.text(alphabet=st.one_of(st.characters(codec=None), st.sampled_from(
        ["\U0001fffe", "\U0010ffff", "\U0001f600", "\ufffe", "\x0b", "\u2028", "a", "ệ"])), max_size=40))
    @example("Kế hoạch \U0001f600\U0001fffe\x0b\U0010fffd")
    def same(text: str) -> None:
        expected = [(m.start(), m.group()) for m in BAD.finditer(text)]
        assert [(m.start(), m.group()) for m in bad_characters(text)] == expected
        assert first_bad(text) == (expected[0][1] if expected else None)

    same()
