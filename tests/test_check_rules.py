"""`thidua check` on one-defect variants of a correct document: each defect is a SAI of its own rule."""

from __future__ import annotations

from pathlib import Path

from docx import Document

from generator.cli.app import app


def _variant(built, tmp_path: Path, edit) -> Path:
    document = Document(str(built["000-lam-thao-ke-hoach-thi-dua"]))
    edit(document)
    target = tmp_path / "mot-loi.docx"
    document.save(str(target))
    return target


def _signature_authority_without_full_stop(document) -> None:
    for table in document.tables[-1:]:
        for cell in table._cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.text = run.text.replace("TM.", "TM")


def _issuer_not_bold(document) -> None:
    for paragraph in document.tables[0].cell(0, 0).paragraphs:
        for run in paragraph.runs:
            run.bold = False
        if paragraph.style is not None:
            paragraph.style.font.bold = False


def test_an_authority_line_without_its_full_stop_is_wrong_not_unseen(runner, built, tmp_path):
    result = runner.invoke(app, ["check", str(_variant(built, tmp_path, _signature_authority_without_full_stop))])
    assert result.exit_code == 1
    assert "[SAI] PL I §4 – viết tắt thẩm quyền ký (TM.): 'TM ỦY BAN NHÂN DÂN'" in result.output, result.output


def test_an_issuer_not_in_bold_is_a_fault_of_its_weight(runner, built, tmp_path):
    result = runner.invoke(app, ["check", str(_variant(built, tmp_path, _issuer_not_bold))])
    assert result.exit_code == 1
    assert "[SAI] PL I ô 2 – tên cơ quan ban hành in hoa, đậm, cỡ 12–13: 'HUYỆN LÂM THAO' không in đậm" \
        in result.output, result.output
