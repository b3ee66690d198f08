"""Who may see and do what in the follow-up: predicates over (user, directive), used by services, views and
selectors.

A unit's staff see and report on the directives given to their organization, as lead or coordinating unit;
the office sees and follows up every directive; leaders see them all and change nothing.
"""

from django.db.models import Q

from hoinghi.core.memo import per_request
from hoinghi.meetings.permissions import WATCHERS, is_office, unit_of

from .models import Directive

LEAD = "lead"
COORDINATING = "coordinating"


def can_follow_up(user) -> bool:
    """Confirm, return, cancel, decide extensions, flag priorities: the office."""
    return is_office(user)


def can_watch(user) -> bool:
    """See every directive: the office and the leaders."""
    return user.is_authenticated and user.role in WATCHERS


@per_request
def part_of(user, directive: Directive) -> str | None:
    """The part the user's unit plays in the directive: LEAD, COORDINATING or None."""
    organization = unit_of(user)
    if organization is None:
        return None
    if directive.lead_organization_id == organization:
        return LEAD
    if directive.coordinating_organizations.filter(pk=organization).exists():
        return COORDINATING
    return None


def is_lead(user, directive: Directive) -> bool:
    return part_of(user, directive) == LEAD


def can_report(user, directive: Directive) -> bool:
    return part_of(user, directive) is not None


def can_view(user, directive: Directive) -> bool:
    return can_watch(user) or can_report(user, directive)


def visible(user, queryset):
    """The directives of `queryset` the user may see, filtered in the database."""
    if can_watch(user):
        return queryset
    organization = unit_of(user)
    if organization is None:
        return queryset.none()
    return queryset.filter(assigned_to(organization))


def assigned_to(organization) -> Q:
    """Directives given to the organization, as lead or coordinating (no join: the list stays distinct)."""
    coordinated = Directive.coordinating_organizations.through.objects.filter(organization_id=organization)
    return Q(lead_organization_id=organization) | Q(pk__in=coordinated.values("directive_id"))
