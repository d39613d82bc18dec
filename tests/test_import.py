"""`thidua import`: every shipped plan survives build → import → build word for word, and
Word files typed by hand (tests/handtyped.py) import into plans that rebuild to the same
words, pass `thidua check`, and hold the header, number, date, signer and recipients as fields."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
import yaml
from conftest import PLANS, ROOT, soffice
from handtyped import SEED_PLANS, VARIANTS, handtyped
from seed_compare import differences, similarity

from generator.build.pipeline import plan_document
from generator.checking.conformance import check_docx, verdict
from generator.cli.app import app
from generator.plan.loader import load_plan
from generator.word.text import docx_paragraphs

SHIPPED = sorted(p for p in PLANS.rglob("*.yaml") if not p.name.startswith("_"))


def _body_tables(docx) -> list[list[list[str]]]:
    """The cells of every table but the header and the signature table."""
    from docx import Document

    tables = Document(docx).tables
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in tables[1:-1]]


def _rebuilt(runner, docx, tmp_path):
    tmp_path.mkdir(parents=True, exist_ok=True)
    plan = tmp_path / "ke-hoach.yaml"
    result = runner.invoke(app, ["import", str(docx), "-o", str(plan)])
    assert result.exit_code == 0, result.output
    return plan, plan_document(plan, use_cache=False)


@pytest.mark.parametrize("plan", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_round_trip_of_every_shipped_plan_is_word_for_word(runner, built, tmp_path, plan):
    original = built[plan.stem]
    imported, rebuilt = _rebuilt(runner, original, tmp_path)
    assert docx_paragraphs(io.BytesIO(rebuilt)) == docx_paragraphs(original)
    assert _body_tables(io.BytesIO(rebuilt)) == _body_tables(original)  # tables come back as tables, cell for cell
    if load_plan(plan).report is not None:
        # a report's table is computed from its results sheet: the import keeps its cells, not that link
        assert "table: fixed" in imported.read_text(encoding="utf-8")
        return
    result = runner.invoke(app, ["diff", str(plan), str(imported)])
    assert result.exit_code == 0, result.output
    assert "Không có thay đổi" in result.output, result.output


@pytest.fixture(scope="module")
def typed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("handtyped")
    return {number: handtyped(number, folder / f"{number}.docx") for number in VARIANTS}


@pytest.mark.parametrize("number", VARIANTS)
def test_handtyped_word_file_rebuilds_to_the_same_words_and_passes_check(runner, typed, tmp_path, number):
    source = typed[number]
    plan_file, rebuilt = _rebuilt(runner, source, tmp_path)
    out = tmp_path / "lai.docx"
    out.write_bytes(rebuilt)
    original, again = "\n".join(docx_paragraphs(source)), "\n".join(docx_paragraphs(out))
    ratio = similarity(again, original)
    assert ratio >= 0.98, f"{ratio:.3f}\n" + "\n".join(differences(again, original)[:20])
    code, words = verdict(check_docx(out))
    assert code == 0, words
    # the header, number, date, signer and recipients are fields, not text
    expected = load_plan(PLANS / "2024" / f"{SEED_PLANS[number]}.yaml")
    plan = load_plan(plan_file)
    assert (plan.issuer.level, plan.issuer.name) == (expected.issuer.level, expected.issuer.name)
    assert plan.number == expected.number and plan.date == expected.date and plan.year == expected.year
    assert plan.kind == expected.kind
    assert plan.signer.name == expected.signer.name and plan.signer.authority == expected.signer.authority
    assert [r.text for r in plan.recipients.items] == [r.text for r in expected.recipients.items]
    assert plan.recipients.archive == expected.recipients.archive


def test_targets_rounds_and_anniversaries_are_recognised(runner, typed, tmp_path):
    plan_file, _ = _rebuilt(runner, typed["000"], tmp_path)
    plan = load_plan(plan_file)
    values = {t.label: (t.value, t.unit) for group in plan.targets for t in group.items if t.value}
    assert values["Tổng vốn đầu tư toàn xã hội"] == ("2.900", "tỷ đồng")  # from the table, "2.9" bold + "00"
    assert plan.rounds and plan.rounds[0].occasions
    text = plan_file.read_text(encoding="utf-8")
    assert "{{ year }}" in text


def test_import_never_overwrites_and_new_year_takes_a_word_file(runner, typed, tmp_path):
    source = tmp_path / "ke-hoach-2024.docx"
    shutil.copy(typed["002"], source)
    result = runner.invoke(app, ["new-year", str(source)])
    assert result.exit_code == 0, result.output
    rolled = tmp_path / "ke-hoach-2025.yaml"  # the year in the name follows the plan
    assert rolled.is_file(), result.output
    assert not (tmp_path / "ke-hoach-2024.yaml").exists()  # only the file asked for: nothing beside the Word file
    assert load_plan(rolled).year == 2025
    again = runner.invoke(app, ["new-year", str(source), "-o", str(tmp_path / "khac.yaml")])
    assert again.exit_code == 0, again.output  # no intermediate file stands in the way of a second run
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ke-hoach-2024.docx", "ke-hoach-2025.yaml", "khac.yaml"]
    assert runner.invoke(app, ["import", str(source)]).exit_code == 0
    before = (tmp_path / "ke-hoach-2024.yaml").read_bytes()
    twice = runner.invoke(app, ["import", str(source)])
    assert twice.exit_code == 2 and "không ghi đè" in twice.output
    assert (tmp_path / "ke-hoach-2024.yaml").read_bytes() == before


def test_lines_to_check_are_marked_in_the_yaml(runner, typed, built, tmp_path):
    plan_file, rebuilt = _rebuilt(runner, typed["000"], tmp_path)  # its targets were typed as a table
    text = plan_file.read_text(encoding="utf-8")
    data = yaml.safe_load(text)  # comments keep it valid YAML
    # the typed table of targets is read as targets, figures in their fields, and printed as a table again
    economy = data["targets"][0]
    assert economy["group"] == "kinh tế"
    assert {"label": "Tổng vốn đầu tư toàn xã hội", "unit": "tỷ đồng", "value": "2.900",
            "compare": "đạt từ … trở lên"} in economy["items"]
    assert "table: targets" in text
    assert _body_tables(io.BytesIO(rebuilt))[0][1] == ["1", "Tổng vốn đầu tư toàn xã hội", "Đạt từ 2.900 tỷ đồng trở lên"]
    sở, _ = _rebuilt(runner, built["so-noi-vu"], tmp_path / "so")
    assert "tên cơ quan được đọc từ dòng in hoa" in sở.read_text(encoding="utf-8")


@pytest.mark.parametrize("content,message", [
    (b"not a zip", "không phải tệp Word (.docx)"),
    (None, "không tìm thấy dòng tên loại"),
])
def test_a_file_that_is_not_a_plan_is_a_clear_error(runner, tmp_path, content, message):
    from docx import Document

    source = tmp_path / "x.docx"
    if content is None:
        document = Document()
        document.add_paragraph("Một đoạn văn không phải kế hoạch.")
        document.save(str(source))
    else:
        source.write_bytes(content)
    result = runner.invoke(app, ["import", str(source)])
    assert result.exit_code == 2 and message in result.output, result.output
    assert not (tmp_path / "x.yaml").exists()


def test_a_legacy_doc_is_converted_through_libreoffice(runner, typed, tmp_path):
    binary = soffice()
    if binary is None:
        pytest.skip("LibreOffice (soffice) chưa được cài: không tạo được tệp .doc để thử")
    profile = tmp_path / "profile"
    subprocess.run([binary, "--headless", f"-env:UserInstallation={profile.as_uri()}", "--convert-to", "doc",
                    "--outdir", str(tmp_path), str(typed["000"])], check=True, capture_output=True, timeout=180)
    legacy = tmp_path / "000.doc"
    result = runner.invoke(app, ["import", str(legacy)])
    assert result.exit_code == 0, result.output
    plan = load_plan(tmp_path / "000.yaml")
    assert plan.issuer.name == "Lâm Thao" and plan.signer.name == "Khuất Đăng Khoa"
    assert not list(tmp_path.glob(".thidua-import-*"))  # the scratch folder is gone


def test_a_killed_imports_scratch_folder_is_removed_by_the_next(runner, typed, tmp_path):
    """The pid in a scratch folder's name tells the next run that its owner is gone (killed)."""
    import sys

    binary = soffice()
    if binary is None:
        pytest.skip("LibreOffice (soffice) chưa được cài: không tạo được tệp .doc để thử")
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True).stdout.strip()  # a process that has ended
    left = tmp_path / f".thidua-import-{gone}-abc123"
    (left / "profile").mkdir(parents=True)
    (left / "van-ban.doc").write_bytes(b"left by a run killed with SIGKILL")
    profile = tmp_path / "profile"
    subprocess.run([binary, "--headless", f"-env:UserInstallation={profile.as_uri()}", "--convert-to", "doc",
                    "--outdir", str(tmp_path), str(typed["000"])], check=True, capture_output=True, timeout=180)
    result = runner.invoke(app, ["import", str(tmp_path / "000.doc")])
    assert result.exit_code == 0, result.output
    assert not list(tmp_path.glob(".thidua-import-*")), list(tmp_path.glob(".thidua-import-*"))


