"""axe-core (WCAG 2.1 A and AA) on every page each role reaches, at phone and desktop widths, and what axe cannot
see: the keyboard's focus, the live count as heard, the size of small targets."""

from collections import deque

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from hoinghi.demo.loader import load_demo
from hoinghi.directory.models import Organization, User
from hoinghi.meetings import documents, services
from hoinghi.voting import services as voting
from tests.account_helpers import PASSWORD
from tests.browser.axe import AXE, audit, crawlable, settled
from tests.confidential_world import pdf
from tests.voting_helpers import open_poll, running_meeting

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}
DEMO_LOGINS = ["vanphong", "chutri", "uyvien", "daibieu", "donvi", "lanhdao", "quantri"]


# What scrolls sideways: the page itself, or a table in its box (the overdue column off-screen on a phone).
SIDEWAYS = """() => {
    const wide = [];
    if (document.scrollingElement.scrollWidth > window.innerWidth + 1) wide.push("the page");
    for (const table of document.querySelectorAll("table")) {
        const box = table.closest(".table-responsive") || table;
        if (box.scrollWidth > box.clientWidth + 1 && box.offsetParent) wide.push(table.caption?.textContent || table.id || "a table");
    }
    return wide;
}"""


def audit_both_widths(page, where: str, found: dict) -> None:
    """axe on the page as it is, at desktop then phone width (the layout reflows; nothing is reloaded); and at both,
    nothing that scrolls sideways."""
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        settled(page)
        for violation in audit(page):
            found[f"{where} @{viewport['width']}: {violation['id']}"] = violation["nodes"][:3]
        if wide := page.evaluate(SIDEWAYS):
            found[f"{where} @{viewport['width']}: scrolls sideways"] = wide[:3]
    page.set_viewport_size(DESKTOP)


def with_axe(page):
    # Added to every document the context opens, through the DevTools protocol: the page's strict CSP stays on.
    page.context.add_init_script(path=str(AXE))
    return page


@pytest.fixture
def demo(settings, transactional_db):
    settings.DEMO_MODE = True  # demo logins work in demo mode only, without a second step
    load_demo()
    for user in User.objects.filter(username__in=DEMO_LOGINS):
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])


def test_no_violation_on_any_page_of_any_role(demo, browser, live_server, open_as):
    found, checked = {}, 0
    anonymous = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    page = with_axe(anonymous.new_page())
    page.goto("/login/")
    audit_both_widths(page, "/login/", found)
    page.fill("#id_username", "vanphong")
    page.fill("#id_password", "sai mật khẩu")
    page.click("form.card button")
    expect(page.locator("[role=alert]")).to_be_visible()
    audit_both_widths(page, "/login/ (refused)", found)
    checked += 2
    anonymous.close()

    for username in DEMO_LOGINS:
        page = with_axe(open_as(username, viewport=DESKTOP))
        # Every page the role's links lead to, once per URL pattern (/meetings/N/ once).
        seen, queue = set(), deque([page.url])
        while queue:
            url = queue.popleft()
            page.goto(url)
            audit_both_widths(page, f"{username} {url.removeprefix(live_server.url)}", found)
            checked += 1
            for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
                pattern = crawlable(href, live_server.url)
                if pattern and pattern not in seen:
                    seen.add(pattern)
                    queue.append(href)
    print(f"axe: {checked} pages at 2 widths, {len(found)} violations")
    assert checked > 100
    assert found == {}


def test_no_violation_on_a_poll_from_ballot_to_result(world, browser, open_as):
    meeting = running_meeting(world, present=[world.users[n] for n in ("chair", "member", "member2")])
    poll = open_poll(world, meeting, method="open")
    found = {}
    chair = with_axe(open_as("chair"))
    chair.goto(f"/polls/{poll.pk}/console/")
    audit_both_widths(chair, "console, open", found)
    member = with_axe(open_as("member", viewport=PHONE))
    member.goto(f"/polls/{poll.pk}/")
    # A one-question ballot is a group named by the poll's title.
    expect(member.get_by_role("group", name=poll.title)).to_be_visible()
    audit_both_widths(member, "ballot", found)
    member.click("input[value='yes'] + label")
    member.click("#cast")
    expect(member.get_by_role("status")).to_contain_text("đã được ghi nhận")
    # The count as a screen reader hears it: the figures with what they count, the value on the progressbar.
    live = chair.locator("[aria-live]").filter(has=chair.locator("#live-count"))
    expect(live).to_have_text("1 / 3 đã biểu quyết")
    expect(live).to_have_attribute("aria-atomic", "true")
    progress = chair.get_by_role("progressbar")
    expect(progress).to_have_attribute("aria-valuenow", "1")
    expect(chair.locator("[aria-valuenow]:not([role=progressbar])")).to_have_count(0)
    audit_both_widths(member, "after casting", found)
    voting.check_close_poll(world.users["chair"], poll)
    voting.check_publish_poll(world.users["chair"], poll)
    for page, path in (
        (chair, f"/polls/{poll.pk}/console/"),
        (member, f"/polls/{poll.pk}/"),
        (chair, f"/polls/{poll.pk}/room/"),
    ):
        page.goto(path)
        audit_both_widths(page, f"{path}, published", found)
    assert found == {}


