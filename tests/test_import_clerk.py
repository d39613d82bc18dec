"""`thidua import` on files typed by clerks (tests/clerk_files.py): figures, pasted paragraphs, tables."""

from __future__ import annotations

import difflib
import io
import os
import re
import subprocess

import pytest
import yaml
from clerk_files import ECONOMY_POINTS, PASTED, TARGET_TABLE, WORK_TABLE, clerk_plan, signature_in_text_box
from conftest import ROOT, soffice
from typer.testing import CliRunner

from generator.build.pipeline import plan_document
from generator.cli.app import app
from generator.word.text import docx_paragraphs


def _imported(runner, tmp_path, body, name="ke-hoach", **typed):
    source = clerk_plan(tmp_path / f"{name}.docx", body, **typed)
    result = runner.invoke(app, ["import", str(source), "-o", str(tmp_path / f"{name}.yaml")])
    assert result.exit_code == 0, result.output
    plan = tmp_path / f"{name}.yaml"
    return source, plan, yaml.safe_load(plan.read_text(encoding="utf-8")), result.output


def _targets(data) -> dict[str, dict]:
    return {t["label"]: t for g in data["targets"] for t in g["items"] if isinstance(t, dict)}


def _words(text: str) -> list[str]:
    return [w for w in text.split() if any(c.isalnum() for c in w)]  # a drawn rule "____" is no word


def _similarity(a: list[str], b: list[str]) -> float:
    return difflib.SequenceMatcher(None, _words(" ".join(a)), _words(" ".join(b)), autojunk=False).ratio()


def test_a_figure_is_the_one_the_sentence_compares_never_one_inside_the_label(runner, tmp_path):
    _, plan, data, _ = _imported(runner, tmp_path, ECONOMY_POINTS)
    targets = _targets(data)
    per_hectare = targets["Giá trị sản phẩm thu hoạch trên 1 ha đất trồng trọt"]
    assert (per_hectare["value"], per_hectare["unit"]) == ("185", "triệu đồng")
    income = targets["Thu nhập bình quân đầu người"]
    assert (income["value"], income["unit"]) == ("72", "triệu đồng/người")
    assert income["note"] == ", tăng 5% so với năm 2024"  # the second clause stays whole, its figure with it
    text = plan.read_text(encoding="utf-8")
    assert "note: ." not in text and "note: '.'" not in text  # the end mark is never a note


def test_pasted_paragraphs_and_a_cut_heading_are_whole_again(runner, tmp_path):
    source, plan, data, _ = _imported(runner, tmp_path, PASTED)
    assert data["sections"][0]["title"] == "Mục đích, yêu cầu"
    assert data["sections"][0]["paragraphs"] == [
        "Phát huy tinh thần yêu nước, ý chí tự lực, tự cường của cán bộ, công chức và Nhân dân trên địa bàn xã; "
        "tạo khí thế thi đua sôi nổi trong toàn xã.",
        "Khen thưởng kịp thời, chính xác, công khai, minh bạch; chú trọng người lao động trực tiếp và tập thể nhỏ."]
    rebuilt = docx_paragraphs(io.BytesIO(plan_document(plan, use_cache=False)))
    assert _similarity(rebuilt, docx_paragraphs(source)) >= 0.98


def test_a_typed_table_of_targets_is_read_into_targets_and_rebuilt_as_a_table(runner, tmp_path):
    from docx import Document

    _, plan, data, _ = _imported(runner, tmp_path, TARGET_TABLE)
    assert [g["group"] for g in data["targets"]] == ["kinh tế", "xã hội"]
    targets = _targets(data)
    assert targets["Thu ngân sách nhà nước trên địa bàn"] | {} == {
        "label": "Thu ngân sách nhà nước trên địa bàn", "unit": "tỷ đồng", "value": "48,5", "compare": "từ … trở lên"}
    assert targets["Tỷ lệ hộ nghèo"]["compare"] == "giảm còn dưới …" and targets["Tỷ lệ hộ nghèo"]["unit"] == "%"
    assert targets["Giá trị sản xuất nông nghiệp"]["note"] == "bình quân 1 ha"
    assert data["sections"][0]["table"] == "targets"
    document = Document(io.BytesIO(plan_document(plan, use_cache=False)))
    cells = [[c.text for c in row.cells] for row in document.tables[1].rows]
    assert cells[0] == ["STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Ghi chú"]
    assert ["1", "Thu ngân sách nhà nước trên địa bàn", "tỷ đồng", "Từ 48,5 trở lên", ""] in cells
    assert ["3", "Tỷ lệ hộ nghèo", "%", "Giảm còn dưới 0,5%", ""] in cells


