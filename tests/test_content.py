"""Nothing stale or unfinished reaches a page ready to sign: placeholders stop a final build,
drafts are marked, repealed texts and abolished bodies are named, the calendar is complete."""

from __future__ import annotations

import re

import pytest
from conftest import PLANS

from generator.cli.app import app
from generator.core.anniversaries import NATIONAL_EVENTS, events_in_year, is_round_number
from generator.core.legal import cited
from generator.core.placeholders import find_placeholders
from generator.word.text import docx_paragraphs


def _write(tmp_path, text: str, name: str = "kh.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("text, blanks", [
    ("UBND xã (tên xã) phát động", ["(tên xã)"]),
    ("Người ký: (họ và tên)", ["(họ và tên)"]),
    ("Số lượng: xxx người; ghi tại ……", ["xxx", "……"]),
    ("Kính gửi: ............", ["............"]),
    ("(ghi rõ tên đơn vị)", ["(ghi rõ tên đơn vị)"]),
    ("tập trung giải quyết việc khó… hướng phong trào", []),  # one ellipsis is text
    ("Đại hội Đảng bộ lần thứ XXX", []),  # a Roman numeral
    ("Sở Nội vụ (cơ quan thường trực của Hội đồng) theo dõi", []),  # an explanation, not a slot
])
def test_placeholders_are_the_blanks_a_clerk_fills(text, blanks):
    assert find_placeholders(text) == blanks


