"""thidua serve in a real headless Chromium (the system's, driven by Playwright): a clerk's flows."""

from __future__ import annotations

import io
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from conftest import PLANS, ROOT, git, plans_in_git, soffice

from generator.checking.conformance import check_docx, failed

CHROMIUM = next((p for p in (shutil.which("chromium"), shutil.which("chromium-browser"), "/usr/bin/chromium")
                 if p and Path(p).is_file()), None)
PROVINCE = "2026/quang-ninh/ke-hoach-tinh.yaml"

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium không có trên máy này (CI cài gói Debian chromium)")


class Server:
    def __init__(self, folder: Path):
        environment = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1", "THIDUA_CACHE": "off"}
        self.started = time.time()
        self.process = subprocess.Popen(
            [sys.executable, "-c", "from generator.cli.app import main; main()", "serve", str(folder), "--port", "0",
             "--no-browser"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8",
            env=environment)
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:\d+/\?token=\S+", line)
        assert found, line
        self.url = found.group()
        self.base = self.url.split("/?")[0]
        for _ in range(100):  # uvicorn binds just after the address is printed
            try:
                import urllib.request

                urllib.request.urlopen(self.base + "/favicon.ico", timeout=1)
            except Exception as exc:  # noqa: BLE001 - 401 means it answers
                if "401" in str(exc):
                    break
                time.sleep(0.1)

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=30)


@pytest.fixture
def folder(tmp_path) -> Path:
    return plans_in_git(tmp_path / "kế hoạch xã")


@pytest.fixture
def server(folder):
    running = Server(folder)
    yield running
    if running.process.poll() is None:
        running.stop()


@pytest.fixture
def page(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 950})
        tab = context.new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda error: errors.append(str(error)))
        tab.goto(server.url)
        yield tab
        assert not errors, errors
        browser.close()


