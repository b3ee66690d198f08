"""What a page weighs on a first visit: the bytes the browser receives (headers and bodies as sent, compressed
or not) for the page and everything it loads, with an empty cache; then the same page opened again.

Starts `hoinghi demo` on a fresh data folder (under the source tree's render/, removed at the end), signs in
with the logins it prints, and opens each page in Chromium (Playwright) with a new browser context per page, so
nothing is cached; the sizes are Chromium's own (the DevTools protocol's encodedDataLength). `--tree` measures
another checkout of the product (e.g. `git archive` of an older commit) with this virtualenv.

Then a normal 4-page PDF paper (pages of Vietnamese text drawn as a scan is) as the viewer sends it: every page
as the full-width PNG it was before, and as it is sent now to a phone and to a laptop (WebP at 640 and 1000 px);
opened again, only the "not modified" answers travel.

    .venv/bin/python bench/weight.py [--tree PATH] [--port 8299] [--json]
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("HOINGHI_CHROMIUM", "/usr/bin/chromium")
# (name, login or None, path; None: the first meeting of the list): an ordinary page of each kind of user.
PAGES = [
    ("login", None, "/login/"),
    ("meetings list", "uyvien", "/meetings/"),
    ("meeting", "uyvien", None),
    ("directives inbox", "donvi", "/directives/inbox/"),
    ("dashboard", "lanhdao", "/directives/dashboard/"),
    ("resolution targets", "lanhdao", "/targets/"),
]
BUDGET = 150 * 1024


def start_demo(tree: Path, port: int, data: Path) -> tuple[subprocess.Popen, dict]:
    env = os.environ | {"HOINGHI_DATA_DIR": str(data), "PYTHONPATH": str(tree), "HOINGHI_DEMO": "1"}
    command = [sys.executable, "-c", "from hoinghi.cli import main; main()", "demo", "--port", str(port)]
    server = subprocess.Popen(command, cwd=tree, env=env, stdout=subprocess.PIPE, text=True, start_new_session=True)
    logins = {}
    for line in server.stdout:
        words = line.split()
        if len(words) >= 2 and words[-2] in {"vanphong", "chutri", "uyvien", "daibieu", "donvi", "lanhdao", "quantri"}:
            logins[words[-2]] = words[-1]
        if "http://" in line:
            break
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=2)
            return server, logins
        except OSError:
            time.sleep(0.5)
    raise SystemExit("the demo did not start")


def weigh(browser, base: str, login: str | None, password: str | None, target: str | None) -> dict:
    """Bytes received opening `target` with an empty cache (after signing in), then opening it again."""
    context = browser.new_context(base_url=base, viewport={"width": 1440, "height": 900})
    page = context.new_page()
    if login:
        page.goto("/login/")
        page.fill("#id_username", login)
        page.fill("#id_password", password)
        page.click("form.card button")
        page.wait_for_url(lambda url: "/login/" not in url)
    if target is None:
        page.goto("/meetings/")
        target = page.locator("main a[href^='/meetings/']").first.get_attribute("href")
    # Signing in loaded the frame's files already: clear the cache so the page is weighed as a first visit.
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.clearBrowserCache")
    received = []
    cdp.on("Network.loadingFinished", lambda event: received.append(event["encodedDataLength"]))
    page.goto(target, wait_until="networkidle")
    first, files = sum(received), len(received)
    received.clear()
    page.goto(target, wait_until="networkidle")
    again = sum(received)
    context.close()
    return {"path": target, "first_visit_bytes": first, "requests": files, "again_bytes": again}


def paper_bytes(pages: int = 4) -> dict:
    """Bytes of a `pages`-page scanned PDF's page images: PNG at full width, WebP at the srcset's widths."""
    import io
    import textwrap
    from types import SimpleNamespace

    import django
    from django.core.files.base import ContentFile
    from PIL import Image, ImageDraw, ImageFont

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hoinghi.settings")
    os.environ.setdefault("HOINGHI_DATA_DIR", str(ROOT / "render"))
    django.setup()
    from hoinghi.meetings import viewer

    font = ImageFont.truetype(str(ROOT / "hoinghi" / "core" / "fonts" / "DejaVuSans.ttf"), 22)
    words = "Tỉnh ủy chỉ đạo các cơ quan, đơn vị triển khai thực hiện nghiêm túc nghị quyết, báo cáo kết quả. " * 60
    scans = []
    for _ in range(pages):
        page = Image.new("L", (1240, 1754), 255)
        draw = ImageDraw.Draw(page)
        for n, line in enumerate(textwrap.wrap(words, 90)[:60]):
            draw.text((110, 110 + n * 26), line, font=font, fill=0)
        scans.append(page)
    out = io.BytesIO()
    scans[0].save(out, "PDF", save_all=True, append_images=scans[1:], resolution=150)
    version = SimpleNamespace(extension=".pdf", file=ContentFile(out.getvalue(), name="paper.pdf"))
    sizes = {"png_1240": 0, "webp_1000": 0, "webp_640": 0}
    for number in range(1, pages + 1):
        sizes["png_1240"] += len(viewer.render_page(version, number))
        sizes["webp_1000"] += len(viewer.render_page(version, number, 1000, webp=True))
        sizes["webp_640"] += len(viewer.render_page(version, number, 640, webp=True))
    return {"pages": pages, "pdf_bytes": len(out.getvalue())} | sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", type=Path, default=ROOT, help="the product's source tree to serve")
    parser.add_argument("--port", type=int, default=8299)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    data = ROOT / "render" / f"bench-weight-{os.getpid()}"
    data.mkdir(parents=True)
    server, logins = start_demo(args.tree.resolve(), args.port, data)
    results = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"], headless=True)
            for name, login, target in PAGES:
                results[name] = weigh(browser, f"http://127.0.0.1:{args.port}", login, logins.get(login), target)
            browser.close()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(data, ignore_errors=True)
    report = {"tree": str(args.tree), "budget_bytes": BUDGET, "pages": results, "paper": paper_bytes()}
    if args.json:
        print(json.dumps(report))
        return
    print(f"{'page':<20} {'first visit KB':>15} {'requests':>9} {'again KB':>9}   path")
    for name, row in results.items():
        first, again = row["first_visit_bytes"] / 1024, row["again_bytes"] / 1024
        print(f"{name:<20} {first:>15.1f} {row['requests']:>9} {again:>9.1f}   {row['path']}")
    print(f"budget: {BUDGET / 1024:.0f} KB on a first visit")
    paper = report["paper"]
    print(f"\na {paper['pages']}-page PDF paper ({paper['pdf_bytes'] / 1024:.0f} KB), its page images on one open:")
    print(f"{'PNG 1240 px (before)':<24} {paper['png_1240'] / 1024:>8.0f} KB")
    print(f"{'WebP 1000 px (laptop)':<24} {paper['webp_1000'] / 1024:>8.0f} KB")
    print(f"{'WebP 640 px (phone)':<24} {paper['webp_640'] / 1024:>8.0f} KB")
    print("opened again: 304 answers without the images (ETag)")


if __name__ == "__main__":
    main()
