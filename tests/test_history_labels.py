"""The history of changes in the page's language: a label per audit action and per stored value, dates day first."""

import datetime
import re
from pathlib import Path

from django.urls import reverse
from django.utils import timezone, translation

from hoinghi.core.labels import ACTIONS, value_label
from hoinghi.demo import seed_meetings as data
from hoinghi.meetings import rules, services

SOURCES = Path(__file__).resolve().parent.parent / "hoinghi"
# audit.record(actor, "meeting.create", ...), the verb the second argument, across lines
RECORDED = re.compile(r"audit\.record\(\s*[\w.\[\]\"']+,\s*\"([a-z_]+\.[a-z_]+)\"")


def recorded_verbs() -> set[str]:
    verbs = {verb for path in SOURCES.rglob("*.py") for verb in RECORDED.findall(path.read_text())}
    # The lifecycle's steps are recorded as "meeting.<step>".
    return verbs | {f"meeting.{step}" for step in rules.STEPS}


def test_every_action_the_code_records_has_a_label():
    verbs = recorded_verbs()
    assert {"meeting.create", "meeting.record_held", "conclusion.update", "notice.issue"} <= verbs
    assert sorted(verbs - set(ACTIONS)) == []


def test_values_are_said_by_their_label_and_dates_day_first():
    with translation.override("vi"):
        assert value_label("meetings.conclusion", "outcome", "approved") == "Đồng ý"
        assert value_label("meetings.agendaitem", "confidentiality", "secret") == "Mật"
        assert value_label("directives.directive", "deadline", "2021-09-30") == "30/09/2021"
        moment = timezone.make_aware(datetime.datetime(2027, 1, 15, 14, 30)).isoformat()
        assert value_label("meetings.meeting", "starts_at", moment) == "15/01/2027 14:30"
        # A field since removed from its model: a date still reads day first; anything else as written.
        assert value_label("directives.directive", "gone", "2021-09-30") == "30/09/2021"
        assert value_label("meetings.conclusion", "outcome", "unheard_of") == "unheard_of"
        assert value_label("directives.directive", "coordinating_organizations", ["Sở A", "Sở B"]) == "Sở A, Sở B"
        assert value_label("meetings.meeting", "number", 36) == "36"
        assert value_label("meetings.meeting", "place", None) == ""


def test_the_history_on_the_pages_speaks_vietnamese(world, client):
    office, chair = world.users["office"], world.users["chair"]
    meeting = world.meeting(number=36)
    item = world.item(meeting, title="Đề án chuyển đổi số")
    old_start = meeting.starts_at
    services.check_update_meeting(office, meeting, starts_at=old_start + datetime.timedelta(days=1))
    services.check_take_step(office, meeting, "schedule")
    services.check_take_step(chair, meeting, "start")
    services.check_record_conclusion(chair, item, "approved", "Đồng ý với Đề án.")
    services.check_record_conclusion(chair, item, "basically_approved", "Cơ bản đồng ý với Đề án.")

    client.force_login(office)
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    before, after = (timezone.localtime(t).strftime("%d/%m/%Y %H:%M") for t in (old_start, meeting.starts_at))
    assert f'<del class="text-danger">{before}</del> → <ins class="text-success">{after}</ins>' in page
    assert old_start.date().isoformat() not in page
    item_page = client.get(reverse("meetings:item", args=[item.pk])).content.decode()
    assert '<del class="text-danger">Đồng ý</del> → <ins class="text-success">Cơ bản đồng ý</ins>' in item_page
    assert '→ <ins class="text-success">basically_approved' not in item_page


def test_every_demo_login_shows_a_name_in_the_history():
    nameless = [username for _role, username, person, _org in data.ACCOUNTS if not person]
    assert nameless and all(data.ACCOUNT_NAMES.get(username) for username in nameless)
