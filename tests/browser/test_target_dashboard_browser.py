"""In the browser, on a phone: a leader finds the resolution from the menu, sees every target's standing with its
sparkline, opens a target whose definition changed and finds two lines, the target line and the mark; the
"approved figures only" switch leaves out what the office has not approved. No script error, nothing wider than
the screen."""

import datetime

from playwright.sync_api import expect

from hoinghi.targets import services
from tests.test_target_dashboard import Plan

PHONE = {"width": 390, "height": 844}
WIDEST = "() => document.documentElement.scrollWidth"
SPARKLINES = (
    "() => window.Chart && [...document.querySelectorAll('canvas[data-spark]')].filter((c) => Chart.getChart(c))"
    ".length === 4"
)
DATASETS = "(id) => Chart.getChart(document.getElementById(id)).data.datasets.map((d) => d.data.filter((v) => v !== null).length)"


def test_a_leader_reads_the_resolution_and_a_target_on_a_phone(open_as, world):
    plan = Plan(world)
    plan.fill(approve_until=2023)
    services.check_revise_target(
        plan.office,
        plan.share,
        indicator="Tỷ lệ dịch vụ công trực tuyến toàn trình",
        effective_on=datetime.date(2023, 1, 1),
        reason="Nghị định 42/2022/NĐ-CP",
    )
    leader = open_as("leader", viewport=PHONE)
    errors = []
    leader.on("pageerror", lambda error: errors.append(str(error)))
    leader.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)

    leader.goto("/")
    leader.click(".navbar-toggler")
    leader.click("nav a[href='/targets/']")
    leader.click(f"a[href='/targets/{plan.resolution.pk}/']")
    expect(leader.locator(".target-row")).to_have_count(4)
    expect(leader.locator(".target-row .standing")).to_have_count(4)
    # A sparkline for each target with figures, drawn by Chart.js once the deferred scripts ran.
    leader.wait_for_function(SPARKLINES)
    assert leader.evaluate(WIDEST) <= PHONE["width"]

    leader.click(f"a[href='/targets/t/{plan.share.pk}/']")
    leader.wait_for_function("() => window.Chart && Chart.getChart(document.getElementById('chart-series'))")
    # Eight quarters under each definition, never joined, and the target line.
    counts = leader.evaluate(DATASETS, "chart-series")
    assert counts[:2] == [8, 8] and counts[2] > 0
    plugins = leader.evaluate(
        "() => Chart.getChart(document.getElementById('chart-series')).config.plugins.map((p) => p.id)"
    )
    assert plugins == ["revisionMarks"]
    assert leader.evaluate(WIDEST) <= PHONE["width"]

    leader.check("#approved-only")
    leader.wait_for_url("**approved=1**")
    leader.wait_for_function("() => window.Chart && Chart.getChart(document.getElementById('chart-series'))")
    assert leader.evaluate(DATASETS, "chart-series")[:2] == [8, 4]  # 2024 is not approved
    assert not errors
