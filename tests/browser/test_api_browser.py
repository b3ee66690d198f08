"""The page "Khóa truy cập API" on a phone and a desktop, and the API's docs page: a key is made and shown once,
works at once through the API, and is revoked; the docs page draws every endpoint from the site's own files,
under the site's content security policy."""

from playwright.sync_api import expect

from tests.browser.axe import AXE, audit
from tests.directive_helpers import directive

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}
FITS = "() => document.scrollingElement.scrollWidth <= innerWidth"


def test_a_unit_makes_a_key_uses_it_and_revokes_it(world, open_as, tmp_path):
    given = directive(world)
    for viewport in (PHONE, DESKTOP):
        page = open_as("unit", viewport=viewport)
        page.context.add_init_script(path=str(AXE))
        page.goto("/")
        if viewport is PHONE:
            page.click(".navbar-toggler")
        page.locator("#account-menu").click()
        page.get_by_role("link", name="Khóa truy cập API").click()
        page.wait_for_url("**/account/api-keys/")  # (the page's load, on a busy machine, outlasted expect's 5 s)
        expect(page.get_by_role("heading", name="Khóa truy cập API")).to_be_visible()
        name = f"Báo cáo tuần {viewport['width']}"
        page.get_by_label("Tên khóa").fill(name)
        page.get_by_role("button", name="Tạo khóa").click()
        expect(page.get_by_role("status")).to_contain_text(f"Đã tạo khóa “{name}”")
        key = page.locator("#new-key").input_value()
        assert page.evaluate(FITS) and audit(page) == []
        page.screenshot(path=tmp_path / f"keys-made-{viewport['width']}.png", full_page=True)

        answer = page.request.get(f"/api/directives/{given.pk}", headers={"Authorization": f"Bearer {key}"})
        assert answer.status == 200 and answer.json()["content"] == given.content

        page.reload()  # shown once: the page no longer has it
        expect(page.locator("#new-key")).to_have_count(0)
        page.get_by_role("button", name=f"Thu hồi {name}").click()
        expect(page.get_by_role("alert").or_(page.locator(".alert-success"))).to_contain_text("Đã thu hồi khóa")
        expect(page.get_by_text("Đã thu hồi", exact=True).first).to_be_visible()
        assert page.evaluate(FITS) and audit(page) == []
        page.screenshot(path=tmp_path / f"keys-revoked-{viewport['width']}.png", full_page=True)
        refused = page.request.get(f"/api/directives/{given.pk}", headers={"Authorization": f"Bearer {key}"})
        assert refused.status == 401 and "khóa" in refused.json()["detail"]


def test_the_docs_page_draws_every_endpoint_from_the_sites_files(world, browser, live_server, tmp_path):
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    page = context.new_page()
    refused, outside = [], []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    page.on(
        "request", lambda request: outside.append(request.url) if not request.url.startswith(live_server.url) else None
    )
    page.goto("/api/docs")
    expect(page.get_by_role("heading", name="Hội nghị số API")).to_be_visible()
    for path in ("/api/meetings", "/api/directives/{directive_id}/reports", "/api/polls/{poll_id}", "/api/articles"):
        expect(page.locator(f".opblock-summary-path[data-path='{path}']").first).to_be_visible()
    expect(page.get_by_role("button", name="Authorize")).to_be_visible()
    page.screenshot(path=tmp_path / "docs-1440.png", full_page=True)
    assert refused == [] and outside == []
    context.close()
