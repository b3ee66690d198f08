"""Recording a reorganization: the predecessors end the day before it takes effect, with their bodies, terms,
positions and seats; their accounts move to the successor the office names. Records made before keep every name
they had: nothing of a predecessor is renamed or deleted."""

import dataclasses
import datetime

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from hoinghi.core import audit
from hoinghi.core.errors import invalid, require

from .models import Body, Membership, Organization, Position, Reorganization, Term, User
from .roles import is_office

# How many predecessors and successors each kind has: (fewest, most), None for no limit.
SHAPES = {
    Reorganization.Kind.MERGE: ((2, None), (1, 1)),
    Reorganization.Kind.SPLIT: ((1, 1), (2, None)),
    Reorganization.Kind.DISSOLUTION: ((1, None), (1, None)),
}


@dataclasses.dataclass
class Plan:
    """What recording the reorganization will do, shown to the office before it does it."""

    last_day: datetime.date
    bodies: list
    terms: list
    positions: list
    memberships: list
    accounts: list  # (account, the successor it moves to, or None where the office must choose)
    children: list  # units under a predecessor that still exist after it: the office records their own change


def plan(kind, predecessors, successors, effective: datetime.date, account_moves=None) -> Plan:
    """Check the change against the directory as it stands and say what it will end and move."""
    predecessors, successors = list(predecessors), list(successors)
    (fewest_before, most_before), (fewest_after, most_after) = SHAPES[kind]
    if len(predecessors) < fewest_before or (most_before and len(predecessors) > most_before):
        invalid(_("This kind of reorganization needs a different number of predecessors."), "predecessors")
    if len(successors) < fewest_after or (most_after and len(successors) > most_after):
        invalid(_("This kind of reorganization needs a different number of successors."), "successors")
    if set(predecessors) & set(successors):
        invalid(_("An organization cannot succeed itself."), "successors")
    last_day = effective - datetime.timedelta(days=1)
    for organization in predecessors:
        if not organization.existed_on(last_day):
            message = _("%(name)s did not exist on %(day)s.") % {"name": organization, "day": f"{last_day:%d/%m/%Y}"}
            invalid(message, "predecessors")
    for organization in successors:
        if not organization.existed_on(effective):
            message = _("%(name)s does not exist on %(day)s: set the day it began.") % {
                "name": organization,
                "day": f"{effective:%d/%m/%Y}",
            }
            invalid(message, "successors")
    still_open = Q(end__isnull=True) | Q(end__gt=last_day)
    bodies = list(Body.objects.filter(still_open, organization__in=predecessors))
    moves = account_moves or {}
    accounts = [
        (account, moves.get(account.pk) or (successors[0] if len(successors) == 1 else None))
        for account in User.objects.filter(organization__in=predecessors, is_active=True).order_by("username")
    ]
    return Plan(
        last_day=last_day,
        bodies=bodies,
        terms=list(Term.objects.filter(still_open, body__in=bodies).select_related("body")),
        positions=list(Position.objects.filter(still_open, organization__in=predecessors).select_related("person")),
        memberships=list(
            Membership.objects.filter(still_open, term__body__in=bodies).select_related("person", "term__body")
        ),
        accounts=accounts,
        children=list(Organization.objects.existing_on(effective).filter(parent__in=predecessors)),
    )


def check_record_reorganization(actor, **fields) -> Reorganization:
    require(is_office(actor), _("Only the office records reorganizations."))
    return do_record_reorganization(actor, **fields)


@transaction.atomic
def do_record_reorganization(
    actor,
    *,
    kind,
    predecessors,
    successors,
    effective: datetime.date,
    basis_number: str,
    basis_date: datetime.date,
    basis_title: str = "",
    note: str = "",
    account_moves: dict | None = None,
) -> Reorganization:
    """Record the change and carry it out as `plan` said; `account_moves` maps an account's id to the successor
    it moves to (needed for each account where there are several successors)."""
    if not basis_number.strip():
        invalid(_("Give the number of the resolution or decision."), "basis_number")
    if basis_date > effective:
        invalid(_("The decision cannot be dated after the day it takes effect."), "basis_date")
    steps = plan(kind, predecessors, successors, effective, account_moves)
    unplaced = [account.get_username() for account, successor in steps.accounts if successor is None]
    if unplaced:
        invalid(_("Choose the successor each of these accounts moves to: %s.") % ", ".join(unplaced), "accounts")
    reorganization = Reorganization.objects.create(
        kind=kind,
        effective=effective,
        basis_number=basis_number.strip(),
        basis_date=basis_date,
        basis_title=basis_title,
        note=note,
        entered_by=actor if getattr(actor, "pk", None) else None,
    )
    reorganization.predecessors.set(predecessors)
    reorganization.successors.set(successors)
    last_day = steps.last_day
    for row in [*predecessors, *steps.bodies, *steps.terms, *steps.positions, *steps.memberships]:
        row.end = last_day
        row.save(update_fields=["end"])
    for account, successor in steps.accounts:
        before = account.organization
        account.organization = successor
        account.save(update_fields=["organization"])
        audit.record(actor, "account.move", account, organization=[str(before), str(successor)])
    audit.record(
        actor,
        "reorganization.record",
        reorganization,
        kind=kind,
        effective=effective.isoformat(),
        basis=f"{reorganization.basis_number} ({basis_date:%d/%m/%Y})",
        predecessors=[str(o) for o in predecessors],
        successors=[str(o) for o in successors],
        ended={
            "bodies": len(steps.bodies),
            "terms": len(steps.terms),
            "positions": len(steps.positions),
            "memberships": len(steps.memberships),
        },
    )
    return reorganization
