"""The follow-up pages over ten years of directives, at full size and at a tenth of it.

Builds in a fresh database (SQLite in a temporary directory; with DATABASE_URL, a scratch PostgreSQL
database dropped at the end) a tenth of the data — at scale 1.0: 2,000 meetings, 20,000 items, 60,000
directives, 300,000 progress reports, 500 organizations over ten years — measures the pages, adds the
other nine tenths and measures again. Server time in-process through Django's test client: p50/p95 over
N requests per page and the SQL queries per page, beside a trivial page (the login form) measured in the
same run; then the Excel export of 10,000 directives.

    .venv/bin/python bench/followup.py [--scale 1.0] [--requests 40] [--json]
"""

import argparse
import datetime
import json
import os
import random
import statistics
import time

from common import bench_site, measure, prepare_site, print_pages, signed_in

YEARS = 10
BODIES = 8
ITEMS_PER_MEETING = 10
DIRECTIVES_PER_ITEM = 3
REPORTS_PER_DIRECTIVE = 5
BATCH = 5000


class Province:
    """Synthetic data, built in steps: each `grow` adds meetings spread over the same ten years."""

    def __init__(self, rng: random.Random):
        from django.utils import timezone

        from hoinghi.directory.models import Body, Organization, Term, User

        self.rng = rng
        self.now = timezone.now()
        self.today = timezone.localdate(self.now)
        self.first_day = self.today - datetime.timedelta(days=365 * YEARS)
        committee = Organization.objects.create(name="Tỉnh ủy Thử nghiệm", kind="party", document_code="TU")
        self.bodies, self.terms = [], []
        for n in range(BODIES):
            body = Body.objects.create(organization=committee, name=f"Cơ quan họp số {n + 1}", kind="other")
            self.bodies.append(body)
            self.terms.append(Term.objects.create(body=body, ordinal="I", start=self.first_day))
        self.organizations, self.authors = [], {}
        self.office = User.objects.create(username="vanphong", role="office")
        self.leader = User.objects.create(username="lanhdao", role="leader")

    def add_organizations(self, count: int) -> None:
        from hoinghi.directory.models import Organization, User

        start = len(self.organizations)
        made = Organization.objects.bulk_create(
            Organization(name=f"Sở, ban, ngành số {start + n + 1}", kind="government") for n in range(count)
        )
        users = User.objects.bulk_create(
            User(username=f"donvi{org.pk}", role="unit_staff", organization=org, password="!") for org in made
        )
        self.organizations += made
        self.authors |= {user.organization_id: user for user in users}
        # A few units are given most of the work, as in life.
        self.weights = [1 / (rank + 1) ** 0.8 for rank in range(len(self.organizations))]

    def _directive(self, conclusion_id: int, body_id: int, day: datetime.date):
        from django.utils import timezone

        from hoinghi.directives import rules
        from hoinghi.directives.models import Directive

        rng, today = self.rng, self.today
        deadline = day + datetime.timedelta(days=rng.randint(10, 240)) if rng.random() < 0.9 else None
        status, closed_on = rng.choice([rules.NOT_STARTED, rules.IN_PROGRESS, rules.IN_PROGRESS]), None
        r = rng.random()
        due = deadline or day + datetime.timedelta(days=120)
        if due < today - datetime.timedelta(days=30):
            if r < 0.80:
                status, closed_on = rules.DONE, due - datetime.timedelta(days=rng.randint(0, 10))
            elif r < 0.93:
                status, closed_on = rules.DONE, due + datetime.timedelta(days=rng.randint(1, 120))
            elif r < 0.96:
                status, closed_on = rules.CANCELLED, due
            elif r < 0.98:
                status = rules.REPORTED_DONE
        elif due < today:
            if r < 0.5:
                status, closed_on = rules.DONE, due - datetime.timedelta(days=rng.randint(0, 10))
            elif r < 0.6:
                status = rules.RETURNED
        elif r < 0.25:
            status, closed_on = rules.DONE, min(today, day + datetime.timedelta(days=rng.randint(1, 30)))
        elif r < 0.3:
            status = rules.REPORTED_DONE
        closed_on = closed_on and max(day, min(closed_on, today))
        closed_at = closed_on and timezone.make_aware(datetime.datetime.combine(closed_on, datetime.time(15)))
        lead = rng.choices(self.organizations, self.weights)[0]
        directive = Directive(
            conclusion_id=conclusion_id,
            body_id=body_id,
            lead_organization=lead,
            content=f"Chỉ đạo {rng.randint(1, 10**6)}: rà soát, hoàn thiện và báo cáo kết quả thực hiện nhiệm vụ.",
            deadline=deadline,
            priority=rng.random() < 0.1,
            status=status,
            closed_at=closed_at,
            deadline_at_close=deadline if closed_at else None,
        )
        # (`created_at` is set by the database to now: the day it was given is kept beside.)
        directive.given_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(11)))
        return directive

    def grow(self, meetings: int) -> None:
        from django.db import transaction
        from django.utils import timezone

        from hoinghi.directives.models import DeadlineEntry, Directive, ProgressReport
        from hoinghi.meetings.models import AgendaItem, Conclusion, Meeting

        rng, span = self.rng, (self.today - self.first_day).days
        with transaction.atomic():
            made = []
            for n in range(meetings):
                day = self.first_day + datetime.timedelta(days=rng.randint(0, span - 1))
                index = rng.randrange(BODIES)
                made.append(
                    Meeting(
                        body=self.bodies[index],
                        term=self.terms[index],
                        starts_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(8))),
                        title=f"Hội nghị {n + 1} ngày {day:%d/%m/%Y}",
                        status="notice_issued",
                    )
                )
            made = Meeting.objects.bulk_create(made, batch_size=BATCH)
            items = AgendaItem.objects.bulk_create(
                (
                    AgendaItem(meeting=m, order=k, title=f"Nội dung {k + 1}: dự thảo đề án", kind="report")
                    for m in made
                    for k in range(ITEMS_PER_MEETING)
                ),
                batch_size=BATCH,
            )
            conclusions = Conclusion.objects.bulk_create(
                (
                    Conclusion(item=item, outcome="approved", text="Đồng ý, giao các cơ quan thực hiện.")
                    for item in items
                ),
                batch_size=BATCH,
            )
            days = {m.pk: timezone.localdate(m.starts_at) for m in made}
            item_days = {item.pk: days[item.meeting_id] for item in items}
            item_bodies = {item.pk: item.meeting.body_id for item in items}
            directives = [
                self._directive(c.pk, item_bodies[c.item_id], item_days[c.item_id])
                for c in conclusions
                for _ in range(DIRECTIVES_PER_ITEM)
            ]
            self._reports(directives)
            directives = Directive.objects.bulk_create(directives, batch_size=BATCH)
            links = Directive.coordinating_organizations.through
            links.objects.bulk_create(
                (
                    links(directive_id=d.pk, organization_id=org.pk)
                    for d in directives
                    for org in {rng.choice(self.organizations) for _ in range(rng.randint(0, 2))}
                    if org.pk != d.lead_organization_id
                ),
                batch_size=BATCH,
            )
            DeadlineEntry.objects.bulk_create(
                (DeadlineEntry(directive=d, deadline=d.deadline, cause="set", set_at=d.given_at) for d in directives),
                batch_size=BATCH,
            )
            ProgressReport.objects.bulk_create(
                (
                    ProgressReport(
                        directive=d,
                        organization_id=d.lead_organization_id,
                        author=self.authors[d.lead_organization_id],
                        text="Đơn vị đã triển khai, đang hoàn thiện hồ sơ.",
                        percent=rng.choice([None, 20, 50, 80, 100]),
                        created_at=at,
                    )
                    for d in directives
                    for at in d.report_times
                ),
                batch_size=BATCH,
            )

    def _reports(self, directives) -> None:
        """Report times for each directive, between its meeting and its close (or now); the last one is
        `last_report_at`."""
        for d in directives:
            end = d.closed_at or self.now
            seconds = max(1, int((end - d.given_at).total_seconds()))
            count = self.rng.randint(0, 2 * REPORTS_PER_DIRECTIVE)
            d.report_times = sorted(
                d.given_at + datetime.timedelta(seconds=self.rng.randrange(seconds)) for _ in range(count)
            )
            d.last_report_at = d.report_times[-1] if d.report_times else None


