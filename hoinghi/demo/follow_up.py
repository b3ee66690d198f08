"""The follow-up of the demo's directives: the units' reports and the office's decisions, through the services, then
dated as `seed_meetings.FOLLOW_UP` says rather than at load time: before the merge on their 2021-2024 days, after it
in days from the day the demo is loaded (`plan`); the reminders the office's job would have sent by then, as sent."""

import datetime

from django.utils import timezone

from hoinghi.directives import rules, services, tasks
from hoinghi.directives.models import DeadlineEntry, Directive, ExtensionRequest, FollowUpSettings, ProgressReport
from hoinghi.directory.models import Organization, User

from . import seed_meetings as data

# The reminders' job runs early in the morning.
REMINDER_HOUR = 7


def _on(day, today: datetime.date):
    """A day of FOLLOW_UP: a date as it is, days from `today` as the date they make."""
    return today + datetime.timedelta(days=day) if isinstance(day, int) else day


def plan(today: datetime.date, follow_up: dict = data.FOLLOW_UP) -> dict:
    """FOLLOW_UP with its days as dates, each directive's events split into those `before` the merge and those
    `after` it (dated from `today`), and the `new_deadline` set when it passed on (None: kept, or not passed on)."""
    planned = {}
    for key, spec in follow_up.items():
        events = [(kind, _on(day, today), *details) for kind, day, *details in spec["events"]]
        new_deadline = spec.get("new_deadline")
        planned[key] = {
            "deadline": _on(spec["deadline"], today),
            "new_deadline": None if new_deadline is None else _on(new_deadline, today),
            "passes_on": "new_deadline" in spec,
            "before": [event for event in events if event[1] <= data.LAST_DAY],
            "after": [event for event in events if event[1] > data.LAST_DAY],
        }
    return planned


def record_past_reminders(today: datetime.date) -> int:
    """The reminders due by `today`, recorded as sent on the day the job would have sent them: a demo loaded today
    mails nothing at start, as an office whose job ran every day would not. Returns how many."""
    days_before = FollowUpSettings.current().days_before
    recorded = 0
    for kind in (rules.REMIND_BEFORE, rules.REMIND_OVERDUE):
        for directive in tasks.due(kind, today, days_before):
            offset = -days_before if kind == rules.REMIND_BEFORE else 1
            day = max(directive.deadline + datetime.timedelta(days=offset), timezone.localdate(directive.created_at))
            sent = at(day, REMINDER_HOUR)
            to = tasks.recipients(directive.lead_organization_id)
            directive.reminders.create(
                kind=kind, deadline=directive.deadline, recipients=", ".join(to), claimed_at=sent, sent_at=sent
            )
            recorded += 1
    return recorded


# The units report at the end of the working day; the office decides in the morning.
UNIT_HOUR, OFFICE_HOUR = 16, 9


def at(day: datetime.date, hour: int) -> datetime.datetime:
    """`day` at `hour`, in the local time."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _marked(text: str) -> str:
    return f"{text} {data.FOLLOW_UP_NOTE}"


class FollowUp:
    """Plays the follow-up; `office` is the office deciding at the time (set it when the office changes)."""

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
                # What the history shows of it, rather than the login: it names the unit of the time.
                last_name=f"Cán bộ {organization.name}",
            )
        return self.reporters[organization.pk]

    @staticmethod
    def given(directive: Directive) -> None:
        """Dated at the sitting that gave it, with its first deadline."""
        given = directive.conclusion.item.meeting.starts_at
        Directive.objects.filter(pk=directive.pk).update(created_at=given)
        directive.deadline_history.update(set_at=given)

    def run(self, directive: Directive, events) -> None:
        for kind, day, *details in events:
            getattr(self, f"_{kind}")(directive, day, *details)

    def _report(self, directive: Directive, day, percent, text, done=False) -> None:
        unit = self.reporter(directive.lead_organization)
        report = services.do_report_progress(
            unit, directive, organization_id=unit.organization_id, text=_marked(text), percent=percent, done=done
        )
        ProgressReport.objects.filter(pk=report.pk).update(created_at=at(day, UNIT_HOUR))
        Directive.objects.filter(pk=directive.pk).update(last_report_at=at(day, UNIT_HOUR))

    def _done(self, directive: Directive, day, text) -> None:
        self._report(directive, day, 100, text, done=True)

    def _confirm(self, directive: Directive, day) -> None:
        services.do_confirm_done(self.office, directive)
        Directive.objects.filter(pk=directive.pk).update(closed_at=at(day, OFFICE_HOUR))

    def _return(self, directive: Directive, day, reason) -> None:
        services.do_return_to_unit(self.office, directive, reason=_marked(reason))

    def _extension(self, directive: Directive, day, deadline, reason, granted_on) -> None:
        unit = self.reporter(directive.lead_organization)
        request = services.do_request_extension(unit, directive, deadline=deadline, reason=_marked(reason))
        services.do_decide_extension(self.office, request, grant=True)
        granted = at(granted_on, OFFICE_HOUR)
        ExtensionRequest.objects.filter(pk=request.pk).update(requested_at=at(day, UNIT_HOUR), decided_at=granted)
        directive.deadline_history.filter(cause=DeadlineEntry.Cause.EXTENSION).update(set_at=granted)
