"""The counting board (ban kiểm phiếu) of a poll: members of the body sitting in the meeting, one of them its head.

It is named when the poll is created (by default three members, two of whose shares open a secret poll's box) and
may be changed by the office or the chair while the poll is a draft. It signs the vote-count record; in a secret
poll each member's device holds one share of the key (counting.py). A member needs an account: his device is his
phone signed in as himself.
"""

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from hoinghi.core import audit, errors
from hoinghi.directory.models import Person
from hoinghi.meetings.models import Participant

from . import permissions as perm
from . import selectors
from .board_keys import MAX_HOLDERS
from .models import BoardSeat, Poll
from .rules import Method, Status

DEFAULT_SIZE, DEFAULT_REQUIRED = 3, 2


def candidates(poll: Poll) -> QuerySet[Person]:
    """Who may sit on the board: the members of the body in the meeting's electorate who have an active account."""
    seats = selectors.electorate(poll.meeting).filter(person__user__is_active=True)
    return Person.objects.filter(pk__in=seats.values("person_id")).order_by("full_name")


def default_members(poll: Poll) -> list[Person]:
    """Three members, those who do not chair the meeting first: the chair runs the vote, others count it."""
    chairs = set(poll.meeting.participants.filter(role=Participant.Role.CHAIR).values_list("person_id", flat=True))
    people = sorted(candidates(poll), key=lambda person: person.pk in chairs)  # stable: by name within each
    return people[:DEFAULT_SIZE]


def seat_default_board(poll: Poll) -> None:
    """At creation: the default board, as many of it as the meeting allows (the office completes it later)."""
    members = default_members(poll)
    poll.shares_required = min(DEFAULT_REQUIRED, len(members)) or DEFAULT_REQUIRED
    poll.save(update_fields=["shares_required"])
    _seat(poll, members, members[0] if members else None)


def _seat(poll: Poll, members: list[Person], head: Person | None) -> None:
    kept = {seat.person_id: seat for seat in poll.board.all()}
    poll.board.all().delete()
    BoardSeat.objects.bulk_create(
        BoardSeat(
            poll=poll,
            person=person,
            order=number,
            is_head=person == head,
            # A member kept on the board keeps the device he registered.
            device_key=kept[person.pk].device_key if person.pk in kept else "",
            device_at=kept[person.pk].device_at if person.pk in kept else None,
        )
        for number, person in enumerate(members, start=1)
    )


def check_set_board(actor, poll: Poll, **board) -> Poll:
    errors.require(perm.can_create(actor, poll.meeting), _("Only the office or the chair names the counting board."))
    return do_set_board(actor, poll, **board)


@transaction.atomic
def do_set_board(actor, poll: Poll, *, members: list[Person], head: Person, shares_required: int) -> Poll:
    poll = Poll.objects.select_for_update(of=("self",)).select_related("meeting").get(pk=poll.pk)
    if poll.status != Status.DRAFT:
        errors.invalid(_("The counting board is named before the poll opens."))
    allowed = set(candidates(poll).values_list("pk", flat=True))
    if not members or not {person.pk for person in members} <= allowed:
        errors.invalid(
            _("Choose the board among the members of the body in this meeting who have an account."), "members"
        )
    if len(members) > MAX_HOLDERS:
        errors.invalid(_("A counting board has at most %(limit)d members.") % {"limit": MAX_HOLDERS}, "members")
    if head not in members:
        errors.invalid(_("The head of the board must be one of its members."), "head")
    if poll.method == Method.SECRET:
        _check_required(shares_required, len(members), "shares_required")
        poll.shares_required = shares_required
        poll.save(update_fields=["shares_required"])
    _seat(poll, members, head)
    audit.record(
        actor,
        "poll.board",
        poll,
        members=[person.full_name for person in members],
        head=head.full_name,
        shares_required=poll.shares_required,
    )
    return poll


def _check_required(required: int, size: int, field: str | None = None) -> None:
    """Two shares at least (one member alone never opens the box), and no more than the board has."""
    if size < 2:
        errors.invalid(_("A secret poll's counting board needs at least two members."), field)
    if not 2 <= required <= size:
        errors.invalid(
            _("The shares needed to open the box must be between 2 and the %(size)d members of the board.")
            % {"size": size},
            field,
        )


def seats(poll: Poll) -> list[BoardSeat]:
    return list(poll.board.select_related("person"))


def not_ready(poll: Poll) -> list[BoardSeat]:
    """The members whose device has not yet made its key: a secret poll cannot open before they have."""
    return [seat for seat in seats(poll) if not seat.device_key]


def check_ready_to_open(poll: Poll) -> list[BoardSeat]:
    """The seats of a secret poll's board, every device ready; refused with who is missing otherwise."""
    board = seats(poll)
    _check_required(poll.shares_required, len(board))
    if missing := [seat.person.full_name for seat in board if not seat.device_key]:
        errors.invalid(
            _("The counting board is not ready: %(names)s must open the board page on their phone first.")
            % {"names": ", ".join(missing)}
        )
    return board


def seat_of(poll: Poll, user) -> BoardSeat | None:
    if user.person_id is None:
        return None
    return poll.board.filter(person_id=user.person_id).first()


def head(poll: Poll) -> BoardSeat | None:
    return next((seat for seat in seats(poll) if seat.is_head), None)