def test_the_red_button_keeps_its_colour_and_shows_a_ring_under_the_keyboard(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    page = context.new_page()
    page.goto("/login/")
    page.focus("#id_password")
    page.keyboard.press("Tab")
    button = page.locator("form.card button.btn-party")
    expect(button).to_be_focused()
    page.wait_for_timeout(300)  # Bootstrap's colour transition
    style = button.evaluate(
        "b => { const s = getComputedStyle(b); return [s.backgroundColor, s.color, s.outlineStyle, s.outlineWidth]; }"
    )
    # Bootstrap draws a focused button in its hover colours: the darker red, not the transparent default.
    assert style == ["rgb(127, 10, 10)", "rgb(255, 255, 255)", "solid", "3px"]
    context.close()


def test_choosing_a_language_with_the_keyboard_waits_for_enter_and_keeps_the_focus(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    page = context.new_page()
    page.goto("/login/")
    page.focus("#language")
    page.keyboard.press("ArrowDown")  # the value changes; the page must not reload under the user
    page.wait_for_timeout(300)
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#language")).to_be_focused()
    context.close()


def test_small_targets_are_at_least_24_px(world, open_as, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    meeting = world.meeting()
    item = world.item(meeting)
    services.check_add_participant(world.users["office"], meeting, world.people["invitee"], "invitee", items=[item])
    paper = SimpleUploadedFile("to-trinh.pdf", pdf("Tờ trình"))
    documents.check_upload_document(
        world.users["office"], item, title="Tờ trình", kind="report", confidentiality="normal", uploaded_file=paper
    )
    office = open_as("office", viewport=DESKTOP)
    sizes = {}

    def measure(*locators):
        for locator in locators:
            box = locator.bounding_box()
            sizes[str(locator)] = (round(box["width"]), round(box["height"]))

    office.goto(f"/meetings/{meeting.pk}/")
    measure(office.get_by_role("button", name="Xóa"))  # the "×" that takes an invitee off the list
    office.goto(f"/meetings/items/{item.pk}/")
    measure(office.get_by_role("link", name="Đọc", exact=True), office.get_by_role("link", name="Tải về", exact=True))
    office.goto("/directives/dashboard/")
    measure(office.locator("#filter-priority"), office.locator("#language"))
    office.goto("/targets/")
    measure(*office.locator(".form-check-input").all())
    assert len(sizes) >= 5
    assert {name: size for name, size in sizes.items() if min(size) < 24} == {}


def test_each_chart_has_its_figures_in_a_table_and_wide_tables_are_reachable(world, open_as):
    leader = open_as("leader", viewport=PHONE)
    leader.goto("/directives/dashboard/")
    overall = leader.locator("#chart-overall").locator("xpath=../following-sibling::details[1]")
    expect(overall.locator("summary")).to_have_text("Số liệu của biểu đồ")
    overall.locator("summary").click()
    rows = overall.locator("tbody th[scope=row]")
    expect(rows).to_have_text(
        [
            "Hoàn thành đúng hạn",
            "Hoàn thành quá hạn",
            "Đang thực hiện trong hạn",
            "Đang thực hiện quá hạn",
            "Đang thực hiện, không có thời hạn",
        ]
    )
    expect(overall.locator("tbody td")).to_have_text(["0"] * 5)
    expect(leader.locator("details.chart-figures")).to_have_count(leader.locator("canvas").count())
    # A table wider than the phone: the keyboard reaches it (and scrolls it), and it is named.
    scrolling = "[...document.querySelectorAll('.table-responsive')].filter(b => b.scrollWidth > b.clientWidth + 1)"
    leader.evaluate(
        "() => { const box = document.createElement('div'); box.className = 'table-responsive'; box.id = 'wide';"
        " box.innerHTML = '<table class=\"table\"><caption>Bảng rộng</caption><tr>' + '<td>Đơn vị thứ mười</td>'.repeat(12) + '</tr></table>';"
        " document.querySelector('main').append(box); window.dispatchEvent(new Event('resize')); }"
    )
    expect(leader.locator("#wide")).to_have_attribute("tabindex", "0")
    expect(leader.locator("#wide")).to_have_attribute("role", "region")
    expect(leader.locator("#wide")).to_have_attribute("aria-label", "Bảng rộng")
    unreachable = leader.evaluate(
        f"() => {scrolling}.filter(b => b.tabIndex !== 0 || !b.getAttribute('aria-label')).length"
    )
    assert unreachable == 0


def test_no_violation_on_recording_a_reorganization(world, open_as):
    """The reorganization's form and preview are reached by forms, not links: the crawl above does not see them."""
    first = Organization.objects.create(name="Sở Nội vụ", kind="government")
    second = Organization.objects.create(name="Sở Tài chính", kind="government")
    found = {}
    office = with_axe(open_as("office", viewport=DESKTOP))
    office.goto("/directory/reorganizations/new/?effective=01/01/2026")
    office.get_by_role("button", name="Xem trước").click()  # refused: every required field named
    audit_both_widths(office, "reorganization form, refused", found)
    office.select_option("#id_kind", "dissolution")
    office.select_option("#id_predecessors", [str(world.department.pk)])
    office.select_option("#id_successors", [str(first.pk), str(second.pk)])
    office.fill("#id_basis_number", "15/NQ-HĐND")
    office.fill("#id_basis_date", "20/12/2025")
    office.press("#id_basis_date", "Tab")
    office.get_by_role("button", name="Xem trước").click()
    expect(office.get_by_role("button", name="Xác nhận và ghi nhận")).to_be_visible()
    audit_both_widths(office, "reorganization preview", found)
    office.get_by_role("button", name="Xác nhận và ghi nhận").click()  # refused: the account's successor unchosen
    audit_both_widths(office, "reorganization preview, refused", found)
    assert found == {}