def test_any_other_table_is_kept_cell_for_cell(runner, tmp_path):
    from docx import Document

    source, plan, data, _ = _imported(runner, tmp_path, WORK_TABLE)
    section = data["sections"][0]
    assert section["table"] == "fixed"
    assert section["header"] == ["STT", "Nội dung công việc", "Thời gian thực hiện", "Đơn vị chủ trì"]
    # the plan's year in a cell moves with the year, as in any text
    assert section["rows"][1] == ["2", "Sơ kết đợt thi đua thứ nhất", "Tháng 7/{{ year }}", "Các cơ quan, đơn vị"]
    rebuilt = Document(io.BytesIO(plan_document(plan, use_cache=False)))
    original = Document(str(source))
    assert [[c.text for c in r.cells] for r in rebuilt.tables[1].rows] == \
        [[c.text for c in r.cells] for r in original.tables[1].rows]


@pytest.mark.parametrize("body", [ECONOMY_POINTS, PASTED, TARGET_TABLE, WORK_TABLE],
                         ids=["figures", "pasted", "target-table", "work-table"])
def test_every_clerk_file_rebuilds_close_to_the_original_and_passes_check(runner, tmp_path, body):
    source, plan, _, _ = _imported(runner, tmp_path, body)
    built = runner.invoke(app, ["build", str(plan), "-o", str(tmp_path / "out")])
    assert built.exit_code == 0, built.output
    rebuilt = tmp_path / "out" / "ke-hoach.docx"
    assert _similarity(docx_paragraphs(rebuilt), docx_paragraphs(source)) >= 0.98
    checked = runner.invoke(app, ["check", str(rebuilt)])
    assert "[SAI]" not in checked.output, checked.output


def test_a_pioneers_plan_with_the_short_banner_and_an_approval_block_comes_back_as_one(runner, tmp_path):
    from clerk_files import APPROVAL, PIONEERS_HEADER, PIONEERS_SIGNATURE

    source = clerk_plan(tmp_path / "lien-doi.docx", WORK_TABLE, summary="Hoạt động Đội năm học 2025 - 2026",
                        header_lines=PIONEERS_HEADER, signature=PIONEERS_SIGNATURE, after=APPROVAL)
    result = runner.invoke(app, ["import", str(source), "-o", str(tmp_path / "lien-doi.yaml")])
    assert result.exit_code == 0, result.output
    data = yaml.safe_load((tmp_path / "lien-doi.yaml").read_text(encoding="utf-8"))
    assert data["family"] == "đội" and data["issuer"]["symbol"] == "LĐ" and data["number"] == 10
    assert data["issuer"]["unit"] == "LIÊN ĐỘI TRƯỜNG THCS TÂN LẬP"  # the banner is not glued to the issuer
    assert data["approval"]["lines"] == ["Duyệt của ban giám hiệu", "Hiệu trưởng"]
    assert data["banner"] == "viết tắt"  # the banner comes back as typed
    rebuilt = docx_paragraphs(io.BytesIO(plan_document(tmp_path / "lien-doi.yaml", use_cache=False)))
    assert "Số: 10-KH/LĐ" in rebuilt and "DUYỆT CỦA BAN GIÁM HIỆU" in rebuilt
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in rebuilt
    assert "ĐỘI TNTP HỒ CHÍ MINH" in rebuilt and "ĐỘI THIẾU NIÊN TIỀN PHONG" not in rebuilt


