"""Sessions end after an idle time and at a maximum age, whatever the page polls; "sign out everywhere" ends every
session of the account at once; a changed password ends the others."""

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from hoinghi.core.models import AuditEvent
from hoinghi.directory import sessions
from tests.account_helpers import PASSWORD, sign_in
from tests.clients import client_for

pytestmark = pytest.mark.django_db
MEETINGS = "/meetings/"


def age(client, key: str, seconds: float) -> None:
    """Move one of the session's times back, as if that long had passed."""
    session = client.session
    session[key] -= seconds
    session.save()


def test_a_session_idle_too_long_ends_and_says_why(world):
    client = client_for(world.users["member"], "en")
    assert client.get(MEETINGS).status_code == 200
    age(client, sessions.SEEN, settings.SESSION_IDLE_SECONDS + 1)
    response = client.get(MEETINGS)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert "after a time without activity" in client.get(response.url).content.decode()
    event = AuditEvent.objects.filter(verb="account.sign_out", object_id=str(world.users["member"].pk)).get()
    assert event.detail["reason"] == "idle"


def test_activity_keeps_it_but_not_beyond_the_maximum_age(world):
    client = client_for(world.users["member"])
    age(client, sessions.SEEN, settings.SESSION_IDLE_SECONDS - 60)
    assert client.get(MEETINGS).status_code == 200  # still within the idle time: this request renews it
    age(client, sessions.SEEN, settings.SESSION_IDLE_SECONDS - 60)
    assert client.get(MEETINGS).status_code == 200
    age(client, sessions.STARTED, settings.SESSION_MAX_AGE_SECONDS + 1)
    assert client.get(MEETINGS).status_code == 302


def test_the_store_forgets_an_idle_session_by_itself(world):
    """What the store keeps is what any other reader of sessions (the voting fast path) sees."""
    client = client_for(world.users["member"])
    client.get(MEETINGS)
    stored = Session.objects.get(session_key=client.session.session_key)
    idle_for = stored.expire_date.timestamp() - stored.get_decoded()[sessions.SEEN]
    assert abs(idle_for - settings.SESSION_IDLE_SECONDS) < 5


def test_the_viewers_access_check_polled_every_two_seconds_is_no_activity(world):
    client = client_for(world.users["member"])
    age(client, sessions.SEEN, 120)
    seen = client.session[sessions.SEEN]
    client.get(reverse("meetings:document_access_check", args=[1]))
    assert client.session[sessions.SEEN] == seen
    client.get(MEETINGS)
    assert client.session[sessions.SEEN] > seen


def test_sign_out_everywhere_ends_every_session_of_the_account_only(world):
    member, other = world.users["member"], world.users["member2"]
    office_pc, phone, neighbour = client_for(member), client_for(member), client_for(other)
    assert client_for(member).get(reverse("account:sessions")).context["count"] == 3
    response = phone.post(reverse("account:sessions"))
    assert response.status_code == 302 and response.url == reverse("login")
    assert office_pc.get(MEETINGS).status_code == 302 and phone.get(MEETINGS).status_code == 302
    assert neighbour.get(MEETINGS).status_code == 200
    event = AuditEvent.objects.get(verb="account.sign_out_everywhere")
    assert event.actor_username == member.username and event.detail["sessions"] == 3


def test_a_changed_password_ends_the_other_sessions(world):
    member = world.users["member"]
    here, elsewhere = Client(), Client()
    sign_in(here, member)
    sign_in(elsewhere, member)
    new = "Nước sông Hồng chảy mãi 7"
    form = {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    assert here.post(reverse("account:password"), form).url == "/"
    assert here.get(MEETINGS).status_code == 200 and elsewhere.get(MEETINGS).status_code == 302
    assert AuditEvent.objects.filter(verb="account.password_change", actor_id=member.pk).count() == 1
