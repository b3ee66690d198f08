"""Running meetings and polls for the voting tests."""

from hoinghi.directory.models import Membership, Person
from hoinghi.meetings import services as meeting_services
from hoinghi.voting import services
from tests.factories import make_user


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


def open_poll(world, meeting, **overrides):
    return services.check_open_poll(world.users["chair"], new_poll(world, meeting, **overrides))


def subject_ids(poll) -> list[str]:
    return [str(pk) for pk in poll.subjects.values_list("pk", flat=True)]


def answer(poll, option: str) -> dict:
    """The same option for every subject of the poll."""
    return dict.fromkeys(subject_ids(poll), option)