def test_an_import_stopped_by_sigterm_leaves_no_scratch_folder(typed, tmp_path):
    import os
    import signal
    import sys
    import time

    binary = soffice()
    if binary is None or not hasattr(signal, "SIGTERM") or os.name != "posix":
        pytest.skip("cần LibreOffice và tín hiệu POSIX (SIGTERM) để thử")
    profile = tmp_path / "profile"
    subprocess.run([binary, "--headless", f"-env:UserInstallation={profile.as_uri()}", "--convert-to", "doc",
                    "--outdir", str(tmp_path), str(typed["000"])], check=True, capture_output=True, timeout=180)
    running = subprocess.Popen([sys.executable, "-m", "generator", "import", "000.doc"], cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env={**os.environ, "PYTHONPATH": str(ROOT)})
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".thidua-import-*")) and running.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    if running.poll() is not None:
        pytest.skip("the conversion ended before it could be stopped")
    running.send_signal(signal.SIGTERM)
    _, stderr = running.communicate(timeout=60)
    assert running.returncode != 0
    time.sleep(1)  # whatever was still running had a moment to write
    left = [str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if ".thidua-import-" in str(p)]
    assert not left, f"the scratch folder outlived SIGTERM: {left}\n{stderr.decode(errors='replace')}"
    assert not (tmp_path / "000.yaml").exists()  # nothing half-done written


