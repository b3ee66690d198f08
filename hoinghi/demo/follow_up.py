"""The follow-up of the seed meetings' directives in the demo: the units' reports and the office's decisions,
through the services, then dated as `seed_meetings.FOLLOW_UP` says, moved to end around the day the demo is loaded
(`plan`), rather than at load time; the reminders the office's job would have sent by then, as sent."""

import datetime

from django.utils import timezone

from hoinghi.directives import rules, services, tasks
from hoinghi.directives.models import DeadlineEntry, Directive, ExtensionRequest, FollowUpSettings, ProgressReport
from hoinghi.directory.models import Organization, User

from . import seed_meetings as data

# The day FOLLOW_UP's story is told up to: the day after its last decision. The demo moves the whole story so that
# this day is the day it is loaded: deadlines and reports around today, not years ago (the meetings that gave the
# directives keep their historic days).
STORY_DAY = datetime.date(2021, 10, 12)
# The reminders' job runs early in the morning.
REMINDER_HOUR = 7


def _moved(value, days: datetime.timedelta):
    if isinstance(value, datetime.date):
        return value + days
    if isinstance(value, tuple | list):
        return type(value)(_moved(part, days) for part in value)
    if isinstance(value, dict):
        return {key: _moved(part, days) for key, part in value.items()}
    return value


def plan(today: datetime.date, follow_up: dict = data.FOLLOW_UP) -> dict:
    """FOLLOW_UP with every day moved by the same number of days, STORY_DAY becoming `today`."""
    return _moved(follow_up, today - STORY_DAY)


def record_past_reminders(today: datetime.date) -> int:
    """The reminders due by `today`, recorded as sent on the day the job would have sent them: a demo loaded today
    mails nothing at start, as an office whose job ran every day would not. Returns how many."""
    days_before = FollowUpSettings.current().days_before
    recorded = 0
    for kind in (rules.REMIND_BEFORE, rules.REMIND_OVERDUE):
        for directive in tasks.due(kind, today, days_before):
            offset = -days_before if kind == rules.REMIND_BEFORE else 1
            day = max(directive.deadline + datetime.timedelta(days=offset), timezone.localdate(directive.created_at))
            sent = _at(day, REMINDER_HOUR)
            to = tasks.recipients(directive.lead_organization_id)
            directive.reminders.create(
                kind=kind, deadline=directive.deadline, recipients=", ".join(to), claimed_at=sent, sent_at=sent
            )
            recorded += 1
    return recorded


# The units report at the end of the working day; the office decides in the morning.
UNIT_HOUR, OFFICE_HOUR = 16, 9


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _marked(text: str) -> str:
    return f"{text} {data.FOLLOW_UP_NOTE}"


class FollowUp:
    def __init__(self, office: User, organizations: dict[str, Organization]):
        self.office = office
        self.keys = {organization.pk: key for key, organization in organizations.items()}
        self.reporters = {}

    def reporter(self, organization: Organization) -> User:
        """The unit's demo login when it has one, else an account of the unit with no password yet."""
        if organization.pk not in self.reporters:
            staff = User.objects.filter(role=User.Role.UNIT_STAFF, organization=organization).first()
            self.reporters[organization.pk] = staff or User.objects.create_user(
                "donvi-" + self.keys[organization.pk].replace("_", "-"),
                role=User.Role.UNIT_STAFF,
                organization=organization,
                is_demo=True,
            )
        return self.reporters[organization.pk]

    def run(self, directive: Directive, events) -> None:
        # Given, with its first deadline, at the sitting.
        given = directive.conclusion.item.meeting.starts_at
        Directive.objects.filter(pk=directive.pk).update(created_at=given)
        directive.deadline_history.update(set_at=given)
        for kind, day, *details in events:
            getattr(self, f"_{kind}")(directive, day, *details)

    def _report(self, directive: Directive, day, percent, text, done=False) -> None:
        unit = self.reporter(directive.lead_organization)
        report = services.do_report_progress(
            unit, directive, organization_id=unit.organization_id, text=_marked(text), percent=percent, done=done
        )
        ProgressReport.objects.filter(pk=report.pk).update(created_at=_at(day, UNIT_HOUR))
        Directive.objects.filter(pk=directive.pk).update(last_report_at=_at(day, UNIT_HOUR))

    def _done(self, directive: Directive, day, text) -> None:
        self._report(directive, day, 100, text, done=True)

    def _confirm(self, directive: Directive, day) -> None:
        services.do_confirm_done(self.office, directive)
        Directive.objects.filter(pk=directive.pk).update(closed_at=_at(day, OFFICE_HOUR))

    def _return(self, directive: Directive, day, reason) -> None:
        services.do_return_to_unit(self.office, directive, reason=_marked(reason))

    def _extension(self, directive: Directive, day, deadline, reason, granted_on) -> None:
        unit = self.reporter(directive.lead_organization)
        request = services.do_request_extension(unit, directive, deadline=deadline, reason=_marked(reason))
        services.do_decide_extension(self.office, request, grant=True)
        granted = _at(granted_on, OFFICE_HOUR)
        ExtensionRequest.objects.filter(pk=request.pk).update(requested_at=_at(day, UNIT_HOUR), decided_at=granted)
        directive.deadline_history.filter(cause=DeadlineEntry.Cause.EXTENSION).update(set_at=granted)
