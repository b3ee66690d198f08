"""The leader's pages on a phone (390 px): the follow-up dashboard, a district target's page and the printable
report. Nothing is wider than the screen (a wide table becomes one card per row, its overdue count in sight),
bar names are wrapped whole beside their bars instead of cut at the canvas's left edge, a target's figures come a
page at a time, and every link, button, field, switch and summary is a 44 px touch target. Printed, the report's
charts are images that fit the page and end above the next heading."""

import datetime
import re

from django.utils import timezone
from playwright.sync_api import expect

from hoinghi.directives.models import Directive
from hoinghi.directory.models import Organization
from tests.directive_helpers import directive, running_item
from tests.test_target_dashboard import Plan

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}
TARGET_PAGE_MOST = 6000  # px at 390 px wide: was 15,900 with every figure listed
LONG_NAME = "Ban Chỉ đạo phòng, chống Covid-19 tỉnh và Sở Tài chính - Kế hoạch huyện"

FITS = "() => document.scrollingElement.scrollWidth <= innerWidth"
# Elements whose right edge passes the screen's, outside any box that clips them: none should be.
OVERFLOWING = """() => [...document.querySelectorAll('main *')].filter((e) => {
  const box = e.getBoundingClientRect();
  return box.width && (box.right > innerWidth + 0.5 || box.left < -0.5);
}).map((e) => e.outerHTML.slice(0, 80))"""
# A box under 44 px: a visible link, button, field, switch or summary; a checkbox or switch is touched through its
# label as well, so the larger of the two counts.
SMALL_TARGETS = """() => [...document.querySelectorAll(
    'main a, main button, main select, main input:not([type=hidden]), main summary')]
  .filter((e) => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
  .map((e) => {
    const own = e.getBoundingClientRect();
    const label = e.labels && e.labels[0] ? e.labels[0].getBoundingClientRect() : own;
    return [e.outerHTML.slice(0, 70), Math.max(own.height, label.height), Math.max(own.width, label.width)];
  })
  .filter(([, height, width]) => height < 43.5 || width < 43.5)"""
# Each line of each bar name, as Chart.js draws it, fits in the y axis's width: nothing cut at the left.
CUT_NAMES = """(id) => {
  const chart = Chart.getChart(document.getElementById(id));
  const scale = chart.scales.y;
  const ctx = chart.ctx;
  ctx.save();
  ctx.font = Chart.helpers.toFont(scale.options.ticks.font).string;
  const cut = scale.ticks.flatMap((tick) => [].concat(tick.label)).filter((line) => ctx.measureText(line).width > scale.width);
  ctx.restore();
  return cut;
}"""
NAMES = "(id) => Chart.getChart(document.getElementById(id)).scales.y.ticks.map((t) => [].concat(t.label).join(' '))"


def overdue_directives(world, count=4):
    """Directives overdue with units of long names, so that the tables and bars would be wide."""
    item = running_item(world)
    for n in range(count):
        unit = Organization.objects.create(name=f"{LONG_NAME} {n + 1}", kind="government")
        task = directive(world, item, lead_organization=unit, content=f"Báo cáo kết quả rà soát số {n + 1}.")
        Directive.objects.filter(pk=task.pk).update(deadline=timezone.localdate() - datetime.timedelta(days=10 + n))


def check_phone_page(page):
    assert page.evaluate(FITS)
    assert page.evaluate(OVERFLOWING) == []
    assert page.evaluate(SMALL_TARGETS) == []


