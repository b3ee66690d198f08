"""Passing the open directives of organizations that ended to their successors, in one step by the office: a plan
first (which directive goes where, and which need a choice among several successors), then the transfer, recorded
on each directive with its reports, files and deadline history kept."""

import dataclasses
import datetime

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q
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


@dataclasses.dataclass
class Passing:
    """One directive of the plan with its lines (it may be led by one predecessor and coordinated by another): the
    office chooses one successor for it and may set it a new deadline."""

    directive: Directive
    lines: list

    @property
    def candidates(self) -> list:
        return self.lines[0].candidates

    @property
    def needs_choice(self) -> bool:
        return self.lines[0].needs_choice

    @property
    def leads(self) -> bool:
        """Passed as lead: only then does the new deadline (the lead unit's) apply."""
        return any(line.role == Transfer.Role.LEAD for line in self.lines)


def field_name(kind: str, directive_pk: int) -> str:
    """Where a refusal about one directive goes ("successor" or "deadline"): the preview's field of that name."""
    return f"{kind}_{directive_pk}"


def _plans(reorganizations) -> list[tuple[Reorganization, list[Line]]]:
    """The lines of several reorganizations at once, in a fixed number of queries (the office's list counts them)."""
    reorganizations = list(
        reorganizations.prefetch_related(
            "predecessors", Prefetch("successors", queryset=Organization.objects.order_by("name"))
        )
    )
    ended = {org.pk for change in reorganizations for org in change.predecessors.all()}
    passed = set(
        Transfer.objects.filter(reorganization__in=reorganizations).values_list(
            "reorganization_id", "directive_id", "role", "from_organization"
        )
    )
    open_work = (
        Directive.objects.filter(status__in=rules.OPEN_STATUSES)
        .filter(Q(lead_organization__in=ended) | Q(coordinating_organizations__in=ended))
        .distinct()
        .select_related("lead_organization", "conclusion__item__meeting")
        .prefetch_related("coordinating_organizations")
        .order_by("deadline", "id")
    )
    held = []
    for directive in open_work:
        held.append((directive, Transfer.Role.LEAD, directive.lead_organization))
        held += [(directive, Transfer.Role.COORDINATING, org) for org in directive.coordinating_organizations.all()]
    plans = []
    for change in reorganizations:
        predecessors, successors = set(change.predecessors.all()), list(change.successors.all())
        lines = [
            Line(directive, role, organization, successors)
            for directive, role, organization in held
            if organization in predecessors and (change.pk, directive.pk, role, organization.pk) not in passed
        ]
        plans.append((change, lines))
    return plans


def plan_transfer(reorganization: Reorganization, directives=None) -> list[Line]:
    """Every open directive led or coordinated by a predecessor of `reorganization` and not yet passed on by it;
    `directives` (ids), when given, keeps only those (an import passes on the ones its reviewer ticked)."""
    [(_change, lines)] = _plans(Reorganization.objects.filter(pk=reorganization.pk))
    return lines if directives is None else [line for line in lines if line.directive.pk in directives]


def passings(lines: list[Line]) -> list[Passing]:
    """The plan's lines by directive, in the plan's order."""
    grouped = {}
    for line in lines:
        grouped.setdefault(line.directive.pk, Passing(line.directive, [])).lines.append(line)
    return list(grouped.values())


def waiting() -> list[tuple[Reorganization, int]]:
    """The reorganizations that still have open directives to pass on, with how many, the latest first."""
    plans = _plans(Reorganization.objects.order_by("-effective", "-id"))
    return [(change, len(passings(lines))) for change, lines in plans if lines]


def awaited_by(directive: Directive) -> Reorganization | None:
    """The reorganization an open directive waits for: it is still held by an organization that one ended."""
    if not directive.is_open:
        return None
    held = [directive.lead_organization_id, *directive.coordinating_organizations.values_list("pk", flat=True)]
    return Reorganization.objects.filter(predecessors__in=held).order_by("-effective", "-id").first()


def check_transfer(actor, reorganization: Reorganization, **choices) -> list[Transfer]:
    require(is_office(actor), _("Only the office passes directives to a successor."))
    return do_transfer(actor, reorganization, **choices)


def _refusals(plan: list[Passing], destinations: dict, deadlines: dict, day: datetime.date) -> dict:
    """Every reason to refuse the office's choices, by the field it concerns: all shown at once, nothing written."""
    errors = {}
    for passing in plan:
        pk, number = passing.directive.pk, {"number": passing.directive.pk}
        target = destinations.get(pk)
        if target is None and passing.needs_choice:
            message = _("Directive #%(number)s: choose the successor it passes to.") % number
            errors[field_name("successor", pk)] = message
        elif target is not None and target not in passing.candidates:
            message = _("%(name)s is not a successor in this reorganization.") % {"name": target}
            errors[field_name("successor", pk)] = message
        new_deadline, period_end = deadlines.get(pk), passing.directive.period_end
        if new_deadline is None:
            continue
        if not passing.leads:
            message = _("Directive #%(number)s: only the lead organization's deadline is set here.") % number
        elif new_deadline < day:
            message = _("Directive #%(number)s: the new deadline cannot be before the transfer (%(day)s).")
            message %= number | {"day": f"{day:%d/%m/%Y}"}
        elif period_end and new_deadline > period_end:
            message = _("Directive #%(number)s: the new deadline is past the end of the resolution's period (%(day)s).")
            message %= number | {"day": f"{period_end:%d/%m/%Y}"}
        else:
            continue
        errors[field_name("deadline", pk)] = message
    planned = {passing.directive.pk for passing in plan}
    if strays := sorted((set(destinations) | set(deadlines)) - planned):
        message = _("Directives %s are not among those to pass on.") % ", ".join(f"#{pk}" for pk in strays)
        errors[NON_FIELD_ERRORS] = message
    return errors