def counts() -> dict:
    from hoinghi.directives.models import Directive, ProgressReport
    from hoinghi.directory.models import Organization
    from hoinghi.meetings.models import AgendaItem, Meeting

    return {
        "meetings": Meeting.objects.count(),
        "items": AgendaItem.objects.count(),
        "directives": Directive.objects.count(),
        "progress_reports": ProgressReport.objects.count(),
        "organizations": Organization.objects.count(),
    }


def analyze() -> None:
    """PostgreSQL's autovacuum would have gathered statistics after such inserts; do it now."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def clients(province) -> dict:
    from django.db.models import Count
    from django.test import Client

    from hoinghi.directives.models import Directive
    from hoinghi.directory.models import User

    busiest = Directive.objects.values("lead_organization").order_by().annotate(n=Count("pk"))
    busiest = max(busiest, key=lambda row: row["n"])["lead_organization"]
    made = {"anonymous": Client()}
    for name, user in [("office", province.office), ("leader", province.leader)]:
        made[name] = signed_in(Client(), user)
    made["unit"] = signed_in(Client(), User.objects.get(username=f"donvi{busiest}"))
    return made


def pages(province) -> dict:
    """Page name → (client, url). The inbox is helper B's page: measured only when it exists."""
    from django.urls import NoReverseMatch, reverse

    body, year_ago = province.bodies[0].pk, province.today - datetime.timedelta(days=365)
    listed = {
        "trivial": ("anonymous", reverse("login")),
        "dashboard": ("leader", reverse("directives:dashboard")),
        "dashboard_filtered": ("office", f"{reverse('directives:dashboard')}?body={body}&period_from={year_ago}"),
        "dashboard_unit": ("unit", reverse("directives:dashboard")),
        "overdue": ("office", reverse("directives:overdue")),
        "overdue_last_page": ("office", f"{reverse('directives:overdue')}?page=100000"),  # the last page
        "print": ("leader", reverse("directives:print")),
    }
    try:
        listed["inbox"] = ("unit", reverse("directives:inbox"))
    except NoReverseMatch:
        pass
    return listed


