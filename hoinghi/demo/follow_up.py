"""The follow-up of the seed meetings' directives in the demo: the units' reports and the office's decisions,
through the services, then dated as `seed_meetings.FOLLOW_UP` says rather than at load time."""

import datetime

from django.utils import timezone

from hoinghi.directives import services
from hoinghi.directives.models import DeadlineEntry, Directive, ExtensionRequest, ProgressReport
from hoinghi.directory.models import Organization, User

from . import seed_meetings as data

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
