"""Next year's plan: expressions, the anniversary calendar, new-year, lint and events."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess

import pytest
from conftest import PLANS

from generator.checking.conformance import check_docx, failed
from generator.cli.app import app
from generator.core.anniversaries import NATIONAL_EVENTS, anniversary_text, can_chi
from generator.plan.loader import format_path, load
from generator.tools.lint import lint, text_fields
from generator.tools.newyear import roll_text
from generator.word.text import docx_paragraphs

LAM_THAO = PLANS / "2024" / "000-lam-thao-ke-hoach-thi-dua.yaml"


@pytest.mark.parametrize("year,name", [(2024, "Giáp Thìn"), (2025, "Ất Tỵ"), (2026, "Bính Ngọ"),
                                       (2027, "Đinh Mùi"), (1984, "Giáp Tý"), (2030, "Canh Tuất")])
def test_can_chi(year, name):
    assert can_chi(year) == name


def test_calendar_known_values():
    assert anniversary_text("Ngày thành lập Đảng Cộng sản Việt Nam", NATIONAL_EVENTS["thanh-lap-dang"].since,
                            2025) == "95 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2025)"
    quoc_khanh = NATIONAL_EVENTS["quoc-khanh"]
    assert anniversary_text(quoc_khanh.name, quoc_khanh.since, 2030).endswith("(02/9/1945 - 02/9/2030)")
    assert anniversary_text(quoc_khanh.name, quoc_khanh.since, 2030).startswith("85 năm ")


@pytest.mark.parametrize("key", sorted(NATIONAL_EVENTS))
@pytest.mark.parametrize("year", range(2024, 2031))
def test_every_event_counts_years_and_keeps_its_day(key, year):
    event = NATIONAL_EVENTS[key]
    text = anniversary_text(event.name, event.since, year)
    count, rest = text.split(" năm ", 1)
    assert int(count) == year - event.since.year
    base, _, anniversary = rest[rest.rindex("(") + 1:-1].partition(" - ")
    assert base.rsplit("/", 1)[0] == anniversary.rsplit("/", 1)[0]  # same day and month
    assert anniversary.endswith(f"/{year}") and base.endswith(f"/{event.since.year}")
    month = int(base.split("/")[1])
    assert (base.split("/")[1].startswith("0")) == (month <= 2)  # ND30: only Jan, Feb take a zero


def test_event_on_29_february():
    since = dt.date(2000, 2, 29)
    assert anniversary_text("ngày X", since, 2025) == "25 năm ngày X (29/02/2000 - 28/02/2025)"
    assert anniversary_text("ngày X", since, 2028) == "28 năm ngày X (29/02/2000 - 29/02/2028)"


def _write(tmp_path, minimal_plan_text, **replacements):
    text = minimal_plan_text
    for old, new in replacements.items():
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_expressions_and_local_events_render(runner, tmp_path, minimal_plan_text):
    plan = _write(tmp_path, minimal_plan_text, **{
        "summary: Phát động phong trào thi đua năm 2026":
            "summary: Mừng Xuân {{ can_chi(year) }} {{ year }}, tổng kết năm {{ year - 1 }}",
        "    end: 30/06/2026\n": "    end: 30/06/2026\n    intro: chào mừng\n    occasions:\n"
                                  "      - event: thanh-lap-dang\n      - event: tai-lap\n",
        "sections:": "events:\n  - {key: tai-lap, name: ngày tái lập phường, since: 29/02/2004}\nsections:",
    })
    result = runner.invoke(app, ["build", str(plan), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    text = "\n".join(docx_paragraphs(tmp_path / "out" / "p.docx"))
    assert "Mừng Xuân Bính Ngọ 2026, tổng kết năm 2025" in text
    assert "96 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2026); " \
           "22 năm ngày tái lập phường (29/02/2004 - 28/02/2026)." in text


def test_unknown_event_key_is_a_located_error(runner, tmp_path, minimal_plan_text):
    plan = _write(tmp_path, minimal_plan_text, **{
        "    end: 30/06/2026\n": "    end: 30/06/2026\n    occasions:\n      - event: thanh-lap-dangg\n"})
    result = runner.invoke(app, ["build", str(plan), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "dòng 19" in result.output and "rounds[0].occasions[0].event" in result.output
    assert "có phải ý bạn là 'thanh-lap-dang'?" in result.output


@pytest.mark.parametrize("expression", [
    "{{ ''.__class__.__mro__ }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ year.__class__.__subclasses__() }}",
])
def test_expressions_cannot_escape_the_sandbox(runner, tmp_path, minimal_plan_text, expression):
    plan = _write(tmp_path, minimal_plan_text, **{
        "summary: Phát động phong trào thi đua năm 2026": f'summary: "{expression}"'})
    result = runner.invoke(app, ["build", str(plan), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "dòng 8" in result.output and "trường 'summary'" in result.output
    assert "không an toàn" in result.output or "không xác định" in result.output
    assert not (tmp_path / "out").exists()


def test_misspelt_expression_is_located_with_help(runner, tmp_path, minimal_plan_text):
    plan = _write(tmp_path, minimal_plan_text, **{
        "summary: Phát động phong trào thi đua năm 2026": "summary: năm {{ yaer }}"})
    result = runner.invoke(app, ["build", str(plan), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "dòng 8" in result.output and "'yaer'" in result.output and "can_chi(year)" in result.output


def _changed_lines(old, new) -> tuple[list[str], list[str]]:
    diff = subprocess.run(["git", "diff", "--no-index", "-U0", str(old), str(new)],
                          capture_output=True, text=True).stdout
    removed = [line[1:] for line in diff.splitlines() if line.startswith("-") and not line.startswith("---")]
    added = [line[1:] for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
    return removed, added


def test_new_year_on_lam_thao(runner, tmp_path):
    old = tmp_path / "lam-thao-2024.yaml"
    shutil.copy(LAM_THAO, old)
    result = runner.invoke(app, ["new-year", str(old)])
    assert result.exit_code == 0, result.output
    new = tmp_path / "lam-thao-2025.yaml"
    assert f"Đã ghi: {new}" in result.output
    removed, added = _changed_lines(old, new)
    assert removed == ["year: 2024", "  start: 01/01/2024", "  end: 30/06/2024",
                       "  start: 01/07/2024", "  end: 31/12/2024"]
    assert added == ["year: 2025", "  start: 01/01/2025", "  end: 30/06/2025",
                     "  start: 01/07/2025", "  end: 31/12/2025"]
    assert "trường 'legal_bases[0]': văn bản căn cứ ghi ngày năm 2024" in result.output
    assert "chỉ tiêu giữ nguyên số liệu năm 2024: «Tổng vốn đầu tư toàn xã hội đạt từ 2.900 tỷ đồng" in result.output

    build = runner.invoke(app, ["build", str(new), "-o", str(tmp_path / "out")])
    assert build.exit_code == 0, build.output
    docx = tmp_path / "out" / "lam-thao-2025.docx"
    text = "\n".join(docx_paragraphs(docx))
    assert "95 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2025)" in text
    assert "Xuân Ất Tỵ 2025" in text
    assert "4.2. Đợt thi đua thứ hai (từ ngày 01/7/2025 đến ngày 31/12/2025)" in text
    assert "26 năm ngày tái lập huyện Lâm Thao (01/9/1999 - 01/9/2025)" in text
    lines = docx_paragraphs(docx)
    assert any(ln.startswith("Số:") and ln.endswith("/KH-UBND") and not any(c.isdigit() for c in ln) for ln in lines)
    assert any(ln.startswith("Lâm Thao, ngày ") and ln.endswith("tháng 01 năm 2025") for ln in lines)
    assert not failed(check_docx(docx))


def test_new_year_never_overwrites(runner, tmp_path):
    old = tmp_path / "kh.yaml"
    shutil.copy(LAM_THAO, old)
    existing = tmp_path / "kh-2025.yaml"
    existing.write_text("công việc của người khác", encoding="utf-8")
    result = runner.invoke(app, ["new-year", str(old)])
    assert result.exit_code == 2
    assert "không ghi đè" in result.output
    assert existing.read_text(encoding="utf-8") == "công việc của người khác"


def test_number_and_signing_day_are_cleared():
    text = "year: 2024\nnumber: 1\ndate: 19/03/2024  # đã ký\nsummary: x\n"
    assert roll_text(text, 2024, 2025) == "year: 2025\ndate: {month: 3}  # đã ký\nsummary: x\n"
    block = "year: 2024\ndate:\n  day: 5\n  month: 1\n  year: 2024\nsummary: x\n"
    assert roll_text(block, 2024, 2025) == "year: 2025\ndate:\n  month: 1\nsummary: x\n"
    assert "end: 28/02/2025" in roll_text("  end: 29/02/2024\n", 2024, 2025)


@pytest.mark.parametrize("years", [1, 2])
def test_every_example_rolls_forward(runner, tmp_path, years):
    """Each 2024 example moved to 2025 and 2026 renders, passes ND30, and keeps "2024" only
    where the tool warned (a reference dated 2024) or where the text says "{{ year - 1 }}"."""
    for source in sorted((PLANS / "2024").glob("*.yaml")):
        old = tmp_path / source.name
        shutil.copy(source, old)
        new_year = 2024 + years
        result = runner.invoke(app, ["new-year", str(old), "--year", str(new_year)])
        assert result.exit_code == 0, result.output
        new = tmp_path / f"{old.stem}-{new_year}.yaml"
        build = runner.invoke(app, ["build", str(new), "-o", str(tmp_path / "out")])
        assert build.exit_code == 0, build.output
        docx = tmp_path / "out" / f"{new.stem}.docx"
        assert not failed(check_docx(docx)), source.name
        loaded = load(new)
        findings = lint(loaded, load(old))
        warned_fields = {f.field for f in findings}
        for path, text in text_fields(loaded.raw):
            if "2024" in re.sub(r"\{\{.*?\}\}", "", text):
                assert format_path(path) in warned_fields, (source.name, format_path(path), text)
        if years == 2:  # no expression yields 2024 any more: every "2024" left is a warned reference
            warned = [_evaluated(loaded, f.field) for f in findings]
            for paragraph in docx_paragraphs(docx):
                if "2024" in paragraph:
                    assert any(w and w in paragraph and "2024" in w for w in warned), (source.name, paragraph)


def _evaluated(loaded, field: str) -> str | None:
    """The rendered text of a warned field, e.g. 'legal_bases[0]'."""
    value = loaded.plan
    for part in field.replace("]", "").replace("[", ".").split("."):
        value = value[int(part)] if part.isdigit() else getattr(value, part, None)
        if value is None:
            return None
    return value if isinstance(value, str) else None


def test_lint_exit_codes_and_pre_reform_level(runner, tmp_path, minimal_plan_text):
    ok = _write(tmp_path, minimal_plan_text, **{"level: phường": "level: huyện"})
    result = runner.invoke(app, ["lint", str(ok)])
    assert result.exit_code == 0
    assert "cấp 'huyện' không còn từ 01/7/2025" in result.output
    assert "năm ghi cứng 2026" in result.output  # the summary says "năm 2026" literally
    bad = tmp_path / "bad.yaml"
    bad.write_text(minimal_plan_text.replace("year: 2026", "year: x"), encoding="utf-8")
    assert runner.invoke(app, ["lint", str(bad)]).exit_code == 2


def test_lint_flags_anniversary_outside_its_round(runner, tmp_path, minimal_plan_text):
    plan = _write(tmp_path, minimal_plan_text, **{
        "    end: 30/06/2026\n": "    end: 30/06/2026\n    occasions:\n      - event: quoc-khanh\n"})
    result = runner.invoke(app, ["lint", str(plan)])
    assert result.exit_code == 0
    assert "dòng 19" in result.output and "ngày kỷ niệm 02/09/2026 nằm ngoài thời gian của đợt" in result.output


def test_events_lists_the_year_in_date_order_marking_round_anniversaries(runner):
    result = runner.invoke(app, ["events", "2025"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    party = next(ln for ln in lines if "[thanh-lap-dang]" in ln)
    assert party.startswith("★ 03/02") and " 95 năm " in party
    assert next(ln for ln in lines if "[dien-bien-phu]" in ln).startswith("  07/05")  # 71 years: no peak
    days = [ln[2:7] for ln in lines]
    assert days == sorted(days, key=lambda d: (d[3:], d[:2]))


def test_new_year_of_a_plan_that_extends_another_states_its_year(runner, tmp_path):
    shutil.copytree(PLANS / "2026" / "quang-ninh", tmp_path, dirs_exist_ok=True)
    child = tmp_path / "xa.yaml"
    child.write_text("extends: _xa-phuong-mau.yaml\nissuer:\n  level: xã\n"
                     "  name: Thử\n", encoding="utf-8")
    result = runner.invoke(app, ["new-year", str(child)])
    assert result.exit_code == 0, result.output
    new = tmp_path / "xa-2027.yaml"
    assert new.read_text(encoding="utf-8").splitlines()[1] == "year: 2027"
    assert load(new).plan.year == 2027


def test_new_year_moves_every_date_shape_and_keeps_the_rest_of_the_file():
    """ISO and d/m/yyyy round dates, quoted or not, a quoted year: only the lines that must change change."""
    text = ("# Kế hoạch của xã (ghi chú giữ nguyên)\n"
            "year: '2026'  # năm kế hoạch\n"
            "number: 12\n"
            "date: 2026-03-19\n"
            "summary: \"Phát động thi đua năm {{ year }}\"\n"
            "rounds:\n"
            "  - id: dot-1\n"
            "    start: 2026-01-01\n"
            "    end: '30/06/2026'  # hết quý II\n"
            "  - {id: dot-2, start: 01/07/2026, end: 2026-12-31}\n")
    rolled = roll_text(text, 2026, 2027)
    assert rolled.splitlines() == [
        "# Kế hoạch của xã (ghi chú giữ nguyên)",
        "year: '2027'  # năm kế hoạch",
        "date: {month: 3}",
        "summary: \"Phát động thi đua năm {{ year }}\"",
        "rounds:",
        "  - id: dot-1",
        "    start: 2027-01-01",
        "    end: '30/06/2027'  # hết quý II",
        "  - {id: dot-2, start: 01/07/2027, end: 2027-12-31}",
    ]


def test_new_year_of_a_quoted_year_gives_one_year_line(runner, tmp_path, minimal_plan_text):
    old = tmp_path / "kh-2026.yaml"
    old.write_text(re.sub(r"^year: .*$", "year: '2026'", minimal_plan_text, flags=re.M), encoding="utf-8")
    result = runner.invoke(app, ["new-year", str(old)])
    assert result.exit_code == 0, result.output
    new = (tmp_path / "kh-2027.yaml").read_text(encoding="utf-8")
    assert new.count("year:") == old.read_text(encoding="utf-8").count("year:")
    assert "year: '2027'" in new


def test_every_shipped_plan_rolls_forward_changing_only_what_must_change():
    import difflib

    for source in sorted(PLANS.rglob("*.yaml")):
        text = source.read_text(encoding="utf-8")
        year = re.search(r"^year: '?(\d{4})", text, re.M)
        old_year = int(year.group(1)) if year else 2026
        rolled = roll_text(text, old_year, old_year + 1)
        removed = [line[1:] for line in difflib.unified_diff(text.splitlines(), rolled.splitlines(), n=0, lineterm="")
                   if line.startswith("-") and not line.startswith("---")]
        for line in filter(str.strip, removed):  # the blank line under a removed number goes with it
            assert re.match(r"\s*(year|number|date|day|-? ?start|-? ?end|.*\b(start|end):)", line) or \
                re.search(r"\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2}", line), (source.name, line)
