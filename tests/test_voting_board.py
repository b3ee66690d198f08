"""The counting board: named with the poll, its members' phones made ready before opening, its shares given after
the close and kept in memory only; too few shares leave the poll closed and uncounted with nothing lost, a wrong
share is refused, a lost one is covered by the others, a restart loses only the shares given so far."""

import base64

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import translation

from hoinghi.voting import board, board_keys, counting, selectors, services, shares
from hoinghi.voting.board_keys import Share
from hoinghi.voting.models import BoardSeat, CountedBallot, Poll
from tests.clients import client_for
from tests.redis_helpers import redis_server
from tests.voting_helpers import BOARDS, answer, new_poll, open_poll, ready_board, running_meeting


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def meeting(world):
    return running_meeting(world, present=[world.users[name] for name in ("chair", "member", "member2")])


def messages(error) -> str:
    return " ".join(error.value.messages)


def closed_poll(world, meeting, votes=(("chair", "yes"), ("member", "no"), ("member2", "yes"))):
    poll = open_poll(world, meeting)
    for name, option in votes:
        services.cast(world.users[name], poll, answer(poll, option), services.new_token())
    return services.check_close_poll(world.users["chair"], poll)


def shares_of(poll) -> list[Share]:
    """What each member's phone decrypts, in the board's order."""
    poll.refresh_from_db()
    devices = BOARDS[poll.pk].devices
    return [devices[seat.person_id].share(seat.sealed_share, poll.pk, seat.person_id) for seat in poll.board.all()]


def users_of(poll) -> list:
    return [seat.person.user for seat in poll.board.select_related("person__user")]


def test_a_poll_is_created_with_a_board_of_three_two_shares_needed(world, meeting):
    poll = new_poll(world, meeting)
    seats = list(poll.board.select_related("person"))
    # Those who do not chair the meeting first: the chair runs the vote, others count it.
    assert [s.person.full_name for s in seats] == ["Lê Thị Ủy", "Phạm Văn Viên", "Trần Văn Chủ"]
    assert [s.is_head for s in seats] == [True, False, False] and poll.shares_required == 2
    assert not any(s.device_key or s.sealed_share for s in seats)


def test_the_office_or_the_chair_changes_the_board_while_the_poll_is_a_draft(world, meeting):
    poll = new_poll(world, meeting)
    people = world.people
    change = {"members": [people["member2"], people["chair"]], "head": people["chair"], "shares_required": 2}
    for name in ("member", "member2", "leader", "invitee"):
        with pytest.raises(PermissionDenied):
            board.check_set_board(world.users[name], poll, **change)
    board.check_set_board(world.users["office"], poll, **change)
    assert [(s.person_id, s.is_head, s.order) for s in poll.board.all()] == [
        (people["member2"].pk, False, 1),
        (people["chair"].pk, True, 2),
    ]
    refusals = [
        ({"members": [people["member"], people["invitee"]]}, "who have an account"),
        ({"head": people["member"]}, "must be one of its members"),
        ({"shares_required": 3}, "between 2 and the 2 members"),
        ({"shares_required": 1}, "between 2 and the 2 members"),
        ({"members": [people["chair"]], "head": people["chair"]}, "at least two members"),
    ]
    for changes, reason in refusals:
        with pytest.raises(ValidationError) as error:
            board.check_set_board(world.users["chair"], poll, **change | changes)
        assert reason in messages(error)
    ready_board(poll)
    services.check_open_poll(world.users["chair"], poll)
    with pytest.raises(ValidationError, match="before the poll opens"):
        board.check_set_board(world.users["office"], poll, **change)