@pytest.mark.parametrize("plan", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_every_shipped_plan_typed_again_by_hand_imports_and_rebuilds(runner, built, tmp_path, plan):
    """Every family and layout, typed without thidua's styles: the same words back, and `check` passes."""
    from handtyped import retyped

    source = retyped(built[plan.stem], tmp_path / "go-lai.docx", seed=SHIPPED.index(plan))
    plan_file, rebuilt = _rebuilt(runner, source, tmp_path / "nhap")
    out = tmp_path / "lai.docx"
    out.write_bytes(rebuilt)
    original, again = "\n".join(_as_columns(docx_paragraphs(source))), "\n".join(docx_paragraphs(out))
    ratio = similarity(again, original)
    assert ratio >= 0.98, f"{ratio:.3f}\n" + "\n".join(differences(again, original)[:20])
    code, words = verdict(check_docx(out))
    assert code == 0, words
    expected, imported = load_plan(plan), load_plan(plan_file)
    assert imported.family == expected.family and imported.number == expected.number
    assert imported.signer.name == expected.signer.name
    assert [r.text for r in imported.recipients.items] == [r.text for r in expected.recipients.items]


def _as_columns(lines: list[str]) -> list[str]:
    """A header typed as lines with tabs read as a reader reads it: the left column, then the right."""
    tabbed = 0
    while tabbed < len(lines) and "\t" in lines[tabbed]:
        tabbed += 1
    parts = [line.split("\t") for line in lines[:tabbed]]
    left = [p[0] for p in parts if p[0].strip()]
    right = ["\t".join(p[1:]).strip() for p in parts if "\t".join(p[1:]).strip()]
    return left + right + lines[tabbed:]


def test_lines_no_field_takes_are_kept_and_said(runner, built, tmp_path):
    """A "V/v" line in the header and an appendix after the signature: kept, never dropped."""
    from docx import Document

    source = tmp_path / "co-phu-luc.docx"
    shutil.copy(built["an-thoi-dong-ke-hoach-thi-dua"], source)
    document = Document(str(source))
    document.tables[0].cell(1, 0).add_paragraph("V/v phát động thi đua năm 2026")
    document.add_paragraph("PHỤ LỤC: DANH SÁCH CÁC KHỐI THI ĐUA")
    document.save(str(source))
    result = runner.invoke(app, ["import", str(source)])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "co-phu-luc.yaml").read_text(encoding="utf-8")
    assert "- V/v phát động thi đua năm {{ year }}" in text  # kept as the first opening paragraph
    assert "# PHỤ LỤC: DANH SÁCH CÁC KHỐI THI ĐUA" in text  # kept at the end of the file
    assert "sau khối chữ ký" in result.output and "V/v" in result.output


