"""A mixed load through nginx against production mode, for a set time, checking that no record was lost.

Builds a body, its members, a running meeting with an open poll, directives led by one unit, in a scratch
PostgreSQL database; starts the production stack on loopback as tests/stack/ does (nginx with TLS, `hoinghi serve`
with --workers processes, `hoinghi worker`, Redis); then N people work at once for --seconds, each waiting a
random --think seconds between steps: members vote once and then watch the poll's state, leaders read the
dashboard, the meeting list and a meeting, unit staff read their inbox and report progress with a PDF, the office
creates meetings, adds papers to an item (half of them confidential, whose pages the worker draws), imports a
month's figures of twenty targets from an Excel file, and writes a portal article and edits it. A trivial page (the
sign-in page) is fetched alongside as the baseline. At the end every vote, report, meeting, paper, figure and
article edit a client was told was saved is looked for in the database, and the papers the worker has not read
(or drawn) a minute after the load are counted.

    DATABASE_URL=postgres://hoinghi:hoinghi@127.0.0.1:5432/hoinghi .venv/bin/python bench/soak.py \
        [--users 200] [--seconds 60] [--warm-up 15] [--think 3] [--workers 2] [--json]
"""

import argparse
import asyncio
import json
import os
import random
import re
import secrets
import ssl
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from common import passed_sign_in, percentile, prepare_site, scratch_database

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TIMEOUT = 30  # seconds: a request slower than this counts as an error
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PROCESSED_WITHIN = 60  # seconds after the load the worker has to read (and draw) every paper