def test_a_placeholder_stops_a_final_build_with_its_location(runner, tmp_path, minimal_plan_text):
    plan = _write(tmp_path, minimal_plan_text.replace("name: Tam Long", "name: (tên xã)"))
    result = runner.invoke(app, ["build", str(plan), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "kh.yaml, dòng 5" in result.output and "(tên xã)" in result.output and "--draft" in result.output
    assert not (tmp_path / "out" / "kh.docx").exists()


def test_a_placeholder_inherited_from_a_base_stops_the_build_where_the_base_wrote_it(runner, tmp_path,
                                                                                    minimal_plan_text):
    _write(tmp_path, minimal_plan_text.replace("Phát huy truyền thống", "Xã (tên xã) phát huy truyền thống"),
           "_mau.yaml")
    plan = _write(tmp_path, "extends: _mau.yaml\nsigner:\n  name: Trần Văn B\n")
    result = runner.invoke(app, ["build", str(plan), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "_mau.yaml, dòng 12" in result.output, result.output


def test_a_draft_builds_and_is_marked_on_page_one(runner, tmp_path, minimal_plan_text):
    plan = _write(tmp_path, minimal_plan_text.replace("name: Nguyễn Văn A", "name: (họ và tên)"))
    result = runner.invoke(app, ["build", str(plan), "-o", str(tmp_path / "out"), "--draft"])
    assert result.exit_code == 0, result.output
    paragraphs = docx_paragraphs(tmp_path / "out" / "kh.docx")
    assert paragraphs[0] == "DỰ THẢO"
    assert "DỰ THẢO" in result.output


def test_a_base_plan_built_on_its_own_is_refused_unless_a_draft(runner, tmp_path):
    base = PLANS / "2026" / "quang-ninh" / "_xa-phuong-mau.yaml"
    refused = runner.invoke(app, ["build", str(base), "-o", str(tmp_path / "a")])
    assert refused.exit_code == 2 and "(tên xã)" in refused.output
    draft = runner.invoke(app, ["build", str(base), "-o", str(tmp_path / "b"), "--draft"])
    assert draft.exit_code == 0, draft.output


def test_blank_number_day_and_signer_name_still_build_as_final(runner, tmp_path, minimal_plan_text):
    text = minimal_plan_text.replace("name: Nguyễn Văn A", "name: ''")
    plan = _write(tmp_path, text)
    result = runner.invoke(app, ["build", str(plan), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    paragraphs = docx_paragraphs(tmp_path / "out" / "kh.docx")
    assert "DỰ THẢO" not in paragraphs
    assert any(re.match(r"Số:\s+/KH-UBND", p) for p in paragraphs)


def _plan_year(text: str) -> int | None:
    match = re.search(r"^year:\s*'?(\d{4})", text, re.M)
    return int(match.group(1)) if match else None


def test_no_shipped_plan_dated_after_a_repeal_cites_the_repealed_text():
    import datetime as dt

    for path in sorted(PLANS.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        year = _plan_year(text) or 2026
        for legal in cited(text):
            assert not (legal.repealed and dt.date(year, 1, 1) >= legal.repealed), (path.name, legal.number)


LAW_AND_OLD_DECREE = """
legal_bases:
  - Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;
  - Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ;
"""


def test_lint_names_the_repealed_decree_and_its_replacement_and_leaves_the_law_alone(runner, tmp_path,
                                                                                     minimal_plan_text):
    plan = _write(tmp_path, minimal_plan_text + LAW_AND_OLD_DECREE)
    result = runner.invoke(app, ["lint", str(plan)])
    assert result.exit_code == 0, result.output
    assert "Nghị định số 98/2023/NĐ-CP đã hết hiệu lực từ 01/7/2025; thay bằng Nghị định số 152/2025/NĐ-CP" \
        in result.output
    line = (minimal_plan_text + LAW_AND_OLD_DECREE).splitlines().index(
        "  - Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ;") + 1
    assert f"dòng {line}" in result.output  # the decree's line
    assert "legal_bases[0]" not in result.output  # the 2022 Law is the standing law: no warning


def test_build_and_new_year_also_name_the_repealed_decree(runner, tmp_path, minimal_plan_text):
    plan = _write(tmp_path, minimal_plan_text + LAW_AND_OLD_DECREE, "kh-2026.yaml")
    built = runner.invoke(app, ["build", str(plan), "-o", str(tmp_path / "out")])
    assert built.exit_code == 0 and "152/2025/NĐ-CP" in built.output
    rolled = runner.invoke(app, ["new-year", str(plan)])
    assert rolled.exit_code == 0 and "152/2025/NĐ-CP" in rolled.output


def test_a_2026_plan_sending_to_an_abolished_district_gets_a_located_warning(runner, tmp_path, minimal_plan_text):
    text = minimal_plan_text.replace("items: [UBND Thành phố Hồ Chí Minh]",
                                     "items: [UBND Thành phố Hồ Chí Minh, UBND huyện Tứ Kỳ (b/c), Phòng Nội vụ huyện]")
    result = runner.invoke(app, ["lint", str(_write(tmp_path, text))])
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if "UBND huyện Tứ Kỳ" in ln)
    assert f"dòng {line}" in result.output and "«UBND huyện»" in result.output and "không còn từ 01/7/2025" in result.output.replace("\n", " ")
    assert "Phòng Nội vụ huyện" in result.output


def test_a_year_expression_in_a_past_period_is_flagged(runner, tmp_path, minimal_plan_text):
    text = minimal_plan_text.replace(
        "- Phát huy truyền thống thi đua yêu nước.",
        "- Năm {{ year }} là năm cuối thực hiện Kế hoạch phát triển kinh tế - xã hội 5 năm 2021 - 2025.")
    result = runner.invoke(app, ["lint", str(_write(tmp_path, text))])
    assert "giai đoạn 2021 - 2025" in result.output and "dòng 12" in result.output


def test_an_acknowledged_warning_stays_quiet_and_survives_new_year(runner, tmp_path, minimal_plan_text):
    text = minimal_plan_text.replace("items: [UBND Thành phố Hồ Chí Minh]",
                                     "items: [UBND huyện Tứ Kỳ]  # giữ nguyên có chủ đích: văn bản lưu trữ")
    plan = _write(tmp_path, text, "kh-2026.yaml")
    assert "UBND huyện" not in runner.invoke(app, ["lint", str(plan)]).output
    rolled = runner.invoke(app, ["new-year", str(plan)])
    assert rolled.exit_code == 0, rolled.output
    new = tmp_path / "kh-2027.yaml"
    assert "# giữ nguyên có chủ đích" in new.read_text(encoding="utf-8")
    assert "UBND huyện" not in runner.invoke(app, ["lint", str(new)]).output


# Round national anniversaries of 2026 (ISSUE 20) and the national days the seed plans cite.
ROUND_2026 = {"tong-tuyen-cu": 80, "toan-quoc-khang-chien": 80, "the-thao": 80, "doi-thieu-nien": 85,
              "bac-ra-di-tim-duong": 115, "doan-thanh-nien": 95}
CITED_IN_PLANS = [("03/02/1930", "thành lập Đảng"), ("30/04/1975", "giải phóng miền Nam"), ("07/05/1954", "Điện Biên Phủ"),
                  ("19/05/1890", "sinh Chủ tịch Hồ Chí Minh"), ("02/09/1945", "Quốc khánh"),
                  ("27/07/1947", "Thương binh - Liệt sỹ"), ("19/08/1945", "Cách mạng Tháng Tám"),
                  ("22/12/1944", "Quân đội nhân dân"), ("11/06/1948", "thi đua ái quốc"),
                  ("26/03/1931", "Đoàn Thanh niên"), ("15/05/1941", "Đội Thiếu niên"), ("20/11/1982", "Nhà giáo"),
                  ("06/01/1946", "Tổng tuyển cử"), ("19/12/1946", "Toàn quốc kháng chiến"),
                  ("09/11/2013", "Pháp luật"), ("21/06/1925", "Báo chí"), ("28/06/2001", "Gia đình"),
                  ("05/06/1911", "tìm đường cứu nước"), ("18/11/1930", "Mặt trận")]


def test_events_2026_marks_the_round_national_anniversaries():
    listed = {event.key: count for _, event, count in events_in_year(2026, {})}
    for key, years in ROUND_2026.items():
        assert listed[key] == years and is_round_number(years), key


@pytest.mark.parametrize("day, words", CITED_IN_PLANS)
def test_the_calendar_holds_every_national_day_plans_cite(day, words):
    import datetime as dt

    d, m, y = map(int, day.split("/"))
    matches = [e for e in NATIONAL_EVENTS.values() if e.since == dt.date(y, m, d)]
    assert any(words.lower() in e.name.lower() for e in matches), (day, words)