@pytest.fixture(scope="module")
def fuzz_folder(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz-import")


def test_any_word_file_imports_or_is_refused_plainly(fuzz_folder):
    """Whatever a Word file holds: a plan that builds, a plan with located problems, or a clear
    refusal. Never a traceback, never a half-written file."""
    from hypothesis import HealthCheck, given, settings
    from randomdocs import build_document, documents

    from generator.core.errors import ThiduaError
    from generator.importing.command import import_file

    counter = iter(range(10**6))

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(documents())
    def run(spec):
        folder = fuzz_folder / str(next(counter))
        folder.mkdir()
        source = folder / "van-ban.docx"
        build_document(source, spec)
        try:
            written = import_file(source)
        except ThiduaError as exc:
            assert exc.problems and all(p.message for p in exc.problems)
            assert not (folder / "van-ban.yaml").exists()
            return
        assert written.path.is_file()
        yaml.safe_load(written.path.read_text(encoding="utf-8"))
        if not written.problems:
            try:
                plan_document(written.path, use_cache=False)
            except ThiduaError as exc:  # a located refusal at build time is acceptable, a crash is not
                assert exc.problems
        assert [p.name for p in folder.iterdir()] and not [p for p in folder.iterdir() if p.name.startswith(".")]

    run()


@pytest.mark.parametrize("number", ["000", "002"])
def test_a_header_typed_with_spaces_is_read_field_by_field(runner, tmp_path, number):
    from handtyped import spaced_header

    source = spaced_header(number, tmp_path / "van-ban.docx")
    plan_file, rebuilt = _rebuilt(runner, source, tmp_path / "nhap")
    expected, plan = load_plan(PLANS / "2024" / f"{SEED_PLANS[number]}.yaml"), load_plan(plan_file)
    assert (plan.issuer.level, plan.issuer.name) == (expected.issuer.level, expected.issuer.name)
    assert plan.issuer.unit and plan.issuer.unit.startswith("UBND ")  # as typed, not guessed
    assert plan.number == expected.number and plan.date == expected.date
    assert plan.signer.name == expected.signer.name
    out = tmp_path / "lai.docx"
    out.write_bytes(rebuilt)
    ratio = similarity("\n".join(docx_paragraphs(out)), "\n".join(docx_paragraphs(source)))
    assert ratio >= 0.98, ratio


def test_anniversaries_and_years_of_an_imported_plan_roll_forward(runner, typed, tmp_path):
    source = tmp_path / "lam-thao-2024.docx"
    shutil.copy(typed["000"], source)
    result = runner.invoke(app, ["new-year", str(source)])
    assert result.exit_code == 0, result.output
    before = "\n".join(docx_paragraphs(source))
    after = "\n".join(docx_paragraphs(io.BytesIO(plan_document(tmp_path / "lam-thao-2025.yaml", use_cache=False))))
    assert "94 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2024)" in before
    assert "95 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2025)" in after
    assert "kinh tế - xã hội năm 2025" in after and "kinh tế - xã hội năm 2024" not in after
    assert "giai đoạn 2021- 2025" in after  # a period is not the plan's year


def test_a_plan_without_numbered_sections_gets_no_invented_heading(runner, tmp_path):
    from docx import Document

    source = tmp_path / "thong-bao.docx"
    document = Document()
    for text in ("ỦY BAN NHÂN DÂN", "XÃ AN BÌNH", "Số: 03/TB-UBND", "An Bình, ngày 05 tháng 3 năm 2025",
                 "THÔNG BÁO", "Kết quả phong trào thi đua quý I năm 2025",
                 "Ủy ban nhân dân xã thông báo kết quả phong trào thi đua quý I năm 2025 như sau.",
                 "Các thôn tiếp tục thi đua trong quý II./."):
        document.add_paragraph(text).alignment = 1 if text.isupper() or text.startswith("Kết quả") else None
    document.save(str(source))
    plan_file, rebuilt = _rebuilt(runner, source, tmp_path / "nhap")
    text = docx_paragraphs(io.BytesIO(rebuilt))
    assert "Ủy ban nhân dân xã thông báo kết quả phong trào thi đua quý I năm 2025 như sau." in text
    assert not any(line.startswith("I. ") for line in text), text
    assert load_plan(plan_file).kind == "THÔNG BÁO"


def test_a_party_banner_in_the_page_header_makes_a_party_plan(runner, built, tmp_path):
    from docx import Document

    source = tmp_path / "dang-uy.docx"
    shutil.copy(built["dang-uy-ke-hoach-thi-dua"], source)
    document = Document(str(source))
    banner_cell = document.tables[0].cell(0, 1)
    for paragraph in banner_cell.paragraphs:
        for run in paragraph.runs:
            run.text = ""
    section = document.sections[0]
    section.first_page_header.is_linked_to_previous = False
    section.first_page_header.paragraphs[0].add_run("ĐẢNG CỘNG SẢN VIỆT NAM")
    document.save(str(source))
    plan_file, _ = _rebuilt(runner, source, tmp_path / "nhap")
    plan = load_plan(plan_file)
    assert plan.family.value == "đảng" and plan.number is None and plan.signer.authority.value == "TM"


def test_a_note_under_the_signer_and_a_long_symbol_are_kept(runner, built, tmp_path):
    from docx import Document

    source = tmp_path / "ban-sao.docx"
    shutil.copy(built["so-noi-vu"], source)
    document = Document(str(source))
    number = document.tables[0].cell(1, 0).paragraphs[0]
    number.runs[0].text = "Số: 07/KH-SNV-VP"
    for run in number.runs[1:]:
        run.text = ""
    signature = document.tables[-1].rows[0].cells[1]
    signature.paragraphs[1].insert_paragraph_before("(Đã ký)")
    signature.add_paragraph("Trần Văn C")
    document.save(str(source))
    plan_file, rebuilt = _rebuilt(runner, source, tmp_path / "nhap")
    plan = load_plan(plan_file)
    assert plan.number == 7 and plan.issuer.symbol == "SNV-VP"
    assert plan.signer.note == "(Đã ký)" and plan.signer.name == "Trần Văn C"
    text = docx_paragraphs(io.BytesIO(rebuilt))
    assert "Số: 07/KH-SNV-VP" in text and "(Đã ký)" in text
    out = tmp_path / "lai.docx"
    out.write_bytes(rebuilt)
    assert verdict(check_docx(out))[0] == 0  # the note is not judged as a signature line


def test_a_file_typed_without_diacritics_still_gives_its_fields(runner, tmp_path):
    from docx import Document

    source = tmp_path / "khong-dau.docx"
    document = Document()
    table = document.add_table(rows=2, cols=2)
    for cell, texts in ((table.cell(0, 0), ["UY BAN NHAN DAN", "XA AN BINH"]),
                        (table.cell(0, 1), ["CONG HOA XA HOI CHU NGHIA VIET NAM", "Doc lap - Tu do - Hanh phuc"]),
                        (table.cell(1, 0), ["So: 05/KH-UBND"]), (table.cell(1, 1), ["An Binh, ngay 05 thang 3 nam 2025"])):
        for text in texts:
            cell.add_paragraph(text)
    for text in ("KE HOACH", "To chuc phong trao thi dua nam 2025", "I. MUC DICH", "Thi dua hoan thanh nhiem vu./."):
        document.add_paragraph(text).alignment = 1 if text.isupper() or text.startswith("To") else None
    signature = document.add_table(rows=1, cols=2)
    for text in ("Noi nhan:", "- Cac thon;", "- Luu: VT."):
        signature.cell(0, 0).add_paragraph(text)
    for text in ("TM. UY BAN NHAN DAN", "CHU TICH", "Tran Van D"):
        signature.cell(0, 1).add_paragraph(text)
    document.save(str(source))
    plan_file, _ = _rebuilt(runner, source, tmp_path / "nhap")
    plan = load_plan(plan_file)
    assert plan.kind == "KẾ HOẠCH" and plan.year == 2025 and plan.number == 5
    assert (plan.issuer.level.value, plan.issuer.name) == ("xã", "An Binh")
    assert plan.date is not None and (plan.date.day, plan.date.month) == (5, 3)
    assert plan.signer.name == "Tran Van D" and [r.text for r in plan.recipients.items] == ["Cac thon"]
