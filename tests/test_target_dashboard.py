"""The target dashboards: standings and progress by the pure rules, the districts' roll-up in SQL against
`rules.rollup`, definition changes kept apart on the chart, the approved-only view, who sees what, and a constant
number of queries whatever the number of targets and figures."""

import datetime
import json
import random
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from hoinghi.directory.models import Organization
from hoinghi.targets import rules, selectors, services
from hoinghi.targets.models import Figure, Milestone, Resolution, SolutionGroup, Target
from tests.clients import client_for

D = datetime.date
ALL = selectors.View()


class Plan:
    """A resolution of the world's province with four targets: a share the department reports (baseline 40 in
    2020), a rank the provincial government reports, and a count and a weighted share three districts report."""

    def __init__(self, world, number="01-NQ/TU", districts=3):
        self.world = world
        self.office = world.users["office"]
        self.districts = [
            Organization.objects.create(
                name=f"Huyện {number} {n}", kind="government", level="district", parent=world.government
            )
            for n in range(districts)
        ]
        self.resolution = Resolution.objects.create(
            number=number,
            title="Nghị quyết chuyên đề về chuyển đổi số",
            body=world.body,
            issued_on=D(2021, 3, 22),
            period_start=2021,
            period_end=2030,
        )
        group = SolutionGroup.objects.create(resolution=self.resolution, order=1, title="Xây dựng chính quyền số")
        self.share = self.target(
            "Tỷ lệ dịch vụ công trực tuyến mức độ 4",
            [world.department],
            {2025: 80, 2030: 90},
            group=group,
            baseline_value=40,
            baseline_year=2020,
        )
        self.rank = self.target(
            "Xếp hạng chuyển đổi số",
            [world.government],
            {2025: 20, 2030: 15},
            kind=rules.RANK,
            direction=rules.AT_MOST,
            frequency=rules.YEARLY,
            unit="hạng",
        )
        self.count = self.target(
            "Số doanh nghiệp công nghệ số",
            self.districts,
            {2025: 700},
            kind=rules.COUNT,
            frequency=rules.YEARLY,
            rollup=rules.SUM,
            unit="doanh nghiệp",
        )
        self.weighted = self.target(
            "Tỷ lệ hồ sơ công việc cấp huyện xử lý trên môi trường mạng",
            self.districts,
            {2025: 80},
            group=group,
            frequency=rules.HALF_YEARLY,
            rollup=rules.WEIGHTED_SHARE,
            scope_level="district",
        )

    def target(self, indicator, reporters, milestones, **fields) -> Target:
        fields = {"unit": "%", "frequency": rules.QUARTERLY, **fields}
        order = self.resolution.targets.count() + 1
        target = Target.objects.create(resolution=self.resolution, order=order, indicator=indicator, **fields)
        target.reporters.set(reporters)
        for year, value in milestones.items():
            Milestone.objects.create(target=target, year=year, value=value)
        return target

    def report(self, target, organization, period, value, weight=None) -> Figure:
        return services.check_report_figure(
            self.office, target, organization=organization, period=period, value=value, weight=weight
        )

    def fill(self, approve_until=None):
        """Figures for 2021-2024; those up to `approve_until` (a year) approved."""
        world = self.world
        for n, period in enumerate(rules.periods(rules.QUARTERLY, 2021, 2024)):
            self.report(self.share, world.department, period, 42 + n)
        for year, rank in zip(range(2021, 2025), (27, 24, 22, 19), strict=True):
            self.report(self.rank, world.government, D(year, 1, 1), rank)
        for n, district in enumerate(self.districts):
            for year in range(2021, 2025):
                self.report(self.count, district, D(year, 1, 1), 100 + 10 * n + 20 * (year - 2021))
            for k, period in enumerate(rules.periods(rules.HALF_YEARLY, 2021, 2024)):
                self.report(self.weighted, district, period, 40 + 5 * k + n, weight=1000 * (n + 1))
        if approve_until:
            for figure in Figure.objects.filter(target__resolution=self.resolution, period__year__lte=approve_until):
                services.check_approve_figure(self.office, figure)


@pytest.fixture
def plan(world):
    return Plan(world)


TODAY = D(2025, 1, 15)  # the figures of 2021-2024 are in; the 2025 milestones are ahead


def chart_of(response) -> dict:
    found = re.search(r'id="target-chart" type="application/json">(.*?)</script>', response.content.decode(), re.S)
    return json.loads(found.group(1))


