"""The migration to the sealed box keeps every ballot of a database made before it: those of a poll still open are
sealed where they lie, those of a closed poll become its counted ballots."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from hoinghi.voting.models import Ballot, CountedBallot
from hoinghi.voting.services import check_close_poll
from tests.voting_helpers import answer, open_poll, running_meeting

pytestmark = pytest.mark.django_db(transaction=True)
BEFORE, AFTER = [("voting", "0001_initial")], [("voting", "0002_sealed_ballot_box")]


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
