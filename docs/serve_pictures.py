"""Screenshots of `thidua serve` for the README: the folder page, a plan with its preview,
and a problem shown beside its field.

Run by hand after a change to the page: python docs/serve_pictures.py
Needs Chromium (Debian's chromium) and Playwright; writes docs/images/serve-*.png (committed).
Works on a scratch copy of plans/: the shipped plans are never edited.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "images"
PLAN = "2026/quang-ninh/ke-hoach-tinh.yaml"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="thidua-pictures-") as scratch:
        folder = Path(scratch) / "plans"
        shutil.copytree(ROOT / "plans", folder)
        environment = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
        server = subprocess.Popen([sys.executable, "-m", "generator", "serve", str(folder), "--port", "0",
                                   "--no-browser"], stdout=subprocess.PIPE, text=True, encoding="utf-8",
                                  env=environment)
        try:
            assert server.stdout is not None
            url = re.search(r"http://\S+", server.stdout.readline()).group()  # type: ignore[union-attr]
            time.sleep(1)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
                page = browser.new_page(viewport={"width": 1400, "height": 860})
                page.goto(url)
                page.screenshot(path=str(OUT / "serve-thu-muc.png"))
                page.goto(url.split("/?")[0] + f"/plan?path={PLAN}")
                page.wait_for_selector("#quick p")
                page.get_by_role("tab", name="Trang in").click()
                page.locator("#pages img.page").first.wait_for(timeout=60000)
                time.sleep(0.5)
                page.screenshot(path=str(OUT / "serve-ke-hoach.png"))
                page.get_by_role("tab", name="Xem nhanh").click()
                value = page.get_by_label("Giá trị").first
                value.fill("năm mươi tám nghìn")
                value.press("Tab")
                message = page.locator(".msg.error").first
                message.wait_for()
                message.evaluate("element => element.closest('fieldset').scrollIntoView()")
                page.screenshot(path=str(OUT / "serve-loi.png"))
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"Đã ghi: {OUT}/serve-thu-muc.png, serve-ke-hoach.png, serve-loi.png")


if __name__ == "__main__":
    main()
