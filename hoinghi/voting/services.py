"""Writes to polls: prepare, open, cast, enter paper counts, close and publish.

Each runs in one transaction that first locks the poll row, so a cast and a close never cross and two
casts never pick the same ballot slot. Opening, closing, publishing and paper counts are audited; casts
are not: who voted is the voter roll, and what was voted is written only into the ballot box.

`check_*` checks that the acting person may, then calls the action `do_*` (which the demo loader calls
directly). A cast has no such split: that the voter is in the electorate is decided where his ballot is
written, under the poll's lock, as part of the action itself.
"""

import base64
import hashlib
import hmac
import random
import secrets
import threading
from dataclasses import dataclass, field
from fractions import Fraction

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections, router, transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hoinghi.core import audit, errors, live
from hoinghi.core.db import plain_select, plain_update, serialized_writes
from hoinghi.core.text import clean, match_key
from hoinghi.meetings import rules as meeting_rules
from hoinghi.meetings.models import Meeting, Participant

from . import board, box, seal, selectors
from . import permissions as perm
from .credential import BallotPaper, paper_of
from .models import Ballot, NamedVote, PaperTally, Poll, PollSubject, VoterRoll
from .permissions import NOT_IN_ELECTORATE
from .rules import DEFAULT_RULES, OPTIONS, Base, Kind, Method, Rule, Status
from .verify import RECEIPT_LENGTH, group_receipt, receipt_fingerprint

# A confidence vote is taken only when two thirds of the members convened are present.
CONFIDENCE_QUORUM = Fraction(2, 3)
TOKEN_LENGTHS = range(16, 129)

_random = random.SystemRandom()
SETTLED = "settled"  # the code of a refusal that no other ballot could change: already voted, poll not open
STALE_FORM = gettext_lazy("This ballot form is no longer valid: reload the page.")
RECORDED_ABSENT = gettext_lazy(
    "You are recorded absent from this meeting, so you cannot vote. If you are in the room, ask the office to "
    "correct the attendance first."
)
ABSENT = Participant.Attendance.ABSENT


@dataclass(frozen=True)
class CastResult:
    # XXXX-XXXX-XXXX, empty in an open poll (its named list is the record). Kept out of repr(): Django's
    # DEBUG log of template contexts would otherwise write it next to the voter's name.
    receipt: str = field(repr=False)
    repeated: bool = False  # a retry of a cast already recorded: same answer, nothing counted twice


def new_token() -> str:
    """The one-time value a voting page puts in its form: 128 random bits, never stored."""
    return secrets.token_urlsafe(16)


def locked(poll: Poll) -> Poll:
    return Poll.objects.select_for_update(of=("self",)).select_related("meeting").get(pk=poll.pk)


def _expect(poll: Poll, status: str) -> None:
    if poll.status != status:
        errors.invalid(
            _("This is not possible while the poll is %(status)s.") % {"status": poll.get_status_display().lower()}
        )


def announce(poll: Poll, *, meeting: bool = False) -> None:
    """After commit, the poll's new state to its screens (and to the meeting's when its status changed)."""

    def send():
        state = selectors.live_state(poll)
        live.publish(f"poll-{poll.pk}", state)
        if meeting:
            live.publish(f"meeting-{poll.meeting_id}", {"poll": poll.pk, **state})

    transaction.on_commit(send)


def _rule(kind: str, base, share, strict) -> Rule:
    default = DEFAULT_RULES[kind]
    if kind == Kind.CONFIDENCE:
        return default  # Quy định 96-QĐ/TW fixes its base and thresholds (tally.confidence_finding)
    share = default.share if share is None else Fraction(share)
    strict = default.strict if strict is None else strict
    if not 0 < share <= 1 or share.denominator > 100:
        errors.invalid(_("The threshold must be a simple fraction between 0 and 1, such as 2/3."), "share")
    if share == 1 and strict:
        errors.invalid(_("More than the whole base can never be reached."), "share")
    return Rule(share, strict, default.base if base is None else base)


