"""Pages cost a fixed number of SQL queries, however long the agenda (counted, not timed)."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hoinghi.meetings import services


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def grow(world, meeting, n):
    for i in range(n):
        item = world.item(meeting, title=f"Nội dung {i}")
        services.check_add_opinion(world.users["member"], item, f"Ý kiến {i}")


def test_meeting_and_list_pages_do_not_grow_with_the_agenda(world):
    meeting = world.meeting()
    world.item(meeting)
    services.check_take_step(world.users["office"], meeting, "schedule")
    client = Client()
    client.force_login(world.users["office"])
    detail, listing = reverse("meetings:detail", args=[meeting.pk]), reverse("meetings:list")
    small = queries(client, detail), queries(client, listing)
    grow(world, meeting, 8)
    for _ in range(3):
        world.meeting()
    assert (queries(client, detail), queries(client, listing)) == small


def test_item_page_does_not_grow_with_opinions(world):
    meeting = world.meeting()
    item = world.item(meeting)
    services.check_take_step(world.users["office"], meeting, "schedule")
    client = Client()
    client.force_login(world.users["member"])
    url = reverse("meetings:item", args=[item.pk])
    services.check_add_opinion(world.users["member"], item, "Một")
    before = queries(client, url)
    for n in range(6):
        services.check_add_opinion(world.users["member2"], item, f"Ý kiến {n}")
    assert queries(client, url) == before