def test_rounds_typed_as_a_heading_and_a_paragraph_are_rounds_whose_dates_move(runner, tmp_path):
    from clerk_files import ROUNDS_AS_HEADINGS

    source, plan, data, _ = _imported(runner, tmp_path, ROUNDS_AS_HEADINGS)
    first, second = data["rounds"]
    assert (first["start"], first["end"], first["heading"]) == ("01/01/2025", "30/6/2025", "colon")
    assert [o["event"] for o in first["occasions"]] == ["thanh-lap-dang", "giai-phong-mien-nam"]
    assert (second["heading"], second["paragraphs"]) == ("brackets", ["Sơ kết đợt thi đua thứ hai gắn với tổng kết năm."])
    rebuilt = docx_paragraphs(io.BytesIO(plan_document(plan, use_cache=False)))
    assert "1. Đợt thi đua thứ nhất: từ ngày 01/01/2025 đến ngày 30/6/2025" in rebuilt
    assert _similarity(rebuilt, docx_paragraphs(source)) >= 0.98
    rolled = runner.invoke(app, ["new-year", str(plan), "-o", str(tmp_path / "nam-sau.yaml")])
    assert rolled.exit_code == 0, rolled.output
    after = docx_paragraphs(io.BytesIO(plan_document(tmp_path / "nam-sau.yaml", use_cache=False)))
    assert "1. Đợt thi đua thứ nhất: từ ngày 01/01/2026 đến ngày 30/6/2026" in after
    assert any("96 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2026)" in t for t in after)


def test_text_typed_as_an_expression_stays_text(built, tmp_path):
    """"{{ year + 100 }}" typed in a Word file is printed as typed, never evaluated at build; the report says so."""
    from docx import Document as open_word

    document = open_word(str(built["000-lam-thao-ke-hoach-thi-dua"]))
    paragraph = [p for p in document.paragraphs if len(p.text) > 80][5]
    typed = "Ghi chú {{ year + 100 }} và {% if true %}CÓ{% endif %} và {# bình luận #} cuối. "
    paragraph.runs[0].text = typed + paragraph.runs[0].text
    source = tmp_path / "co-ngoac.docx"
    document.save(str(source))
    runner = CliRunner()
    result = runner.invoke(app, ["import", str(source), "-o", str(tmp_path / "co-ngoac.yaml")])
    assert result.exit_code == 0, result.output
    assert "đã giữ nguyên là chữ" in result.output
    rebuilt = docx_paragraphs(io.BytesIO(plan_document(tmp_path / "co-ngoac.yaml", use_cache=False)))
    assert any(p.startswith(typed.strip()) for p in rebuilt), [p for p in rebuilt if "Ghi chú" in p]


