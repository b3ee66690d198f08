"""The public portal under load over HTTP against the real server, and the visit counter's count.

Builds a portal in a fresh database (published articles, notices, this week's schedule), starts
`uvicorn hoinghi.asgi:application`, then from this second process has C concurrent readers fetch, in turn,
a trivial page (the sign-in page, the baseline), the portal's home and an article page, for a fixed number of
requests each. Every reader is a browser with its own visitor cookie, and takes a new one (a new person) every
`--pages-per-visitor` portal pages, so the number of visits the counter must find is known. The server is
stopped (its counter flushes at exit) and the visits stored are compared with the visits made.

    .venv/bin/python bench/portal.py [--readers 8] [--requests 1500] [--workers 1] [--json]
"""

import argparse
import asyncio
import json
import os
import secrets
import statistics
import time

from common import app_server, bench_site, percentile, prepare_site

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"


def build(articles: int) -> str:
    """The portal's content; the path of its newest article."""
    import django

    django.setup()
    import datetime

    from django.utils import timezone

    from hoinghi.directory.models import User
    from hoinghi.portal import services, services_library

    prepare_site()
    office = User.objects.create(username="vanphong", role="office")
    paragraph = "<p>" + "Hội nghị đã thảo luận, thống nhất các nội dung trọng tâm của năm. " * 12 + "</p>"
    article = None
    for n in range(articles):
        article = services.do_save_article(
            office, None, title=f"Tin hoạt động số {n + 1} của Tỉnh ủy", summary="Tóm tắt tin.", body=paragraph * 6
        )
        services.do_move_article(office, article, "review")
        services.do_move_article(office, article, "published")
    for n in range(5):
        services_library.do_add_notice(office, title=f"Thông báo số {n + 1}")
    today = timezone.localdate()
    for n in range(8):
        entry = services_library.do_add_schedule_entry(
            office, day=today + datetime.timedelta(days=n % 5), time=datetime.time(8 + n), leader="Đồng chí Bí thư",
            content="Làm việc với các sở, ngành", place="Phòng họp số 1", chair="Đồng chí Bí thư",
        )  # fmt: skip
    services_library.do_publish_week(office, entry.schedule)
    return article.get_absolute_url()


async def load(base: str, path: str, readers: int, requests: int, per_visitor: int, visitors: set) -> dict:
    """`requests` GETs of `path` by `readers` concurrent browsers; latencies and throughput."""
    import aiohttp

    times, left = [], [requests]
    counted = path != "/login/"

    async def reader():
        key, served = secrets.token_hex(16), 0
        async with aiohttp.ClientSession(base, headers={"User-Agent": BROWSER}) as http:
            while left[0] > 0:
                left[0] -= 1
                if counted and served == per_visitor:
                    key, served = secrets.token_hex(16), 0
                start = time.perf_counter()
                async with http.get(path, cookies={"hn_khach": key}) as response:
                    await response.read()
                    assert response.status == 200, (path, response.status)
                times.append((time.perf_counter() - start) * 1000)
                if counted:
                    visitors.add(key)
                    served += 1

    started = time.perf_counter()
    await asyncio.gather(*(reader() for _ in range(readers)))
    elapsed = time.perf_counter() - started
    return {
        "rps": round(len(times) / elapsed, 1),
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
    }


async def run(base: str, article: str, args) -> dict:
    visitors: set[str] = set()
    figures = {}
    for name, path in (("warm-up", "/cong-thong-tin/"), ("trivial", "/login/"), ("home", "/cong-thong-tin/"),
                       ("article", article), ("trivial_again", "/login/")):  # fmt: skip
        count = args.readers * 5 if name == "warm-up" else args.requests
        figures[name] = await load(base, path, args.readers, count, args.pages_per_visitor, visitors)
    figures["visits_made"] = len(visitors)
    return figures


def stored_visits() -> int:
    from django.db.models import Sum

    from hoinghi.portal.models import VisitTotal

    return VisitTotal.objects.aggregate(total=Sum("visits"))["total"] or 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readers", type=int, default=8, help="concurrent browsers")
    parser.add_argument("--requests", type=int, default=1500, help="requests per page")
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--pages-per-visitor", type=int, default=5)
    parser.add_argument("--workers", type=int, default=1, help="server processes (more than one: through Redis)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    with bench_site(args.workers):
        article = build(args.articles)
        # Stopped cleanly: each process's counter adds what it holds to the database.
        with app_server(args.workers) as (url, _pid):
            figures = asyncio.run(run(url, article, args))
        stored = stored_visits()
    trivial_rps = min(figures["trivial"]["rps"], figures["trivial_again"]["rps"])
    summary = {
        "home_rps": figures["home"]["rps"],
        "article_rps": figures["article"]["rps"],
        "trivial_rps": trivial_rps,
        "home_p50_ms": figures["home"]["p50_ms"],
        "home_p95_ms": figures["home"]["p95_ms"],
        "article_p95_ms": figures["article"]["p95_ms"],
        "trivial_p95_ms": figures["trivial"]["p95_ms"],
        "home_vs_trivial": round(figures["home"]["rps"] / trivial_rps, 2),
        "article_vs_trivial": round(figures["article"]["rps"] / trivial_rps, 2),
        "visits_made": figures["visits_made"],
        "visits_stored": stored,
        "counter_lost": figures["visits_made"] - stored,
        "readers": args.readers,
        "requests_per_page": args.requests,
        "server_processes": args.workers,
        "database": "postgresql" if os.environ.get("DATABASE_URL") else "sqlite",
    }
    if args.json:
        print(json.dumps(summary))
    else:
        width = max(len(k) for k in summary)
        for key, value in summary.items():
            print(f"{key:<{width}}  {value}")


if __name__ == "__main__":
    main()