def test_a_secret_poll_opens_only_once_every_phone_of_its_board_is_ready(world, meeting):
    poll = new_poll(world, meeting)
    member = world.users["member"]
    with pytest.raises(ValidationError) as error:
        services.check_open_poll(world.users["chair"], poll)
    assert "Lê Thị Ủy, Phạm Văn Viên, Trần Văn Chủ must open the board page" in messages(error)
    with pytest.raises(ValidationError, match="could not be read"):
        counting.check_register_device(member, poll, "not a key")
    with pytest.raises(PermissionDenied):
        counting.check_register_device(world.users["office"], poll, "")
    ready_board(poll)
    poll = services.check_open_poll(world.users["chair"], poll)
    assert poll.box_key and all(s.sealed_share and s.share_check for s in poll.board.all())
    with pytest.raises(ValidationError, match="The poll is open"):
        counting.check_register_device(member, poll, BOARDS[poll.pk].devices[member.person_id].public_key)


def test_closing_awaits_the_board_and_too_few_shares_count_nothing(world, meeting):
    poll = closed_poll(world, meeting)
    assert poll.awaiting_board and poll.result is None and not CountedBallot.objects.exists()
    assert (
        selectors.live_state(poll).items()
        >= {"phase": "awaiting_board", "shares_given": 0, "shares_required": 2}.items()
    )
    with pytest.raises(ValidationError, match="not counted yet"):
        services.check_publish_poll(world.users["chair"], poll)
    first, *_others = shares_of(poll)
    poll = counting.check_give_share(users_of(poll)[0], poll, first)
    assert poll.awaiting_board and not CountedBallot.objects.exists()
    assert selectors.live_state(poll)["shares_given"] == 1
    # The member who gave it again changes nothing: still one share of two.
    counting.check_give_share(users_of(poll)[0], poll, first)
    assert selectors.shares_given(poll) == {1}
    # The share is nowhere in the database.
    assert not [
        row for row in _every_value() if first.value.hex() in row or base64.b64encode(first.value).decode() in row
    ]


def _every_value() -> list[str]:
    with connection.cursor() as cursor:
        rows = []
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')
            rows += [" ".join(str(v) for v in row) for row in cursor.fetchall()]
    return rows


def test_two_shares_open_the_box_any_two_and_a_lost_one_is_covered(world, meeting):
    poll = closed_poll(world, meeting)
    given = shares_of(poll)
    users = users_of(poll)
    # The head's phone was lost: the two others give theirs.
    counting.check_give_share(users[2], poll, given[2])
    poll = counting.check_give_share(users[1], poll, given[1])
    assert not poll.awaiting_board and poll.result["returned"] == 3 and poll.counted_at
    counts = poll.result["subjects"][0]["counts"]
    assert counts == {"yes": 2, "no": 1, "abstain": 0}
    assert not BoardSeat.objects.exclude(sealed_share="").exists()  # the encrypted shares are wiped with the seals
    assert selectors.shares_given(poll) == set()
    with pytest.raises(ValidationError, match="already counted"):
        counting.check_give_share(users[0], poll, given[0])
    assert services.check_publish_poll(world.users["chair"], poll).status == "published"


def test_a_wrong_share_is_refused_and_counts_for_nothing(world, meeting):
    poll = closed_poll(world, meeting)
    given = shares_of(poll)
    users = users_of(poll)
    wrong = [
        (users[0], given[1]),  # another member's share
        (users[0], Share(1, bytes(16))),  # made up
        (users[0], Share(1, given[0].value[:-1] + bytes([given[0].value[-1] ^ 1]))),  # one bit off
    ]
    for user, share in wrong:
        with pytest.raises(ValidationError) as error:
            counting.check_give_share(user, poll, share)
        assert "not your share" in messages(error)
    assert selectors.shares_given(poll) == set() and poll.awaiting_board
    with pytest.raises(PermissionDenied):
        counting.check_give_share(world.users["office"], poll, given[0])


def test_a_restart_loses_the_shares_given_and_nothing_else(world, meeting, monkeypatch):
    poll = closed_poll(world, meeting)
    given, users = shares_of(poll), users_of(poll)
    counting.check_give_share(users[0], poll, given[0])
    monkeypatch.setattr(shares, "_memory", shares.MemoryShares())  # the server process started again
    assert selectors.live_state(Poll.objects.get(pk=poll.pk))["shares_given"] == 0
    counting.check_give_share(users[1], poll, given[1])
    assert Poll.objects.get(pk=poll.pk).awaiting_board  # one share of two again: the first must be given anew
    poll = counting.check_give_share(users[0], poll, given[0])
    assert poll.result["returned"] == 3


