"""`thidua report`: draft the báo cáo sơ kết or tổng kết of a plan, linked to the plan and its results.

The draft is a plan file of kind BÁO CÁO whose `report:` names the plan and the results
sheet: its table of targets (Kế hoạch, Thực hiện, Tỷ lệ, Đánh giá) is computed from them
each time it is built, so new results are one rebuild away. The narrative parts a report
has are left as marked blanks ("……") for the clerk to write; a final build refuses them,
a draft (`--draft`) shows them.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from generator.core.assessment import Verdict
from generator.core.errors import Problem, ThiduaError
from generator.document.body_tables import AssessedRow, assessed_rows, report_units
from generator.plan.loader import Loaded, load
from generator.plan.model import Plan
from generator.plan.yamlwrite import dump_plan
from generator.system.files import write_atomic

YEAR = "năm"
HALF_YEAR = "6 tháng"


def blank(what: str) -> str:
    """A paragraph for the clerk to write: a final build refuses it until it is written."""
    return f"…… *(viết phần này: {what})*"


def relative(target: Path, folder: Path) -> str:
    """`target` as a path from `folder`, with forward slashes (the same on Windows)."""
    try:
        return Path(os.path.relpath(target.resolve(), folder.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        raise ThiduaError([Problem(target, "tệp nằm trên ổ đĩa khác với báo cáo",
                                   hint="đặt kế hoạch, bảng kết quả và báo cáo trong cùng một thư mục chung")]) from None


def _movement(summary: str, year: int) -> str:
    """"Tổ chức phong trào thi đua yêu nước năm 2026" → "phong trào thi đua yêu nước"."""
    found = re.search(r"phong trào thi đua.*", summary, flags=re.IGNORECASE)
    phrase = found.group(0) if found else "công tác thi đua, khen thưởng"
    phrase = re.sub(rf"\s*(?:năm\s+)?{year}\b.*$", "", phrase).strip(" ,;.")
    return phrase[:1].lower() + phrase[1:]


def report_summary(loaded: Loaded, period: str) -> str:
    plan = loaded.plan
    movement = _movement(plan.summary, plan.year)
    if period == YEAR:
        return f"Tổng kết {movement} năm {plan.year}"
    if period == HALF_YEAR:
        return f"Sơ kết {movement} 6 tháng đầu năm {plan.year}"
    round_ = next(r for r in plan.rounds if r.id == period)
    return f"Sơ kết {round_.name[:1].lower()}{round_.name[1:]}, {movement} năm {plan.year}"


def check_period(loaded: Loaded, period: str) -> None:
    ids = [r.id for r in loaded.plan.rounds if r.id]
    if period not in (YEAR, HALF_YEAR, *ids):
        choices = ", ".join([YEAR, HALF_YEAR, *ids])
        raise ThiduaError([Problem(loaded.file, f"kỳ báo cáo '{period}' không có trong kế hoạch",
                                   hint=f"chọn --period một trong: {choices}")])


def _sections(loaded: Loaded, period: str, units: bool, whole: bool = True) -> list[dict]:
    plan = loaded.plan
    ahead = f"năm {plan.year + 1}" if period == YEAR else \
        f"6 tháng cuối năm {plan.year}" if period == HALF_YEAR else "thời gian tới"
    results = [
        {"title": "Công tác chỉ đạo, tổ chức thực hiện",
         "paragraphs": [blank("việc ban hành kế hoạch, phát động, đăng ký thi đua, kiểm tra, tuyên truyền")]},
    ]
    if whole and plan.targets:
        results.append({"title": "Kết quả thực hiện các chỉ tiêu", "table": "results"})
    if units and plan.targets:
        results.append({"title": "Kết quả của từng đơn vị", "table": "units"})
    if plan.rounds:
        results.append({"title": "Kết quả các đợt thi đua",
                        "paragraphs": [blank("kết quả nổi bật của từng đợt thi đua, gương điển hình tiên tiến")]})
    results.append({"title": "Công tác khen thưởng",
                    "paragraphs": [blank("số tập thể, cá nhân được khen thưởng, đề nghị khen thưởng")]})
    return [
        {"title": "Kết quả thực hiện", "children": results},
        {"title": "Tồn tại, hạn chế và nguyên nhân", "paragraphs": [blank("tồn tại, hạn chế và nguyên nhân")]},
        {"title": f"Phương hướng, nhiệm vụ {ahead}", "paragraphs": [blank(f"phương hướng, nhiệm vụ {ahead}")]},
        {"title": "Đề xuất, kiến nghị", "paragraphs": [blank("đề xuất, kiến nghị với cấp trên")]},
    ]


@dataclass
class Drafted:
    path: Path
    rows: list[AssessedRow]  # every target, unit by unit where the results give units

    def needing_a_person(self) -> list[AssessedRow]:
        return [r for r in self.rows if r.assessment.verdict in (Verdict.no_data, Verdict.to_assess)]


def draft_report(plan_file: Path, results: Path | None, period: str, output: Path | None,
                 table: Path | None = None, sheet: str | None = None) -> Drafted:
    """Write the report's plan file next to the plan (or at `output`); never overwrite a file."""
    loaded = load(plan_file)
    if loaded.plan.report is not None:
        raise ThiduaError([Problem(plan_file, "tệp này là một báo cáo, không phải kế hoạch",
                                   hint="chạy thidua report với tệp kế hoạch phát động thi đua")])
    check_period(loaded, period)
    kind = "tong-ket" if period == YEAR else "so-ket"
    target = output or plan_file.with_name(f"bao-cao-{kind}-{plan_file.stem}.yaml")
    folder = target.parent
    plan = loaded.plan
    source: dict = {"plan": relative(plan_file, folder)}
    if results is not None:
        source["results"] = relative(results, folder)
    if sheet is not None:
        source["sheet"] = sheet
    if table is not None:
        source["table"] = relative(table, folder)
    source["period"] = period
    recipients = [r.model_dump(exclude_defaults=True) or r.text for r in plan.recipients.items if r.report]
    summary = report_summary(loaded, period)
    data: dict = {
        "kind": "BÁO CÁO",
        "year": plan.year,
        "issuer": plan.issuer.model_dump(mode="json", exclude_none=True),
        "summary": summary,
        "report": source,
        "sections": [],
        "closing": [f"Trên đây là báo cáo {summary[:1].lower()}{summary[1:]}./."],
        "recipients": {"items": recipients or [blank("nơi nhận báo cáo")]},
        "signer": plan.signer.model_dump(mode="json", exclude_none=True, exclude_defaults=True) | {"name": plan.signer.name},
    }
    if plan.family != Plan.model_fields["family"].default:  # written only where it is not the default
        data = {"family": plan.family.value, **data}
    if plan.recipients.archive:
        data["recipients"]["archive"] = plan.recipients.archive
    header = [f"Báo cáo của kế hoạch {source['plan']}, soạn bằng `thidua report`.",
              "Bảng chỉ tiêu tính lại từ bảng kết quả mỗi lần build; các đoạn '……' là phần cần viết.",
              "Bản dự thảo: thidua build --draft; bản ký: viết hết các đoạn '……' rồi thidua build."]
    # the units table only where the results or the communes table give units: read them first
    data["sections"] = _sections(loaded, period, units=False)
    text, _ = dump_plan(data, {}, header)
    report = load(target, text).report
    assert report is not None
    units = report_units(report)
    whole = bool(report.whole) or not report.units  # a province's results: for the whole only where given
    if units:
        data["sections"] = _sections(loaded, period, units=True, whole=whole)
        text, _ = dump_plan(data, {}, header)
        load(target, text)  # the text written must load as it is
    write_atomic(target, text.encode("utf-8"), new=True)
    rows = (assessed_rows(report) if whole else []) + [row for unit in units for row in assessed_rows(report, unit)]
    return Drafted(target, rows)
