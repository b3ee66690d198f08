"""A refused request (403) is an audit event with who, what and why, and one line in the server's log, not a
traceback."""

import logging

import pytest
from django.test import Client
from django.urls import reverse

from hoinghi.core.models import AuditEvent
from tests.clients import client_for

pytestmark = pytest.mark.django_db


def test_a_refusal_is_audited_and_logged_as_one_line(world, caplog):
    meeting = world.meeting()
    client = client_for(world.users["unit"], "en")
    url = reverse("meetings:edit", args=[meeting.pk])
    with caplog.at_level(logging.INFO):
        assert client.get(url, REMOTE_ADDR="192.0.2.44").status_code == 403
    refusals = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(refusals) == 1 and refusals[0].exc_info is None and refusals[0].name == "hoinghi.refused"
    line = refusals[0].getMessage()
    assert f"GET {url}" in line and "user=unit" in line and "address=192.0.2.44" in line and "\n" not in line
    event = AuditEvent.objects.get(verb="request.refused")
    assert (event.actor_username, event.object_repr, event.detail["method"]) == ("unit", url, "GET")
    assert event.detail["reason"]


def test_a_request_refused_for_its_csrf_token_is_audited_with_the_reason(world, caplog):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["office"])
    with caplog.at_level(logging.INFO):
        assert client.post(reverse("meetings:create"), {}).status_code == 403
    assert len([r for r in caplog.records if r.levelno >= logging.WARNING]) == 1
    event = AuditEvent.objects.get(verb="request.refused")
    assert event.actor_username == "office" and event.detail["reason"].startswith("CSRF")
