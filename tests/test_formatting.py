"""Vietnamese numbers and ND30 dates, numbering and the signature block."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.core import formatting as fmt
from generator.core.anniversaries import anniversary_date as anniversary
from generator.core.families import STATE
from generator.document.context import marker, occasion_text
from generator.document.issuance import family_of, signer_lines
from generator.document.wording import target_text
from generator.plan.model import Occasion, Plan, Target


@pytest.mark.parametrize("value,expected", [
    (2900, "2.900"), ("2.900", "2.900"), ("3.300,9", "3.300,9"),
    ("72,89", "72,89"), ("14,0", "14,0"), ("02", "02"), (596800, "596.800"), ("1.789,2", "1.789,2"),
])
def test_numbers_the_vietnamese_way(value, expected):
    assert fmt.format_number(value) == expected


@pytest.mark.parametrize("value", [3300.9, 12.5, True, "12.5", "1.00", "khoảng 5", "sáu lăm", ".inf", ".nan",
                                   "1" * 5000, "12 500", "2,900.5"])
def test_a_figure_thidua_is_not_sure_of_is_refused(value):
    with pytest.raises(ValueError):
        fmt.format_number(value)


def test_unreadable_number_is_refused():
    with pytest.raises(ValueError, match="không đọc được số"):
        fmt.format_number("2,900.5")


@pytest.mark.parametrize("day,month,expected", [
    (5, 3, "Hà Nội, ngày 05 tháng 3 năm 2024"),
    (19, 2, "Hà Nội, ngày 19 tháng 02 năm 2024"),
    (29, 6, "Hà Nội, ngày 29 tháng 6 năm 2024"),
    (1, 12, "Hà Nội, ngày 01 tháng 12 năm 2024"),
])
def test_date_line_follows_nd30(day, month, expected):
    assert fmt.date_line("Hà Nội", day, month, 2024) == expected


def test_blank_day_and_number_leave_room_to_write():
    assert fmt.date_line("Tân Lập", None, 1, 2024) == f"Tân Lập, ngày {fmt.BLANK} tháng 01 năm 2024"
    assert STATE.number_line(None, "KH", ["UBND"]) == f"Số: {fmt.BLANK}/KH-UBND"
    assert STATE.number_line(5, "KH", ["UBND"]) == "Số: 05/KH-UBND"
    assert STATE.number_line(120, "KH", ["UBND"]) == "Số: 120/KH-UBND"


def test_short_dates_and_upper_case_keep_diacritics():
    assert fmt.short_date(dt.date(1975, 4, 30)) == "30/4/1975"
    assert fmt.short_date(dt.date(1930, 2, 3)) == "03/02/1930"
    assert fmt.upper("Ủy ban nhân dân phường Điện Biên Phủ") == "ỦY BAN NHÂN DÂN PHƯỜNG ĐIỆN BIÊN PHỦ"


def test_numbering_markers():
    assert [marker("I.", i, None) for i in (1, 4, 9)] == ["I.", "IV.", "IX."]
    assert marker("1.1.", 2, "4") == "4.2."
    assert [marker("a)", i, None) for i in (1, 4, 5)] == ["a)", "d)", "đ)"]


def test_anniversary_years_and_leap_day():
    party = Occasion(name="Ngày thành lập Đảng Cộng sản Việt Nam", since="03/02/1930")
    assert occasion_text(party, _plan(year=2025)) == (
        "95 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2025)")
    assert anniversary(dt.date(2000, 2, 29), 2025) == dt.date(2025, 2, 28)
    village = Occasion(name="ngày thành lập xã", since=1954)
    assert occasion_text(village, _plan(year=2024)) == "70 năm ngày thành lập xã (1954 - 2024)"


@pytest.mark.parametrize("fields,expected", [
    ({"label": "Tổng vốn đầu tư", "value": "2.900", "unit": "tỷ đồng", "compare": "đạt từ … trở lên"},
     "Tổng vốn đầu tư đạt từ 2.900 tỷ đồng trở lên"),
    ({"label": "đạt danh hiệu CSTĐ", "value": 45, "value_to": 55, "range_word": "đến", "unit": "cá nhân",
      "label_after": True}, "45 đến 55 cá nhân đạt danh hiệu CSTĐ"),
    ({"label": "Tỷ lệ hộ nghèo", "value": "0,5", "unit": "%", "number": "(3)"}, "(3) Tỷ lệ hộ nghèo 0,5%"),
    ({"label": "Duy trì xã đạt chuẩn"}, "Duy trì xã đạt chuẩn"),
])
def test_target_sentence(fields, expected):
    assert target_text(Target(**fields)) == expected


def _plan(year: int = 2026, **signer) -> Plan:
    return Plan(year=year, issuer={"level": "xã", "name": "A"}, summary="s",
                sections=[{"title": "t"}], recipients={"items": ["x"]}, signer={"name": "B", **signer})


@pytest.mark.parametrize("signer,lines", [
    ({"authority": "TM"}, ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
    ({"authority": "KT", "title": "Phó Chủ tịch"}, ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
    ({"authority": "KT.", "title": "Phó Chủ tịch", "on_behalf_of": ""}, ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
    ({"authority": "Q"}, ["TM. ỦY BAN NHÂN DÂN", "Q. CHỦ TỊCH"]),
    ({"authority": "TL", "title": "Chánh Văn phòng"}, ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"]),
    ({"authority": "TUQ", "title": "Chánh Văn phòng"}, ["TUQ. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"]),
    ({}, ["CHỦ TỊCH"]),
])
def test_signature_block(signer, lines):
    plan = _plan(**signer)
    assert [line.text for line in signer_lines(plan.issuer, plan.signer, family_of(plan))] == lines
