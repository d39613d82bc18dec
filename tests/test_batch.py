"""One plan per commune: inheritance, communes tables, batch behaviour, hand edits kept."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from conftest import PLANS
from docx import Document

from generator.checking.conformance import check_docx, failed
from generator.cli.app import app
from generator.plan.communes import slug
from generator.plan.inherit import merge
from generator.word.text import docx_paragraphs

PROVINCE = PLANS / "2026" / "quang-ninh"
BASE = PROVINCE / "_xa-phuong-mau.yaml"
TABLE = PROVINCE / "xa-phuong.csv"


def merged(base, over):
    return merge(base, over)[0]


def test_merge_rules():
    base = {"a": {"x": 1, "y": 2}, "plain": [1, 2, 3],
            "sections": [{"id": "s1", "title": "Một", "paragraphs": ["p"]}, {"id": "s2", "title": "Hai"},
                         {"id": "s3", "title": "Ba"}]}
    over = {"a": {"y": 20, "z": 30}, "plain": [9],
            "sections": [{"id": "s1", "title": "Một (sửa)"}, {"id": "s2", "drop": True},
                         {"id": "s3", "replace": True, "title": "Ba mới"}, {"id": "s4", "title": "Bốn"}]}
    assert merged(base, over) == {
        "a": {"x": 1, "y": 20, "z": 30}, "plain": [9],
        "sections": [{"id": "s1", "title": "Một (sửa)", "paragraphs": ["p"]}, {"id": "s3", "title": "Ba mới"},
                     {"id": "s4", "title": "Bốn"}]}


def test_province_communes_built_with_their_own_names_titles_and_targets(built):
    expected = {
        "phuong-hong-gai": ("PHƯỜNG HỒNG GAI", "CHỦ TỊCH", "đạt 1.250 tỷ đồng"),
        "phuong-bai-chay": ("PHƯỜNG BÃI CHÁY", "PHÓ CHỦ TỊCH", "đạt từ 980 tỷ đồng trở lên"),
        "xa-tien-yen": ("XÃ TIÊN YÊN", "CHỦ TỊCH", "đạt từ 86,5 tỷ đồng trở lên"),
        "xa-ba-che": ("XÃ BA CHẼ", "CHỦ TỊCH", "đạt từ 32,4 tỷ đồng trở lên"),
        "dac-khu-van-don": ("ĐẶC KHU VÂN ĐỒN", "CHỦ TỊCH", "đạt từ 2.100 tỷ đồng trở lên"),
        "dac-khu-co-to": ("ĐẶC KHU CÔ TÔ", "CHỦ TỊCH", "đạt từ 145 tỷ đồng trở lên"),
    }
    for stem, (unit, signer, revenue) in expected.items():
        lines = docx_paragraphs(built[stem])
        text = "\n".join(lines)
        assert lines[:2] == ["ỦY BAN NHÂN DÂN", unit]
        assert lines[-1] == signer  # the table leaves the signer's name blank: nothing is invented
        assert f"- Thu ngân sách nhà nước trên địa bàn {revenue}" in text
        assert "Giao nhiệm vụ các sở" not in text.upper() and "GIAO NHIỆM VỤ CÁC SỞ" not in text  # dropped
        assert "Tốc độ tăng trưởng kinh tế" not in text  # dropped target
        assert "- UBND tỉnh Quảng Ninh (B/c);" in text
        assert not failed(check_docx(built[stem]))
    co_to = "\n".join(docx_paragraphs(built["dac-khu-co-to"]))
    assert "2.3. Đợt thi đua cao điểm (từ ngày 01/4/2026 đến ngày 09/5/2026): chào mừng kỷ niệm " \
           "65 năm Ngày Bác Hồ về thăm đảo Cô Tô (09/5/1961 - 09/5/2026)." in co_to
    assert "KT. CHỦ TỊCH" in docx_paragraphs(built["phuong-bai-chay"])
    province = "\n".join(docx_paragraphs(built["ke-hoach-tinh"]))
    assert "II. GIAO NHIỆM VỤ CÁC SỞ, BAN, NGÀNH" not in province and "GIAO NHIỆM VỤ CÁC SỞ, BAN, NGÀNH" in province


def test_show_marks_where_each_value_came_from(runner):
    result = runner.invoke(app, ["show", str(PROVINCE / "xa-phuong" / "dac-khu-co-to.yaml")])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    name = next(line for line in lines if line.strip().startswith("name: Cô Tô"))
    assert name.endswith("xa-phuong/dac-khu-co-to.yaml:7")
    label = next(line for line in lines if "label: Thu ngân sách" in line)
    assert label.endswith("quang-ninh/ke-hoach-tinh.yaml:37")
    value = next(line for line in lines if "value: '145'" in line)
    assert "dac-khu-co-to.yaml" in value
    recipient = next(line for line in lines if "Sở Nội vụ" in line)
    assert "_xa-phuong-mau.yaml" in recipient


def test_inheritance_cycle_and_missing_parent_are_located(runner, tmp_path):
    (tmp_path / "a.yaml").write_text("# a\nextends: b.yaml\nyear: 2026\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("extends: a.yaml\n", encoding="utf-8")
    result = runner.invoke(app, ["build", str(tmp_path / "a.yaml"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "kế thừa vòng tròn: a.yaml → b.yaml → a.yaml" in result.output
    assert "b.yaml, dòng 1" in result.output
    (tmp_path / "c.yaml").write_text("year: 2026\nextends: khong-co.yaml\n", encoding="utf-8")
    result = runner.invoke(app, ["build", str(tmp_path / "c.yaml"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "c.yaml, dòng 2" in result.output and "không tìm thấy kế hoạch gốc 'khong-co.yaml'" in result.output


def test_error_in_a_child_points_into_the_child(runner, tmp_path, monkeypatch):
    import shutil

    province = tmp_path / "quang-ninh"
    shutil.copytree(PROVINCE, province)  # never written into the checkout
    monkeypatch.chdir(tmp_path)  # extends must stay within the folder the command runs in
    child = province / "xa-phuong" / "_thu-loi.yaml"
    child.write_text("extends: ../_xa-phuong-mau.yaml\nissuer:\n  level: xã\n  name: Thử\nsigner:\n  authority: ZZ\n  name: A\n",
                     encoding="utf-8")
    result = runner.invoke(app, ["build", str(child), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert f"{child}, dòng 6" in result.output and "signer.authority" in result.output


def _csv(tmp_path, rows: str, name="xa.csv", encoding="utf-8-sig") -> Path:
    table = tmp_path / name
    table.write_text(rows, encoding=encoding)
    return table


def test_for_each_writes_one_document_per_row_and_reports_a_bad_row(runner, tmp_path):
    table = _csv(tmp_path, "name,level,signer,target:thu-ngan-sach\n"
                           "Tân Lập,xã,Nguyễn Văn A,\"12,5\"\n"
                           "Hòa Bình,huyện x,Nguyễn Văn B,7\n"
                           "Điện Biên Phủ,phường,Trần Văn C,30\n")
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(BASE), "--for-each", str(table), "-o", str(out)])
    assert result.exit_code == 2
    assert f"{table}, dòng 3, cột 2" in result.output and "'huyện x' không hợp lệ" in result.output
    assert sorted(p.name for p in out.glob("*.docx")) == ["phuong-dien-bien-phu-2026.docx", "xa-tan-lap-2026.docx"]
    text = "\n".join(docx_paragraphs(out / "xa-tan-lap-2026.docx"))
    assert "XÃ TÂN LẬP" in text and "Thu ngân sách nhà nước trên địa bàn đạt từ 12,5 tỷ đồng trở lên" in text
    assert "Nguyễn Văn A" in text
    assert "│ Lỗi" in result.output and "│ 1 " in result.output


def test_shipped_communes_table(runner, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(BASE), "--for-each", str(TABLE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert len(list(out.glob("*.docx"))) == 6
    co_to = "\n".join(docx_paragraphs(out / "dac-khu-co-to-2026.docx"))
    assert "ĐẶC KHU CÔ TÔ" in co_to and co_to.endswith("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH")
    tien_yen = docx_paragraphs(out / "xa-tien-yen-2026.docx")
    assert "Số: 12/KH-UBND" in tien_yen
    assert not failed(check_docx(out / "phuong-bai-chay-2026.docx"))


def test_names_are_ascii_unique_and_stay_in_the_output_folder(runner, tmp_path):
    table = _csv(tmp_path, "name;level;signer\nTân/../Lập;xã;A\nTấn Lập;xã;B\n../../etc;phường;C\n")
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(BASE), "--for-each", str(table), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert "các dòng 2, 3 cùng cho ra tệp 'xa-tan-lap-2026.docx'" in result.output
    assert "thêm cột 'file'" in result.output
    assert sorted(p.name for p in out.iterdir() if p.suffix == ".docx") == ["phuong-etc-2026.docx"]
    # a `file` column tells them apart
    table = _csv(tmp_path, "name;level;signer;file\nTân/../Lập;xã;A;tan-lap\nTấn Lập;xã;B;../tan-lap-2\n")
    result = runner.invoke(app, ["build", str(BASE), "--for-each", str(table), "-o", str(out)])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir() if p.suffix == ".docx")
    assert names == ["phuong-etc-2026.docx", "tan-lap-2.docx", "tan-lap.docx"]
    assert not list(tmp_path.glob("*.docx")) and not (tmp_path / "etc").exists()
    assert "phuong-etc-2026.docx: thidua đã tạo tệp này lần trước nhưng lần này không còn tạo" in result.output
    assert slug("Đặc khu Phú Quốc") == "dac-khu-phu-quoc"


def test_yaml_table_and_unknown_column(runner, tmp_path):
    table = tmp_path / "xa.yaml"
    table.write_text("- name: Cô Tô\n  level: đặc khu\n  signer: Vũ Thị Hạnh\n", encoding="utf-8")
    out = tmp_path / "out"
    assert runner.invoke(app, ["build", str(BASE), "--for-each", str(table), "-o", str(out)]).exit_code == 0
    assert (out / "dac-khu-co-to-2026.docx").is_file()
    bad = _csv(tmp_path, "name,chu_ky\nA,B\n", name="bad.csv")
    result = runner.invoke(app, ["build", str(BASE), "--for-each", str(bad), "-o", str(out)])
    assert result.exit_code == 2 and "cột 'chu_ky' không hợp lệ" in result.output and "dòng 1, cột 2" in result.output


def test_hand_edited_output_is_kept_unless_forced(runner, tmp_path, minimal_plan_text):
    plan = tmp_path / "kh.yaml"
    plan.write_text(minimal_plan_text, encoding="utf-8")
    out = tmp_path / "out"
    assert runner.invoke(app, ["build", str(plan), "-o", str(out)]).exit_code == 0
    document = Document(str(out / "kh.docx"))
    document.add_paragraph("Ý kiến bổ sung của Chủ tịch.")
    document.save(str(out / "kh.docx"))
    edited = (out / "kh.docx").read_bytes()

    plan.write_text(minimal_plan_text.replace("Nguyễn Văn A", "Nguyễn Văn B"), encoding="utf-8")
    result = runner.invoke(app, ["build", str(plan), "-o", str(out)])
    assert result.exit_code == 0
    assert "Giữ lại" in result.output and "đã được sửa sau lần thidua tạo trước" in result.output
    assert (out / "kh.docx").read_bytes() == edited

    result = runner.invoke(app, ["build", str(plan), "-o", str(out), "--force"])
    assert result.exit_code == 0 and "Đã ghi" in result.output
    assert "Nguyễn Văn B" in docx_paragraphs(out / "kh.docx")
    # written by thidua again: the next change overwrites it without --force
    plan.write_text(minimal_plan_text.replace("Nguyễn Văn A", "Nguyễn Văn C"), encoding="utf-8")
    assert runner.invoke(app, ["build", str(plan), "-o", str(out)]).exit_code == 0
    assert "Nguyễn Văn C" in docx_paragraphs(out / "kh.docx")


def test_killed_batch_leaves_only_complete_files(tmp_path):
    rows = "name,level,signer\n" + "".join(f"Xã Thử {i},xã,Người Ký {i}\n" for i in range(400))
    table = _csv(tmp_path, rows)
    out = tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-m", "generator", "build", str(BASE), "--for-each", str(table),
                                "-o", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline and len(list(out.glob("*.docx"))) < 20:
        time.sleep(0.05)
    workers = subprocess.run(["pgrep", "-P", str(process.pid)], capture_output=True, text=True).stdout.split()
    process.send_signal(signal.SIGKILL)
    process.wait()
    documents = list(out.glob("*.docx"))
    assert documents, "the batch should have written some documents before it was killed"
    for document in documents:
        with zipfile.ZipFile(document) as archive:
            assert archive.testzip() is None  # every .docx is whole
    deadline = time.time() + 10  # the workers notice that the command is gone and stop
    while time.time() < deadline and any(Path(f"/proc/{pid}").exists() for pid in workers):
        time.sleep(0.1)
    assert not any(Path(f"/proc/{pid}").exists() for pid in workers)