def measure_all(province, requests: int) -> dict:
    made = clients(province)
    return {name: measure(made[who], url, requests) for name, (who, url) in pages(province).items()}


def export_10k(province, runs: int = 3) -> dict:
    """The office exports every directive of the meetings since the day that gives 10,000 of them."""
    from django.db.models import Count
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from hoinghi.meetings.models import Meeting

    total, since = 0, None
    meetings = Meeting.objects.annotate(n=Count("items__conclusion__directives")).order_by("-starts_at")
    for starts_at, n in meetings.values_list("starts_at", "n").iterator():
        total, since = total + n, timezone.localdate(starts_at)
        if total >= 10_000:
            break
    client = signed_in(Client(), province.office)
    url = f"{reverse('directives:export')}?list=inbox&period_from={since}"
    times, size = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        size = len(response.content)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200
    return {"export_10k_s": round(statistics.median(times), 2), "export_rows": total, "export_bytes": size}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0: 2,000 meetings and 60,000 directives")
    parser.add_argument("--requests", type=int, default=40, help="requests per page")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    os.environ.setdefault("HOINGHI_LOG_LEVEL", "ERROR")
    with bench_site(workers=1):
        import django

        django.setup()

        prepare_site()
        meetings, organizations = max(10, round(2000 * args.scale)), max(10, round(500 * args.scale))
        province = Province(random.Random(args.seed))
        build_s = 0.0
        measured = []
        for organizations_added, meetings_added in [
            (organizations // 10, meetings // 10),
            (organizations - organizations // 10, meetings - meetings // 10),
        ]:
            started = time.perf_counter()
            province.add_organizations(organizations_added)
            province.grow(meetings_added)
            analyze()
            build_s += time.perf_counter() - started
            measured.append({"data": counts(), "pages": measure_all(province, args.requests)})
        small, large = measured
        exported = export_10k(province)
        from django.db import connection

        vendor = connection.vendor
    trivial = large["pages"].pop("trivial")
    small["pages"].pop("trivial")
    summary = {
        "database": vendor,
        "scale": args.scale,
        "requests_per_page": args.requests,
        "data": large["data"],
        "data_small": small["data"],
        "build_s": round(build_s, 1),
        "trivial_p50_ms": trivial["p50_ms"],
        "trivial_p95_ms": trivial["p95_ms"],
        **exported,
        "pages": large["pages"],
        "pages_small": small["pages"],
    }
    if args.json:
        print(json.dumps(summary))
        return
    for key, value in summary.items():
        if not isinstance(value, dict) or key.startswith("data"):
            print(f"{key:<18} {value}")
    print_pages(summary["pages"], summary["pages_small"], "(a tenth) p50")


if __name__ == "__main__":
    main()