def test_shares_are_given_only_once_the_vote_is_closed(world, meeting):
    poll = open_poll(world, meeting)
    given, users = shares_of(poll), users_of(poll)
    with pytest.raises(ValidationError, match="once the vote is closed"):
        counting.check_give_share(users[0], poll, given[0])
    Poll.objects.filter(pk=poll.pk).update(box_key="")  # a poll sealed before the board held the key
    with pytest.raises(ValidationError, match="no share is needed"):
        counting.check_give_share(users[0], Poll.objects.get(pk=poll.pk), given[0])


def test_the_paper_code_is_typed_on_the_board_page(world, meeting):
    poll = closed_poll(world, meeting)
    given = shares_of(poll)
    users = users_of(poll)
    page = reverse("voting:board_share", args=[poll.pk])
    member = client_for(users[0], "en")
    code = board_keys.paper_code(poll.pk, given[0])
    typo = code[:-1] + ("A" if code[-1] != "A" else "B")
    refused = member.post(page, {"code": typo})
    assert refused.status_code == 400 and "typing mistake" in refused.content.decode()
    others = board_keys.paper_code(poll.pk, given[1])
    refused = member.post(page, {"code": others})
    assert refused.status_code == 400 and "not your share" in refused.content.decode()
    assert member.post(page, {"code": code.lower().replace("-", " ")}).status_code == 302
    second = client_for(users[1], "en")
    answer = second.post(page, {"share": base64.b64encode(board_keys.share_bytes(given[1])).decode()})
    assert answer.status_code == 200 and answer.json()["phase"] == "counted"
    assert Poll.objects.get(pk=poll.pk).result["returned"] == 3
    assert client_for(world.users["outsider"], "en").post(page, {"code": code}).status_code == 403


def test_the_shares_wait_in_a_redis_without_persistence_and_a_persistent_one_is_refused(world, meeting, settings):
    poll = closed_poll(world, meeting)
    given, users = shares_of(poll), users_of(poll)
    with redis_server() as url:
        settings.REDIS_URL = url
        counting.check_give_share(users[0], poll, given[0])
        stored = shares.store().client.hgetall(f"{shares.PREFIX}{poll.pk}:{poll.box_key}")
        assert list(stored) == [b"1"] and 0 < shares.store().client.ttl(f"{shares.PREFIX}{poll.pk}:{poll.box_key}")
        assert counting.check_give_share(users[1], poll, given[1]).result["returned"] == 3
        assert not shares.store().client.keys(f"{shares.PREFIX}*")  # forgotten once counted
    with redis_server("--appendonly", "yes", "--dir", str(settings.DATA_DIR)) as url:
        settings.REDIS_URL = url
        other = closed_poll(world, running_meeting(world), votes=(("chair", "yes"),))
        with pytest.raises(ValidationError, match="keeps its data on disk"):
            counting.check_give_share(users_of(other)[0], other, shares_of(other)[0])


def test_a_draft_and_its_board_page_are_shown_to_its_board_and_those_who_prepare_it(world, meeting):
    people = world.people
    poll = new_poll(world, meeting)
    board.check_set_board(
        world.users["office"],
        poll,
        members=[people["member"], people["chair"]],
        head=people["member"],
        shares_required=2,
    )
    page, listing = reverse("voting:board", args=[poll.pk]), reverse("meetings:detail", args=[meeting.pk])
    for name, allowed in (("member", True), ("chair", True), ("office", True), ("member2", False), ("leader", False)):
        client = client_for(world.users[name], "en")
        assert (client.get(page).status_code == 200) is allowed, name
        assert (reverse("voting:detail", args=[poll.pk]) in client.get(listing).content.decode()) is allowed, name
    member_page = client_for(world.users["member"], "en").get(page).content.decode()
    assert 'id="board-part"' in member_page and 'id="board-change"' not in member_page
    assert 'id="board-change"' in client_for(world.users["office"], "en").get(page).content.decode()
