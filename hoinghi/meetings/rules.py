"""Pure meeting rules: lifecycle and quorum. No Django imports."""

from dataclasses import dataclass
from fractions import Fraction


class Status:
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    IN_PROGRESS = "in_progress"
    CLOSED = "closed"
    NOTICE_ISSUED = "notice_issued"


# step name -> (from, to, who may take it: "office" or "chair")
STEPS = {
    "schedule": (Status.DRAFT, Status.SCHEDULED, "office"),
    "unschedule": (Status.SCHEDULED, Status.DRAFT, "office"),
    "start": (Status.SCHEDULED, Status.IN_PROGRESS, "chair"),
    "close": (Status.IN_PROGRESS, Status.CLOSED, "chair"),
    "issue_notice": (Status.CLOSED, Status.NOTICE_ISSUED, "office"),
    # A meeting held before hoinghi kept records (an archive article): entered closed, once its record is in.
    "record_held": (Status.DRAFT, Status.CLOSED, "office"),
}

EDITABLE_AGENDA = {Status.DRAFT, Status.SCHEDULED, Status.IN_PROGRESS}
OPINIONS_OPEN = {Status.SCHEDULED, Status.IN_PROGRESS}
ATTENDANCE_OPEN = {Status.SCHEDULED, Status.IN_PROGRESS}
CONCLUSIONS_OPEN = {Status.IN_PROGRESS, Status.CLOSED}


def steps_from(status: str) -> list[str]:
    return [name for name, (src, _dst, _who) in STEPS.items() if src == status]


@dataclass(frozen=True)
class Quorum:
    convened: int
    present: int
    required: int
    # False for a meeting that ended with no attendance marked (one entered from an archive article): its
    # attendance is unknown, which is not a lack of quorum.
    recorded: bool = True

    @property
    def reached(self) -> bool:
        return self.convened > 0 and self.present >= self.required


ENDED = {Status.CLOSED, Status.NOTICE_ISSUED}


def quorum(convened: int, present: int, share: Fraction = Fraction(2, 3), recorded: bool = True) -> Quorum:
    """How many of the convened members must attend: the smallest count reaching `share`."""
    if convened < 0 or present < 0 or present > convened:
        raise ValueError("present must be between 0 and convened")
    required = -(-share.numerator * convened // share.denominator)  # ceiling
    return Quorum(convened=convened, present=present, required=required, recorded=recorded)
