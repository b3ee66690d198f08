"""The API answers each role as the pages do: the confidential item of tests/confidential_world.py, walked through
every endpoint with every role's key (and with none, a revoked one, a closed account's): nothing of it reaches a
role outside its room; the statuses are the pages' (403 where the page refuses, 404 where it hides existence)."""

import json

import pytest

from hoinghi.api import services
from hoinghi.api.models import AccessKey
from tests import confidential_world
from tests.api_helpers import ApiClient, key_for
from tests.confidential_world import DIRECTIVE, IN_THE_ROOM, OUTSIDE, ROLES, SECRET

NO_KEY = {"anonymous", "revoked key", "closed account"}


@pytest.fixture
def room(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return confidential_world.build(world)


def clients(room) -> dict[str, ApiClient]:
    made = {role: ApiClient(key_for(user)) for role, user in room.users.items()}
    made["anonymous"] = ApiClient()
    revoked = key_for(room.users["member"], "Khóa đã thu hồi")
    services.check_revoke_key(room.users["member"], AccessKey.objects.get(name="Khóa đã thu hồi"))
    made["revoked key"] = ApiClient(revoked)
    closing = room.world.users["member2"]  # a seat in the room: what the key read, until the account closed
    made["closed account"] = ApiClient(key_for(closing, "Khóa của tài khoản đã khóa"))
    closing.is_active = False
    closing.save(update_fields=["is_active"])
    return made


def paths(room) -> dict[str, str]:
    """Every GET the API serves, filled with the room's objects: {label: path with its query}."""
    objects, meeting = room.objects, room.meeting
    found = {
        "meetings": "meetings",
        "meetings?q=title": "meetings?q=Zq1title",
        "meetings?q=earlier": "meetings?q=Zqearly",
        "meeting": f"meetings/{meeting.pk}",
        "earlier meeting": f"meetings/{room.earlier.meeting_id}",
        "conclusions": "conclusions",
        "conclusions of the meeting": f"conclusions?meeting={meeting.pk}",
        "directives": "directives",
        "directives of the meeting": f"directives?meeting={meeting.pk}",
        "polls": "polls",
        "polls of the item": f"polls?item={room.secret.pk}",
        "resolutions": "resolutions",
        "resolution": f"resolutions/{objects['resolution']['other'].pk}",
        "target": f"targets/{objects['target']['other'].pk}",
        "figures": f"targets/{objects['target']['other'].pk}/figures",
    }
    for which, item in (("secret", room.secret), ("normal", room.normal), ("earlier", room.earlier)):
        found[f"item {which}"] = f"items/{item.pk}"
    for which, directive in objects["directive"].items():
        found[f"directive {which}"] = f"directives/{directive.pk}"
    for which, poll in objects["poll"].items():
        found[f"poll {which}"] = f"polls/{poll.pk}"
    return found


def markers_for(role: str) -> list[str]:
    markers = list(SECRET.values())
    if role != "unit_secret":  # the unit given the directive reads it; nobody else outside the room
        markers.append(DIRECTIVE)
    return [marker.casefold() for marker in markers]


def test_nothing_of_the_confidential_item_reaches_a_key_outside_its_room(room):
    statuses, leaks = {}, []
    everyone = clients(room)
    walked = paths(room)
    for role, client in everyone.items():
        for label, path in walked.items():
            response = client.get(path)
            statuses[(label, role)] = response.status_code
            assert response["Content-Type"].startswith("application/json"), (label, role)
            said = json.dumps(response.json(), ensure_ascii=False).casefold()
            if role in OUTSIDE or role in NO_KEY:
                leaks += [(role, label, marker) for marker in markers_for(role) if marker in said]
    assert not leaks, "\n".join(map(str, leaks))
    expected = expected_statuses(room)
    wrong = [(key, statuses[key], status) for key, status in expected.items() if statuses[key] != status]
    assert not wrong, "\n".join(map(str, wrong))


def expected_statuses(room) -> dict:
    """The pages' answers, where the rule decides."""
    expected = {}
    for role in [*ROLES, "revoked key", "closed account"]:
        if role in NO_KEY:
            for label in paths(room):
                expected[(label, role)] = 401
            continue
        in_room = role in IN_THE_ROOM
        expected[("item secret", role)] = 200 if in_room else 403
        expected[("poll secret", role)] = 200 if in_room else 403
        expected[("poll secret ballot", role)] = 200 if in_room else 403
        # The follow-up is the office's, the leaders' and the units': the leader not for a confidential item's.
        follows = {"office", "admin"}
        expected[("directive secret", role)] = 200 if role in follows | {"unit_secret"} else 403
        expected[("directive normal", role)] = 200 if role in follows | {"unit_normal", "leader"} else 403
        # The targets: the watchers, and a unit whose organization reports the target (404 for another's, as the
        # dashboard's page); no one else sees the resolutions at all (403).
        sees = {"office", "admin", "leader", "unit_secret"}
        expected[("target", role)] = 200 if role in sees else 404 if role == "unit_normal" else 403
        expected[("resolutions", role)] = 200 if role in sees | {"unit_normal"} else 403
    return expected


def test_a_published_secret_ballot_gives_its_counts_and_never_who_cast_what(room):
    poll = room.objects["poll"]["secret ballot"]
    said = ApiClient(key_for(room.users["member"])).get(f"polls/{poll.pk}").json()
    subject = said["result"]["subjects"][0]
    assert subject["label"] == SECRET["secret subject"]
    assert sum(option["count"] for option in subject["options"]) == 3
    flat = json.dumps(said)
    for who in ("chair", "member", "member2"):
        assert room.world.users[who].get_username() not in flat
    assert "ballots" not in flat and "fingerprints" not in flat


def test_nothing_of_a_poll_before_it_is_published(room):
    from hoinghi.voting import services as voting

    meeting = room.world.meeting(title="Hội nghị tháng sau")
    poll = voting.check_create_poll(
        room.users["office"],
        meeting,
        title="Biểu quyết chưa công bố",
        kind="question",
        method="open",
        subjects=[("Thông qua", None)],
    )
    client = ApiClient(key_for(room.users["office"]))  # the office sees the draft meeting and its draft poll
    assert client.get(f"polls/{poll.pk}").status_code == 404
    assert poll.pk not in [found["id"] for found in client.get("polls").json()["items"]]


def test_a_unit_reads_its_directive_but_not_the_item_behind_it(room):
    directive = room.objects["directive"]["secret"]
    said = ApiClient(key_for(room.users["unit_secret"])).get(f"directives/{directive.pk}").json()
    assert said["content"] == DIRECTIVE and said["item_id"] is None and said["meeting_id"] == room.meeting.pk
    assert [report["text"] for report in said["reports"]] == ["Đã rà soát hồ sơ."]
    office = ApiClient(key_for(room.users["office"])).get(f"directives/{directive.pk}").json()
    assert office["item_id"] == room.secret.pk


def test_a_unit_lists_only_its_own_directives(room):
    for role, which in (("unit_secret", "secret"), ("unit_normal", "normal")):
        listed = ApiClient(key_for(room.users[role])).get("directives").json()
        assert [found["id"] for found in listed["items"]] == [room.objects["directive"][which].pk], role


def test_the_agenda_keeps_the_place_of_a_withheld_item(room):
    leader = ApiClient(key_for(room.users["leader"])).get(f"meetings/{room.meeting.pk}").json()
    assert [entry["withheld"] for entry in leader["agenda"]] == [False, True]
    assert leader["agenda"][1] == {
        "order": room.secret.order,
        "withheld": True,
        "confidential": True,
        "id": None,
        "title": None,
        "kind": None,
        "concluded": False,
    }
    member = ApiClient(key_for(room.users["member"])).get(f"meetings/{room.meeting.pk}").json()
    assert [entry["title"] for entry in member["agenda"]] == [confidential_world.NORMAL_TITLE, SECRET["title"]]


def test_a_refusal_is_audited_as_a_pages(room):
    from hoinghi.core.models import AuditEvent

    response = ApiClient(key_for(room.users["leader"])).get(f"items/{room.secret.pk}")
    assert response.status_code == 403
    refused = AuditEvent.objects.filter(verb="request.refused").latest("seq")
    assert refused.actor_username == room.users["leader"].get_username()
    assert refused.object_repr == f"/api/items/{room.secret.pk}"
