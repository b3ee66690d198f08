"""Who may prepare, run, vote in, count and see a poll: predicates over (user, poll), used by services and views,
and the app's permission table (`RULES`).

The electorate is the body's members for the term who sit in the meeting: a member participant with a
seat active today. Invitees never vote, and nobody votes for another (the voter is the account's person).
"""

from django.utils.translation import gettext_lazy as _

from hoinghi.core.memo import per_request
from hoinghi.core.permissions import RuleTable, explained
from hoinghi.directory.roles import is_office
from hoinghi.meetings import permissions as meeting_perm
from hoinghi.meetings.models import Meeting

from . import rules
from .models import Poll


def can_create(user, meeting: Meeting) -> bool:
    return is_office(user) or meeting_perm.is_chair(user, meeting)


def can_run(user, poll: Poll) -> bool:
    """Open, close and publish: the chair of the meeting alone."""
    return meeting_perm.is_chair(user, poll.meeting)


@per_request
def in_electorate(user, poll: Poll) -> bool:
    if not meeting_perm.is_member(user, poll.meeting):
        return False
    return poll.meeting.participants.filter(person_id=user.person_id, is_member=True).exists()


def can_vote(user, poll: Poll) -> bool:
    """Entitled to a ballot in this electronic poll (whether it is open now is checked apart)."""
    return poll.method != rules.Method.PAPER and in_electorate(user, poll)


def can_enter_paper(user, poll: Poll) -> bool:
    """The counting board's figures are entered by the office or the chair."""
    return poll.method == rules.Method.PAPER and can_create(user, poll.meeting)


def can_view(user, poll: Poll) -> bool:
    if poll.item_id is not None and not meeting_perm.can_view_item(user, poll.item):
        return False
    if not meeting_perm.can_view_meeting(user, poll.meeting):
        return False
    # A draft is seen by those who prepare it, and by its counting board, whose phones get ready before it opens.
    return poll.status != rules.Status.DRAFT or can_create(user, poll.meeting) or on_board(user, poll)


def on_board(user, poll: Poll) -> bool:
    """A member of the poll's counting board (board.py)."""
    return user.person_id is not None and poll.board.filter(person_id=user.person_id).exists()


NOT_IN_ELECTORATE = _("Only the members of the body vote in this poll.")
NOT_ON_BOARD = _("Only the members of this poll's counting board do this.")

RULES = RuleTable(
    "voting",
    {
        "create_poll": lambda user, meeting: meeting_perm.can_view_meeting(user, meeting) and can_create(user, meeting),
        "view_poll": can_view,
        "cast": explained(can_vote, NOT_IN_ELECTORATE),
        "run_poll": lambda user, poll: can_view(user, poll) and can_run(user, poll),
        "enter_paper": lambda user, poll: can_view(user, poll) and can_enter_paper(user, poll),
        "view_board": lambda user, poll: (
            can_view(user, poll) and (can_create(user, poll.meeting) or on_board(user, poll))
        ),
        "set_board": lambda user, poll: can_view(user, poll) and can_create(user, poll.meeting),
        "delete_poll": lambda user, poll: can_view(user, poll) and can_create(user, poll.meeting),
        "board_member": explained(lambda user, poll: can_view(user, poll) and on_board(user, poll), NOT_ON_BOARD),
    },
)
