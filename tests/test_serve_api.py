"""thidua serve, through Starlette's test client: the rules a browser test cannot see whole."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, git, plans_in_git, soffice
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from generator.checking.conformance import check_docx, failed
from generator.serve.app import create_app

TOKEN = "thu-nghiem"
PROVINCE = "2026/quang-ninh/ke-hoach-tinh.yaml"
REVENUE = ["targets", 0, "items", 0, "value"]


@pytest.fixture
def folder(tmp_path) -> Path:
    shutil.copytree(ROOT / "templates", tmp_path / "templates")  # the plans' $schema comment points there
    return plans_in_git(tmp_path / "kế hoạch")


@pytest.fixture
def client(folder):
    # the lifespan runs: a LibreOffice started for the pages stops with the client
    with TestClient(create_app(folder, TOKEN, ("testserver",), warm_office=False)) as client:
        client.cookies.set("thidua_token", TOKEN)
        client.headers["x-thidua-token"] = TOKEN
        yield client


def version(client: TestClient, path: str = PROVINCE) -> str:
    return client.get("/api/plan", params={"path": path}).json()["version"]


def edit(client: TestClient, value: str, field=REVENUE, path: str = PROVINCE, at: str | None = None):
    return client.post("/api/edit", json={"path": path, "version": at or version(client, path),
                                          "changes": [{"field": field, "value": value}]})


def test_without_the_token_or_from_a_foreign_host_nothing_is_answered(folder):
    bare = TestClient(create_app(folder, TOKEN, ("testserver",)))
    for url in ("/", f"/plan?path={PROVINCE}", f"/api/plan?path={PROVINCE}", "/static/app.js",
                f"/download?path={PROVINCE}"):
        assert bare.get(url).status_code == 401, url
    assert bare.get("/?token=sai").status_code == 401
    first = bare.get(f"/?token={TOKEN}", follow_redirects=False)
    assert first.status_code == 303 and first.headers["location"] == "/"
    assert "httponly" in first.headers["set-cookie"].lower() and "samesite=strict" in first.headers["set-cookie"].lower()
    assert bare.get("/").status_code == 200  # the cookie from now on
    rebound = TestClient(create_app(folder, TOKEN, ("127.0.0.1:8765",)))
    rebound.cookies.set("thidua_token", TOKEN)
    assert rebound.get("/").status_code == 403  # a page of another site resolving to this machine


def test_a_write_needs_the_page_s_own_header_and_origin(client, folder):
    before = (folder / PROVINCE).read_bytes()
    body = {"path": PROVINCE, "version": version(client), "changes": [{"field": REVENUE, "value": "1"}]}
    assert client.post("/api/edit", json=body, headers={"x-thidua-token": ""}).status_code == 403
    assert client.post("/api/edit", json=body, headers={"origin": "http://evil.example"}).status_code == 403
    assert (folder / PROVINCE).read_bytes() == before
    assert "access-control-allow-origin" not in client.get("/").headers


def test_nothing_outside_the_folder_is_read_or_written(client, folder):
    secret = folder.parent / "bi-mat.yaml"
    secret.write_text("year: 2026\n", encoding="utf-8")
    (folder / "lien-ket.yaml").symlink_to(secret)
    for path in ("../bi-mat.yaml", str(secret), "lien-ket.yaml", "%2e%2e/bi-mat.yaml", "2024", "../../etc/passwd",
                 "README.md"):
        assert client.get("/api/plan", params={"path": path}).status_code in (404, 422), path
        assert client.post("/api/yaml", json={"path": path, "version": "", "text": "x: 1"}).status_code in (404, 422)
    assert secret.read_text(encoding="utf-8") == "year: 2026\n"


def test_one_field_changes_one_line_and_keeps_comments(client, folder):
    result = edit(client, "60.000")
    assert result.status_code == 200, result.text
    assert "đạt từ 60.000 tỷ đồng trở lên" in result.json()["html"]
    diff = git(folder, "diff", "-U0", "--", PROVINCE)
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert changed == ["-  - {id: thu-ngan-sach, label: Thu ngân sách nhà nước trên địa bàn, value: '58.000', "
                       "unit: tỷ đồng, compare: đạt từ … trở lên}",
                       "+  - {id: thu-ngan-sach, label: Thu ngân sách nhà nước trên địa bàn, value: '60.000', "
                       "unit: tỷ đồng, compare: đạt từ … trở lên}"]


def test_a_bad_value_is_located_and_never_written(client, folder):
    before = (folder / PROVINCE).read_bytes()
    result = edit(client, "nhiều")
    assert result.status_code == 422
    problem = result.json()["problems"][0]
    assert problem["field"] == "targets[0].items[0].value" and "không đọc được số 'nhiều'" in problem["message"]
    assert (folder / PROVINCE).read_bytes() == before


def test_a_change_on_disk_under_an_open_page_is_a_conflict_not_a_loss(client, folder):
    seen = version(client)
    file = folder / PROVINCE
    file.write_text(file.read_text(encoding="utf-8").replace("'58.000'", "'59.000'"), encoding="utf-8")  # an editor
    result = edit(client, "70.000", at=seen)
    assert result.status_code == 409 and "'59.000'" in result.json()["text"]
    assert "'59.000'" in file.read_text(encoding="utf-8")  # the other change is kept
    assert edit(client, "70.000").status_code == 200  # with the version it now has


def test_the_whole_yaml_is_checked_as_typed_and_written_only_when_valid(client, folder):
    file = folder / PROVINCE
    text = file.read_text(encoding="utf-8")
    broken = text.replace("year: 2026", "year: hai nghìn")
    dry = client.post("/api/yaml", json={"path": PROVINCE, "version": version(client), "text": broken, "dry": True})
    assert dry.status_code == 422 and dry.json()["problems"][0]["line"] is not None
    assert file.read_text(encoding="utf-8") == text
    fixed = text.replace("# yaml-language-server", "# Ghi chú của văn thư\n# yaml-language-server")
    saved = client.post("/api/yaml", json={"path": PROVINCE, "version": version(client), "text": fixed})
    assert saved.status_code == 200 and file.read_text(encoding="utf-8") == fixed


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.text(max_size=30), field=st.sampled_from([REVENUE, ["number"], ["signer", "name"], ["summary"],
                                                          ["rounds", 0, "start"], ["year"], ["signer", "authority"]]))
def test_any_value_leaves_a_file_that_builds_or_the_file_untouched(client, folder, value, field):
    from generator.plan.loader import load

    file = folder / PROVINCE
    before = file.read_text(encoding="utf-8")
    result = edit(client, value, field=field)
    assert result.status_code in (200, 422), result.text
    if result.status_code == 422:
        assert file.read_text(encoding="utf-8") == before and result.json()["problems"]
    else:
        load(file)  # what was written builds
    file.write_text(before, encoding="utf-8")


def test_the_pages_list_plans_and_label_every_input(client):
    home = client.get("/").text
    assert "Các kế hoạch" in home and "ke-hoach-tinh.yaml" in home and "Phát động phong trào thi đua yêu nước năm 2026" in home
    page = client.get("/plan", params={"path": PROVINCE}).text
    for label in ("Số", "Ngày", "Trích yếu", "Căn cứ 1", "Giá trị", "Đơn vị", "Tên đợt", "Từ ngày", "Người ký", "Mục I.",
                  "Mục 1.",
                  "Nội dung tệp kế hoạch"):
        assert f">{label}</label>" in page, label
    import re

    ids = re.findall(r'<(?:input|textarea|select) id="([^"]+)"', page)
    assert ids and all(f'<label for="{i}">' in page for i in ids)


def test_download_passes_check_and_a_plan_with_blanks_offers_a_draft(client, tmp_path):
    docx = client.get("/download", params={"path": "2024/000-lam-thao-ke-hoach-thi-dua.yaml", "kind": "docx"})
    assert docx.status_code == 200 and "filename*=UTF-8''000-lam-thao" in docx.headers["content-disposition"]
    (tmp_path / "tai-ve.docx").write_bytes(docx.content)
    assert not failed(check_docx(tmp_path / "tai-ve.docx"))
    blank = client.get("/download", params={"path": "2026/quang-ninh/_xa-phuong-mau.yaml", "kind": "docx"})
    assert blank.status_code == 422 and "còn chỗ để điền" in blank.text and "bản dự thảo" in blank.text
    assert client.get("/download", params={"path": "2026/quang-ninh/_xa-phuong-mau.yaml", "kind": "draft"}).status_code == 200


def test_import_a_word_file_and_build_a_table_from_excel(client, folder, tmp_path):
    import io
    import zipfile

    import openpyxl

    docx = client.get("/download", params={"path": "2024/001-tam-nong-ke-hoach-thi-dua.yaml"}).content
    imported = client.post("/api/import", files={"file": ("Kế hoạch 2024.docx", docx)})
    assert imported.status_code == 200, imported.text
    assert (folder / imported.json()["path"]).is_file() and imported.json()["path"].startswith("nhap-tu-word/")
    assert client.post("/api/import", files={"file": ("x.exe", b"MZ")}).status_code == 422

    workbook = openpyxl.Workbook()
    for row in (["name", "level", "target:thu-ngan-sach"], ["Tiên Yên", "Xã", 86.5], ["Cô Tô", "đặc khu", 145],
                ["Ba Chẽ", "xã", "nhiều"]):
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    built = client.post("/api/table", files={"file": ("xã.xlsx", buffer.getvalue())},
                        data={"base": "2026/quang-ninh/_xa-phuong-mau.yaml"})
    assert built.status_code == 200, built.text
    rows = built.json()["rows"]
    assert built.json()["written"] == 2 and any("không đọc được số 'nhiều'" in " ".join(r["problems"]) for r in rows)
    archive = zipfile.ZipFile(io.BytesIO(client.get(f"/api/table/{built.json()['zip']}.zip").content))
    assert sorted(archive.namelist()) == ["dac-khu-co-to-2026.docx", "xa-tien-yen-2026.docx"]


def test_new_year_and_the_history_of_a_file(client, folder):
    rolled = client.post("/api/new-year", json={"path": "2024/001-tam-nong-ke-hoach-thi-dua.yaml"})
    assert rolled.status_code == 200 and (folder / rolled.json()["path"]).is_file()
    assert client.post("/api/new-year", json={"path": "2024/001-tam-nong-ke-hoach-thi-dua.yaml"}).status_code == 422
    if not shutil.which("git"):
        pytest.skip("git không có trên máy này: không thử được lịch sử thay đổi")
    assert edit(client, "60.000").status_code == 200
    git(folder, "commit", "-qam", "Tăng chỉ tiêu thu ngân sách")
    commits = client.get("/api/history", params={"path": PROVINCE}).json()["commits"]
    assert [c["subject"] for c in commits] == ["Tăng chỉ tiêu thu ngân sách", "Kế hoạch ban đầu"]
    compared = client.get("/api/compare", params={"path": PROVINCE, "a": commits[1]["commit"],
                                                  "b": commits[0]["commit"]}).json()["markdown"]
    assert "58.000" in compared and "60.000" in compared


def test_exact_pages_come_from_libreoffice(client):
    if soffice() is None:
        pytest.skip("LibreOffice (soffice) không có trên máy này: chỉ có bản xem nhanh")
    made = client.post("/api/pages", params={"path": PROVINCE}).json()
    assert made["count"] >= 2
    image = client.get(f"/api/page/{made['key']}/1.png")
    assert image.status_code == 200 and image.content.startswith(b"\x89PNG")
    assert client.get(f"/api/page/{made['key']}/{made['count'] + 1}.png").status_code == 404


def test_a_port_in_use_is_said_with_exit_2(tmp_path):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-c", "from generator.cli.app import main; main()", "serve", str(tmp_path), "--port", str(port),
                                 "--no-browser"], capture_output=True, text=True, encoding="utf-8", cwd=ROOT,
                                timeout=60)
    assert result.returncode == 2 and "đang được chương trình khác dùng" in result.stderr + result.stdout
    assert "Traceback" not in result.stderr


def test_a_new_plan_from_an_existing_one_beside_it_never_over_a_file(client, folder):
    made = client.post("/api/copy", json={"path": PROVINCE, "name": "ke-hoach-tinh-2027"})
    assert made.status_code == 200 and made.json()["path"] == "2026/quang-ninh/ke-hoach-tinh-2027.yaml"
    assert (folder / made.json()["path"]).read_bytes() == (folder / PROVINCE).read_bytes()
    for name in ("ke-hoach-tinh-2027.yaml", "../ra-ngoai.yaml", "con.yaml", ".an.yaml", "a/b.yaml"):
        refused = client.post("/api/copy", json={"path": PROVINCE, "name": name})
        assert refused.status_code == 422, name
    assert not (folder / "2026" / "ra-ngoai.yaml").exists()


def test_every_field_of_every_shipped_plan_round_trips_unchanged(client, folder):
    """The form of each plan: every input, sent back as shown, leaves the file byte for byte."""
    import re

    from generator.serve.form import of

    for path in sorted(folder.rglob("*.yaml")):
        relative = path.relative_to(folder).as_posix()
        page = client.get("/plan", params={"path": relative})
        assert page.status_code == 200, relative
        before = path.read_bytes()
        form = of(before.decode("utf-8"))
        inputs = [*form.general, *form.bases, *form.recipients, *form.signer, *(i for _, i in form.outline),
                  *(row[k] for row in form.targets for k in ("label", "value", "unit", "compare")),
                  *(r[k] for r in form.rounds for k in ("name", "start", "end"))]
        changes = []
        for item in inputs:
            if item.kind == "readonly":
                continue
            value = item.value
            if item.kind == "date" and value:  # the picker's ISO value, sent as the page sends it
                year, month, day = value.split("-")
                value = f"{day}/{month}/{year}"
            changes.append({"field": item.path, "value": value})
        result = client.post("/api/edit", json={"path": relative, "version": version(client, relative),
                                                "changes": changes})
        assert result.status_code == 200, (relative, result.text[:3000])
        assert path.read_bytes() == before, relative
        assert re.search(r"<(?:input|textarea)", page.text)


def test_a_section_title_edited_in_the_outline(client, folder):
    from generator.serve.form import of

    form = of((folder / PROVINCE).read_text(encoding="utf-8"))
    first = form.outline[0][1]
    assert first.label == "Mục I." and first.value == "Mục đích, yêu cầu"
    result = client.post("/api/edit", json={"path": PROVINCE, "version": version(client),
                                            "changes": [{"field": first.path, "value": "Mục đích và yêu cầu"}]})
    assert result.status_code == 200 and "I. MỤC ĐÍCH VÀ YÊU CẦU" in result.json()["html"]
    changed = [line for line in git(folder, "diff", "-U0").splitlines()
               if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert len(changed) == 2 and "Mục đích và yêu cầu" in changed[1]
