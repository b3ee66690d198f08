"""A page links a meeting or an item only for a reader the permissions table lets open it: a unit's staff reading
a resolution adopted at a meeting he has no part in sees its name, not a link that answers 403."""

import re

import pytest
from django.urls import reverse

from hoinghi.meetings import services
from hoinghi.meetings.models import Conclusion
from tests.clients import client_for, page
from tests.target_helpers import build_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def adopted(world):
    plan = build_plan(world)
    meeting = world.meeting(number=4, title="Hội nghị lần thứ 4 Ban Chấp hành Đảng bộ tỉnh")
    item = world.item(meeting)
    services.check_take_step(world.users["office"], meeting, "schedule")
    conclusion = Conclusion.objects.create(item=item, outcome="approved", text="Thông qua Nghị quyết.")
    plan.resolution.meeting, plan.resolution.conclusion = meeting, conclusion
    plan.resolution.save()
    return plan.resolution, meeting, item


def meeting_links(html: str) -> list[str]:
    return re.findall(r'href="(/meetings/[^"]*)"', html)


def test_the_unit_reads_the_meeting_without_a_link_that_would_refuse_it(world, adopted):
    resolution, meeting, item = adopted
    unit = client_for(world.users["unit"])
    html = page(unit, reverse("targets:resolution", args=[resolution.pk]))
    assert meeting.title in html
    assert reverse("meetings:detail", args=[meeting.pk]) not in html
    assert reverse("meetings:item", args=[item.pk]) not in html
    for href in meeting_links(html):
        assert unit.get(href).status_code == 200, href


def test_a_leader_gets_the_links_he_may_follow(world, adopted):
    resolution, meeting, item = adopted
    leader = client_for(world.users["leader"])
    html = page(leader, reverse("targets:resolution", args=[resolution.pk]))
    links = meeting_links(html)
    assert reverse("meetings:detail", args=[meeting.pk]) in links and reverse("meetings:item", args=[item.pk]) in links
    for href in links:
        assert leader.get(href).status_code == 200, href