def _subjects(kind: str, title: str, subjects) -> list[PollSubject]:
    """A question is its own single subject; the other kinds list candidates, members or office holders."""
    if kind == Kind.QUESTION:
        # The label only names the line of the result; the poll keeps the whole question.
        pairs = [(Truncator(title).chars(PollSubject._meta.get_field("label").max_length), None)]
    else:
        pairs = [(clean(label or ""), person) for label, person in subjects]
    if not pairs:
        errors.invalid(_("Add at least one name to vote on."), "subjects")
    if kind == Kind.CONFIDENCE and any(person is None for _label, person in pairs):
        # A confidence vote rates office holders, never a collective (left over from a yearly rating's form).
        errors.invalid(
            _("A confidence vote is taken on office holders: pick each of them from the participants."), "subjects"
        )
    if len({match_key(label) for label, _person in pairs}) != len(pairs):
        errors.invalid(_("Each name may appear only once."), "subjects")
    rows = [PollSubject(order=n, label=label, person=person) for n, (label, person) in enumerate(pairs, start=1)]
    for row in rows:
        try:
            row.full_clean(exclude=["poll"])
        except ValidationError as error:
            errors.invalid(" ".join(error.messages), "subjects")
    return rows


def check_create_poll(actor, meeting: Meeting, **poll) -> Poll:
    errors.require(perm.can_create(actor, meeting))
    return do_create_poll(actor, meeting, **poll)


@transaction.atomic
def do_create_poll(
    actor,
    meeting: Meeting,
    *,
    title: str,
    kind: str,
    method: str,
    subjects: list,
    item=None,
    base=None,
    share=None,
    strict=None,
    max_choices=None,
) -> Poll:
    """A draft poll; `subjects` is [(label, person or None)], ignored for a question (its title is its subject)."""
    meeting = Meeting.objects.get(pk=meeting.pk)
    if meeting.status not in meeting_rules.EDITABLE_AGENDA:
        errors.invalid(_("Polls cannot be added to a closed meeting."))
    if kind not in OPTIONS:
        errors.invalid(_("Choose the kind of poll."), "kind")
    if item is not None and item.meeting_id != meeting.pk:
        errors.invalid(_("The item must belong to this meeting."), "item")
    rule = _rule(kind, base, share, strict)
    poll = Poll(
        meeting=meeting,
        item=item,
        title=clean(title or ""),
        kind=kind,
        method=method,
        base=rule.base,
        share_numerator=rule.share.numerator,
        share_denominator=rule.share.denominator,
        strict=rule.strict,
        created_by=actor,
    )
    poll.full_clean()
    rows = _subjects(kind, poll.title, subjects)
    if kind == Kind.CHOOSE:
        if max_choices is None or not 1 <= max_choices <= len(rows):
            errors.invalid(_("Choose up to how many names: at least 1, at most the number of names."), "max_choices")
        poll.max_choices = max_choices
    poll.save()
    for row in rows:
        row.poll = poll
    PollSubject.objects.bulk_create(rows)
    board.seat_default_board(poll)
    audit.record(
        actor,
        "poll.create",
        poll,
        kind=kind,
        method=method,
        base=rule.base,
        share=f"{rule.share.numerator}/{rule.share.denominator}",
        strict=rule.strict,
        max_choices=poll.max_choices,
        subjects=[row.label for row in rows],
    )
    return poll


ONLY_THE_CHAIR = gettext_lazy("Only the chair opens, closes and publishes a poll.")


def check_open_poll(actor, poll: Poll) -> Poll:
    errors.require(perm.can_run(actor, poll), ONLY_THE_CHAIR)
    return do_open_poll(actor, poll)


