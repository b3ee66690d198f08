"""The visit counter counts people, not bots or reloads; concurrent visits are all counted, in memory or in
Redis; a page view writes nothing to the database; a flush loses no visit counted meanwhile."""

import datetime
import threading

import pytest
from django.db import DatabaseError, connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hoinghi.portal import counter as counting
from hoinghi.portal.bots import is_bot
from hoinghi.portal.counter import VISITOR_COOKIE, Counter, MemoryStore, RedisStore
from hoinghi.portal.models import VisitTotal
from tests.portal_helpers import BROWSER, fresh_portal  # noqa: F401 (a fixture)
from tests.redis_helpers import redis_server

pytestmark = pytest.mark.usefixtures("fresh_portal")

BOTS = [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "Mozilla/5.0 (compatible; coccocbot-web/1.0; +http://help.coccoc.com/searchengine)",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "curl/8.5.0",
    "python-requests/2.32.3",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0 Safari/537.36",
    "",
]
PEOPLE = [
    BROWSER,
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 "
    "Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0",
    "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36"
    " Zalo/2.0",  # the in-app browser of Zalo: a person reading
]


@pytest.mark.parametrize("agent", BOTS)
def test_programs_are_bots(agent):
    assert is_bot(agent)


@pytest.mark.parametrize("agent", PEOPLE[:3])
def test_browsers_are_people(agent):
    assert not is_bot(agent)


def figures(client):
    return client.get(
        reverse("portal:home"), HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="10.9.9.9"
    ).wsgi_request.portal_visits


@pytest.mark.django_db
def test_bots_are_not_counted_and_a_person_is_one_visit_a_day(client):
    for agent in BOTS:
        Client().get(reverse("portal:home"), HTTP_USER_AGENT=agent)
    person = Client()
    first = person.get(reverse("portal:articles"), HTTP_USER_AGENT=BROWSER)
    assert first.cookies[VISITOR_COOKIE]["httponly"]
    for _ in range(2):
        person.get(reverse("portal:articles"), HTTP_USER_AGENT=BROWSER)
    assert counting.counter().figures().today == 1  # three pages read: one visit
    assert figures(client).today == 2  # another address: another person


@pytest.mark.django_db
def test_a_page_view_writes_nothing_to_the_database(client):
    client.get(reverse("portal:home"), HTTP_USER_AGENT=BROWSER)  # the first view fills the cache
    with CaptureQueriesContext(connection) as queries:
        for n in range(20):
            Client().get(reverse("portal:home"), HTTP_USER_AGENT=BROWSER, REMOTE_ADDR=f"10.0.0.{n}")
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith(("SELECT", "SAVEPOINT", "RELEASE"))]
    assert writes == []
    assert counting.counter().figures().today == 21
    assert not VisitTotal.objects.exists()
    assert counting.counter().flush() == 21
    assert VisitTotal.objects.get(day=timezone.localdate()).visits == 21
    assert counting.counter().figures().today == 21  # stored now, not counted twice


@pytest.mark.django_db
def test_the_totals_add_the_days_of_the_month_and_before():
    today = timezone.localdate()
    VisitTotal.objects.create(day=today.replace(day=1) - datetime.timedelta(days=1), visits=1000)
    VisitTotal.objects.create(day=today, visits=5)
    visits = Counter(MemoryStore())
    visits.visit("a" * 32)
    shown = visits.figures()
    assert (shown.online, shown.today, shown.month, shown.total) == (1, 6, 6, 1006)


def hammer(visits: Counter, threads: int, per_thread: int, flushes: int) -> None:
    """`threads` threads count distinct visitors while another flushes again and again."""
    start = threading.Barrier(threads + 1)

    def visit(n):
        start.wait()
        try:
            for i in range(per_thread):
                visits.visit(f"{n:04d}{i:028d}")
        finally:
            connections.close_all()  # a visit due to flush wrote from this thread

    def flush():
        start.wait()
        try:
            for _ in range(flushes):
                visits.flush()
        finally:
            connections.close_all()

    workers = [threading.Thread(target=visit, args=(n,)) for n in range(threads)]
    workers.append(threading.Thread(target=flush))
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()


@pytest.mark.django_db(transaction=True)
def test_concurrent_visits_are_all_counted_through_flushes_in_memory():
    visits = Counter(MemoryStore())
    hammer(visits, threads=8, per_thread=250, flushes=50)
    visits.flush()
    assert VisitTotal.objects.get(day=timezone.localdate()).visits == 2000
    assert visits.figures().today == 2000


@pytest.mark.django_db(transaction=True)
def test_concurrent_visits_are_all_counted_through_flushes_in_redis_shared_by_two_processes():
    with redis_server() as url:
        one, two = Counter(RedisStore(url)), Counter(RedisStore(url))  # two server processes' counters
        other = threading.Thread(target=hammer, args=(one, 4, 250, 30))
        other.start()
        hammer(two, threads=4, per_thread=250, flushes=30)  # the same visitors: each counted once in all
        other.join()
        one.flush()
        two.flush()
        assert VisitTotal.objects.get(day=timezone.localdate()).visits == 1000
        assert one.figures().today == two.figures().today == 1000


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_are_all_counted(settings, monkeypatch):
    monkeypatch.setattr(counting, "FLUSH_EVERY", 7)  # flushes between the requests, by whichever request comes
    clients = 12

    def read(n):
        try:
            Client().get(reverse("portal:home"), HTTP_USER_AGENT=BROWSER, REMOTE_ADDR=f"10.1.0.{n}")
            Client().get(reverse("portal:articles"), HTTP_USER_AGENT=BROWSER, REMOTE_ADDR=f"10.2.0.{n}")
        finally:
            connections.close_all()

    workers = [threading.Thread(target=read, args=(n,)) for n in range(clients)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    counting.counter().flush()
    assert VisitTotal.objects.get(day=timezone.localdate()).visits == 2 * clients


@pytest.mark.django_db
def test_a_visit_counted_while_the_database_refuses_the_flush_is_kept(monkeypatch):
    visits = Counter(MemoryStore())
    visits.visit("b" * 32)

    def refuse(day, count):
        raise DatabaseError("down")

    monkeypatch.setattr(counting, "add_to_day", refuse)
    with pytest.raises(DatabaseError):
        visits.flush()
    monkeypatch.undo()
    assert visits.flush() == 1
    assert VisitTotal.objects.get().visits == 1