def build(users: int) -> dict:
    """The people and what they work on; a session for each."""
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.test import override_settings

    from tests.directive_helpers import directive, running_item
    from tests.factories import build_world, make_user
    from tests.voting_helpers import add_voters, open_poll, running_meeting

    prepare_site()
    # The accounts never sign in with a password (their sessions are made below): hashing it slowly buys nothing.
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        world = build_world()
        counts = {"office": max(1, users // 20), "leader": max(1, users // 5), "unit": max(1, users // 10)}
        counts["voter"] = users - sum(counts.values())
        voters = add_voters(world, counts["voter"])
        office = [make_user(f"office{n}", "office") for n in range(counts["office"])]
        leaders = [make_user(f"leader{n}", "leader") for n in range(counts["leader"])]
        unit = [make_user(f"unit{n}", "unit_staff", organization=world.department) for n in range(counts["unit"])]
    meeting = running_meeting(world, present=voters)
    poll = open_poll(world, meeting, method="open")
    item = running_item(world, days_from_now=-5)
    directives = [directive(world, item, content=f"Nhiệm vụ số {n + 1}").pk for n in range(20)]
    targets = monthly_targets(world)

    def session_of(user) -> str:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "hoinghi.directory.auth.DemoAwareBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        passed_sign_in(session)
        session.create()
        return session.session_key

    people = [("voter", session_of(u)) for u in voters] + [("office", session_of(u)) for u in office]
    people += [("leader", session_of(u)) for u in leaders] + [("unit", session_of(u)) for u in unit]
    random.shuffle(people)
    return {
        "people": people,
        "poll": poll.pk,
        "subject": f"s{poll.subjects.get().pk}",
        "meeting": meeting.pk,
        "directives": directives,
        "item": meeting.items.get().pk,
        "targets": targets,
        "department": world.department.pk,
        # Months with no figures yet, one an import: from January 2021 to last month.
        "months": [day.isoformat() for day in months_until_last()],
        "world": {"body": world.body.pk, "term": world.term.pk},
        "counts": counts,
    }


def monthly_targets(world) -> list[int]:
    """Twenty targets of a resolution, reported monthly by the unit's organization."""
    import datetime

    from hoinghi.targets.models import Resolution, Target

    resolution = Resolution.objects.create(
        number="06-NQ/TU",
        title="Nghị quyết về chuyển đổi số giai đoạn 2021-2030",
        body=world.body,
        issued_on=datetime.date(2021, 1, 1),
        period_start=2021,
        period_end=2030,
    )
    made = []
    for order in range(1, 21):
        target = Target.objects.create(
            resolution=resolution, order=order, indicator=f"Chỉ tiêu số {order}", unit="%", frequency="monthly"
        )
        target.reporters.set([world.department])
        made.append(target.pk)
    return made


def months_until_last():
    import datetime

    today = datetime.date.today()
    return [
        datetime.date(year, month, 1)
        for year in range(2021, today.year + 1)
        for month in range(1, 13)
        if datetime.date(year, month, 1) < today.replace(day=1)
    ]


def figures_sheet(targets: list[int], organization: int, month: str) -> bytes:
    """The import's sheet: a month's figure of each target (the template's key row and headers)."""
    import datetime

    from tests.figure_sheets import written

    keys = ("target", "period", "organization", "value", "weight", "note")
    day = datetime.date.fromisoformat(month)
    rows = [[target, day, organization, random.randint(10, 100), None, "Thử tải"] for target in targets]
    return written(keys, [key.title() for key in keys], rows)


class Load:
    def __init__(self, base: str, certificate: str, setup: dict, think: float, warm_up: float, seconds: float):
        self.base, self.setup, self.think = base, setup, think
        # The first requests of each server process load its templates and open its connections: timed from
        # `measured_from` on; their errors count all the same.
        self.measured_from = time.monotonic() + warm_up
        self.until = self.measured_from + seconds
        self.ssl = ssl.create_default_context(cafile=certificate)
        self.times: dict[str, list[float]] = {}
        self.errors = Counter()
        self.told = {"votes": 0, "reports": [], "meetings": [], "papers": [], "figure months": [], "articles": []}
        self.months = list(setup["months"])
        random.shuffle(self.months)

    def client(self, session_key: str | None = None):
        import aiohttp

        cookies = {"sessionid": session_key} if session_key else {}
        return aiohttp.ClientSession(
            self.base,
            cookies=cookies,
            cookie_jar=aiohttp.CookieJar(unsafe=True),  # the site is 127.0.0.1, whose cookies aiohttp refuses otherwise
            connector=aiohttp.TCPConnector(ssl=self.ssl),
            timeout=aiohttp.ClientTimeout(total=TIMEOUT),
            headers={"Origin": self.base, "Referer": self.base + "/"},
        )

    async def request(self, http, page: str, method: str, path: str, then: str = "", **kwargs) -> tuple[int, str, str]:
        """(status, final path, text); the time under `page`, an error counted by its kind. `then`: the name of the
        page a redirect leads to (a form's answer), fetched and timed apart: each request is timed as a page."""
        start = time.perf_counter()
        try:
            async with http.request(method, path, allow_redirects=not then, **kwargs) as response:
                text = await response.text()
                status, final = response.status, response.url.path
                location = response.headers.get("Location", "")
        except TimeoutError:
            self.errors["timeout"] += 1
            return 0, "", ""
        except OSError as error:
            self.errors[f"connection: {type(error).__name__}"] += 1
            return 0, "", ""
        if time.monotonic() >= self.measured_from:
            self.times.setdefault(page, []).append((time.perf_counter() - start) * 1000)
        if status >= 400:
            self.errors[f"{page}: HTTP {status}"] += 1
        if then and 300 <= status < 400:
            return await self.request(http, then, "GET", location)
        return status, final, text

    async def pause(self) -> bool:
        await asyncio.sleep(random.uniform(0, 2 * self.think))
        return time.monotonic() < self.until

    async def voter(self, http):
        poll = self.setup["poll"]
        status, _, page = await self.request(http, "ballot", "GET", f"/polls/{poll}/")
        if status == 200 and await self.pause():
            fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page))
            fields[self.setup["subject"]] = "yes"
            status, _, _ = await self.request(http, "cast", "POST", f"/polls/{poll}/cast/", data=fields)
            self.told["votes"] += status == 200
        while await self.pause():
            await self.request(http, "poll state", "GET", f"/polls/{poll}/state.json")

    async def leader(self, http):
        while await self.pause():
            page = random.choice(["/directives/dashboard/", "/meetings/", f"/meetings/{self.setup['meeting']}/"])
            name = {"/directives/dashboard/": "dashboard", "/meetings/": "meeting list"}.get(page, "meeting page")
            await self.request(http, name, "GET", page)

    async def unit(self, http):
        import aiohttp

        while await self.pause():
            await self.request(http, "inbox", "GET", "/directives/inbox/")
            target = random.choice(self.setup["directives"])
            status, _, page = await self.request(http, "directive", "GET", f"/directives/{target}/")
            if status != 200 or not await self.pause():
                continue
            text = f"Báo cáo tiến độ {secrets.token_hex(6)}"
            form = aiohttp.FormData({"csrfmiddlewaretoken": csrf(page), "text": text, "percent": "50"})
            form.add_field("files", PDF, filename="bao-cao.pdf", content_type="application/pdf")
            status, final, _ = await self.request(
                http, "report", "POST", f"/directives/{target}/report/", "directive", data=form
            )
            if status == 200 and final == f"/directives/{target}/":
                self.told["reports"].append(text)

    async def office(self, http):
        actions = [self.create_meeting, self.add_paper, self.import_figures, self.edit_article]
        while await self.pause():
            await random.choice(actions)(http)

    async def create_meeting(self, http):
        status, _, page = await self.request(http, "new meeting form", "GET", "/meetings/new/")
        if status != 200 or not await self.pause():
            return
        title = f"Hội nghị thử tải {secrets.token_hex(6)}"
        fields = {
            "csrfmiddlewaretoken": csrf(page),
            "body": self.setup["world"]["body"],
            "term": self.setup["world"]["term"],
            "kind": "regular",
            "title": title,
            "starts_at_0": "10/09/2021",
            "starts_at_1": "08:00",
            "place": "Hội trường",
        }
        status, final, _ = await self.request(
            http, "create meeting", "POST", "/meetings/new/", "meeting page", data=fields
        )
        if status == 200 and re.fullmatch(r"/meetings/\d+/", final):
            self.told["meetings"].append(title)

    async def add_paper(self, http):
        import aiohttp

        from tests.test_documents import text_pdf

        item = self.setup["item"]
        status, _, page = await self.request(http, "item page", "GET", f"/meetings/items/{item}/")
        if status != 200 or not await self.pause():
            return
        title = f"Tờ trình thử tải {secrets.token_hex(6)}"
        secret = random.random() < 0.5
        form = aiohttp.FormData(
            {
                "csrfmiddlewaretoken": csrf(page),
                "title": title,
                "kind": "submission",
                "confidentiality": "secret" if secret else "normal",
            }
        )
        form.add_field(
            "file", text_pdf(f"To trinh {title[-12:]}"), filename="to-trinh.pdf", content_type="application/pdf"
        )
        status, final, page = await self.request(
            http, "add paper", "POST", f"/meetings/items/{item}/documents/new/", "item page", data=form
        )
        if status == 200 and final == f"/meetings/items/{item}/" and title in page:
            self.told["papers"].append(title)

    async def import_figures(self, http):
        import aiohttp

        if not self.months:
            return
        month = self.months.pop()
        status, _, page = await self.request(http, "import form", "GET", "/targets/import/")
        if status != 200 or not await self.pause():
            return
        sheet = figures_sheet(self.setup["targets"], self.setup["department"], month)
        form = aiohttp.FormData({"csrfmiddlewaretoken": csrf(page)})
        form.add_field("file", sheet, filename="so-lieu.xlsx", content_type=XLSX)
        status, _, _ = await self.request(http, "import figures", "POST", "/targets/import/", "import form", data=form)
        if status == 200:
            self.told["figure months"].append(month)

    async def edit_article(self, http):
        new = "/cong-thong-tin/quan-ly/bai-viet/moi/"
        status, _, page = await self.request(http, "new article form", "GET", new)
        if status != 200 or not await self.pause():
            return
        title = f"Tin hội nghị thử tải {secrets.token_hex(6)}"
        fields = {"csrfmiddlewaretoken": csrf(page), "title": title, "summary": "", "body": "<p>Bản nháp.</p>"}
        status, final, page = await self.request(http, "write article", "POST", new, "article form", data=fields)
        if status != 200 or not re.fullmatch(r"/cong-thong-tin/quan-ly/bai-viet/\d+/", final):
            return
        if not await self.pause():
            return
        edited = f"<p>Bản đã sửa {secrets.token_hex(4)}.</p>"
        fields = {"csrfmiddlewaretoken": csrf(page), "title": title, "summary": "Tóm tắt", "body": edited}
        status, after, _ = await self.request(http, "edit article", "POST", final, "article form", data=fields)
        if status == 200 and after == final:
            self.told["articles"].append((title, edited))

    async def person(self, role: str, session_key: str):
        await asyncio.sleep(random.uniform(0, self.think))  # people arrive over a few seconds
        async with self.client(session_key) as http:
            await getattr(self, role)(http)

    async def trivial(self):
        async with self.client() as http:
            while time.monotonic() < self.until:
                await self.request(http, "trivial (sign-in page)", "GET", "/login/")
                await asyncio.sleep(0.1)

    async def run(self):
        people = [self.person(role, key) for role, key in self.setup["people"]]
        await asyncio.gather(self.trivial(), *people)


