"""The follow-up dashboard: SQL figures against the pure rules row by row, filters, who sees what, and a
constant number of queries whatever the number of directives."""

import datetime
import json
import random
import re
from collections import Counter, defaultdict

import pytest
from django.db import connection
from django.http import QueryDict
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hoinghi.directives import rules, selectors, services, views_dashboard
from hoinghi.directives.forms import FilterForm
from hoinghi.directives.models import Directive, FollowUpSettings, ProgressReport
from hoinghi.directory.models import Body, Organization, Term
from hoinghi.meetings.models import Conclusion
from tests.clients import client_for

STATUSES = [choice.value for choice in Directive.Status]
PAGES = ["directives:dashboard", "directives:overdue", "directives:print"]
EXPORTS = ["overdue", "inbox", "dashboard"]


def local(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


class Province:
    """The world's province with a second body, a fourth organization, and meetings to hang directives on."""

    def __init__(self, world):
        self.world = world
        finance = Organization.objects.create(name="Sở Tài chính", kind="government")
        self.organizations = [world.committee, world.government, world.department, finance]
        party_group = Body.objects.create(organization=world.government, name="Ban cán sự đảng UBND tỉnh", kind="other")
        self.bodies = [world.body, party_group]
        self.terms = {
            world.body.pk: world.term,
            party_group.pk: Term.objects.create(body=party_group, ordinal="I", start=datetime.date(2021, 1, 1)),
        }
        self.conclusions = []
        today = timezone.localdate()
        # Meetings on both sides of a day's edge, so that the period filter's bounds are tested.
        for n, (body, day, hour) in enumerate(
            [
                (world.body, today - datetime.timedelta(days=400), 0),
                (world.body, today - datetime.timedelta(days=60), 23),
                (party_group, today - datetime.timedelta(days=59), 0),
                (party_group, today - datetime.timedelta(days=5), 9),
            ]
        ):
            meeting = world.meeting(
                body=body,
                term=self.terms[body.pk],
                starts_at=local(day, hour, 30 if hour == 23 else 5),
                title=f"Hội nghị số {n + 1}",
            )
            item = world.item(meeting)
            self.conclusions.append(
                Conclusion.objects.create(item=item, outcome="approved", text="Đồng ý, giao các cơ quan thực hiện.")
            )

    def random_directives(self, rng: random.Random, count: int, now: datetime.datetime) -> list[Directive]:
        today = timezone.localdate(now)

        def near(days=40):
            return today + datetime.timedelta(days=rng.randint(-days, days))

        directives = []
        for n in range(count):
            status = rng.choice(STATUSES)
            deadline = rng.choice([None, today, today - datetime.timedelta(days=1), near()])
            closed_at = deadline_at_close = done_on = None
            if status in rules.CLOSED_STATUSES:
                deadline_at_close = rng.choice([None, deadline, near()])
                if rng.random() < 0.9:
                    # Done around the deadline; confirmed by the office that day or weeks later.
                    day = deadline_at_close or near()
                    done_on = day + datetime.timedelta(days=rng.choice([-1, 0, 1]))
                    closed_at = local(done_on + datetime.timedelta(days=rng.choice([0, 0, 3, 40])), 9, 0)
                    done_on = done_on if status == rules.DONE else None
            period = FollowUpSettings.current().update_period_days
            last_report_at = rng.choice(
                [
                    None,
                    now - datetime.timedelta(days=rng.uniform(0, 2 * period)),
                    now - datetime.timedelta(days=period),
                ]
            )
            conclusion = rng.choice(self.conclusions)
            directives.append(
                Directive(
                    conclusion=conclusion,
                    body_id=conclusion.item.meeting.body_id,
                    lead_organization=rng.choice(self.organizations),
                    content=f"Chỉ đạo số {n}: rà soát, báo cáo Ban Thường vụ Tỉnh ủy.",
                    status=status,
                    deadline=deadline,
                    priority=rng.random() < 0.3,
                    closed_at=closed_at,
                    done_on=done_on,
                    deadline_at_close=deadline_at_close,
                    last_report_at=last_report_at,
                )
            )
        created = Directive.objects.bulk_create(directives)
        links = Directive.coordinating_organizations.through
        links.objects.bulk_create(
            links(directive_id=d.pk, organization_id=rng.choice(self.organizations).pk)
            for d in created
            if rng.random() < 0.5
        )
        return created


@pytest.fixture
def province(world):
    return Province(world)


def oracle(directives, key, now, period_days):
    """The figures computed row by row with the pure rules."""
    today = timezone.localdate(now)
    since = now - datetime.timedelta(days=period_days)
    tallies = defaultdict(Counter)
    units = defaultdict(set)
    for d in directives:
        tally = tallies[key(d)]
        tally["assigned"] += 1
        where = rules.split(d.status, d.deadline, d.done_on, d.deadline_at_close, today)
        tally[where or "cancelled"] += 1
        if where == rules.OPEN_OVERDUE:
            units[key(d)].add(d.lead_organization_id)
        if d.status in rules.OPEN_STATUSES and d.last_report_at and d.last_report_at >= since:
            tally["reported_recently"] += 1
    return {group: (dict(tally), len(units[group])) for group, tally in tallies.items()}


def figures(rows):
    """The SQL figures in the oracle's shape: the non-zero counts and the units holding overdue work."""
    result = {}
    for row in rows:
        tally = {name: value for name, value in vars(row.counts).items() if value}
        if row.reported_recently:
            tally["reported_recently"] = row.reported_recently
        result[row.pk] = (tally, row.units_overdue)
    return result


def body_of(d):
    return d.conclusion.item.meeting.body_id


@pytest.mark.parametrize("seed", range(5))
def test_figures_match_the_pure_rules_row_by_row(province, seed):
    rng = random.Random(seed)
    now = timezone.now()
    province.random_directives(rng, 120, now)
    directives = list(Directive.objects.select_related("conclusion__item__meeting"))
    period = FollowUpSettings.current().update_period_days
    board = selectors.dashboard(selectors.Filters(), now=now)

    by_organization = oracle(directives, lambda d: d.lead_organization_id, now, period)
    assert figures(board.by_organization) == {pk: (tally, 0) for pk, (tally, _units) in by_organization.items()}
    assert figures(board.by_body) == oracle(directives, body_of, now, period)

    whole = oracle(directives, lambda d: None, now, period)[None]
    assert figures([board.total]) == {None: whole}
    assert board.total.units_overdue == len(
        {d.lead_organization_id for d in directives if rules.is_overdue(d.status, d.deadline, board.today)}
    )
    for row in board.by_organization:
        assert row.update_rate == rules.update_rate(row.counts.open, row.reported_recently)


def test_the_most_overdue_units_come_first(province):
    province.random_directives(random.Random(7), 80, timezone.now())
    rows = selectors.dashboard(selectors.Filters()).by_organization
    overdue = [row.counts.open_overdue for row in rows]
    assert overdue == sorted(overdue, reverse=True)


@pytest.mark.parametrize(
    ("zone", "deadline"),
    [
        ("Asia/Ho_Chi_Minh", datetime.date(2025, 3, 10)),
        # A zone with daylight saving, in summer: its offset is not the one of January (SQLite takes the slow path).
        ("Europe/Paris", datetime.date(2025, 7, 10)),
    ],
)
def test_a_directive_reported_done_just_after_midnight_is_late_by_the_local_date(province, zone, deadline):
    with timezone.override(zone):
        # 00:30 on the day after the deadline is still the deadline's day in UTC: done late, by a day.
        late = local(deadline + datetime.timedelta(days=1), 0, 30)
        on_time = local(deadline, 23, 59)
        check_late_and_on_time(province, deadline, late, on_time)


def check_late_and_on_time(province, deadline, late, on_time):
    """Two directives reported done by the unit at `late` and `on_time`, both confirmed by the office much later:
    judged on the unit's report, in the local date."""
    for reported_at in (late, on_time):
        directive = Directive.objects.create(
            conclusion=province.conclusions[0],
            body_id=province.conclusions[0].item.meeting.body_id,
            lead_organization=province.world.department,
            content="Báo cáo.",
            status=rules.REPORTED_DONE,
            deadline=deadline,
        )
        ProgressReport.objects.create(
            directive=directive,
            organization=province.world.department,
            author=province.world.users["unit"],
            text="Đã hoàn thành.",
            percent=100,
            reports_done=True,
            created_at=reported_at,
        )
        services.do_confirm_done(province.world.users["office"], directive)
    total = selectors.dashboard(selectors.Filters()).total.counts
    assert (total.done_on_time, total.done_late) == (1, 1)
    late_row = next(
        row for row in selectors.rows(Directive.objects.all(), timezone.localdate()) if row["split"] == rules.DONE_LATE
    )
    assert late_row["days_late"] == 1


def matching(filters: selectors.Filters, directives):
    def keep(d):
        meeting = d.conclusion.item.meeting
        day = timezone.localdate(meeting.starts_at)
        return (
            (filters.body is None or meeting.body_id == filters.body)
            and (filters.meeting is None or meeting.pk == filters.meeting)
            and (filters.organization is None or d.lead_organization_id == filters.organization)
            and (filters.period_from is None or day >= filters.period_from)
            and (filters.period_to is None or day <= filters.period_to)
            and (not filters.priority or d.priority)
            and (filters.status is None or d.status == filters.status)
        )

    return {d.pk for d in directives if keep(d)}


def test_each_filter_selects_what_it_says(province):
    province.random_directives(random.Random(3), 150, timezone.now())
    directives = list(Directive.objects.select_related("conclusion__item__meeting"))
    meetings = sorted({d.conclusion.item.meeting for d in directives}, key=lambda m: m.starts_at)
    # The second meeting starts at 23:30 local time, the third at 00:05 the next day: a one-day period
    # holds one of them, whatever the UTC dates.
    second_day = timezone.localdate(meetings[1].starts_at)
    cases = [
        selectors.Filters(body=province.bodies[1].pk),
        selectors.Filters(meeting=meetings[2].pk),
        selectors.Filters(organization=province.world.department.pk),
        selectors.Filters(period_from=second_day, period_to=second_day),
        selectors.Filters(period_from=second_day + datetime.timedelta(days=1)),
        selectors.Filters(period_to=second_day),
        selectors.Filters(priority=True),
        selectors.Filters(status=rules.RETURNED),
        selectors.Filters(body=province.bodies[0].pk, organization=province.world.government.pk, priority=True),
    ]
    for filters in cases:
        expected = matching(filters, directives)
        assert expected, filters
        assert set(selectors.filtered(filters).values_list("pk", flat=True)) == expected, filters
        assert selectors.dashboard(filters).total.counts.assigned == len(expected), filters
    assert selectors.dashboard(cases[3]).total.counts.assigned < len(directives)


def test_filters_read_from_a_query_string_drop_what_does_not_parse():
    parsed = FilterForm(
        {
            "body": "3",
            "meeting": "x",
            "organization": "-1",
            "period_from": "2025-02-30",
            "period_to": "2025-03-01",
            "priority": "1",
            "status": "nonsense",
        }
    ).filters()
    assert parsed == selectors.Filters(body=3, period_to=datetime.date(2025, 3, 1), priority=True)
    assert FilterForm(QueryDict(parsed.query_string())).filters() == parsed
    assert FilterForm(QueryDict("")).filters() == selectors.Filters()


def test_a_day_at_the_calendars_far_end_is_refused_in_words_not_a_server_error(province, english):
    form = FilterForm({"period_from": "0001-01-01", "period_to": "9999-12-31"})
    assert form.filters() == selectors.Filters()
    assert form.errors["period_to"] == ["Enter a day between 01/01/1900 and 31/12/2199."]
    office = client_for(province.world.users["office"])
    for name in PAGES:
        assert office.get(reverse(name), {"period_to": "9999-12-31", "period_from": "0001-01-01"}).status_code == 200


def test_the_overdue_list_is_open_past_deadline_work_most_late_first(province):
    province.random_directives(random.Random(11), 150, timezone.now())
    today = timezone.localdate()
    listed = selectors.rows(selectors.overdue(selectors.Filters(), today), today)
    expected = {d.pk for d in Directive.objects.all() if rules.is_overdue(d.status, d.deadline, today)}
    assert {row["pk"] for row in listed} == expected
    late = [row["days_late"] for row in listed]
    assert late == sorted(late, reverse=True) and min(late) >= 1
    assert all(row["days_late"] == (today - row["deadline"]).days for row in listed)


def test_an_inbox_holds_what_the_organization_leads_or_coordinates(province):
    directives = province.random_directives(random.Random(5), 60, timezone.now())
    department = province.world.department.pk
    coordinated = set(
        Directive.coordinating_organizations.through.objects.filter(organization_id=department).values_list(
            "directive_id", flat=True
        )
    )
    expected = {d.pk for d in directives if d.lead_organization_id == department} | coordinated
    assert coordinated - {d.pk for d in directives if d.lead_organization_id == department}
    assert set(selectors.inbox(department, selectors.Filters()).values_list("pk", flat=True)) == expected
    assert (
        set(
            selectors.inbox(department, selectors.Filters(organization=province.world.committee.pk)).values_list(
                "pk", flat=True
            )
        )
        == expected
    )


@pytest.mark.parametrize("username", ["office", "admin", "leader"])
def test_the_office_admins_and_leaders_see_every_organization(province, username):
    province.random_directives(random.Random(1), 60, timezone.now())
    client = client_for(province.world.users[username])
    response = client.get(reverse("directives:dashboard"))
    assert response.status_code == 200
    shown = {row.pk for row in response.context["figures"].by_organization}
    assert shown == set(Directive.objects.values_list("lead_organization_id", flat=True))
    for name in PAGES:
        assert client.get(reverse(name)).status_code == 200
    for listed in EXPORTS:
        assert client.get(reverse("directives:export"), {"list": listed}).status_code == 200


def test_unit_staff_see_their_own_organization_only(province):
    province.random_directives(random.Random(2), 80, timezone.now())
    client = client_for(province.world.users["unit"])
    department = province.world.department.pk
    # Asking for another organization's figures gives one's own.
    response = client.get(reverse("directives:dashboard"), {"organization": province.world.government.pk})
    assert [row.pk for row in response.context["figures"].by_organization] == [department]
    assert (
        response.context["figures"].total.counts.assigned
        == Directive.objects.filter(lead_organization_id=department).count()
    )
    assert b'name="organization"' not in response.content
    overdue = client.get(reverse("directives:overdue"), {"organization": province.world.government.pk})
    assert overdue.context["rows"] and {row["lead_name"] for row in overdue.context["rows"]} == {
        province.world.department.name
    }
    printed = client.get(reverse("directives:print"))
    assert [row.pk for row in printed.context["figures"].by_organization] == [department]


@pytest.mark.parametrize("username", ["chair", "member", "invitee", "outsider"])
def test_other_accounts_are_refused(province, username):
    client = client_for(province.world.users[username])
    for name in PAGES:
        assert client.get(reverse(name)).status_code == 403
    assert client.get(reverse("directives:export"), {"list": "overdue"}).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(province):
    response = Client().get(reverse("directives:dashboard"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_the_dashboard_draws_from_json_and_runs_no_inline_script(province):
    province.random_directives(random.Random(4), 60, timezone.now())
    response = client_for(province.world.users["leader"]).get(reverse("directives:dashboard"))
    html = response.content.decode()
    chart = json.loads(
        re.search(r'<script id="chart-data" type="application/json">(.*?)</script>', html, re.S).group(1)
    )
    total = response.context["figures"].total
    assert chart["overall"] == [getattr(total.counts, name) for name in rules.SPLIT]
    assert sum(map(sum, chart["bodies"]["values"].values())) == total.counts.assigned - total.counts.cancelled
    assert all(rate is not None and 0 <= rate <= 100 for rate in chart["updates"]["rates"])
    # The units that report least come first, with the longest bar: what is missing, not what is there.
    assert chart["updates"]["rates"] == sorted(chart["updates"]["rates"], reverse=True)
    scripts = re.findall(r"<script([^>]*)>", html)
    assert scripts and all("src=" in attributes or 'type="application/json"' in attributes for attributes in scripts)
    assert "charts.js" in html and "chart.umd.min.js" in html


def test_the_printable_report_has_no_navigation_and_lists_the_most_late(province):
    province.random_directives(random.Random(6), 100, timezone.now())
    response = client_for(province.world.users["office"]).get(reverse("directives:print"))
    html = response.content.decode()
    assert "<nav" not in html and "@page" not in html  # the print rules live in the stylesheet
    assert "dashboard.css" in html
    rows = response.context["rows"]
    assert len(rows) == response.context["overdue_total"] > 0
    assert [row["days_late"] for row in rows] == sorted((row["days_late"] for row in rows), reverse=True)


def count_queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params or {}).status_code == 200
    return len(captured)


def test_pages_cost_the_same_queries_at_two_sizes(province):
    office, unit = client_for(province.world.users["office"]), client_for(province.world.users["unit"])
    filtered = {"body": province.bodies[0].pk, "period_from": "2020-01-01", "priority": "1"}
    urls = [(client, reverse(name), params) for client in (office, unit) for name in PAGES for params in ({}, filtered)]
    urls += [(office, reverse("directives:export"), {"list": listed}) for listed in EXPORTS]
    urls += [(office, reverse("directives:export"), {"list": "inbox", "organization": province.world.department.pk})]
    urls += [(unit, reverse("directives:export"), {"list": listed}) for listed in EXPORTS]
    province.random_directives(random.Random(8), 30, timezone.now())
    small = [count_queries(*url) for url in urls]
    province.random_directives(random.Random(9), 300, timezone.now())
    extra = province.world.meeting(title="Hội nghị thêm")
    Conclusion.objects.create(item=province.world.item(extra), outcome="noted", text="Ghi nhận.")
    assert [count_queries(*url) for url in urls] == small


def test_a_page_shows_the_most_overdue_organizations_and_says_how_many_more(province, monkeypatch):
    monkeypatch.setattr(views_dashboard, "TABLE_ROWS", 2)
    province.random_directives(random.Random(12), 80, timezone.now())
    leader = client_for(province.world.users["leader"])
    for name in ("directives:dashboard", "directives:print"):
        response = leader.get(reverse(name))
        shown = response.context["organizations"]
        everyone = response.context["figures"].by_organization
        assert shown["rows"] == everyone[:2] and shown["more"] == len(everyone) - 2 > 0
        assert f"{reverse('directives:export')}?list=dashboard" in response.content.decode()


def test_the_printout_names_its_filters(province):
    body = province.bodies[1]
    response = client_for(province.world.users["office"]).get(
        reverse("directives:print"), {"body": body.pk, "period_from": "2024-02-29"}
    )
    html = response.content.decode()
    assert body.name in html and "29/02/2024" in html
