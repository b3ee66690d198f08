"""In the browser: a unit's staff member downloads the figures template on a phone, fills it, uploads it and sees
the one wrong row refused (nothing saved); fixes it and uploads again; the leader's target page then draws the
new points on its chart.

Selectors are the pages' ids, not their wording (its Vietnamese is filled in later).
"""

import json
from decimal import Decimal

from playwright.sync_api import expect

from hoinghi.core.spreadsheet import XLSX
from hoinghi.targets import rules
from hoinghi.targets.models import Figure
from tests.figure_sheets import filled
from tests.target_helpers import Q1, Q2, Q3, build_plan, figure

PHONE = {"width": 390, "height": 844}


def test_a_unit_imports_its_figures_and_the_leader_sees_them_on_the_chart(open_as, world, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    plan = build_plan(world)
    target = plan.services  # a quarterly percentage the department reports
    figure(world, target, Q1, 55)

    unit = open_as("unit", viewport=PHONE)
    unit.goto("/targets/import/")
    with unit.expect_download() as download:
        unit.click("#template-link")
    template = open(download.value.path(), "rb").read()

    # 150% in the second quarter: a percentage over 100.
    content, rows = filled(template, {(target.pk, Q2): (150, None), (target.pk, Q3): (71.5, None)})
    unit.set_input_files("#id_file", {"name": "so-lieu-quy-2-3.xlsx", "mimeType": XLSX, "buffer": content})
    unit.click("#import-form button[type=submit]")
    expect(unit.locator("#import-refused")).to_be_visible()
    expect(unit.locator("#import-errors > li")).to_have_count(1)
    expect(unit.locator(f"#row-{rows[target.pk, Q2]}")).to_be_visible()
    assert Figure.objects.count() == 1

    # Put right, the same file goes in whole.
    content, _rows = filled(template, {(target.pk, Q2): (65, None), (target.pk, Q3): (71.5, None)})
    unit.set_input_files("#id_file", {"name": "so-lieu-quy-2-3.xlsx", "mimeType": XLSX, "buffer": content})
    unit.click("#import-form button[type=submit]")
    expect(unit.locator("#import-done")).to_be_visible()
    expect(unit.locator("#import-added li")).to_have_count(1)
    assert sorted(Figure.objects.values_list("period", "value")) == [
        (Q1, Decimal(55)),
        (Q2, Decimal(65)),
        (Q3, Decimal("71.5")),
    ]

    # The leader's target page: the points in the page's chart data, and in the chart drawn.
    leader = open_as("leader")
    leader.goto(f"/targets/t/{target.pk}/")
    axis = rules.periods(target.frequency, plan.resolution.period_start, plan.resolution.period_end)
    data = json.loads(leader.locator("#target-chart").text_content())
    values = data["series"]["series"][-1]["values"]
    assert [values[axis.index(q)] for q in (Q1, Q2, Q3)] == [55, 65, 71.5]
    drawn = leader.evaluate("() => Chart.getChart(document.getElementById('chart-series')).data.datasets[0].data")
    assert [drawn[axis.index(q)] for q in (Q1, Q2, Q3)] == [55, 65, 71.5]
