"""Running meetings and polls for the voting tests."""

from hoinghi.directory.models import Membership, Person
from hoinghi.meetings import services as meeting_services
from hoinghi.voting import services
from hoinghi.voting.device import Board
from tests.factories import make_user

# The phones of each poll's counting board, by poll (a later test's poll of the same number replaces them).
BOARDS: dict[int, Board] = {}


def add_voters(world, count: int) -> list:
    """More members of the body, with accounts; call before `running_meeting` (it seats the members)."""
    users = []
    for n in range(1, count + 1):
        person = Person.objects.create(full_name=f"Ủy viên Số {n}")
        Membership.objects.create(person=person, term=world.term)
        users.append(make_user(f"voter{n}", "member", person))
    return users


def running_meeting(world, present=()):
    """A meeting in progress; `present` are the users recorded present."""
    meeting = world.meeting()
    world.item(meeting)
    meeting_services.check_take_step(world.users["office"], meeting, "schedule")
    meeting_services.check_take_step(world.users["chair"], meeting, "start")
    for user in present:
        seat = meeting.participants.get(person=user.person)
        meeting_services.check_record_attendance(world.users["chair"], seat, "present")
    meeting.refresh_from_db()
    return meeting


def new_poll(world, meeting, **overrides):
    fields = {"title": "Thông qua Nghị quyết chuyên đề", "kind": "question", "method": "secret", "subjects": []}
    fields.update(overrides)
    return services.check_create_poll(world.users["office"], meeting, **fields)


def ready_board(poll) -> Board:
    """Each member of the poll's counting board gets his phone ready, as the board page does."""
    BOARDS[poll.pk] = Board(poll)
    BOARDS[poll.pk].get_ready()
    return BOARDS[poll.pk]


def open_poll(world, meeting, **overrides):
    poll = new_poll(world, meeting, **overrides)
    if poll.method == "secret":
        ready_board(poll)
    return services.check_open_poll(world.users["chair"], poll)


def close_poll(world, poll):
    """The chair closes; in a secret poll the board then gives its shares and the ballots are counted."""
    poll = services.check_close_poll(world.users["chair"], poll)
    return BOARDS[poll.pk].give_shares() if poll.awaiting_board else poll


def subject_ids(poll) -> list[str]:
    return [str(pk) for pk in poll.subjects.values_list("pk", flat=True)]


def answer(poll, option: str) -> dict:
    """The same option for every subject of the poll."""
    return dict.fromkeys(subject_ids(poll), option)
