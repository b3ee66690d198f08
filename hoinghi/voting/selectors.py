"""Reads of polls: the electorate, the live count, the published record and results for templates.

While a secret poll is open nothing here gives a count per option or says who has voted, except
`has_voted`, which views call for the voter himself only.
"""

import json
from fractions import Fraction

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hoinghi.core.db import plain_select
from hoinghi.directory.models import Membership, active_on
from hoinghi.meetings import permissions as meeting_perm
from hoinghi.meetings.models import AgendaItem, Meeting, Participant

from . import permissions as perm
from . import shares, tally
from .models import Ballot, BoardSeat, PaperTally, Poll, VoterRoll
from .rules import OPTIONS, Finding, Method, Rule, Status
from .verify import receipt_fingerprint

OPTION_LABELS = {
    "yes": _("Agree"),
    "no": _("Disagree"),
    "abstain": _("Abstain"),
    "chosen": _("Chosen"),
    "not_chosen": _("Not chosen"),
    "excellent": _("Completed duties excellently"),
    "good": _("Completed duties well"),
    "completed": _("Completed duties"),
    "not_completed": _("Did not complete duties"),
    "high": _("High confidence"),
    "medium": _("Confidence"),
    "low": _("Low confidence"),
}

# A confidence vote's finding (tally.confidence_finding); a finding of low confidence is shown as a warning.
FINDING_LABELS = {
    Finding.LOW_TWO_THIRDS: _("Two thirds or more of the ballots rate low confidence"),
    Finding.LOW_MAJORITY: _("More than half of the ballots rate low confidence"),
    Finding.NOT_LOW: _("Not more than half of the ballots rate low confidence"),
    Finding.NONE: _("No ballot returned"),
}
LOW_FINDINGS = (Finding.LOW_TWO_THIRDS, Finding.LOW_MAJORITY)


def electorate(meeting: Meeting) -> QuerySet[Participant]:
    """The members who may vote: member participants whose seat in the body is active today."""
    seats = Membership.objects.filter(term_id=meeting.term_id).filter(active_on(timezone.localdate()))
    return meeting.participants.filter(is_member=True, person_id__in=seats.values("person_id"))


def latest_paper_tally(poll: Poll) -> PaperTally | None:
    return poll.paper_tallies.first()


def cast_count(poll: Poll) -> int:
    if poll.method == Method.PAPER:
        figures = latest_paper_tally(poll)
        return figures.returned if figures else 0
    # (A plain count: the live state is read again after every batch of casts.)
    return plain_select(VoterRoll, "COUNT(*)", "poll_id = %s", [poll.pk])[0][0]


def phase(poll: Poll) -> str:
    """The status, with a closed poll told apart by whether its ballots are counted yet."""
    if poll.status == Status.CLOSED:
        return "awaiting_board" if poll.result is None else "counted"
    return poll.status


def shares_given(poll: Poll) -> set[int]:
    """The board seats whose share is in, while a secret poll awaits its board (kept in memory, see shares.py)."""
    return shares.store().given(poll) if poll.awaiting_board and poll.box_key else set()


def live_state(poll: Poll) -> dict:
    """All the room may know while the poll runs: no count per option, nobody's name."""
    state = {
        "status": poll.status,
        "phase": phase(poll),
        "cast_count": cast_count(poll),
        "convened": poll.convened,
        "present": poll.present,
        "title": poll.title,
    }
    if poll.awaiting_board:
        state |= {"shares_given": len(shares_given(poll)), "shares_required": poll.shares_required}
    return state


def compute_result(poll: Poll) -> dict:
    """The result from the counted ballots, the named votes or the board's paper figures (tally.py)."""
    rule = Rule(Fraction(poll.share_numerator, poll.share_denominator), poll.strict, poll.base)
    subject_ids = [str(subject.pk) for subject in poll.subjects.all()]  # the page's prefetch, if any
    people = {"convened": poll.convened, "present": poll.present}
    if poll.method == Method.PAPER:
        figures = latest_paper_tally(poll)
        return tally.tally_counts(
            poll.kind, subject_ids, figures.counts, rule, returned=figures.returned, valid=figures.valid, **people
        )
    if poll.method == Method.SECRET:
        ballots = poll.counted_ballots.values_list("choices", flat=True)
    else:
        ballots = poll.named_votes.values_list("choices", flat=True)
    return tally.tally(poll.kind, subject_ids, list(ballots), rule, max_choices=poll.max_choices, **people)


def has_voted(poll: Poll, person_id: int) -> bool:
    return poll.roll.filter(person_id=person_id).exists()


def recorded_absent(poll: Poll, person_id: int) -> bool:
    """A member recorded absent from the meeting does not vote (services.cast refuses him too)."""
    return poll.meeting.participants.filter(person_id=person_id, attendance=Participant.Attendance.ABSENT).exists()


def not_yet_voted(poll: Poll) -> list:
    """For the chair's console, in open (named) polls only: a secret poll never says who has voted."""
    if poll.method != Method.OPEN or poll.status != Status.OPEN:
        return []
    waiting = electorate(poll.meeting).exclude(person_id__in=poll.roll.values("person_id"))
    return [seat.person for seat in waiting.select_related("person").order_by("person__full_name")]