def csrf(page: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    return found.group(1) if found else ""


def lost(setup: dict, told: dict) -> dict:
    from hoinghi.directives.models import ProgressReport
    from hoinghi.meetings.models import Document, Meeting
    from hoinghi.portal.models import Article
    from hoinghi.targets.models import Figure
    from hoinghi.voting.models import NamedVote, VoterRoll

    # An open poll's vote is a line of the roll and a named vote, written together.
    votes = min(
        VoterRoll.objects.filter(poll_id=setup["poll"]).count(),
        NamedVote.objects.filter(poll_id=setup["poll"]).values("person").distinct().count(),
    )
    reports = set(ProgressReport.objects.filter(text__in=told["reports"]).values_list("text", flat=True))
    meetings = set(Meeting.objects.filter(title__in=told["meetings"]).values_list("title", flat=True))
    papers = set(Document.objects.filter(title__in=told["papers"]).values_list("title", flat=True))
    figures = Figure.objects.filter(target_id__in=setup["targets"], period__in=told["figure months"]).count()
    articles = {(a.title, a.body) for a in Article.objects.filter(title__in=[t for t, _ in told["articles"]])}
    return {
        "votes": max(0, told["votes"] - votes),
        "reports": len(set(told["reports"]) - reports),
        "meetings": len(set(told["meetings"]) - meetings),
        "papers": len(set(told["papers"]) - papers),
        "figures": len(told["figure months"]) * len(setup["targets"]) - figures,
        "article edits": len(set(told["articles"]) - articles),
    }


def unprocessed(told: dict) -> int:
    """The papers the worker has not read, or (confidential) drawn, PROCESSED_WITHIN seconds after the load."""
    from django.db.models import Q

    from hoinghi.meetings.models import DocumentVersion

    versions = DocumentVersion.objects.filter(document__title__in=told["papers"])
    waiting = Q(extraction=DocumentVersion.Extraction.PENDING) | Q(pages=DocumentVersion.Pages.PENDING)
    deadline = time.monotonic() + PROCESSED_WITHIN
    while versions.filter(waiting).exists() and time.monotonic() < deadline:
        time.sleep(1)
    return versions.filter(waiting).count()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60, help="measured, after the warm-up")
    parser.add_argument("--warm-up", type=float, default=15, help="seconds of load before the measuring starts")
    parser.add_argument("--think", type=float, default=3, help="mean seconds a person waits between steps")
    parser.add_argument("--workers", type=int, default=2, help="`hoinghi serve` worker processes")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("soak.py runs production mode: set DATABASE_URL to a PostgreSQL database (a scratch one is made)")
    folder = Path(tempfile.mkdtemp(prefix="hoinghi-soak-"))
    from tests.redis_helpers import redis_server
    from tests.stack.processes import Stack

    drop = scratch_database()
    try:
        with redis_server() as redis_url:
            stack = Stack(folder, {})
            os.environ.update(
                DJANGO_SETTINGS_MODULE="hoinghi.settings",
                SECRET_KEY=secrets.token_urlsafe(64),
                REDIS_URL=redis_url,
                ALLOWED_HOSTS="127.0.0.1",
                HOINGHI_SITE_URL=stack.url,
                HOINGHI_DATA_DIR=str(folder / "data"),
                HOINGHI_STATIC_ROOT=str(folder / "static"),
            )
            setup = build(args.users)
            from django.db import connections

            connections.close_all()
            stack.env = dict(os.environ, HOINGHI_PRODUCTION="1")
            try:
                stack.servers["app"] = stack.serve("app", workers=args.workers)
                stack.worker("worker")
                stack.proxy()
                load = Load(stack.url, str(stack.certificate), setup, args.think, args.warm_up, args.seconds)
                asyncio.run(load.run())
                waiting = unprocessed(load.told)
            finally:
                stack.stop()
            report(args, setup, load, lost(setup, load.told), waiting)
    finally:
        if drop:
            drop()