@transaction.atomic
def do_open_poll(actor, poll: Poll) -> Poll:
    poll = locked(poll)
    _expect(poll, Status.DRAFT)
    if poll.meeting.status != Meeting.Status.IN_PROGRESS:
        errors.invalid(_("A poll opens only while the meeting is in progress."))
    seats = selectors.electorate(poll.meeting)
    poll.convened = seats.count()
    poll.present = seats.filter(attendance=Participant.Attendance.PRESENT).count()
    if poll.convened == 0:
        errors.invalid(_("The meeting has no members who can vote."))
    if poll.base == Base.PRESENT and poll.present == 0:
        errors.invalid(_("Record who is present before opening a poll counted over the members present."))
    quorum = meeting_rules.quorum(poll.convened, poll.present, CONFIDENCE_QUORUM)
    if poll.kind == Kind.CONFIDENCE and not quorum.reached:
        errors.invalid(
            _("A confidence vote needs %(required)d of the %(convened)d members present; %(present)d are recorded.")
            % {"required": quorum.required, "convened": poll.convened, "present": poll.present}
        )
    poll.status, poll.opened_at = Status.OPEN, timezone.now()
    if poll.method == Method.SECRET:
        # The key pair, its private half split among the board's devices and forgotten.
        box.lock(poll, board.check_ready_to_open(poll))
        # The whole box before anyone votes, one empty slot per member with a random id: neither
        # the ids nor the rows' order can follow the order of the casts.
        Ballot.objects.bulk_create(Ballot(poll=poll) for _slot in range(poll.convened))
    poll.save(update_fields=["status", "opened_at", "convened", "present", "box_key"])
    audit.record(actor, "poll.open", poll, convened=poll.convened, present=poll.present)
    announce(poll, meeting=True)
    return poll


def check_close_poll(actor, poll: Poll) -> Poll:
    errors.require(perm.can_run(actor, poll), ONLY_THE_CHAIR)
    return do_close_poll(actor, poll)


@transaction.atomic
def do_close_poll(actor, poll: Poll) -> Poll:
    """Stop the casts. The result is computed now, or for a secret poll once its counting board has given enough
    shares (counting.py); it is shown to the room when published."""
    poll = locked(poll)
    _expect(poll, Status.OPEN)
    if poll.method == Method.PAPER and selectors.latest_paper_tally(poll) is None:
        errors.invalid(_("Enter the counting board's figures before closing the poll."))
    poll.status, poll.closed_at = Status.CLOSED, timezone.now()
    if poll.method == Method.SECRET and poll.box_key:
        poll.save(update_fields=["status", "closed_at"])
        audit.record(actor, "poll.close", poll, returned=poll.roll.count())
        announce(poll, meeting=True)
        return poll
    if poll.method == Method.SECRET:
        box.open_with_site_key(poll)
    poll.result, poll.counted_at = selectors.compute_result(poll), poll.closed_at
    poll.save(update_fields=["status", "closed_at", "result", "counted_at"])
    audit.record(actor, "poll.close", poll, returned=poll.result["returned"])
    announce(poll, meeting=True)
    return poll


def check_publish_poll(actor, poll: Poll) -> Poll:
    errors.require(perm.can_run(actor, poll), ONLY_THE_CHAIR)
    return do_publish_poll(actor, poll)


@transaction.atomic
def do_publish_poll(actor, poll: Poll) -> Poll:
    poll = locked(poll)
    _expect(poll, Status.CLOSED)
    if poll.result is None:
        errors.invalid(_("The ballots are not counted yet: the counting board gives its shares first."))
    poll.status, poll.published_at = Status.PUBLISHED, timezone.now()
    poll.save(update_fields=["status", "published_at"])
    audit.record(actor, "poll.publish", poll)
    announce(poll, meeting=True)
    return poll


def _receipt(poll_pk: int, token: str) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), f"{poll_pk}:{token}".encode(), hashlib.sha256).digest()
    return group_receipt(base64.b32encode(digest).decode()[:RECEIPT_LENGTH])


def _checked_ballot(paper: BallotPaper, choices) -> dict:
    """Every subject answered with one of the kind's options; electronic ballots cannot be spoilt."""
    subject_ids = list(paper.subject_ids)
    if not isinstance(choices, dict) or {str(key) for key in choices} != set(subject_ids):
        errors.invalid(_("Answer every question on the ballot."))
    ballot = {str(key): value for key, value in choices.items()}
    if any(ballot[s] not in OPTIONS[paper.kind] for s in subject_ids):
        errors.invalid(_("Choose one of the options for each question."))
    chosen = sum(1 for s in subject_ids if ballot[s] == "chosen")
    if paper.kind == Kind.CHOOSE and chosen > paper.max_choices:
        errors.invalid(
            _("You chose %(chosen)d names; choose at most %(limit)d.") % {"chosen": chosen, "limit": paper.max_choices}
        )
    return {s: ballot[s] for s in subject_ids}


