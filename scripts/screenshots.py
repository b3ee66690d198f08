"""Screenshots of the main pages for the README, from a fresh demo, at phone and desktop widths.

Usage: .venv/bin/python scripts/screenshots.py [OUT_DIR]
"""

import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
PORT = 8765
WIDTHS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def start_demo(data_dir: str):
    env = {"HOINGHI_DATA_DIR": data_dir, "PATH": "/usr/bin:/bin"}
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/hoinghi"), "demo", "--port", str(PORT)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    logins = {}
    for line in server.stdout:
        if match := re.match(r"^(\S.*?)\s{2,}(\S+)\s{2,}(\S+)$", line.rstrip()):
            logins[match.group(2)] = match.group(3)
        if "Uvicorn running" in line:
            return server, logins
    raise RuntimeError("the demo did not start")


def shoot(page, name, out: Path, viewport: str, full_page=True):
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(out / f"{name}-{viewport}.png"), full_page=full_page)


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as data_dir:
        server, logins = start_demo(data_dir)
        try:
            base = f"http://127.0.0.1:{PORT}"
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
                for viewport, size in WIDTHS.items():
                    for user, pages in PAGES.items():
                        context = browser.new_context(viewport=size, base_url=base)
                        page = context.new_page()
                        page.goto("/login/")
                        page.fill("#id_username", user)
                        page.fill("#id_password", logins[user])
                        page.click("form.card button")
                        page.wait_for_url(lambda url: "/login/" not in url)
                        for name, visit in pages:
                            visit(page)
                            shoot(page, name, out, viewport)
                        context.close()
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=20)


def meeting(title_part):
    def visit(page):
        page.goto("/meetings/")
        page.click(f"a:has-text('{title_part}')")

    return visit


def item(meeting_part, item_part):
    def visit(page):
        meeting(meeting_part)(page)
        page.click(f"#agenda a:has-text('{item_part}')")

    return visit


def chair_view(page):
    page.goto("/meetings/")
    page.click(".badge-status-scheduled >> xpath=ancestor::a")
    page.click("a:has-text('Màn hình chủ trì')")


def secret_paper(page):
    page.goto("/meetings/")
    page.click(".badge-status-scheduled >> xpath=ancestor::a")
    page.click("#agenda li:has(.badge-secret) a")
    page.click("li:has(.badge-secret) strong a")
    time.sleep(1)


def poll_page(meeting_part, nth, suffix=""):
    def visit(page):
        meeting(meeting_part)(page)
        href = page.locator("section[aria-labelledby^='polls-h'] li a.fw-semibold").nth(nth).get_attribute("href")
        page.goto(href + suffix)
        time.sleep(0.5)

    return visit


def first_directive(page):
    page.goto("/directives/inbox/")
    page.click("a[href^='/directives/'].fw-semibold >> nth=0")


def first_resolution(page):
    page.goto("/targets/")
    page.click("a[href^='/targets/'].list-group-item >> nth=0")


def digital_services_target(page):
    first_resolution(page)
    page.click("a[href^='/targets/t/']:has-text('dịch vụ công') >> nth=0")


ARTICLE = ROOT.parent / "shared" / "corpus" / "dev" / "articles" / "seed000.txt"


def import_upload(page):
    page.goto("/import/upload/")
    page.set_input_files("input[type=file]", str(ARTICLE))
    page.click("form button.btn-party")
    page.wait_for_selector("text=Kết quả nhập")  # a new draft, or on the second width, the duplicate


def import_review(page):
    page.goto("/import/")
    page.click(".list-group-item a.fw-semibold >> nth=0")


PAGES = {
    "vanphong": [
        ("meetings", lambda page: page.goto("/meetings/")),
        ("meeting", meeting("lần thứ 36")),
        ("item-opinions", item("lần thứ 4", "chuyển đổi số")),
        ("chair", chair_view),
        ("poll-room", poll_page("lần thứ 4", 0, "room/")),
        ("poll-result", poll_page("lần thứ 4", 1)),
        ("directives-overdue", lambda page: page.goto("/directives/overdue/")),
        ("directives-settings", lambda page: page.goto("/directives/settings/")),
        ("targets-import", lambda page: page.goto("/targets/import/")),
        ("import-upload", import_upload),
        ("import-review", import_review),
    ],
    "uyvien": [("confidential-paper", secret_paper)],
    "donvi": [
        ("directives-inbox", lambda page: page.goto("/directives/inbox/")),
        ("directive", first_directive),
        ("targets-report", lambda page: page.goto("/targets/report/")),
    ],
    "lanhdao": [
        ("targets-resolution", first_resolution),
        ("targets-target", digital_services_target),
        ("directives-dashboard", lambda page: page.goto("/directives/dashboard/")),
        ("directives-print", lambda page: page.goto("/directives/print/")),
    ],
}

if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots")