@transaction.atomic
def do_transfer(
    actor,
    reorganization: Reorganization,
    *,
    destinations: dict | None = None,
    deadlines: dict | None = None,
    day: datetime.date | None = None,
    previewed: set | None = None,
    directives=None,
) -> list[Transfer]:
    """Pass every line of the plan: `destinations` maps a directive's id to the successor chosen for it (needed
    where there are several), `deadlines` a directive's id to a new deadline set in the same step. `previewed`,
    the directives the office saw in the preview: if the plan changed meanwhile, nothing is passed. `directives`
    (ids), when given, passes only those."""
    destinations, deadlines = destinations or {}, deadlines or {}
    # Two offices applying the same step take turns: the second sees the first's transfers and nothing left.
    reorganization = Reorganization.objects.select_for_update().get(pk=reorganization.pk)
    day = day or reorganization.effective
    if day < reorganization.effective:
        invalid(_("A directive cannot pass to a successor before the successor exists."), "day")
    lines = plan_transfer(reorganization, directives)
    if not lines:
        invalid(_("No open directive of these organizations is left to pass on."))
    plan = passings(lines)
    if previewed is not None and previewed != {passing.directive.pk for passing in plan}:
        invalid(_("The directives to pass on changed since the preview was opened: check them again."))
    if errors := _refusals(plan, destinations, deadlines, day):
        raise ValidationError(errors)
    transfers = []
    for passing in plan:
        target = destinations.get(passing.directive.pk) or passing.candidates[0]
        directive = Directive.objects.select_for_update().get(pk=passing.directive.pk)
        for line in passing.lines:
            transfers.append(_pass(actor, reorganization, directive, line, target, day))
        new_deadline = deadlines.get(directive.pk)
        changed_deadline = None
        if new_deadline and new_deadline != directive.deadline:
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
        for line in passing.lines:
            audit.record(
                actor,
                "directive.transfer",
                directive,
                role=line.role,
                organization=[str(line.from_organization), str(target)],
                basis=reorganization.basis_number,
                day=day.isoformat(),
                **({"deadline": changed_deadline} if changed_deadline and line.role == Transfer.Role.LEAD else {}),
            )
    return transfers


def _pass(actor, reorganization, directive: Directive, line: Line, target: Organization, day) -> Transfer:
    if line.role == Transfer.Role.LEAD:
        directive.lead_organization = target
        directive.save(update_fields=["lead_organization"])
        directive.coordinating_organizations.remove(target)  # the successor leads now: it does not also help
    else:
        directive.coordinating_organizations.remove(line.from_organization)
        if target.pk != directive.lead_organization_id:
            directive.coordinating_organizations.add(target)
    return Transfer.objects.create(
        directive=directive,
        role=line.role,
        from_organization=line.from_organization,
        to_organization=target,
        reorganization=reorganization,
        day=day,
        by=actor,
    )


def holder_on(directive: Directive, day: datetime.date) -> int:
    """The id of the organization that led `directive` on `day`: before a transfer, the one it passed from."""
    for transfer in directive.transfers.all():  # ordered by day
        if transfer.role == Transfer.Role.LEAD and day < transfer.day:
            return transfer.from_organization_id
    return directive.lead_organization_id


# The deadlines written while the directive was drafted, before the notice: what the meeting decided.
DRAFTED = {DeadlineEntry.Cause.SET, DeadlineEntry.Cause.CORRECTION}


@dataclasses.dataclass(frozen=True)
class AsGiven:
    lead: Organization
    coordinating: list
    deadline: datetime.date | None


def as_given(directive: Directive) -> AsGiven:
    """The directive as its meeting gave it: the units of that day (before any transfer to a successor) and the
    deadline the conclusion set (before extensions and new deadlines at a transfer). The meeting's records (its
    notice, its news) say this, forever; the follow-up shows who holds it now."""
    transfers = list(directive.transfers.all())  # ordered by day
    leads = [t for t in transfers if t.role == Transfer.Role.LEAD]
    lead = leads[0].from_organization if leads else directive.lead_organization
    coordinating = list(directive.coordinating_organizations.all())
    for passed in reversed([t for t in transfers if t.role == Transfer.Role.COORDINATING]):
        coordinating = [passed.from_organization if org == passed.to_organization else org for org in coordinating]
        if passed.from_organization not in coordinating:
            coordinating.append(passed.from_organization)  # passed to the one that leads it now
    drafted = [e for e in directive.deadline_history.all() if e.cause in DRAFTED]
    return AsGiven(lead, coordinating, drafted[-1].deadline if drafted else directive.deadline)