def _drop_in_box(poll: Poll, casts: list["_Pending"]) -> None:
    """Fill random empty slots, one sealed ballot per cast, in ONE statement that rewrites every slot of the poll.

    So on PostgreSQL every slot carries the same xmin afterwards and no slot's position moves; on
    SQLite rows keep the rowid they got at opening. The statement is written out, not built by the ORM: it is made
    under the poll's lock, which every other batch of every server process waits for.
    """
    empty = plain_select(Ballot, "id", "poll_id = %s AND sealed = ''", [poll.pk])
    if len(empty) < len(casts):
        errors.invalid(_("Every ballot of this poll has been cast."))
    connection = connections[router.db_for_write(Ballot)]
    # The slots' ids as the database gave them, so as it compares them (SQLite keeps UUIDs as text).
    filling = list(zip((row[0] for row in _random.sample(empty, len(casts))), casts, strict=True))
    whens = " ".join(["WHEN %s THEN %s"] * len(filling))
    sealed = [value for slot, cast in filling for value in (slot, cast.sealed)]
    fingerprints = [value for slot, cast in filling for value in (slot, receipt_fingerprint(cast.receipt))]
    where, params = "poll_id = %s", [poll.pk]
    if connection.vendor == "sqlite":
        # SQLite keeps no per-row transaction id and rewrites a row where it lies: those slots are enough.
        where += f" AND id IN ({', '.join(['%s'] * len(filling))})"
        params += [slot for slot, _cast in filling]
    # (Kept out of the SQL debug log by the settings' logging filter.)
    plain_update(
        Ballot,
        f"sealed = CASE id {whens} ELSE sealed END, fingerprint = CASE id {whens} ELSE fingerprint END",
        where,
        [*sealed, *fingerprints, *params],
    )


def _sealed(paper: BallotPaper, ballot: dict) -> str:
    size = seal.ballot_size(paper.subject_ids, OPTIONS[paper.kind])
    if paper.box_key:
        return seal.seal(base64.b64decode(paper.box_key), paper.pk, ballot, size)
    # A poll opened before the counting board held the key takes its last casts as it took the first.
    return seal.seal_with_site_key(seal.site_key(settings.SECRET_KEY, paper.pk), ballot, size)


@dataclass(eq=False)
class _Pending:
    """One request's checked cast, waiting for the transaction that writes it."""

    person_id: int
    token_hash: str
    box_key: str  # the public key the ballot was sealed to
    ballot: dict = field(repr=False)  # written as it is in an open poll; sealed in a secret one
    sealed: str = field(repr=False)
    receipt: str = field(repr=False)
    outcome: CastResult | Exception | None = None

    def answer(self) -> CastResult:
        if isinstance(self.outcome, Exception):
            raise self.outcome
        return self.outcome


def _again(pending: _Pending, known_hash: str) -> CastResult | ValidationError:
    """A cast from a voter on the roll: the same token is a retry (a double click, a lost response) and gets the
    same answer, counted once; another token (a second device) is refused."""
    if hmac.compare_digest(known_hash, pending.token_hash):
        return CastResult(pending.receipt, repeated=True)
    return ValidationError(_("You have already voted in this poll."), code=SETTLED)


