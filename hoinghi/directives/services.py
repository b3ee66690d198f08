"""Drafting directives from a conclusion. Every edit keeps its history in the audit log."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hoinghi.core import audit
from hoinghi.core.errors import invalid, require
from hoinghi.meetings import permissions as perm
from hoinghi.meetings import rules
from hoinghi.meetings.models import Meeting
from hoinghi.meetings.services import meeting_day

from .models import DeadlineEntry, Directive

FIELDS = ["lead_organization", "coordinating_organizations", "content", "deadline"]


def _check(directive: Directive, coordinating) -> None:
    meeting = directive.conclusion.item.meeting
    if not directive.content.strip():
        invalid(_("The content of the directive is required."), "content")
    if directive.deadline and directive.deadline < meeting_day(meeting):
        invalid(_("The deadline cannot be before the meeting."), "deadline")
    if any(org.pk == directive.lead_organization_id for org in coordinating):
        invalid(_("The lead organization cannot also be a coordinating one."), "coordinating_organizations")


def _may_edit(actor, conclusion) -> None:
    meeting = Meeting.objects.get(pk=conclusion.item.meeting_id)
    require(perm.can_conclude(actor, meeting), _("Only the chair or the office can draft directives."))
    if meeting.status not in rules.CONCLUSIONS_OPEN:
        invalid(_("Directives are drafted while the meeting runs or after it closes, before the notice is issued."))


def _keep_deadline(actor, directive: Directive, cause: str, reason: str = "") -> None:
    DeadlineEntry.objects.create(
        directive=directive,
        deadline=directive.deadline,
        cause=cause,
        reason=reason,
        set_by=actor,
        set_at=timezone.now(),
    )


@transaction.atomic
def add_directive(actor, conclusion, *, lead_organization, content, deadline=None, coordinating_organizations=()):
    _may_edit(actor, conclusion)
    directive = Directive(
        conclusion=conclusion, lead_organization=lead_organization, content=content, deadline=deadline, created_by=actor
    )
    _check(directive, coordinating_organizations)
    directive.save()
    directive.coordinating_organizations.set(coordinating_organizations)
    _keep_deadline(actor, directive, DeadlineEntry.Cause.SET)
    audit.record(actor, "directive.create", directive, **audit.snapshot(directive, FIELDS))
    return directive


@transaction.atomic
def update_directive(actor, directive: Directive, **fields) -> Directive:
    _may_edit(actor, directive.conclusion)
    before = audit.snapshot(directive, FIELDS)
    coordinating = fields.pop("coordinating_organizations", None)
    for name, value in fields.items():
        setattr(directive, name, value)
    _check(directive, coordinating if coordinating is not None else directive.coordinating_organizations.all())
    directive.save()
    if coordinating is not None:
        directive.coordinating_organizations.set(coordinating)
    after = audit.snapshot(directive, FIELDS)
    if after["deadline"] != before["deadline"]:
        _keep_deadline(actor, directive, DeadlineEntry.Cause.CORRECTION)
    if changes := audit.diff(before, after):
        audit.record(actor, "directive.update", directive, changes=changes)
    return directive
