"""Deleting a poll prepared by mistake: only in draft, recorded in the audit log. A draft holds no ballot, no voter
roll and no paper figures (opening takes the roll), so nothing depends on it but its own subjects and board, which go
with it; the check is made again here so that a poll with any of them is never deleted."""

from collections import Counter

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hoinghi.core import audit, errors
from hoinghi.meetings.removal import describe

from . import permissions as perm
from .models import Ballot, CountedBallot, NamedVote, PaperTally, Poll, VoterRoll
from .rules import Status

DEPENDENTS = {
    Ballot: gettext_lazy("ballots"),
    CountedBallot: gettext_lazy("counted ballots"),
    NamedVote: gettext_lazy("named votes"),
    VoterRoll: gettext_lazy("voters on the roll"),
    PaperTally: gettext_lazy("paper ballot figures"),
}


def check_delete_poll(actor, poll: Poll) -> None:
    errors.require(perm.can_create(actor, poll.meeting), _("Only the office or the chair deletes a poll."))
    do_delete_poll(actor, poll)


def refusal(poll: Poll) -> str:
    if poll.status != Status.DRAFT:
        return _("Only a poll in draft can be deleted; once opened it stays on record.")
    held = +Counter({str(name): model.objects.filter(poll=poll).count() for model, name in DEPENDENTS.items()})
    return _("This poll cannot be deleted: it already has %(what)s.") % {"what": describe(held)} if held else ""


@transaction.atomic
def do_delete_poll(actor, poll: Poll) -> None:
    poll = Poll.objects.select_for_update(of=("self",)).get(pk=poll.pk)
    if reason := refusal(poll):
        errors.invalid(reason)
    subjects = list(poll.subjects.order_by("order").values_list("label", flat=True))
    audit.record(actor, "poll.delete", poll, title=poll.title, kind=poll.kind, method=poll.method, subjects=subjects)
    poll.delete()