def _write_casts(poll_pk: int, casts: list[_Pending]) -> None:
    """Record the casts in one transaction, under the poll's lock; each gets its outcome once committed.

    Only what must be decided under the lock is: on SQLite every writer of every process waits for it, and
    while a whole room votes it is busy most of the time. The electorate is read before, the news after.
    """
    poll = Poll.objects.select_related("meeting").get(pk=poll_pk)
    # Checked once per batch at the moment of writing: a seat lost, or an absence recorded, since the page loaded
    # counts.
    attendance = dict(
        selectors.electorate(poll.meeting)
        .filter(person_id__in={c.person_id for c in casts})
        .values_list("person_id", "attendance")
    )
    outcomes = {c: PermissionDenied(NOT_IN_ELECTORATE) for c in casts if c.person_id not in attendance}
    outcomes |= {c: PermissionDenied(RECORDED_ABSENT) for c in casts if attendance.get(c.person_id) == ABSENT}
    voting = [c for c in casts if c not in outcomes]
    accepted = []
    with serialized_writes(), transaction.atomic():
        # The poll's lock, its status now (a close may have come since) and the key its ballots are sealed to: the
        # rest was read above.
        ((poll.status, poll.box_key),) = plain_select(Poll, "status, box_key", "id = %s", [poll.pk], lock=True)
        people = sorted({c.person_id for c in voting})
        in_batch = f"poll_id = %s AND person_id IN ({', '.join(['%s'] * len(people))})"
        recorded = (
            dict(plain_select(VoterRoll, "person_id, token_hash", in_batch, [poll.pk, *people])) if people else {}
        )
        for pending in voting:
            known = recorded.get(pending.person_id)
            if known is not None:
                outcomes[pending] = _again(pending, known)
            elif poll.status != Status.OPEN:
                outcomes[pending] = ValidationError(_("This poll is not open for voting."), code=SETTLED)
            elif poll.method == Method.SECRET and pending.box_key != poll.box_key:
                outcomes[pending] = ValidationError(STALE_FORM)
            else:
                recorded[pending.person_id] = pending.token_hash
                accepted.append(pending)
                outcomes[pending] = CastResult(pending.receipt, repeated=False)
        if accepted:
            VoterRoll.objects.bulk_create(
                VoterRoll(poll=poll, person_id=c.person_id, token_hash=c.token_hash) for c in accepted
            )
            if poll.method == Method.SECRET:
                _drop_in_box(poll, accepted)
            else:
                NamedVote.objects.bulk_create(
                    NamedVote(poll=poll, person_id=c.person_id, choices=c.ballot) for c in accepted
                )
    if accepted:
        announce(poll)  # (inside a caller's transaction, once that commits)
    for pending, outcome in outcomes.items():
        pending.outcome = outcome


class _GroupCommit:
    """The casts of this process, written in batches: whoever gets the writer's turn writes every cast
    queued meanwhile, in one transaction, and each request answers once its own cast is committed.

    When a whole room votes at once, one turn per cast made every request wait for all the round trips
    of those before it, each also waiting for the interpreter among busy threads; a batch pays them once.
    """

    def __init__(self):
        self._queue_lock = threading.Lock()
        self._writer = threading.Lock()
        self._queues: dict[int, list[_Pending]] = {}

    def submit(self, poll_pk: int, pending: _Pending) -> CastResult:
        with self._queue_lock:
            self._queues.setdefault(poll_pk, []).append(pending)
        with self._writer:
            if pending.outcome is None:
                with self._queue_lock:
                    batch = self._queues.pop(poll_pk)
                try:
                    _write_casts(poll_pk, batch)
                except Exception as error:
                    for waiting in batch:
                        waiting.outcome = error
        return pending.answer()


_group_commit = _GroupCommit()


def cast(actor, poll: Poll, choices: dict, token: str) -> CastResult:
    """Record the acting member's ballot once; a retry with the same token gets the same receipt.

    `choices` is {subject id: option}; `token` is the one-time value of the page the ballot came from.
    """
    errors.require(actor.person_id is not None, NOT_IN_ELECTORATE)
    return cast_on_paper(paper_of(poll, actor.person_id), choices, token)


def cast_on_paper(paper: BallotPaper, choices: dict, token: str) -> CastResult:
    """`cast` for the voter and poll of a ballot paper (a page's signed credential, or the poll itself)."""
    if paper.method == Method.PAPER:
        errors.invalid(_("This poll is taken on paper ballots."))
    if not isinstance(token, str) or len(token) not in TOKEN_LENGTHS:
        errors.invalid(STALE_FORM)
    ballot = _checked_ballot(paper, choices)
    secret = paper.method == Method.SECRET
    pending = _Pending(
        person_id=paper.person_id,
        token_hash=hashlib.sha256(token.encode()).hexdigest(),
        box_key=paper.box_key,
        ballot=ballot,
        sealed="",
        receipt=_receipt(paper.pk, token) if secret else "",
    )
    # The roll only grows while the poll runs: one already on it has the final answer without the writer's turn.
    known = plain_select(VoterRoll, "token_hash", "poll_id = %s AND person_id = %s", [paper.pk, paper.person_id])
    if known:
        pending.outcome = _again(pending, known[0][0])
        return pending.answer()
    if secret:  # (only a ballot to be written is sealed: the public-key seal is the costly part of a cast)
        pending.sealed = _sealed(paper, ballot)
    if transaction.get_connection().in_atomic_block:
        # The caller's transaction may still roll back: no one else's ballot may ride in it.
        _write_casts(paper.pk, [pending])
        return pending.answer()
    return _group_commit.submit(paper.pk, pending)


