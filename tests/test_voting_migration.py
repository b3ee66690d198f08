"""The migration to the sealed box keeps every ballot of a database made before it: those of a poll still open are
sealed where they lie, those of a closed poll become its counted ballots."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from hoinghi.voting import services
from hoinghi.voting.models import Ballot, CountedBallot
from hoinghi.voting.rules import OPTIONS
from hoinghi.voting.seal import ballot_size, seal_with_site_key, site_key
from hoinghi.voting.services import check_close_poll
from tests.voting_helpers import answer, new_poll, open_poll, running_meeting, subject_ids

pytestmark = pytest.mark.django_db(transaction=True)
BEFORE, AFTER = [("voting", "0001_initial")], [("voting", "0002_sealed_ballot_box")]
BOARD_BEFORE, AFTER_BOARD = AFTER, [("voting", "0003_counting_board")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_ballots_cast_before_the_seal_are_kept(world):
    meeting = running_meeting(world)
    still_open = open_poll(world, meeting, title="Còn đang bỏ phiếu")
    closed = open_poll(world, meeting, title="Đã kết thúc")
    old = migrate(BEFORE)
    OldBallot = old.get_model("voting", "Ballot")
    OldPoll = old.get_model("voting", "Poll")
    for poll, options in ((still_open, ["yes", "no"]), (closed, ["no", "abstain", "yes"])):
        slots = OldBallot.objects.filter(poll_id=poll.pk)[: len(options)]
        for slot, option in zip(slots, options, strict=True):
            OldBallot.objects.filter(pk=slot.pk).update(choices=answer(poll, option), fingerprint=f"f-{option}")
    OldPoll.objects.filter(pk=closed.pk).update(status="closed")
    try:
        migrate(AFTER)
    finally:
        migrate([("voting", latest())])

    counted = sorted(CountedBallot.objects.filter(poll=closed).values_list("choices", flat=True), key=str)
    assert counted == sorted([answer(closed, o) for o in ("no", "abstain", "yes")], key=str)
    assert Ballot.objects.filter(poll=still_open).exclude(sealed="").count() == 2
    still_open.refresh_from_db()
    check_close_poll(world.users["chair"], still_open)  # the sealed ones open as if cast after the migration
    counted = sorted(CountedBallot.objects.filter(poll=still_open).values_list("choices", flat=True), key=str)
    assert counted == sorted([answer(still_open, o) for o in ("yes", "no")], key=str)


def latest() -> str:
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes("voting")
    return leaves[0][1]


def test_polls_sealed_with_the_site_key_before_the_board_close_as_before(world, settings):
    """A database of the day before the counting board (voting 0002): a secret poll open with sealed ballots, and
    one closed. After the migration the open one takes its last casts and closes with the site's key, no board
    needed; the closed one keeps its result and is dated counted at its close."""
    meeting = running_meeting(world)
    still_open = new_poll(world, meeting, title="Còn đang bỏ phiếu")
    closed = new_poll(world, meeting, title="Đã kết thúc")
    old = migrate(BOARD_BEFORE)
    OldPoll, OldBallot = old.get_model("voting", "Poll"), old.get_model("voting", "Ballot")
    OldRoll = old.get_model("voting", "VoterRoll")
    size = ballot_size(subject_ids(still_open), OPTIONS["question"])
    key = site_key(settings.SECRET_KEY, still_open.pk)
    OldPoll.objects.filter(pk=still_open.pk).update(status="open", convened=3, present=0)
    OldBallot.objects.bulk_create(OldBallot(poll_id=still_open.pk) for _slot in range(3))
    for slot, (name, option) in zip(
        OldBallot.objects.filter(poll_id=still_open.pk), [("chair", "yes"), ("member", "no")], strict=False
    ):
        OldBallot.objects.filter(pk=slot.pk).update(sealed=seal_with_site_key(key, answer(still_open, option), size))
        OldRoll.objects.create(poll_id=still_open.pk, person_id=world.people[name].pk, token_hash=name)
    OldPoll.objects.filter(pk=closed.pk).update(status="closed", closed_at=timezone.now(), result={"returned": 0})
    try:
        migrate(AFTER_BOARD)
    finally:
        migrate([("voting", latest())])

    still_open.refresh_from_db()
    assert (still_open.box_key, still_open.status) == ("", "open")
    services.cast(world.users["member2"], still_open, answer(still_open, "yes"), services.new_token())
    still_open = services.check_close_poll(world.users["chair"], still_open)
    assert not still_open.awaiting_board and still_open.result["returned"] == 3
    counted = sorted(CountedBallot.objects.filter(poll=still_open).values_list("choices", flat=True), key=str)
    assert counted == sorted([answer(still_open, o) for o in ("yes", "no", "yes")], key=str)
    closed.refresh_from_db()
    assert closed.counted_at == closed.closed_at and closed.result == {"returned": 0}
