"""In the browser: a leader opens a target re-scoped at the 2025 merge and looks at the merged Hải Phòng's figures:
the chart draws the re-scope's mark with its reason and the quarters before the merge as points derived from the
predecessors', with the rule in the tooltip and on the page; on a phone nothing is wider than the screen."""

import os

from playwright.sync_api import expect

from hoinghi.targets import services
from tests.browser.test_accessibility import audit_both_widths, with_axe
from tests.reorganized_targets import Q3_2025, QUARTERS, REASON, build_merge, rescope

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 1000}
CHART = "() => window.Chart && Chart.getChart(document.getElementById('chart-series'))"
DATASETS = "() => Chart.getChart(document.getElementById('chart-series')).data.datasets.map((d) => [d.label, d.data.filter((v) => v !== null).length])"
MARKS = "() => JSON.parse(document.getElementById('target-chart').textContent).series.marks"


def shoot(page, name: str) -> None:
    """A full-page screenshot to look at, when HOINGHI_SHOTS names a directory."""
    if shots := os.environ.get("HOINGHI_SHOTS"):
        page.screenshot(path=f"{shots}/{name}.png", full_page=True)


def test_the_merged_organization_shows_derived_points_and_the_rescope_mark(open_as, world):
    merged = build_merge(world)
    rescope(world, merged, merged.firms)
    services.do_report_figure(
        world.users["office"], merged.firms, organization=merged.hai_phong, period=Q3_2025, value=330
    )
    url = f"/targets/t/{merged.firms.pk}/?organization={merged.hai_phong.pk}"
    for viewport in (PHONE, DESKTOP):
        leader = open_as("leader", viewport=viewport)
        errors = []
        leader.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
        leader.goto(url)
        leader.wait_for_function(CHART)
        datasets = dict(leader.evaluate(DATASETS))
        derived = [label for label in datasets if "tiền nhiệm" in label]
        assert len(derived) == 1 and datasets[derived[0]] == len(QUARTERS)
        # The rule, in words, is the tooltip's footer of the derived points.
        rule = leader.evaluate(
            "() => Chart.getChart(document.getElementById('chart-series')).data.datasets.find((d) => d.derivedRule)"
            ".derivedRule"
        )
        assert "tổng số liệu của các đơn vị tiền nhiệm" in rule
        [mark] = leader.evaluate(MARKS)
        assert "01/07/2025" in mark["label"] and "202/2025/QH15" in mark["reason"]
        expect(leader.locator(".lineage")).to_contain_text("tổng số liệu của các đơn vị tiền nhiệm")
        expect(leader.locator(".lineage")).to_contain_text("Thiếu số liệu của UBND thành phố Hải Phòng (cũ)")
        expect(leader.locator(".change-row")).to_have_count(0)  # the successor's own table has no earlier figure
        assert leader.evaluate("() => document.documentElement.scrollWidth") <= viewport["width"]
        shoot(leader, f"target-merge-{viewport['width']}")
        assert not errors
        leader.close()


def test_the_office_rescopes_from_a_page_that_offers_what_existed_on_the_day(open_as, world):
    merged = build_merge(world)
    office = with_axe(open_as("office", viewport=DESKTOP))
    office.goto(f"/targets/t/{merged.rank.pk}/rescope/?on=01/07/2025")
    options = office.locator("#id_reporters option")
    expect(options.filter(has_text="UBND thành phố Hải Phòng")).to_have_count(1)
    expect(options.filter(has_text="Hải Dương")).to_have_count(0)  # ended the day before
    found = {}
    audit_both_widths(office, "rescope", found)
    shoot(office, "rescope")
    office.select_option("#id_reporters", label="UBND thành phố Hải Phòng")
    office.fill("#id_reason", REASON)
    office.click("form.card button")
    office.wait_for_url(f"**/targets/t/{merged.rank.pk}/")
    services.do_report_figure(
        world.users["office"], merged.rank, organization=merged.hai_phong, period=Q3_2025, value=12
    )
    office.reload()
    office.wait_for_function(CHART)
    expect(office.locator(".change-row")).to_contain_text("Phạm vi thay đổi từ 01/07/2025")
    audit_both_widths(office, "target", found)
    shoot(office, "rescoped")
    assert not found