def status_of(target, view=ALL, today=TODAY) -> selectors.Status:
    target = Target.objects.select_related("resolution").get(pk=target.pk)
    return selectors.statuses([target], view, today)[target.pk]


# Progress and standing


def test_progress_and_standing_are_the_rules_on_the_reported_figures(plan):
    plan.fill()
    share = status_of(plan.share)
    values = [42 + n for n in range(16)]
    assert [p.value for p in share.points] == values
    assert share.milestone.year == 2025 and share.start == 40.0
    assert share.progress == pytest.approx((57 - 40) / (80 - 40)) and share.bar == 42
    points = list(zip(rules.periods(rules.QUARTERLY, 2021, 2024), values, strict=True))
    expected = rules.standing(Decimal(40), 80, D(2025, 10, 1), points, TODAY, rules.AT_LEAST)
    assert share.standing == expected == rules.OFF_TRACK  # a point a quarter will not make 80 by the end of 2025


def test_a_rank_is_judged_lower_is_better_from_its_first_figure_without_a_baseline(plan):
    plan.fill()
    rank = status_of(plan.rank)
    # From 27 (the first figure, no baseline) towards 20: 19 is past the milestone.
    assert rank.start == 27 and rank.progress == pytest.approx((19 - 27) / (20 - 27))
    assert rank.standing == rules.ON_TRACK and rank.bar == 100
    Figure.objects.filter(target=plan.rank, period__year=2024).update(value=26)
    slipping = status_of(plan.rank)
    assert slipping.progress == pytest.approx(1 / 7)
    points = [(D(y, 1, 1), v) for y, v in zip(range(2021, 2025), (27, 24, 22, 26), strict=True)]
    assert slipping.standing == rules.standing(None, 20, D(2025, 1, 1), points, TODAY, rules.AT_MOST)
    # Once 2025 is over, the milestone judged is 2030's.
    assert status_of(plan.rank, today=D(2026, 2, 1)).milestone.year == 2030


