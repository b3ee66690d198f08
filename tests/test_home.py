"""Each role lands on its own work after signing in."""

import pytest

from tests.clients import client_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "landing"),
    [
        ("unit", "/directives/inbox/"),
        ("leader", "/directives/dashboard/"),
        ("office", "/meetings/"),
        ("chair", "/meetings/"),
        ("member", "/meetings/"),
        ("invitee", "/meetings/"),
    ],
)
def test_each_role_lands_on_its_work(world, role, landing):
    answer = client_for(world.users[role]).get("/")
    assert answer.status_code == 302
    assert answer["Location"] == landing
    assert client_for(world.users[role]).get(landing).status_code == 200
