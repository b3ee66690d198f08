"""Casting under concurrent requests: exactly one ballot per voter, none lost, on SQLite and PostgreSQL.

Each call runs in its own thread with its own database connection, all released together.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection
from django.utils import translation

from hoinghi.voting import selectors, services
from hoinghi.voting.models import Ballot, CountedBallot, VoterRoll
from tests.voting_helpers import BOARDS, add_voters, answer, close_poll, open_poll, running_meeting

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def shared_database():
    # Threads need a database they can share with real locks (tests/settings.py makes SQLite's a file).
    assert not (connection.vendor == "sqlite" and connection.is_in_memory_db())


def together(*calls):
    """Start the calls at the same moment, one thread each; returns their results or exceptions."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        try:
            barrier.wait()
            return call()
        except Exception as error:  # noqa: BLE001  (the test inspects what each caller got)
            return error
        finally:
            connection.close()

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


def caster(user, poll, option, token):
    return lambda: services.cast(user, poll, answer(poll, option), token)


def filled(poll) -> int:
    return Ballot.objects.filter(poll=poll).exclude(sealed="").count()


@pytest.fixture
def poll(world):
    return open_poll(world, running_meeting(world))


def test_a_double_click_counts_once_and_both_get_the_same_receipt(world, poll):
    token = services.new_token()
    first, second = together(*[caster(world.users["member"], poll, "yes", token)] * 2)
    assert isinstance(first, services.CastResult) and isinstance(second, services.CastResult)
    assert first.receipt == second.receipt
    assert sorted([first.repeated, second.repeated]) == [False, True]
    assert filled(poll) == 1 and VoterRoll.objects.count() == 1


def test_a_replay_later_gets_the_same_answer(world, poll):
    token = services.new_token()
    first = services.cast(world.users["member"], poll, answer(poll, "no"), token)
    again = services.cast(world.users["member"], poll, answer(poll, "no"), token)
    assert (again.receipt, again.repeated, first.repeated) == (first.receipt, True, False)
    assert filled(poll) == 1


def test_a_second_device_is_refused_with_a_clear_message(world, poll):
    outcomes = together(
        caster(world.users["member"], poll, "yes", services.new_token()),
        caster(world.users["member"], poll, "no", services.new_token()),
    )
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    accepted = [o for o in outcomes if isinstance(o, services.CastResult)]
    assert len(refused) == 1 and len(accepted) == 1
    # The threads speak the product's default language, Vietnamese.
    with translation.override("vi"):
        assert refused[0].messages == [translation.gettext("You have already voted in this poll.")]
    assert filled(poll) == 1 and VoterRoll.objects.count() == 1


def test_a_request_from_outside_the_electorate_is_refused_while_members_vote(world, poll):
    outcomes = together(
        caster(world.users["invitee"], poll, "yes", services.new_token()),
        caster(world.users["outsider"], poll, "yes", services.new_token()),
        caster(world.users["member"], poll, "yes", services.new_token()),
    )
    assert [type(o) for o in outcomes] == [PermissionDenied, PermissionDenied, services.CastResult]
    assert filled(poll) == 1 and list(VoterRoll.objects.values_list("person", flat=True)) == [world.people["member"].pk]


def test_every_member_casting_at_once_loses_no_ballot(world):
    voters = [world.users[name] for name in ("chair", "member", "member2")] + add_voters(world, 9)
    poll = open_poll(world, running_meeting(world))
    options = ["yes", "no", "abstain"]
    outcomes = together(*[caster(user, poll, options[n % 3], services.new_token()) for n, user in enumerate(voters)])
    assert all(isinstance(o, services.CastResult) and not o.repeated for o in outcomes)
    assert len({o.receipt for o in outcomes}) == len(voters)
    assert filled(poll) == len(voters) == poll.convened
    assert selectors.live_state(poll)["cast_count"] == len(voters)
    close_poll(world, poll)
    counts = {}
    for choices in CountedBallot.objects.filter(poll=poll).values_list("choices", flat=True):
        (option,) = choices.values()
        counts[option] = counts.get(option, 0) + 1
    assert counts == {"yes": 4, "no": 4, "abstain": 4}


def test_each_voter_twice_at_once_from_two_devices_gives_one_ballot_each(world):
    voters = [world.users[name] for name in ("chair", "member", "member2")] + add_voters(world, 3)
    poll = open_poll(world, running_meeting(world))
    calls = [caster(user, poll, "yes", services.new_token()) for user in voters for _device in range(2)]
    outcomes = together(*calls)
    accepted = [o for o in outcomes if isinstance(o, services.CastResult)]
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert (len(accepted), len(refused)) == (len(voters), len(voters))
    assert filled(poll) == len(voters) and VoterRoll.objects.count() == len(voters)


def test_a_close_racing_the_casts_leaves_no_half_cast(world):
    voters = [world.users[name] for name in ("chair", "member", "member2")] + add_voters(world, 5)
    poll = open_poll(world, running_meeting(world))
    casts = [caster(user, poll, "yes", services.new_token()) for user in voters]
    *outcomes, closed = together(*casts, lambda: services.check_close_poll(world.users["chair"], poll))
    accepted = sum(isinstance(o, services.CastResult) for o in outcomes)
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert accepted + len(refused) == len(voters)
    with translation.override("vi"):
        assert all(o.messages == [translation.gettext("This poll is not open for voting.")] for o in refused)
    assert closed.awaiting_board and filled(poll) == accepted == VoterRoll.objects.count()
    assert BOARDS[poll.pk].give_shares().result["returned"] == accepted


def test_a_batch_that_fails_writes_nothing_and_every_voter_in_it_is_told(world, monkeypatch):
    voters = [world.users[name] for name in ("chair", "member", "member2")] + add_voters(world, 5)
    poll = open_poll(world, running_meeting(world))

    def broken_box(poll, casts):
        raise DatabaseError("disk full")

    monkeypatch.setattr(services, "_drop_in_box", broken_box)
    outcomes = together(*[caster(user, poll, "yes", services.new_token()) for user in voters])
    assert all(isinstance(o, DatabaseError) for o in outcomes)
    assert VoterRoll.objects.count() == 0 and filled(poll) == 0  # the roll entries went with the ballots
    monkeypatch.undo()
    retried = together(*[caster(user, poll, "no", services.new_token()) for user in voters])
    assert all(isinstance(o, services.CastResult) for o in retried)
    assert filled(poll) == VoterRoll.objects.count() == len(voters)
