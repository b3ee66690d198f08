"""Passing the open directives of organizations that ended to their successors, in one step by the office: a plan
first (which directive goes where, and which need a choice among several successors), then the transfer, recorded
on each directive with its reports, files and deadline history kept."""

import dataclasses
import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from hoinghi.core import audit
from hoinghi.core.errors import invalid, require
from hoinghi.directory.models import Organization, Reorganization
from hoinghi.directory.roles import is_office

from . import rules
from .models import DeadlineEntry, Directive, Transfer


@dataclasses.dataclass
class Line:
    directive: Directive
    role: str  # Transfer.Role
    from_organization: Organization
    candidates: list  # the successors it may go to; one means no choice is needed

    @property
    def needs_choice(self) -> bool:
        return len(self.candidates) > 1


def plan_transfer(reorganization: Reorganization, directives=None) -> list[Line]:
    """Every open directive led or coordinated by a predecessor of `reorganization` and not yet passed on by it;
    `directives` (ids), when given, keeps only those (an import passes on the ones its reviewer ticked)."""
    predecessors = list(reorganization.predecessors.all())
    successors = list(reorganization.successors.order_by("name"))
    passed = set(
        Transfer.objects.filter(reorganization=reorganization).values_list("directive_id", "role", "from_organization")
    )
    open_work = (
        Directive.objects.filter(status__in=rules.OPEN_STATUSES)
        .filter(Q(lead_organization__in=predecessors) | Q(coordinating_organizations__in=predecessors))
        .distinct()
        .select_related("lead_organization", "conclusion__item__meeting")
        .prefetch_related("coordinating_organizations")
        .order_by("deadline", "id")
    )
    if directives is not None:
        open_work = open_work.filter(pk__in=directives)
    lines = []
    for directive in open_work:
        held = [(Transfer.Role.LEAD, directive.lead_organization)]
        held += [(Transfer.Role.COORDINATING, org) for org in directive.coordinating_organizations.all()]
        for role, organization in held:
            if organization in predecessors and (directive.pk, role, organization.pk) not in passed:
                lines.append(Line(directive, role, organization, successors))
    return lines


def check_transfer(actor, reorganization: Reorganization, **choices) -> list[Transfer]:
    require(is_office(actor), _("Only the office passes directives to a successor."))
    return do_transfer(actor, reorganization, **choices)


@transaction.atomic
def do_transfer(
    actor,
    reorganization: Reorganization,
    *,
    destinations: dict | None = None,
    deadlines: dict | None = None,
    day: datetime.date | None = None,
    directives=None,
) -> list[Transfer]:
    """Pass every line of the plan: `destinations` maps a directive's id to the successor chosen for it (needed
    where there are several), `deadlines` a directive's id to a new deadline set in the same step; `directives`
    (ids), when given, passes only those."""
    destinations, deadlines = destinations or {}, deadlines or {}
    day = day or reorganization.effective
    if day < reorganization.effective:
        invalid(_("A directive cannot pass to a successor before the successor exists."), "day")
    lines = plan_transfer(reorganization, directives)
    if not lines:
        invalid(_("No open directive of these organizations is left to pass on."))
    unchosen = [line.directive.pk for line in lines if line.needs_choice and line.directive.pk not in destinations]
    if unchosen:
        message = _("Choose the successor for directives %s.") % ", ".join(f"#{pk}" for pk in unchosen)
        invalid(message, "destinations")
    transfers = []
    for line in lines:
        target = destinations.get(line.directive.pk) or line.candidates[0]
        if target not in line.candidates:
            invalid(_("%(name)s is not a successor in this reorganization.") % {"name": target}, "destinations")
        directive = Directive.objects.select_for_update().get(pk=line.directive.pk)
        if line.role == Transfer.Role.LEAD:
            directive.lead_organization = target
            directive.save(update_fields=["lead_organization"])
        else:
            directive.coordinating_organizations.remove(line.from_organization)
            if target.pk != directive.lead_organization_id:
                directive.coordinating_organizations.add(target)
        transfers.append(
            Transfer.objects.create(
                directive=directive,
                role=line.role,
                from_organization=line.from_organization,
                to_organization=target,
                reorganization=reorganization,
                day=day,
                by=actor,
            )
        )
        new_deadline = deadlines.get(directive.pk)
        changed_deadline = None
        if new_deadline and new_deadline != directive.deadline and line.role == Transfer.Role.LEAD:
            if new_deadline < day:
                invalid(_("A new deadline cannot be before the transfer."), "deadlines")
            changed_deadline = [str(directive.deadline), str(new_deadline)]
            directive.deadline = new_deadline
            directive.save(update_fields=["deadline"])
            DeadlineEntry.objects.create(
                directive=directive,
                deadline=new_deadline,
                cause=DeadlineEntry.Cause.TRANSFER,
                reason=reorganization.basis_number,
                set_by=actor,
                set_at=timezone.now(),
            )
        audit.record(
            actor,
            "directive.transfer",
            directive,
            role=line.role,
            organization=[str(line.from_organization), str(target)],
            basis=reorganization.basis_number,
            day=day.isoformat(),
            **({"deadline": changed_deadline} if changed_deadline else {}),
        )
    return transfers


def holder_on(directive: Directive, day: datetime.date) -> int:
    """The id of the organization that led `directive` on `day`: before a transfer, the one it passed from."""
    for transfer in directive.transfers.all():  # ordered by day
        if transfer.role == Transfer.Role.LEAD and day < transfer.day:
            return transfer.from_organization_id
    return directive.lead_organization_id