def report(args, setup: dict, load: Load, missing: dict, waiting: int) -> None:
    trivial = load.times.get("trivial (sign-in page)", [])
    trivial_p95 = percentile(trivial, 0.95) or 0
    pages = {
        page: {
            "requests": len(times),
            "p50_ms": round(percentile(times, 0.5), 1),
            "p95_ms": round(percentile(times, 0.95), 1),
            "p95_over_trivial": round(percentile(times, 0.95) / trivial_p95, 1) if trivial_p95 else None,
        }
        for page, times in sorted(load.times.items())
    }
    result = {
        "users": args.users,
        "people": setup["counts"],
        "seconds": args.seconds,
        "workers": args.workers,
        "requests": sum(len(times) for times in load.times.values()),
        "errors": dict(load.errors),
        "told_saved": {k: v if isinstance(v, int) else len(v) for k, v in load.told.items()},
        "lost_records": sum(missing.values()),
        "lost_by_kind": missing,
        "papers_unprocessed": waiting,
        "pages": pages,
    }
    if args.json:
        print(json.dumps(result))
        return
    print(f"{args.users} people ({setup['counts']}) for {args.seconds:.0f} s, {args.workers} server processes")
    print(f"requests served (measured): {result['requests']}, errors: {sum(load.errors.values())} {dict(load.errors)}")
    print(f"told saved: {result['told_saved']}; lost: {result['lost_records']} {missing}")
    print(f"papers not read (or drawn) by the worker {PROCESSED_WITHIN} s after the load: {waiting}")
    print(f"\n{'page':<24} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'p95 ÷ trivial':>14}")
    for page, figures in pages.items():
        ratio = figures["p95_over_trivial"]
        print(
            f"{page:<24} {figures['requests']:>8} {figures['p50_ms']:>8} {figures['p95_ms']:>8} "
            f"{ratio if ratio is not None else '':>14}"
        )


if __name__ == "__main__":
    main()