def _whole(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        errors.invalid(_("Counts must be whole numbers, zero or more."))
    return value


def _checked_counts(poll: Poll, counts, valid: int) -> dict:
    """{subject id: {option: count}} for every subject; no subject gets more marks than valid ballots."""
    options = OPTIONS[poll.kind]
    subjects = {str(s.pk): s.label for s in poll.subjects.all()}
    if not isinstance(counts, dict) or not {str(key) for key in counts} <= set(subjects):
        errors.invalid(_("The counts name a subject that is not in this poll."), "counts")
    rows = {str(key): row for key, row in counts.items()}
    checked = {}
    for subject, label in subjects.items():
        row = rows.get(subject, {})
        if not isinstance(row, dict) or not set(row) <= set(options):
            errors.invalid(_("Unknown option in the counts for %(subject)s.") % {"subject": label}, "counts")
        checked[subject] = {option: _whole(row.get(option, 0)) for option in options}
        total = sum(checked[subject].values())
        if total > valid:
            errors.invalid(
                _("The counts for %(subject)s add up to %(total)d, more than the %(valid)d valid ballots.")
                % {"subject": label, "total": total, "valid": valid},
                "counts",
            )
    chosen = sum(row.get("chosen", 0) for row in checked.values())
    if poll.kind == Kind.CHOOSE and chosen > valid * poll.max_choices:
        errors.invalid(
            _("%(chosen)d names chosen in all, more than %(valid)d valid ballots of at most %(limit)d names allow.")
            % {"chosen": chosen, "valid": valid, "limit": poll.max_choices},
            "counts",
        )
    return checked


def check_enter_paper_tally(actor, poll: Poll, **figures) -> PaperTally:
    errors.require(
        perm.can_enter_paper(actor, poll), _("Only the office or the chair enters the counting board's figures.")
    )
    return do_enter_paper_tally(actor, poll, **figures)


@transaction.atomic
def do_enter_paper_tally(actor, poll: Poll, *, issued, returned, valid, invalid, counts) -> PaperTally:
    """The counting board's figures; a later entry corrects an earlier one, which is kept."""
    poll = locked(poll)
    if poll.status not in (Status.OPEN, Status.CLOSED):
        errors.invalid(_("The counts are entered while the poll is open or closed, before it is published."))
    figures = {
        "issued": _whole(issued),
        "returned": _whole(returned),
        "valid": _whole(valid),
        "invalid": _whole(invalid),
    }
    # A ballot is handed to each member in the room: the attendance as recorded now, corrected since the opening
    # if need be, is what the record states.
    poll.present = selectors.electorate(poll.meeting).filter(attendance=Participant.Attendance.PRESENT).count()
    if figures["issued"] > poll.present:
        errors.invalid(
            _(
                "Ballots issued (%(issued)d) cannot exceed the members recorded present (%(present)d). "
                "If more members are in the room, correct the attendance first."
            )
            % {"issued": figures["issued"], "present": poll.present},
            "issued",
        )
    if figures["returned"] > figures["issued"]:
        errors.invalid(
            _("Ballots returned (%(returned)d) cannot exceed ballots issued (%(issued)d).") % figures, "returned"
        )
    if figures["valid"] + figures["invalid"] != figures["returned"]:
        errors.invalid(
            _("Valid (%(valid)d) and invalid (%(invalid)d) ballots must add up to the ballots returned (%(returned)d).")
            % figures,
            "valid",
        )
    checked = _checked_counts(poll, counts, figures["valid"])
    correction = poll.paper_tallies.exists()
    entry = PaperTally.objects.create(poll=poll, counts=checked, entered_by=actor, **figures)
    if poll.status == Status.CLOSED:
        poll.result = selectors.compute_result(poll)
    poll.save(update_fields=["present", "result"])
    verb = "poll.paper_correction" if correction else "poll.paper_tally"
    audit.record(actor, verb, poll, counts=checked, present=poll.present, **figures)
    announce(poll)
    return entry
