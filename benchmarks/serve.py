"""thidua serve, measured on the real server (a subprocess on loopback, a copy of the shipped plans):

Run: python benchmarks/serve.py [N]        (default N = 15 edits per measure)

- first page load: the folder page and a plan page, from navigation to the load event, in
  the system's headless Chromium (Playwright), each in a fresh browser context;
- edit → instant preview: a target's value typed and Tab pressed in Chromium, until the
  preview shows the new figure (the file written and validated on the way);
- edit → exact pages: a field-level edit posted, then the printed pages asked for, until
  LibreOffice's PNG pages are ready (LibreOffice kept running by the server, warmed up first);
- edit → exact pages, cold: the same through a fresh LibreOffice (what `--pdf` does), for comparison.
Medians of N runs on this machine (2 shared cores); every single figure is printed too.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PLAN = "2026/quang-ninh/ke-hoach-tinh.yaml"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"


def start(folder: Path) -> tuple[subprocess.Popen[str], str]:
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen([sys.executable, "-c", "from generator.cli.app import main; main()", "serve",
                                str(folder), "--port", "0", "--no-browser"], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, encoding="utf-8", env=environment)
    assert process.stdout is not None
    url = re.search(r"http://\S+", process.stdout.readline()).group()  # type: ignore[union-attr]
    time.sleep(0.5)
    return process, url


def post(base: str, token: str, path: str, body: dict | None = None) -> dict:
    request = urllib.request.Request(base + path, data=json.dumps(body or {}).encode(), method="POST", headers={
        "cookie": f"thidua_token={token}", "x-thidua-token": token, "content-type": "application/json"})
    return json.loads(urllib.request.urlopen(request, timeout=300).read())


def get(base: str, token: str, path: str) -> dict:
    request = urllib.request.Request(base + path, headers={"cookie": f"thidua_token={token}"})
    return json.loads(urllib.request.urlopen(request, timeout=60).read())


def show(name: str, runs: list[float]) -> str:
    return f"{name}: trung vị {statistics.median(runs) * 1000:6.0f} ms  ({', '.join(f'{r * 1000:.0f}' for r in runs)})"


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="thidua-bench-serve-") as scratch:
        folder = Path(scratch) / "plans"
        shutil.copytree(ROOT / "plans", folder)
        process, url = start(folder)
        base, token = url.split("/?")[0], url.split("token=")[1]
        try:
            lines = []
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
                loads, plan_loads = [], []
                for _ in range(n):
                    context = browser.new_context()
                    page = context.new_page()
                    began = time.perf_counter()
                    page.goto(url)
                    loads.append(time.perf_counter() - began)
                    began = time.perf_counter()
                    page.goto(f"{base}/plan?path={PLAN}")
                    page.wait_for_selector("#quick p")
                    plan_loads.append(time.perf_counter() - began)
                    context.close()
                lines += [show("tải trang thư mục (lần đầu, trình duyệt mới)", loads),
                          show("tải trang kế hoạch đến khi có bản xem nhanh", plan_loads)]

                page = browser.new_page()
                page.goto(url)
                page.goto(f"{base}/plan?path={PLAN}")
                page.wait_for_selector("#quick p")
                value = page.get_by_label("Giá trị").first
                instant = []
                for i in range(n):
                    figure = f"{60 + i}.{i:03d}"
                    began = time.perf_counter()
                    value.fill(figure)
                    value.press("Tab")
                    page.wait_for_function(f"document.querySelector('#quick').innerText.includes('{figure}')")
                    instant.append(time.perf_counter() - began)
                lines.append(show("sửa một chỉ tiêu → bản xem nhanh cập nhật (Chromium)", instant))
                browser.close()

            field = ["targets", 0, "items", 0, "value"]
            post(base, token, f"/api/pages?path={PLAN}")  # LibreOffice warm
            exact = []
            for i in range(n):
                version = get(base, token, f"/api/plan?path={PLAN}")["version"]
                began = time.perf_counter()
                post(base, token, "/api/edit", {"path": PLAN, "version": version,
                                                "changes": [{"field": field, "value": f"{70 + i}.000"}]})
                post(base, token, f"/api/pages?path={PLAN}")
                exact.append(time.perf_counter() - began)
            lines.append(show("sửa một chỉ tiêu → trang in chính xác (LibreOffice chạy sẵn)", exact))
        finally:
            process.terminate()
            process.wait(timeout=30)

        from generator.build.pipeline import Mode, plan_document
        from generator.system.libreoffice import convert_batch

        cold = []
        for i in range(max(3, n // 3)):
            docx = plan_document(folder / PLAN, mode=Mode.preview)
            source = Path(scratch) / f"lan-{i}.docx"
            source.write_bytes(docx)
            began = time.perf_counter()
            convert_batch([source])
            cold.append(time.perf_counter() - began)
        lines.append(show("cùng văn bản qua LibreOffice khởi động mới (như --pdf), chỉ phần chuyển PDF", cold))
    print(f"thidua serve, {n} lần mỗi phép đo; máy {os.cpu_count()} lõi")
    for line in lines:
        print(line)


if __name__ == "__main__":
    main()