def test_a_file_name_cannot_add_a_key_to_the_plan(built, tmp_path):
    """A name holding line breaks is written into the plan's comment on one line."""
    if not hasattr(os, "mkfifo"):  # POSIX: a file name may hold a line break
        pytest.skip("file names with line breaks exist only on POSIX systems")
    source = tmp_path / "ke-hoach\nsymbol: QĐ\n#.docx"
    source.write_bytes(built["000-lam-thao-ke-hoach-thi-dua"].read_bytes())
    target = tmp_path / "ke-hoach.yaml"
    result = CliRunner().invoke(app, ["import", str(source), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert not [line for line in target.read_text(encoding="utf-8").splitlines() if line.startswith("symbol:")]
    rebuilt = docx_paragraphs(io.BytesIO(plan_document(target, use_cache=False)))
    assert any(p.startswith("Số:") and p.endswith("/KH-UBND") for p in rebuilt), rebuilt[:8]


def test_an_approval_block_typed_above_the_signature_table_comes_back_beside_it(runner, tmp_path):
    from clerk_files import APPROVAL, PIONEERS_HEADER, PIONEERS_SIGNATURE

    body = [*WORK_TABLE, *(("p", line, True) for line in APPROVAL)]  # typed at the end of the body
    source = clerk_plan(tmp_path / "lien-doi.docx", body, summary="Hoạt động Đội năm học 2025 - 2026",
                        header_lines=PIONEERS_HEADER, signature=PIONEERS_SIGNATURE)
    result = runner.invoke(app, ["import", str(source), "-o", str(tmp_path / "lien-doi.yaml")])
    assert result.exit_code == 0, result.output
    data = yaml.safe_load((tmp_path / "lien-doi.yaml").read_text(encoding="utf-8"))
    assert data["approval"]["lines"] == ["Duyệt của ban giám hiệu", "Hiệu trưởng"]
    text = (tmp_path / "lien-doi.yaml").read_text(encoding="utf-8")
    assert text.count("DUYỆT CỦA BAN GIÁM HIỆU") == 0  # not kept as a body line as well
    rebuilt = docx_paragraphs(io.BytesIO(plan_document(tmp_path / "lien-doi.yaml", use_cache=False)))
    assert rebuilt.count("DUYỆT CỦA BAN GIÁM HIỆU") == 1


def test_a_joint_plan_typed_with_one_symbol_is_rebuilt_with_one_symbol_and_marked(runner, built, tmp_path):
    from docx import Document as open_word

    document = open_word(str(built["lien-tich-ubnd-mttq"]))
    for paragraph in document.tables[0].cell(1, 0).paragraphs:
        for run in paragraph.runs:
            run.text = run.text.replace("UBND-UBMTTQ", "UBND")  # only the lead body's symbol typed
    source = tmp_path / "lien-tich.docx"
    document.save(str(source))
    result = runner.invoke(app, ["import", str(source), "-o", str(tmp_path / "lien-tich.yaml")])
    assert result.exit_code == 0, result.output
    assert "không đọc được" not in result.output and "IndexError" not in result.output
    text = (tmp_path / "lien-tich.yaml").read_text(encoding="utf-8")
    assert "KIỂM TRA: số văn bản liên tịch chỉ ghi ký hiệu của 1 cơ quan" in text
    data = yaml.safe_load(text)
    assert data["partners"][0]["in_number"] is False and "symbol" not in data["partners"][0]["issuer"]
    rebuilt = docx_paragraphs(io.BytesIO(plan_document(tmp_path / "lien-tich.yaml", use_cache=False)))
    assert any(re.fullmatch(r"Số:\s*/KH-UBND", line) for line in rebuilt), rebuilt[:12]  # the number as typed


def test_a_partner_left_out_of_the_number_needs_no_symbol_and_one_without_is_told_how(tmp_path):
    from generator.core.errors import ThiduaError

    source = (ROOT / "plans" / "2026" / "an-thoi-dong" / "lien-tich-ubnd-mttq.yaml").read_text(encoding="utf-8")
    assert "    symbol: UBMTTQ\n" in source
    plan = tmp_path / "lien-tich.yaml"
    plan.write_text(source.replace("    symbol: UBMTTQ\n", "", 1).replace(
        "  signer:\n    authority: TM\n    on_behalf_of: Ban Thường trực", "  in_number: false\n  signer:\n"
        "    authority: TM\n    on_behalf_of: Ban Thường trực", 1), encoding="utf-8")
    lines = docx_paragraphs(io.BytesIO(plan_document(plan, use_cache=False)))
    assert any(re.fullmatch(r"Số:\s*/KH-UBND", line) for line in lines), lines[:12]
    assert "ỦY BAN MTTQ VIỆT NAM" in lines  # still a joint plan: both bodies in the header
    plan.write_text(source.replace("    symbol: UBMTTQ\n", "", 1), encoding="utf-8")
    with pytest.raises(ThiduaError) as refused:
        plan_document(plan, use_cache=False)
    message = str(refused.value)
    assert "partners[0].issuer" in message and "in_number: false" in message, message


@pytest.mark.parametrize("suffix", [".docx", ".doc"])
def test_a_signature_in_a_text_box_over_the_recipients_is_the_signer_not_lost(runner, tmp_path, suffix):
    source = signature_in_text_box(tmp_path / "ke-hoach.docx", "Nguyễn Văn An")
    if suffix == ".doc":  # the legacy file: Word 97 format written by LibreOffice, read back through it
        binary = soffice()
        if binary is None:
            pytest.skip("LibreOffice (soffice) chưa được cài: không tạo được tệp .doc để thử")
        subprocess.run([binary, "--headless", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                        "--convert-to", "doc", "--outdir", str(tmp_path / "doc"), str(source)],
                       check=True, capture_output=True, timeout=180)
        source = tmp_path / "doc" / "ke-hoach.doc"
    result = runner.invoke(app, ["import", str(source), "-o", str(tmp_path / "lai.yaml")])
    assert result.exit_code == 0, result.output
    data = yaml.safe_load((tmp_path / "lai.yaml").read_text(encoding="utf-8"))
    assert data["signer"] == {"authority": "TM", "title": "Chủ tịch", "name": "Nguyễn Văn An"}
    assert data["recipients"]["archive"] == "VT"  # nothing of the signature glued to "Lưu: VT."
    assert [i if isinstance(i, str) else i["text"] for i in data["recipients"]["items"]] == \
        ["UBND tỉnh", "Các cơ quan, đơn vị"]


def test_points_each_ended_with_a_full_stop_come_back_so(runner, tmp_path):
    """A clerk who ends every target with "." gets them back so (item_end: '.'), not with thidua's ";"."""
    source, plan, data, _ = _imported(runner, tmp_path, ECONOMY_POINTS)
    group = data["targets"][0]
    assert group["item_end"] == "." and "note: ." not in plan.read_text(encoding="utf-8")
    rebuilt = docx_paragraphs(io.BytesIO(plan_document(plan, use_cache=False)))
    typed = [text for kind, text, *_ in ECONOMY_POINTS if text.startswith("- ")]
    assert [line for line in rebuilt if line.startswith("- ") and "đạt" in line] == typed


def test_a_two_line_issuer_whose_first_line_names_a_place_is_a_parent_and_a_unit(runner, tmp_path):
    """"PHÒNG GD&ĐT HUYỆN TAM NÔNG / TRƯỜNG THCS TÂN LẬP", both typed bold: two lines again, never one glued."""
    from clerk_files import APPROVAL

    header = (("PHÒNG GD&ĐT HUYỆN TAM NÔNG", "TRƯỜNG THCS TÂN LẬP"),
              ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"), "Số: 12/KH-THCS",
              "Tân Lập, ngày 15 tháng 9 năm 2025")
    source = clerk_plan(tmp_path / "truong.docx", WORK_TABLE, summary="Hoạt động Đội năm học 2025 - 2026",
                        header_lines=header, signature=("TỔNG PHỤ TRÁCH ĐỘI",), after=APPROVAL[:1])
    result = runner.invoke(app, ["import", str(source), "-o", str(tmp_path / "truong.yaml")])
    assert result.exit_code == 0, result.output
    data = yaml.safe_load((tmp_path / "truong.yaml").read_text(encoding="utf-8"))
    assert (data["issuer"]["parent"], data["issuer"]["unit"]) == ("PHÒNG GD&ĐT HUYỆN TAM NÔNG", "TRƯỜNG THCS TÂN LẬP")
    rebuilt = docx_paragraphs(io.BytesIO(plan_document(tmp_path / "truong.yaml", use_cache=False)))
    assert rebuilt[:2] == ["PHÒNG GD&ĐT HUYỆN TAM NÔNG", "TRƯỜNG THCS TÂN LẬP"]
    typed = docx_paragraphs(source)
    # every line as typed, the approval block (typed below the signature table) beside the signature
    assert sorted(t for t in rebuilt if t.strip("_")) == sorted(typed)


def test_a_signer_typed_beside_the_recipients_with_tabs_is_parted_from_them(runner, tmp_path):
    """"Nơi nhận:<tabs>TM. ỦY BAN NHÂN DÂN" / "- UBND tỉnh (B/c);<tabs>CHỦ TỊCH": never glued together."""
    source, plan, data, _ = _imported(runner, tmp_path, WORK_TABLE, closing="tabs")
    assert data["recipients"]["items"][0] == {"text": "UBND tỉnh", "report": True}
    assert data["recipients"]["items"][1] == "Các cơ quan, đơn vị"
    assert (data["signer"]["authority"], data["signer"]["title"], data["signer"]["name"]) == \
        ("TM", "Chủ tịch", "Nguyễn Văn An")
    rebuilt = docx_paragraphs(io.BytesIO(plan_document(plan, use_cache=False)))
    assert "TM. ỦY BAN NHÂN DÂN" in rebuilt and "- UBND tỉnh (B/c);" in rebuilt


def test_a_signature_poured_into_the_archive_line_is_taken_back_out(runner, tmp_path):
    """"- Lưu: VT.TM. ỦY BAN NHÂN DÂN" (a .doc's signature cell run into the list): archive VT, signer TM."""
    source, plan, data, _ = _imported(runner, tmp_path, WORK_TABLE, closing="poured")
    assert data["recipients"]["archive"] == "VT"
    assert (data["signer"]["authority"], data["signer"]["title"]) == ("TM", "Chủ tịch")
    rebuilt = docx_paragraphs(io.BytesIO(plan_document(plan, use_cache=False)))
    assert "- Lưu: VT." in rebuilt and "TM. ỦY BAN NHÂN DÂN" in rebuilt


def test_targets_right_under_their_heading_and_rounds_after_a_colon_are_data(runner, tmp_path):
    """"II. CHỈ TIÊU CHỦ YẾU" then "- … đạt 8,5% trở lên."; "1. Đợt 1: Từ ngày …, thi đua … chào mừng …"."""
    from clerk_files import BLANK_NUMBER_HEADER, UNTITLED_TARGETS

    source, plan, data, _ = _imported(runner, tmp_path, UNTITLED_TARGETS, header_lines=BLANK_NUMBER_HEADER,
                                      summary="Phát động phong trào thi đua năm 2026")
    (group,) = data["targets"]
    assert group["heading"] is False
    targets = _targets(data)
    assert (targets["Tốc độ tăng trưởng kinh tế"]["value"], targets["Tỷ lệ hộ nghèo"]["value"]) == ("8,5", "1,2")
    assert targets["Thu ngân sách nhà nước trên địa bàn"]["value"] == "12.500"
    first, second = data["rounds"]
    assert (first["start"], first["end"], first["form"], first["capital"]) == ("01/01/2026", "30/4/2026", "colon", True)
    assert [o["event"] for o in first["occasions"]] == ["thanh-lap-dang"]
    rebuilt = docx_paragraphs(io.BytesIO(plan_document(plan, use_cache=False)))
    assert "II. CHỈ TIÊU CHỦ YẾU" in rebuilt and "III. CÁC ĐỢT THI ĐUA" in rebuilt  # no heading invented
    assert _similarity(rebuilt, docx_paragraphs(source)) >= 0.98
    rolled = runner.invoke(app, ["new-year", str(plan), "-o", str(tmp_path / "nam-sau.yaml")])
    assert rolled.exit_code == 0, rolled.output
    after = docx_paragraphs(io.BytesIO(plan_document(tmp_path / "nam-sau.yaml", use_cache=False)))
    assert any(t.startswith("1. Đợt 1: Từ ngày 01/01/2027 đến ngày 30/4/2027, thi đua lập thành tích chào mừng "
                            "kỷ niệm 97 năm Ngày thành lập Đảng") for t in after), [t for t in after if "Đợt" in t]


def test_the_banner_comes_back_in_the_form_it_was_typed_in(runner, tmp_path):
    """One line, short, or the two lines of the family's own: each rebuilt as typed."""
    from clerk_files import PIONEERS_SIGNATURE

    for typed, form in ((("ĐỘI THIẾU NIÊN TIỀN PHONG HỒ CHÍ MINH",), "một dòng"),
                        (("ĐỘI THIẾU NIÊN TIỀN PHONG", "HỒ CHÍ MINH"), None)):
        header = (("LIÊN ĐỘI TRƯỜNG THCS TÂN LẬP",), typed, "Số: 10-KH/LĐ", "Tân Lập, ngày 15 tháng 9 năm 2025")
        name = f"doi-{len(typed)}"
        source = clerk_plan(tmp_path / f"{name}.docx", WORK_TABLE, summary="Hoạt động Đội năm học 2025 - 2026",
                            header_lines=header, signature=PIONEERS_SIGNATURE)
        result = runner.invoke(app, ["import", str(source), "-o", str(tmp_path / f"{name}.yaml")])
        assert result.exit_code == 0, result.output
        data = yaml.safe_load((tmp_path / f"{name}.yaml").read_text(encoding="utf-8"))
        assert data.get("banner") == form
        rebuilt = docx_paragraphs(io.BytesIO(plan_document(tmp_path / f"{name}.yaml", use_cache=False)))
        assert [t for t in rebuilt if t.startswith(("ĐỘI", "HỒ CHÍ MINH"))] == list(typed)
