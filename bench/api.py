"""The API's lists and a directive, each beside the page that shows the same thing, over the follow-up's
synthetic province (bench/followup.py's `Province`: at scale 1.0, 2,000 meetings and 60,000 directives).

Server time in-process through Django's test client: p50/p95 over N requests and the SQL queries of each, the API
with an API key, the pages with a signed-in session, and a trivial page (the login form) measured in the same run:
the API's cost beside the page's (`ratio`: the API's p50 over the page's).

    .venv/bin/python bench/api.py [--scale 0.1] [--requests 40] [--json]
"""

import argparse
import json
import os
import random

from common import bench_site, measure, prepare_site, signed_in
from followup import Province, analyze, counts


def clients(province) -> dict:
    """A key and a session for the office, a leader, and the staff of the unit given the most directives."""
    from django.db.models import Count
    from django.test import Client

    from hoinghi.api import services
    from hoinghi.directives.models import Directive
    from hoinghi.directory.models import User

    busiest = Directive.objects.values("lead_organization").order_by().annotate(n=Count("pk"))
    busiest = max(busiest, key=lambda row: row["n"])["lead_organization"]
    users = {"office": province.office, "leader": province.leader, "unit": User.objects.get(username=f"donvi{busiest}")}
    made = {"anonymous": Client()}
    for name, user in users.items():
        key = services.check_create_key(user, "Đo hiệu năng")[1]
        made[f"{name} key"] = Client(headers={"Authorization": f"Bearer {key}"})
        made[name] = signed_in(Client(), user)
    return made


def pairs(province) -> dict:
    """Name → ((client, API url), (client, page url)): the same reading by the API and by its page."""
    from django.urls import reverse

    from hoinghi.directives.models import Directive

    directive = Directive.objects.order_by("-pk").first()
    last_page = max(1, -(-Directive.objects.count() // 20))  # the office sees every directive, 20 a page
    return {
        "directives_unit": (("unit key", "/api/directives"), ("unit", reverse("directives:inbox"))),
        "directives_office": (("office key", "/api/directives"), ("office", reverse("directives:overdue"))),
        "directive": (("office key", f"/api/directives/{directive.pk}"), ("office", f"/directives/{directive.pk}/")),
        "meetings_leader": (("leader key", "/api/meetings"), ("leader", reverse("meetings:list"))),
        "directives_last_page": (("office key", f"/api/directives?page={last_page}&page_size=20"), None),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.1, help="1.0: 2,000 meetings and 60,000 directives")
    parser.add_argument("--requests", type=int, default=40, help="requests per URL")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    os.environ.setdefault("HOINGHI_LOG_LEVEL", "ERROR")
    with bench_site(workers=1):
        import django

        django.setup()
        from django.db import connection

        prepare_site()
        province = Province(random.Random(args.seed))
        province.add_organizations(max(10, round(500 * args.scale)))
        province.grow(max(10, round(2000 * args.scale)))
        analyze()
        made = clients(province)
        trivial = measure(made["anonymous"], "/login/", args.requests)
        measured = {}
        for name, (api, page) in pairs(province).items():
            figures = {"api": measure(made[api[0]], api[1], args.requests)}
            if page is not None:
                figures["page"] = measure(made[page[0]], page[1], args.requests)
                figures["ratio"] = round(figures["api"]["p50_ms"] / figures["page"]["p50_ms"], 2)
            measured[name] = figures
        summary = {
            "database": connection.vendor,
            "scale": args.scale,
            "requests_per_url": args.requests,
            "data": counts(),
            "trivial_p50_ms": trivial["p50_ms"],
            "trivial_p95_ms": trivial["p95_ms"],
            "urls": measured,
        }
    if args.json:
        print(json.dumps(summary))
        return
    print(f"{connection.vendor}, scale {args.scale}: {summary['data']}")
    print(f"trivial page: p50 {trivial['p50_ms']} ms, p95 {trivial['p95_ms']} ms")
    columns = f"{'API p50':>8} {'p95':>7} {'queries':>8}   {'page p50':>8} {'p95':>7} {'queries':>8} {'ratio':>6}"
    print(f"\n{'reading':<22} {columns}")
    for name, figures in measured.items():
        api, page = figures["api"], figures.get("page")
        beside = f"{page['p50_ms']:>8} {page['p95_ms']:>7} {page['queries']:>8} {figures['ratio']:>6}" if page else ""
        print(f"{name:<22} {api['p50_ms']:>8} {api['p95_ms']:>7} {api['queries']:>8}   {beside}")


if __name__ == "__main__":
    main()
