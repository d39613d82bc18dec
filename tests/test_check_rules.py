"""`thidua check` on one-defect variants of a correct document: each defect is a SAI of its own rule."""

from __future__ import annotations

from pathlib import Path

import pytest
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


def _replace_in(cells, old: str, new: str) -> None:
    for cell in cells:
        for paragraph in cell.paragraphs:
            for run in paragraph.runs:
                run.text = run.text.replace(old, new)


def _motto_with_en_dashes(document) -> None:
    _replace_in([document.tables[0].cell(0, 1)], " - ", " – ")


def _academic_title_before_the_name(document) -> None:
    last = [p for p in document.tables[-1]._cells[-1].paragraphs if p.text.strip()][-1]
    last.runs[0].text = "TS. " + last.runs[0].text


def _notice_number_on_a_plan(document) -> None:
    _replace_in([document.tables[0].cell(1, 0)], "/KH-", "/TB-")


@pytest.mark.parametrize("edit, line", [
    (_motto_with_en_dashes, "[SAI] PL I ô 1 – tiêu ngữ viết 'Độc lập - Tự do - Hạnh phúc' (gạch nối, cách chữ): "
                            "viết 'Độc lập – Tự do – Hạnh phúc'"),
    (_academic_title_before_the_name, "[SAI] PL I ô 7 – họ tên người ký không kèm học hàm, học vị: 'TS. "),
    (_notice_number_on_a_plan, "[SAI] PL I §3.3 – chữ viết tắt tên loại trong số khớp với tên loại văn bản: "
                               "KẾ HOẠCH viết tắt là KH, số ghi 'TB'"),
], ids=["motto-dashes", "academic-title", "kind-symbol"])
def test_each_defect_is_said_by_its_own_rule(runner, built, tmp_path, edit, line):
    result = runner.invoke(app, ["check", str(_variant(built, tmp_path, edit))])
    assert result.exit_code == 1
    assert line in result.output, result.output


def _second_type_line_not_centred(document) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    kind = next(p for p in document.paragraphs if p.text == "KẾ HOẠCH")
    kind.alignment = WD_ALIGN_PARAGRAPH.LEFT  # neither type line centred
    attached = document.paragraphs[-1].insert_paragraph_before("")
    attached.add_run("KẾ HOẠCH").bold = True
    attached.alignment = WD_ALIGN_PARAGRAPH.LEFT


def test_two_type_lines_are_noticed_even_when_neither_is_centred(runner, built, tmp_path):
    result = runner.invoke(app, ["check", str(_variant(built, tmp_path, _second_type_line_not_centred))])
    assert result.exit_code in (1, 3)
    assert "[KHÔNG ĐÁNH GIÁ ĐƯỢC] PL I ô 5a – loại văn bản được kiểm tra theo đúng quy tắc của loại đó: văn bản có 2 " \
        "dòng tên loại" in result.output, result.output