def test_the_page_shows_each_standing_its_progress_and_the_rule(plan):
    plan.fill()
    client = client_for(plan.world.users["leader"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the language switch: the page in English
    response = client.get(reverse("targets:resolution", args=[plan.resolution.pk]))
    html = response.content.decode()
    board = response.context["board"]
    assert [group.group.title if group.group else None for group in board.groups] == [None, "Xây dựng chính quyền số"]
    statuses = {status.target.pk: status for status in board.statuses}
    today = timezone.localdate()
    for target in (plan.share, plan.rank, plan.count, plan.weighted):
        assert statuses[target.pk].standing == status_of(target, today=today).standing
        with override("en"):
            assert str(statuses[target.pk].standing_label) in html
    rank = statuses[plan.rank.pk]
    assert f"{round(rank.progress * 100)}%" in html and "rank 19" in html
    assert "Not enough data: figures for fewer than two periods" in html  # the rule, spelled out
    assert sum(board.counts.values()) == 4


# Roll-up of district figures


@pytest.mark.parametrize("seed", range(4))
def test_the_sql_rollup_is_rules_rollup(plan, seed):
    rng = random.Random(seed)
    rows = []
    for target in (plan.count, plan.weighted):
        periods = rules.periods(target.frequency, 2021, 2024)
        for district in plan.districts:
            for period in rng.sample(periods, rng.randint(1, len(periods))):
                weight = None if rng.random() < 0.1 else Decimal(rng.randint(1, 5000))
                value = Decimal(rng.randint(0, 10000)) / 100
                rows.append(Figure(target=target, organization=district, period=period, value=value, weight=weight))
    for figure in rows:
        figure.reported_by, figure.reported_at = plan.office, timezone.now()
    Figure.objects.bulk_create(rows)
    for target in (plan.count, plan.weighted):
        by_period = {}
        for figure in Figure.objects.filter(target=target):
            by_period.setdefault(figure.period, []).append((figure.value, figure.weight))
        expected = {period: rules.rollup(target.rollup, pairs) for period, pairs in by_period.items()}
        points = {point.period: point.value for point in status_of(target).points}
        assert set(points) == {period for period, value in expected.items() if value is not None}
        for period, value in points.items():
            assert value == pytest.approx(expected[period], rel=1e-9)
            assert next(p for p in status_of(target).points if p.period == period).count == len(by_period[period])


def test_the_province_figure_rolls_up_the_districts_with_the_rule_stated(plan):
    plan.fill()
    count = status_of(plan.count)
    assert [p.value for p in count.points] == [330, 390, 450, 510]  # 100+110+120, then 20 more each a year
    assert all(p.count == 3 for p in count.points)
    weighted = status_of(plan.weighted)
    # Weights 1000, 2000, 3000 on 40+k, 41+k, 42+k: (40 + 82 + 126) / 6 = 41.33 + k.
    assert weighted.points[0].value == pytest.approx(248 / 6)
    client = client_for(plan.world.users["leader"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the language switch: the page in English
    response = client.get(reverse("targets:target", args=[plan.count.pk]))
    html = response.content.decode()
    assert "The province figure is the sum of the district figures." in html
    assert "510 doanh nghiệp" in html
    districts = response.context["districts"]
    assert [bar.value for bar in districts["bars"]] == [160, 170, 180]
    assert districts["chart"]["milestone"] is None  # a district's count is not measured against the province's


def test_a_district_that_did_not_report_is_listed_at_the_end(plan):
    plan.fill()
    late = Organization.objects.create(name="Huyện Zeta", kind="government", level="district")
    plan.weighted.reporters.add(late)
    districts = selectors.districts(plan.weighted, ALL, Milestone.objects.get(target=plan.weighted))
    assert districts["bars"][-1] == selectors.DistrictBar("Huyện Zeta")
    assert districts["chart"]["milestone"] == 80.0


def test_with_two_province_reporters_the_latest_reported_figure_counts(plan):
    plan.fill()
    plan.share.reporters.add(plan.world.government)
    plan.report(plan.share, plan.world.government, D(2024, 7, 1), 70)
    assert [p.value for p in status_of(plan.share).points][-3:] == [55, 70, 57]
    Figure.objects.filter(target=plan.share, organization=plan.world.department, period=D(2024, 7, 1)).update(
        reported_at=timezone.now() + datetime.timedelta(hours=1)
    )
    assert [p.value for p in status_of(plan.share).points][-3:] == [55, 56, 57]


# Definition changes


def test_a_definition_change_splits_the_series_and_restarts_the_trend(plan):
    plan.fill()
    services.check_revise_target(
        plan.office,
        plan.share,
        indicator="Tỷ lệ dịch vụ công trực tuyến toàn trình",
        effective_on=D(2023, 1, 1),
        reason="Nghị định 42/2022/NĐ-CP",
    )
    status = status_of(plan.share)
    assert [p.definition for p in status.points] == [0] * 8 + [1] * 8
    assert status.definition == 1 and status.start == 50.0  # the first figure under the new definition
    assert status.progress == pytest.approx((57 - 50) / (80 - 50))
    current = [(p.period, p.value) for p in status.points[8:]]
    assert status.standing == rules.standing(None, 80, D(2025, 10, 1), current, TODAY, rules.AT_LEAST)
    with override("en"):
        chart = selectors.series_chart(status)
    before, after = chart["series"]
    assert before["label"] == "Tỷ lệ dịch vụ công trực tuyến mức độ 4"
    assert after["label"] == "Tỷ lệ dịch vụ công trực tuyến toàn trình"
    # Never joined: no period has a value in both, and the mark sits where the new one begins.
    both = [n for n, (a, b) in enumerate(zip(before["values"], after["values"], strict=True)) if a and b]
    assert not both
    first_after = next(n for n, value in enumerate(after["values"]) if value is not None)
    assert chart["marks"] == [
        {"at": first_after, "label": "New definition from 01/01/2023", "reason": "Nghị định 42/2022/NĐ-CP"}
    ]
    assert chart["labels"][first_after] == chart["labels"][8]


def test_the_target_line_runs_from_the_baseline_through_the_milestones(plan):
    status = status_of(plan.share)
    chart = selectors.series_chart(status)
    line = chart["target"]["values"]
    axis = rules.periods(rules.QUARTERLY, 2021, 2030)
    assert line[axis.index(D(2025, 10, 1))] == 80 and line[axis.index(D(2030, 10, 1))] == 90
    rising = [value for value in line if value is not None]
    assert rising == sorted(rising) and 40 < rising[0] < 45
    assert chart["lower_is_better"] is False and status_of(plan.rank).target.direction == rules.AT_MOST
    assert selectors.series_chart(status_of(plan.rank))["lower_is_better"] is True
    # The axis runs to the last milestone, or to the latest figure when that is later.
    assert len(selectors.series_chart(status_of(plan.weighted))["labels"]) == len(
        rules.periods(rules.HALF_YEARLY, 2021, 2025)
    )


# Approved figures only


def test_approved_only_counts_what_the_office_approved(plan):
    plan.fill(approve_until=2022)
    everything, approved = status_of(plan.share), status_of(plan.share, selectors.View(approved_only=True))
    assert everything.latest.period == D(2024, 10, 1) and not everything.latest.approved
    assert approved.latest.period == D(2022, 10, 1) and approved.latest.approved
    assert [p.value for p in status_of(plan.count, selectors.View(approved_only=True)).points] == [330, 390]
    leader = client_for(plan.world.users["leader"])
    response = leader.get(reverse("targets:target", args=[plan.share.pk]), {"approved": "1"})
    assert response.context["status"].latest.period == D(2022, 10, 1)
    assert all(figure.status == "approved" for figure in response.context["figures"])
    assert 'name="approved" value="1" checked' in response.content.decode()
    board = leader.get(reverse("targets:resolution", args=[plan.resolution.pk]), {"approved": "1"})
    assert f"{reverse('targets:target', args=[plan.share.pk])}?approved=1" in board.content.decode()


def test_a_correction_replaces_the_figure_and_both_are_listed(plan):
    plan.fill()
    original = Figure.objects.get(target=plan.rank, period=D(2024, 1, 1))
    services.check_correct_figure(plan.office, original, value=18, reason="Bộ công bố lại xếp hạng")
    assert status_of(plan.rank).latest.value == 18
    response = client_for(plan.world.users["leader"]).get(reverse("targets:target", args=[plan.rank.pk]))
    listed = [(f.value, f.is_current) for f in response.context["figures"] if f.period == D(2024, 1, 1)]
    assert listed == [(18, True), (19, False)]
    html = response.content.decode()
    assert "Bộ công bố lại xếp hạng" in html
    # The leader reads; the office is sent to the organization's page to approve or correct.
    office = client_for(plan.world.users["office"]).get(reverse("targets:target", args=[plan.rank.pk])).content.decode()
    link = f"{reverse('targets:report_target', args=[plan.rank.pk])}?organization={plan.world.government.pk}"
    assert link in office and link not in html


# A figure saved shows on the next request


def test_a_new_figure_shows_on_the_next_request(plan):
    plan.fill()
    leader = client_for(plan.world.users["leader"])
    url = reverse("targets:target", args=[plan.rank.pk])
    assert leader.get(url).context["status"].latest.value == 19
    plan.report(plan.rank, plan.world.government, D(2025, 1, 1), 16)
    response = leader.get(url)
    assert response.context["status"].latest.value == 16
    assert chart_of(response)["series"]["series"][0]["values"][4] == 16
    board = leader.get(reverse("targets:resolution", args=[plan.resolution.pk]))
    assert board.context["chart"]["sparks"][str(plan.rank.pk)]["values"][-1] == 16


# Who sees what


@pytest.mark.parametrize("username", ["leader", "office", "admin"])
def test_watchers_see_every_target_and_figure(plan, username):
    plan.fill()
    client = client_for(plan.world.users[username])
    listing = client.get(reverse("targets:resolutions"))
    assert [resolution.pk for resolution, _counts in listing.context["rows"]] == [plan.resolution.pk]
    board = client.get(reverse("targets:resolution", args=[plan.resolution.pk]))
    assert len(board.context["board"].statuses) == 4
    page = client.get(reverse("targets:target", args=[plan.weighted.pk]))
    assert {f.organization for f in page.context["figures"]} == set(plan.districts)


def test_a_unit_sees_the_targets_it_reports_with_its_own_figures(plan):
    plan.fill()
    other = Resolution.objects.create(
        number="02-NQ/TU",
        title="Nghị quyết khác",
        body=plan.world.body,
        issued_on=D(2022, 1, 1),
        period_start=2022,
        period_end=2025,
    )
    unit = client_for(plan.world.users["unit"])
    listing = unit.get(reverse("targets:resolutions"))
    assert [resolution.pk for resolution, _counts in listing.context["rows"]] == [plan.resolution.pk]
    board = unit.get(reverse("targets:resolution", args=[plan.resolution.pk])).context["board"]
    assert [status.target for status in board.statuses] == [plan.share]
    page = unit.get(reverse("targets:target", args=[plan.share.pk]))
    assert page.status_code == 200 and page.context["districts"] is None
    assert {f.organization_id for f in page.context["figures"]} == {plan.world.department.pk}
    for url in (reverse("targets:target", args=[plan.rank.pk]), reverse("targets:resolution", args=[other.pk])):
        assert unit.get(url).status_code == 404


def test_a_district_sees_its_own_count_unjudged_and_its_own_share_judged(plan):
    plan.fill()
    district = plan.districts[0]
    own = selectors.View(organization=district.pk)
    count = status_of(plan.count, own)
    assert [p.value for p in count.points] == [100, 120, 140, 160]
    assert count.standing == selectors.NOT_JUDGED and count.progress is None  # a part of the province's sum
    share = status_of(plan.weighted, own)
    assert [p.value for p in share.points][:2] == [40, 45] and share.standing != selectors.NOT_JUDGED


@pytest.mark.parametrize("username", ["chair", "member", "invitee", "outsider"])
def test_other_accounts_are_refused(plan, username):
    client = client_for(plan.world.users[username])
    urls = [
        reverse("targets:resolutions"),
        reverse("targets:resolution", args=[plan.resolution.pk]),
        reverse("targets:target", args=[plan.share.pk]),
    ]
    assert [client.get(url).status_code for url in urls] == [403, 403, 403]


def test_anonymous_visitors_are_sent_to_log_in(plan):
    response = Client().get(reverse("targets:resolution", args=[plan.resolution.pk]))
    assert response.status_code == 302 and reverse("login") in response["Location"]


# Pages


def test_the_charts_come_from_json_and_no_script_is_inline(plan):
    plan.fill()
    leader = client_for(plan.world.users["leader"])
    for url in (
        reverse("targets:resolution", args=[plan.resolution.pk]),
        reverse("targets:target", args=[plan.weighted.pk]),
    ):
        html = leader.get(url).content.decode()
        scripts = re.findall(r"<script([^>]*)>", html)
        assert scripts and all(
            "src=" in attributes or 'type="application/json"' in attributes for attributes in scripts
        )
        assert "targets.js" in html and "chart.umd.min.js" in html and "targets.css" in html
        assert "js-print" in html and "<style" not in html
    chart = chart_of(leader.get(reverse("targets:target", args=[plan.weighted.pk])))
    assert chart["districts"]["milestone"] == 80.0 and len(chart["districts"]["names"]) == 3


def test_the_nav_links_the_targets_for_the_office_and_leaders_only(plan):
    link = f'href="{reverse("targets:resolutions")}"'
    for username, shown in (("leader", True), ("office", True), ("member", False)):
        html = client_for(plan.world.users[username]).get(reverse("meetings:list")).content.decode()
        assert (link in html) is shown


def count_queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params or {}).status_code == 200
    return len(captured)


def grow(plan, rng: random.Random) -> None:
    """Many more of everything: resolutions, districts, targets, figures, corrections and definition changes."""
    world = plan.world
    for n in range(3):
        more = Plan(world, number=f"1{n}-NQ/TU", districts=4)
        more.fill(approve_until=2022)
    extra = Organization.objects.create(name="Huyện Mới", kind="government", level="district")
    for target in (plan.count, plan.weighted):
        target.reporters.add(extra)
    rows = []
    for target in (plan.count, plan.weighted):
        for period in rules.periods(target.frequency, 2021, 2024):
            rows.append(
                Figure(
                    target=target,
                    organization=extra,
                    period=period,
                    value=rng.randint(1, 90),
                    weight=rng.randint(1, 9),
                    reported_by=plan.office,
                    reported_at=timezone.now(),
                )
            )
    Figure.objects.bulk_create(rows)
    for target in (plan.share, plan.rank):
        services.check_revise_target(
            plan.office,
            target,
            indicator=f"{target.indicator} (mới)",
            effective_on=D(2023, 1, 1),
            reason="Đổi cách tính",
        )
    services.check_correct_figure(
        plan.office, Figure.objects.get(target=plan.rank, period=D(2022, 1, 1)), value=23, reason="Sửa"
    )
    Milestone.objects.create(target=plan.count, year=2030, value=900)


def test_pages_cost_the_same_queries_at_two_sizes(plan):
    plan.fill(approve_until=2021)
    world = plan.world
    leader, unit = client_for(world.users["leader"]), client_for(world.users["unit"])
    pages = [
        reverse("targets:resolutions"),
        reverse("targets:resolution", args=[plan.resolution.pk]),
        reverse("targets:target", args=[plan.share.pk]),
        reverse("targets:target", args=[plan.weighted.pk]),
        reverse("targets:target", args=[plan.rank.pk]),
    ]
    urls = [(leader, url, params) for url in pages for params in ({}, {"approved": "1"})]
    urls += [(unit, url, {}) for url in pages[:3]]
    small = [count_queries(*url) for url in urls]
    grow(plan, random.Random(5))
    assert [count_queries(*url) for url in urls] == small