def _canonical(ballots) -> list[dict]:
    # Sorted by content: the published order carries nothing, not even the order rows were read in.
    return sorted(ballots, key=lambda ballot: json.dumps(ballot, sort_keys=True))


def published_ballots(poll: Poll) -> list[dict]:
    """The contents of the ballots counted, without voters or fingerprints; only once published."""
    if poll.status != Status.PUBLISHED:
        return []
    if poll.method == Method.SECRET:
        return _canonical(poll.counted_ballots.values_list("choices", flat=True))
    if poll.method == Method.OPEN:
        return _canonical(poll.named_votes.values_list("choices", flat=True))
    return []


def fingerprints(poll: Poll) -> list[str]:
    if poll.status != Status.PUBLISHED or poll.method != Method.SECRET:
        return []
    return sorted(poll.ballots.exclude(fingerprint="").values_list("fingerprint", flat=True))


def receipt_counted(poll: Poll, receipt: str) -> bool:
    if poll.status != Status.PUBLISHED or poll.method != Method.SECRET:
        return False
    return Ballot.objects.filter(poll=poll, fingerprint=receipt_fingerprint(receipt)).exists()


def _paper_figures(figures: PaperTally) -> dict:
    fields = ["issued", "returned", "valid", "invalid", "counts"]
    return {name: getattr(figures, name) for name in fields}


def published_record(poll: Poll) -> dict | None:
    """What `<poll>/published.json` serves and `verify` reads: enough to recompute the result."""
    if poll.status != Status.PUBLISHED:
        return None
    figures = latest_paper_tally(poll) if poll.method == Method.PAPER else None
    return {
        "poll": {
            "id": poll.pk,
            "title": poll.title,
            "kind": poll.kind,
            "method": poll.method,
            "max_choices": poll.max_choices,
        },
        "rule": {"base": poll.base, "share": [poll.share_numerator, poll.share_denominator], "strict": poll.strict},
        "convened": poll.convened,
        "present": poll.present,
        "subjects": [{"id": str(s.pk), "label": s.label} for s in poll.subjects.all()],
        "ballots": published_ballots(poll),
        "fingerprints": fingerprints(poll),
        "paper": _paper_figures(figures) if figures else None,
        "result": poll.result,
    }


def results_view(poll: Poll) -> dict | None:
    """The computed result with subject and option labels, for templates; None before the close.

    Views show it to the room only once the poll is published.
    """
    if poll.result is None:
        return None
    result = poll.result
    subjects = {str(s.pk): s for s in poll.subjects.all()}
    return {
        "base": result["base"],
        "base_label": Poll.Base(result["base"]).label,
        "base_count": result["base_count"],
        "confidence": result["kind"] == Poll.Kind.CONFIDENCE,
        "option_labels": [OPTION_LABELS[code] for code in OPTIONS[result["kind"]]],
        "share": "{}/{}".format(*result["share"]),
        "strict": result["strict"],
        "convened": result["convened"],
        "present": result["present"],
        "returned": result["returned"],
        "valid": result["valid"],
        "subjects": [
            {
                "label": subjects[entry["id"]].label,
                "person": subjects[entry["id"]].person,
                # In the kind's order: a result read back from PostgreSQL's jsonb has its keys sorted.
                "options": [
                    {
                        "code": code,
                        "label": OPTION_LABELS[code],
                        "count": entry["counts"][code],
                        "percent": entry["percent"][code],
                    }
                    for code in OPTIONS[result["kind"]]
                ],
                "passed": entry["passed"],
                "level": entry.get("level"),
                "level_label": OPTION_LABELS.get(entry.get("level")),
                "finding_label": FINDING_LABELS.get(entry.get("finding")),
                "low_finding": entry.get("finding") in LOW_FINDINGS,
            }
            for entry in result["subjects"]
        ],
    }


def _visible(user, polls, meeting: Meeting) -> QuerySet[Poll]:
    if not meeting_perm.can_view_meeting(user, meeting):
        return polls.none()
    if not perm.can_create(user, meeting):
        # A draft is listed for those who prepare it and for its counting board (their phones get ready first).
        on_board = BoardSeat.objects.filter(poll=OuterRef("pk"), person_id=user.person_id)
        polls = polls.filter(~Q(status=Status.DRAFT) | Exists(on_board))
    return polls.select_related("item", "meeting").prefetch_related("subjects")


def polls_for_meeting(user, meeting: Meeting) -> list[Poll]:
    polls = _visible(user, meeting.polls.all(), meeting)
    items = {}
    for poll in polls:
        if poll.item_id is not None and poll.item_id not in items:
            items[poll.item_id] = meeting_perm.can_view_item(user, poll.item)
    return [poll for poll in polls if poll.item_id is None or items[poll.item_id]]


def polls_for_item(user, item: AgendaItem) -> list[Poll]:
    if not meeting_perm.can_view_item(user, item):
        return []
    return list(_visible(user, item.polls.all(), item.meeting))


def load_poll(pk) -> Poll:
    """The poll a URL names, for the permission guards of the views."""
    polls = Poll.objects.select_related("meeting__body", "item__meeting").prefetch_related("subjects")
    return get_object_or_404(polls, pk=pk)