def test_the_dashboard_fits_a_phone_with_its_overdue_counts_in_sight(open_as, world):
    overdue_directives(world)
    leader = open_as("leader", viewport=PHONE)
    errors = []
    leader.on("pageerror", lambda error: errors.append(str(error)))
    leader.goto("/directives/dashboard/")
    leader.wait_for_function("() => window.Chart && Chart.getChart(document.getElementById('chart-organizations'))")
    check_phone_page(leader)
    leader.click("button[aria-controls='filters']")  # the filters folded behind a button: 44 px too, once open
    expect(leader.locator("#filter-priority")).to_be_visible()
    check_phone_page(leader)
    # Each unit's row is a card with its overdue count labelled, on the screen.
    overdue = leader.locator(
        "tbody tr:has-text('Sở Tài chính - Kế hoạch huyện 1') td[data-label='Đang thực hiện quá hạn']"
    )
    overdue.scroll_into_view_if_needed()
    box = overdue.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert overdue.inner_text() == "1"
    assert "Đang thực hiện quá hạn" in leader.evaluate(
        "(e) => getComputedStyle(e, '::before').content", overdue.element_handle()
    )
    # The bar names: whole (wrapped, not cut), each line within the axis.
    assert leader.evaluate(CUT_NAMES, "chart-organizations") == []
    names = leader.evaluate(NAMES, "chart-organizations")
    assert all(name.startswith("Ban Chỉ đạo phòng") for name in names)
    assert not errors


def test_the_dashboard_stays_a_table_on_a_desktop(open_as, world):
    overdue_directives(world, count=2)
    leader = open_as("leader", viewport=DESKTOP)
    leader.goto("/directives/dashboard/")
    assert leader.evaluate(FITS)
    expect(leader.locator("table.stack-table thead").first).to_be_visible()
    header = leader.locator("table.stack-table thead th").nth(5)
    assert header.bounding_box()["y"] < leader.locator("table.stack-table tbody tr").first.bounding_box()["y"]


def test_a_district_targets_page_is_short_on_a_phone(open_as, world):
    plan = Plan(world, districts=6)
    plan.fill()  # 6 districts x 8 half-years: 48 figures of the weighted share
    leader = open_as("leader", viewport=PHONE)
    leader.goto(f"/targets/t/{plan.weighted.pk}/")
    leader.wait_for_function("() => window.Chart && Chart.getChart(document.getElementById('chart-districts'))")
    check_phone_page(leader)
    height = leader.evaluate("() => document.scrollingElement.scrollHeight")
    assert height < TARGET_PAGE_MOST, height
    # The latest periods first, twelve figures a page (the six districts' two halves of 2024), 2023 a page further.
    rows = leader.locator("table.stack-table tbody tr")
    expect(rows).to_have_count(12)
    expect(rows.first.locator("th")).to_contain_text("2024")
    expect(rows.last.locator("th")).to_contain_text("2024")
    leader.click("a.page-link:has-text('›')")
    expect(rows.first.locator("th")).to_contain_text("2023")
    check_phone_page(leader)


def test_the_printed_report_keeps_its_charts_on_the_page(open_as, world, tmp_path):
    overdue_directives(world, count=8)
    leader = open_as("leader", viewport=PHONE)
    leader.goto("/directives/print/")
    leader.wait_for_selector("img.chart-image >> nth=1")
    check_phone_page(leader)
    leader.emulate_media(media="print")
    leader.set_viewport_size({"width": 1047, "height": 700})  # A4 landscape less its margins, in CSS px
    # Each chart is an image no wider than its column and ending above the next heading.
    boxes = leader.evaluate(
        """() => [...document.querySelectorAll('img.chart-image')].map((image) => {
          const box = image.getBoundingClientRect(), column = image.parentElement.getBoundingClientRect();
          return [box.right <= column.right + 0.5, box.bottom, image.naturalHeight > 0];
        })"""
    )
    heading = leader.evaluate("() => document.querySelector('.print-charts + h2').getBoundingClientRect().top")
    assert len(boxes) == 2
    assert all(fits and loaded and bottom <= heading for fits, bottom, loaded in boxes)
    assert leader.evaluate("() => document.querySelectorAll('canvas').length") == 0
    pdf = leader.pdf(prefer_css_page_size=True, print_background=True)
    (tmp_path / "report.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page[^s]", pdf)) >= 2
