"""A leader on the follow-up dashboard after a merge, on a phone and on a desktop: dated the day before the merge,
the predecessors hold their directives (marked ended); dated today, the successor holds them, the inherited share
marked on its row and in the chart, and its page shows the inherited work apart. Screenshots go to
$HOINGHI_SHOTS (or the test's folder) to be looked at."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.axe import AXE, audit
from tests.browser.test_phone_dashboards import DESKTOP, FITS, OVERFLOWING, PHONE
from tests.dashboard_reorganization import merged, the_day_before

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("HOINGHI_SHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def organization_rows(page) -> list[str]:
    table = page.locator("h2:has-text('Theo cơ quan chủ trì') + div table tbody th")
    return [" ".join(text.split()) for text in table.all_inner_texts()]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_leader_reads_the_dashboard_before_and_after_the_merge(open_as, world, shots, viewport):
    merge = merged(world)
    leader = open_as("leader", viewport=viewport)
    leader.context.add_init_script(path=str(AXE))
    errors = []
    leader.on("pageerror", lambda error: errors.append(str(error)))
    day = f"{the_day_before():%d/%m/%Y}"
    leader.goto(f"/directives/dashboard/?as_of={day}")
    rows = organization_rows(leader)
    assert any(row.startswith(world.department.name) and f"kết thúc {day}" in row for row in rows), rows
    assert not any(merge["successor"].name in row for row in rows)
    assert leader.evaluate(FITS) and leader.evaluate(OVERFLOWING) == []
    leader.screenshot(path=str(shots / f"before-{viewport['width']}.png"), full_page=True)

    # Today: the leader clears the day in the filters form.
    if viewport is PHONE:
        expect(leader.locator("#filter-as-of")).to_be_visible()  # open: a filter is set
    leader.fill("#filter-as-of", "")
    leader.click("#filters button:has-text('Lọc')")
    leader.wait_for_function("() => window.Chart && Chart.getChart(document.getElementById('chart-organizations'))")
    rows = organization_rows(leader)
    assert rows == [f"{merge['successor'].name} 3 kế thừa"], rows
    labels = leader.evaluate(
        "() => Chart.getChart(document.getElementById('chart-organizations')).data.datasets.map((d) => d.label)"
    )
    assert "Kế thừa" in labels
    assert leader.evaluate(FITS) and leader.evaluate(OVERFLOWING) == []
    leader.screenshot(path=str(shots / f"after-{viewport['width']}.png"), full_page=True)

    # The successor's page: its own work and, apart, what each predecessor passed to it.
    leader.click(f"a:has-text('{merge['successor'].name}')")
    inherited = leader.locator("section[aria-labelledby='inherited-title'] tbody th")
    expect(inherited.first).to_be_visible()
    texts = [" ".join(text.split()) for text in inherited.all_inner_texts()]
    assert any(world.department.name in text and "chuyển giao ngày" in text for text in texts), texts
    assert leader.evaluate(FITS) and leader.evaluate(OVERFLOWING) == []
    leader.screenshot(path=str(shots / f"successor-{viewport['width']}.png"), full_page=True)
    assert audit(leader) == []  # the marks and the inherited table pass axe's WCAG 2.1 AA rules

    # The inherited directives listed, each saying whence and since when.
    leader.click("a:has-text('Danh sách nhiệm vụ kế thừa')")
    expect(leader.locator("#inbox-inherited")).to_be_checked()
    expect(leader.locator(f".badge:has-text('Kế thừa từ {merge['transport'].name}')")).to_be_visible()
    assert leader.locator("#inbox-rows .list-group-item").count() == 2
    assert leader.evaluate(FITS) and leader.evaluate(OVERFLOWING) == []
    leader.screenshot(path=str(shots / f"inherited-list-{viewport['width']}.png"), full_page=True)
    assert audit(leader) == []
    assert not errors
