"""An imported meeting's directives whose organization has ended since: the reviewer may pass them to its successor.

The import itself keeps history: the directives are created under the organizations the article named, as they
were on the meeting's day, and stay so. Passing one on is the transfer the rest of the product uses
(hoinghi.directives.transfer), through the reorganization that ended the organization, so it is recorded on the
directive's history as any other transfer.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from hoinghi.core.errors import invalid
from hoinghi.directives.models import Directive, Transfer
from hoinghi.directives.transfer import do_transfer
from hoinghi.directory.selectors import reorganization_ending


def pass_on(actor, meeting, chosen: dict[int, int | None]) -> list[Transfer]:
    """`chosen` maps a directive's index in the record to the successor it passes to (its organization's
    reorganization's successor), or None where there is only one. A ValidationError keyed "directives.N.*"."""
    if not chosen:
        return []
    # created in the record's order, one by one: their ids follow the record's indexes
    directives = list(
        Directive.objects.filter(conclusion__item__meeting=meeting).select_related("lead_organization").order_by("pk")
    )
    today = timezone.localdate()
    plans: dict = {}  # reorganization -> {directive id: successor}
    for index, successor_pk in sorted(chosen.items()):
        if not 0 <= index < len(directives):
            invalid(_("There is no such directive in the record."), "directives")
        organization = directives[index].lead_organization
        ended = organization.end is not None and organization.end < today
        reorganization = reorganization_ending(organization) if ended else None
        if reorganization is None:
            message = _("%(name)s has no successor to pass this directive to: it has not ended in a reorganization.")
            invalid(message % {"name": organization}, f"directives.{index}.pass_on")
        successors = {o.pk: o for o in reorganization.successors.order_by("name")}
        if successor_pk is None and len(successors) > 1:
            message = _("%(name)s has several successors: choose the one this directive passes to.")
            invalid(message % {"name": organization}, f"directives.{index}.successor")
        successor = successors.get(successor_pk) if successor_pk is not None else next(iter(successors.values()))
        if successor is None:
            message = _("Choose one of the successors of %(name)s.") % {"name": organization}
            invalid(message, f"directives.{index}.successor")
        plans.setdefault(reorganization, {})[directives[index].pk] = successor
    transfers = []
    for reorganization, destinations in plans.items():
        transfers += do_transfer(actor, reorganization, destinations=destinations, directives=set(destinations))
    return transfers
