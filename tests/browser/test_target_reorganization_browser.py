"""In the browser: a leader opens a target re-scoped at the 2025 merge and looks at the merged Hải Phòng's figures:
the chart draws the re-scope's mark with its reason and the quarters before the merge as points derived from the
predecessors', with the rule in the tooltip and on the page; on a phone nothing is wider than the screen."""

import os

from playwright.sync_api import expect

from hoinghi.targets import services
from tests.reorganized_targets import Q3_2025, QUARTERS, build_merge, rescope

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 1000}
CHART = "() => window.Chart && Chart.getChart(document.getElementById('chart-series'))"
DATASETS = "() => Chart.getChart(document.getElementById('chart-series')).data.datasets.map((d) => [d.label, d.data.filter((v) => v !== null).length])"
MARKS = "() => JSON.parse(document.getElementById('target-chart').textContent).series.marks"


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
        [mark] = leader.evaluate(MARKS)
        assert "01/07/2025" in mark["label"] and "202/2025/QH15" in mark["reason"]
        expect(leader.locator(".lineage")).to_contain_text("tổng số liệu của các đơn vị tiền nhiệm")
        expect(leader.locator(".lineage")).to_contain_text("Thiếu số liệu của UBND thành phố Hải Phòng (cũ)")
        expect(leader.locator(".change-row")).to_have_count(0)  # the successor's own table has no earlier figure
        assert leader.evaluate("() => document.documentElement.scrollWidth") <= viewport["width"]
        if shots := os.environ.get("HOINGHI_SHOTS"):
            leader.screenshot(path=f"{shots}/target-merge-{viewport['width']}.png", full_page=True)
        assert not errors
        leader.close()
