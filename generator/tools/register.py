"""`thidua register`: draft the bản đăng ký thi đua of a unit, or of every unit of a table.

A registration answers a plan: the unit registers for its movements (the plan's rounds,
with their periods), its targets (the plan's values, or the unit's own from the communes
table, as registered values) and the titles of core.titles. The draft is a plan file of
kind BẢN ĐĂNG KÝ that builds like any plan, in the issuer's family layout; the counts of
titles and anything not known (the unit's name without a table) are marked blanks that a
final build refuses until they are filled.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.core.errors import Problem, ThiduaError
from generator.core.titles import TITLES
from generator.document.issuance import issuer_name
from generator.plan.loader import Loaded, load
from generator.plan.model import Plan
from generator.plan.yamlwrite import dump_plan
from generator.system.files import write_atomic
from generator.tools.report import relative

COUNT_BLANK = "……"


def _basis(plan: Plan) -> str:
    citation = plan.kind[:1] + plan.kind[1:].lower()
    date = plan.date
    if plan.number and date and date.day and date.month:
        citation += f" số {plan.number:02d} ngày {date.day:02d}/{date.month:02d}/{date.year or plan.year}"
    summary = plan.summary[:1].lower() + plan.summary[1:]
    return f"Căn cứ {citation} của {issuer_name(plan.issuer)} về {summary};"


@dataclass
class Unit:
    """Who registers: the issuer's fields, the signer's, and the unit's own target values."""

    name: str  # as a sentence names it: "Ủy ban nhân dân xã Tiên Yên"
    issuer: dict[str, Any]
    signer: dict[str, Any]
    values: dict[str, str] = field(default_factory=dict)


def _targets(loaded: Loaded, values: dict[str, str]) -> list[dict]:
    """The plan's targets as written ({{ … }} kept), with the unit's own values where it has them."""
    groups = copy.deepcopy(loaded.raw.get("targets") or [])

    def walk(items: list[dict]) -> None:
        for item in items:
            if isinstance(item, dict) and item.get("id") in values:
                item["value"] = values[item["id"]]
            walk(item.get("items", []) if isinstance(item, dict) else [])

    for group in groups:
        walk(group.get("items", []))
    return groups


def registration_data(loaded: Loaded, unit: Unit, folder: Path) -> dict:
    plan = loaded.plan
    name = unit.name
    sections: list[dict] = []
    if plan.rounds:
        sections.append({"title": "Đăng ký tham gia các phong trào, đợt thi đua", "table": "rounds"})
    if plan.targets:
        sections.append({"title": "Đăng ký thực hiện các chỉ tiêu", "table": "targets"})
    sections.append({"title": "Đăng ký danh hiệu thi đua", "table": "titles"})
    data: dict[str, Any] = {}
    if plan.family != Plan.model_fields["family"].default:  # written only where it is not the default
        data["family"] = plan.family.value
    data |= {
        "kind": "BẢN ĐĂNG KÝ",
        "year": plan.year,
        "issuer": unit.issuer,
        "summary": f"Thi đua năm {plan.year}",
        "legal_bases": [_basis(plan)],
        "preamble": [f"{name} đăng ký thi đua năm {plan.year} với các nội dung sau:"],
    }
    for key in ("events", "rounds"):  # as written: {{ year }} and anniversaries stay live
        if loaded.raw.get(key):
            data[key] = copy.deepcopy(loaded.raw[key])
    if plan.targets:
        data["targets"] = _targets(loaded, unit.values)
    data["registration"] = {
        "plan": relative(loaded.file, folder),
        "collective": [{"title": t.name, "count": COUNT_BLANK} for t in TITLES if t.collective],
        "individual": [{"title": t.name, "count": COUNT_BLANK} for t in TITLES if not t.collective],
    }
    data["sections"] = sections
    data["closing"] = [f"{name} cam kết tổ chức thực hiện thắng lợi các nội dung đã đăng ký./."]
    data["recipients"] = {"items": [issuer_name(plan.issuer)]}
    data["signer"] = unit.signer
    return data


HEADER = ["Bản đăng ký thi đua, soạn bằng `thidua register` từ kế hoạch {plan}.",
          "Điền số lượng đăng ký (các chỗ '……') và sửa các chỉ tiêu đăng ký nếu cần, rồi: thidua build {name}"]


def _write(loaded: Loaded, unit: Unit, target: Path) -> Path:
    data = registration_data(loaded, unit, target.parent)
    header = [h.format(plan=relative(loaded.file, target.parent), name=target.name) for h in HEADER]
    text, _ = dump_plan(data, {}, header)
    load(target, text)  # a draft that would not build is reported, never written
    write_atomic(target, text.encode("utf-8"), new=True)
    return target


def draft_registration(plan_file: Path, output: Path | None, unit: str | None, symbol: str | None) -> Path:
    """One registration, of the unit named (or of a unit left blank to fill)."""
    loaded = load(plan_file)
    target = output or plan_file.with_name(f"dang-ky-thi-dua-{plan_file.stem}.yaml")
    # the unit stands where the plan's issuer stands: its place on the date line
    issuer = {"level": loaded.plan.issuer.level.value, "name": loaded.plan.issuer.name,
              "unit": unit or "(tên đơn vị)", "symbol": symbol or "(ghi chữ viết tắt)"}
    signer = {"title": "(chức vụ người ký)", "name": ""}
    return _write(loaded, Unit(unit or "(tên đơn vị)", issuer, signer), target)


@dataclass
class Batch:
    written: list[Path]
    problems: list[Problem]


def draft_registrations(plan_file: Path, table: Path, output: Path | None, sheet: str | None) -> Batch:
    """One registration per row of a communes table; a row with a problem is reported, never skipped silently."""
    from generator.plan.communes import output_names, read_rows

    loaded = load(plan_file)
    folder = output or plan_file.with_name(f"dang-ky-thi-dua-{plan_file.stem}")
    if folder.exists() and not folder.is_dir():
        raise ThiduaError([Problem(folder, "đây là một tệp, không phải thư mục", hint="chọn thư mục khác bằng -o")])
    rows = read_rows(table, sheet)
    names = output_names(rows, "xã", loaded.plan.year)
    batch = Batch([], [])
    for row, name in zip(rows, names):
        if row.problems or name is None:
            batch.problems += row.problems
            continue
        values = row.values
        issuer = {"level": values.get("level", "xã"), "name": values["name"]}
        if values.get("place"):
            issuer["place"] = values["place"]
        if loaded.plan.issuer.body:  # a Party or Đoàn plan: its units are bodies of the same kind
            issuer |= {"body": loaded.plan.issuer.body, "symbol": loaded.plan.issuer.symbol or ""}
        body = loaded.plan.issuer.body or "Ủy ban nhân dân"
        signer = {"authority": values.get("authority", "TM"), "title": values.get("signer_title", "Chủ tịch"),
                  "name": values.get("signer", "")}
        own = {c.split(":", 1)[1]: v for c, v in values.items() if c.startswith("target:")}
        try:
            unit = Unit(f"{body} {issuer['level'].lower()} {issuer['name']}", issuer, signer, own)
            batch.written.append(_write(loaded, unit,
                                        folder / f"dang-ky-{Path(name).stem}.yaml"))
        except ThiduaError as exc:
            batch.problems += exc.problems
    return batch
