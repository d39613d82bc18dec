"""Adding an issuer family is one entry in generator/core/families.py plus a template rebuild.

A copy of the package gets a made-up family there, and nowhere else; the copy then builds a
plan of that family, `check` judges the document by that family's own entry (its guide is
cited) and `import` reads the family back from the banner. Nothing in other modules names
a family, so nothing else has to change."""

from __future__ import annotations

import filecmp
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

KEY_LINE = '    pioneers = "đội"\n'
REGISTRY = "FAMILIES: dict[FamilyKey, Family] = {f.key: f for f in (STATE, PARTY, YOUTH, PIONEERS)}\n"
ENTRY = '''TRIAL = replace(
    YOUTH,
    key=FamilyKey.trial,
    name="Hội Thử nghiệm (họ bịa ra cho phép thử)",
    guide="Hướng dẫn thử nghiệm",
    short="HD thử nghiệm",
    banner=("HỘI THỬ NGHIỆM VIỆT NAM",),
    head_title="Chủ tịch Hội",
    example_symbol="HTN",
    parts={name: replace(part, source=f"Hướng dẫn thử nghiệm: {name}") for name, part in _YOUTH_PARTS.items()},
    templates={"": "thu-nghiem.docx"},
)
'''
PLAN = """family: thử nghiệm
kind: KẾ HOẠCH
year: 2026
issuer:
  level: xã
  name: An Thới Đông
  body: Ban Chấp hành Hội Thử nghiệm
  parent: Hội Thử nghiệm Thành phố Hồ Chí Minh
  symbol: HTN
date: {month: 2}
summary: Phát động phong trào thi đua năm {{ year }}
legal_bases:
- Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;
sections:
- title: Mục đích, yêu cầu
  items:
  - Phong trào thi đua thiết thực, có chỉ tiêu cụ thể, đánh giá được kết quả.
- title: Tổ chức thực hiện
  items:
  - Các chi hội báo cáo kết quả thực hiện định kỳ sáu tháng, một năm.
closing:
- Ban Thường vụ Hội đề nghị các chi hội triển khai thực hiện Kế hoạch này./.
recipients:
  items:
  - {text: Thường trực Đảng ủy xã, report: true}
  - Các chi hội trực thuộc
  archive: VP
signer:
  authority: TM
  on_behalf_of: Ban Thường vụ
  name: ''
"""


def _copy_with_trial_family(target: Path) -> Path:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "generator", target / "generator", ignore=ignore)
    shutil.copytree(ROOT / "templates", target / "templates", ignore=ignore)
    families = target / "generator" / "core" / "families.py"
    source = families.read_text(encoding="utf-8")
    assert source.count(KEY_LINE) == 1 and source.count(REGISTRY) == 1, "families.py changed shape: update this test"
    source = source.replace(KEY_LINE, KEY_LINE + '    trial = "thử nghiệm"\n')
    source = source.replace(REGISTRY, ENTRY + REGISTRY.replace("PIONEERS)", "PIONEERS, TRIAL)"))
    families.write_text(source, encoding="utf-8")
    return target


def _changed_files(left: Path, right: Path) -> list[str]:
    changed: list[str] = []
    compare = filecmp.dircmp(left, right, ignore=["__pycache__"])

    def walk(node: filecmp.dircmp, prefix: str) -> None:
        changed.extend(prefix + name for name in node.diff_files + node.left_only + node.right_only)
        for name, sub in node.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(compare, "")
    return changed


def test_a_family_added_in_families_py_alone_builds_checks_and_imports(tmp_path):
    copy = _copy_with_trial_family(tmp_path / "bản sao thidua")
    assert _changed_files(ROOT / "generator", copy / "generator") == ["core/families.py"]
    env = {**os.environ, "PYTHONPATH": str(copy), "THIDUA_TEMPLATES": str(copy / "templates"),
           "THIDUA_CACHE": "off", "PYTHONIOENCODING": "utf-8"}

    def thidua(*args: str, script: list[str] | None = None) -> subprocess.CompletedProcess:
        command = script or [sys.executable, "-m", "generator", *args]
        return subprocess.run(command, env=env, cwd=tmp_path, capture_output=True, text=True, encoding="utf-8",
                              timeout=300)

    rebuilt = thidua(script=[sys.executable, str(copy / "templates" / "build_templates.py")])
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert (copy / "templates" / "thu-nghiem.docx").is_file()

    plan = tmp_path / "kế hoạch hội.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    built = thidua("build", str(plan), "-o", str(tmp_path / "out"))
    assert built.returncode == 0, built.stdout + built.stderr
    document = tmp_path / "out" / "kế hoạch hội.docx"
    shown = thidua("text", str(document))
    assert shown.returncode == 0, shown.stderr
    assert "HỘI THỬ NGHIỆM VIỆT NAM" in shown.stdout  # the family's banner, not the national name
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in shown.stdout
    assert "Số:       -KH/HTN" in shown.stdout  # the number as that family writes it
    assert "Chủ tịch Hội" in shown.stdout or "CHỦ TỊCH HỘI" in shown.stdout  # its head's post

    checked = thidua("check", str(document), "--format", "json")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    results = json.loads(checked.stdout)[0]["results"]
    cited = {r["clause"] for r in results}
    assert any(c.startswith("Hướng dẫn thử nghiệm") for c in cited), cited  # judged by the new entry
    assert not [r for r in results if r["status"] == "SAI"]

    imported = thidua("import", str(document), "-o", str(tmp_path / "lại.yaml"))
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert "family: thử nghiệm" in (tmp_path / "lại.yaml").read_text(encoding="utf-8")
