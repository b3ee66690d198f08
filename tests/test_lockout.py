"""Lock-out by name and address together: an attacker elsewhere cannot lock the chair out before a vote, one person's
mistakes do not lock a shared office address, the attacker's own address is locked; guessing one name from many
addresses is slowed, not its owner at his usual address; each lock-out is audited once."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from hoinghi.core.models import AuditEvent
from tests.account_helpers import PASSWORD, enrolled, sign_in

pytestmark = pytest.mark.django_db
CHAIRS_OFFICE, ATTACKER, SHARED_OFFICE = "198.51.100.7", "203.0.113.9", "192.0.2.10"


def try_password(address: str, user, password: str):
    client = Client(REMOTE_ADDR=address)
    return client, client.post(reverse("login"), {"username": user.username, "password": password})


def signs_in(address: str, user) -> bool:
    client = Client(REMOTE_ADDR=address)
    response = sign_in(client, user)
    return response.status_code == 302 and client.get("/meetings/").status_code == 200


def lockouts(user):
    return AuditEvent.objects.filter(verb="account.locked_out", object_id=str(user.pk))


@pytest.fixture
def chair(world):
    chair = world.users["chair"]
    enrolled(chair)
    assert signs_in(CHAIRS_OFFICE, chair)  # his usual address
    return chair


def test_an_attacker_elsewhere_cannot_lock_the_chair_out(chair):
    answers = [try_password(ATTACKER, chair, f"doan-sai-{n}")[1].status_code for n in range(5)]
    assert answers == [200, 200, 200, 200, 429]
    assert try_password(ATTACKER, chair, PASSWORD)[1].status_code == 429  # the attacker's address is locked
    assert signs_in(CHAIRS_OFFICE, chair)
    (event,) = lockouts(chair)
    assert event.detail == {"name_tried": "chair", "address": ATTACKER, "failures": 5}
    failed = AuditEvent.objects.filter(verb="account.sign_in_failed", object_id=str(chair.pk))
    assert failed.count() == 6 and set(failed.values_list("detail__address", flat=True)) == {ATTACKER}


def test_one_persons_mistakes_do_not_lock_a_shared_office_address(world):
    member, colleague, unit = world.users["member"], world.users["member2"], world.users["unit"]
    for n in range(5):
        try_password(SHARED_OFFICE, member, f"nham-{n}")
    assert try_password(SHARED_OFFICE, member, PASSWORD)[1].status_code == 429
    assert signs_in(SHARED_OFFICE, colleague) and signs_in(SHARED_OFFICE, unit)
    assert signs_in("198.51.100.20", member)  # from his own desk he still can
    assert lockouts(member).count() == 1


def test_guessing_from_many_addresses_is_slowed_but_not_the_owner(chair):
    for n in range(10):  # ten failures from ten addresses: the next try from an eleventh waits 30 seconds
        try_password(f"203.0.113.{100 + n}", chair, f"doan-{n}")
    client, response = try_password("203.0.113.200", chair, PASSWORD)  # even the right password waits
    assert response.status_code == 200 and re.search(r"thử lại sau (29|30) giây", response.content.decode())
    assert client.get("/meetings/").status_code == 302
    assert signs_in(CHAIRS_OFFICE, chair)
    slowed = AuditEvent.objects.filter(verb="account.sign_in_failed", detail__reason="slowed")
    assert slowed.get().detail["address"] == "203.0.113.200"
    assert not lockouts(chair).exists()


def test_an_unknown_name_is_recorded_with_the_address(world):
    try_password(ATTACKER, world.users["chair"], "x")
    Client(REMOTE_ADDR=ATTACKER).post(reverse("login"), {"username": "khong-co-ai", "password": "x"})
    event = AuditEvent.objects.filter(verb="account.sign_in_failed", detail__name_tried="khong-co-ai").get()
    assert (event.object_id, event.object_repr, event.detail["address"]) == ("", "khong-co-ai", ATTACKER)