def changed_lines(folder: Path) -> list[str]:
    diff = git(folder, "diff", "-U0")
    return [line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def open_province(page) -> None:
    page.get_by_role("link", name=re.compile("Phát động phong trào thi đua yêu nước năm 2026")).nth(0).wait_for()
    page.locator(f"a[href='/plan?path={PROVINCE}']").click()
    page.wait_for_selector("#quick p")


def test_change_a_target_see_the_preview_and_one_line_of_the_file(page, folder):
    assert page.get_by_role("heading", name="Các kế hoạch").is_visible()
    open_province(page)
    value = page.get_by_label("Giá trị").first
    assert value.input_value() == "58.000"
    value.fill("63.500")
    value.press("Tab")
    page.wait_for_function("document.querySelector('#quick').innerText.includes('đạt từ 63.500 tỷ đồng trở lên')")
    assert changed_lines(folder) == [
        "-  - {id: thu-ngan-sach, label: Thu ngân sách nhà nước trên địa bàn, value: '58.000', unit: tỷ đồng, "
        "compare: đạt từ … trở lên}",
        "+  - {id: thu-ngan-sach, label: Thu ngân sách nhà nước trên địa bàn, value: '63.500', unit: tỷ đồng, "
        "compare: đạt từ … trở lên}"]
    assert page.locator("#status").inner_text().startswith("Đã lưu")


def test_a_bad_number_is_shown_beside_its_field_and_not_written(page, folder):
    open_province(page)
    before = (folder / PROVINCE).read_bytes()
    value = page.get_by_label("Giá trị").first
    value.fill("năm mươi tám")
    value.press("Tab")
    message = page.locator(".msg.error").first
    message.wait_for()
    assert "không đọc được số 'năm mươi tám'" in message.inner_text()
    assert value.get_attribute("aria-invalid") == "true"
    assert (folder / PROVINCE).read_bytes() == before


def test_a_round_date_from_the_picker_moves_in_the_document(page, folder):
    open_province(page)
    start = page.get_by_label("Từ ngày").first
    start.fill("2026-01-05")
    start.press("Tab")
    page.wait_for_function("document.querySelector('#quick').innerText.includes('từ ngày 05/01/2026')")
    assert any("05/01/2026" in line or "2026-01-05" in line for line in changed_lines(folder) if line.startswith("+"))


def test_a_file_changed_on_disk_is_reloaded_not_overwritten(page, folder):
    open_province(page)
    file = folder / PROVINCE
    file.write_text(file.read_text(encoding="utf-8").replace("'58.000'", "'59.000'"), encoding="utf-8")
    page.wait_for_function("document.querySelector('#banner') && !document.querySelector('#banner').hidden",
                           timeout=10000)
    assert page.get_by_label("Giá trị").first.input_value() == "59.000"
    assert "'59.000'" in file.read_text(encoding="utf-8")


def test_import_a_word_file_then_open_it(page, folder, tmp_path):
    from generator.build.pipeline import plan_document

    word = tmp_path / "Kế hoạch Tam Nông 2024.docx"
    word.write_bytes(plan_document(PLANS / "2024" / "001-tam-nong-ke-hoach-thi-dua.yaml", use_cache=False))
    page.locator("#import-file").set_input_files(str(word))
    link = page.locator("#import-result a")
    link.wait_for(timeout=30000)
    assert "nhap-tu-word/" in link.inner_text()
    link.click()
    page.wait_for_selector("#quick p")
    assert "HUYỆN TAM NÔNG" in page.locator("#quick").inner_text()


def test_build_a_table_from_excel_and_download_the_zip(page, tmp_path):
    import openpyxl

    workbook = openpyxl.Workbook()
    for row in (["name", "level", "target:thu-ngan-sach"], ["Tiên Yên", "Xã", 86.5], ["Vân Đồn", "đặc khu", 2100],
                ["Ba Chẽ", "xã", "#không rõ"]):
        workbook.active.append(row)
    table = tmp_path / "xã phường.xlsx"
    workbook.save(table)
    page.get_by_label("Kế hoạch gốc").select_option("2026/quang-ninh/_xa-phuong-mau.yaml")
    page.get_by_label("Bảng xã, phường (.xlsx, .xls, .ods, .csv)").set_input_files(str(table))
    page.get_by_role("button", name="Tạo văn bản").click()
    link = page.get_by_role("link", name="Tải 2 văn bản (.zip)")
    link.wait_for(timeout=60000)
    assert "không đọc được số" in page.locator("#table-result").inner_text()
    with page.expect_download() as download:
        link.click()
    archive = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert sorted(archive.namelist()) == ["dac-khu-van-don-2026.docx", "xa-tien-yen-2026.docx"]


def test_download_a_docx_that_passes_check_and_see_the_printed_pages(page, tmp_path):
    open_province(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải .docx").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == "ke-hoach-tinh.docx" and not failed(check_docx(saved))
    if soffice() is None:
        pytest.skip("LibreOffice (soffice) không có trên máy này: không có trang in")
    page.get_by_role("tab", name="Trang in").click()
    page.locator("#pages img.page").first.wait_for(timeout=60000)
    assert page.locator("#pages img.page").count() >= 2
    assert page.locator("#pages img.page").first.evaluate("img => img.naturalWidth") > 500


def test_stopping_the_server_leaves_no_libreoffice(server, folder):
    import psutil

    if soffice() is None:
        pytest.skip("LibreOffice (soffice) không có trên máy này")
    import urllib.request

    token = server.url.split("token=")[1]
    request = urllib.request.Request(f"{server.base}/api/pages?path={PROVINCE}", method="POST",
                                     headers={"cookie": f"thidua_token={token}", "x-thidua-token": token})
    urllib.request.urlopen(request, timeout=120).read()
    assert server.stop() in (0, -signal.SIGTERM)
    time.sleep(0.5)
    left = [p for p in psutil.process_iter(["name", "create_time", "status"])
            if "soffice" in (p.info["name"] or "") and (p.info["create_time"] or 0) >= server.started
            and p.info["status"] != psutil.STATUS_ZOMBIE]
    assert not left, left


def test_a_crashed_server_leaves_no_libreoffice(server):
    import urllib.request

    import psutil

    if soffice() is None:
        pytest.skip("LibreOffice (soffice) không có trên máy này")
    token = server.url.split("token=")[1]
    request = urllib.request.Request(f"{server.base}/api/pages?path={PROVINCE}", method="POST",
                                     headers={"cookie": f"thidua_token={token}", "x-thidua-token": token})
    assert b'"count"' in urllib.request.urlopen(request, timeout=120).read()
    server.process.kill()  # no shutdown code runs: the guard alone must end LibreOffice
    server.process.wait()
    deadline = time.time() + 10
    while time.time() < deadline:
        left = [p for p in psutil.process_iter(["name", "create_time", "status"])
                if "soffice" in (p.info["name"] or "") and (p.info["create_time"] or 0) >= server.started
                and p.info["status"] != psutil.STATUS_ZOMBIE]
        if not left:
            break
        time.sleep(0.2)
    assert not left, left
