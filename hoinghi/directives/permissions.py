"""Who may see and do what in the follow-up: predicates over (user, directive), used by services, views and
selectors, and the app's permission table (`RULES`).

A unit's staff see and report on the directives given to their organization, as lead or coordinating unit;
the office sees and follows up every directive; leaders see them all and change nothing, but for those of a
confidential item, which stay with the item's room (`meetings.permissions.in_the_room`) and the units given them.
A unit sees its own directive's content and deadline, not the confidential item behind it (`sees_origin`).
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hoinghi.core.memo import per_request
from hoinghi.core.permissions import RuleTable, explained
from hoinghi.directory.roles import is_office, is_watcher, unit_of
from hoinghi.meetings import permissions as meeting_perm
from hoinghi.meetings.models import Conclusion
from hoinghi.meetings.selectors import withheld_items

from .models import Directive

LEAD = "lead"
COORDINATING = "coordinating"


def can_draft(user, meeting) -> bool:
    """Give a conclusion its directives: who may conclude the meeting (the chair and the office)."""
    return meeting_perm.can_conclude(user, meeting)


def can_follow_up(user) -> bool:
    """Confirm, return, cancel, decide extensions, flag priorities: the office."""
    return is_office(user)


def can_watch(user) -> bool:
    """See every directive: the office and the leaders."""
    return is_watcher(user)


@per_request
def part_of(user, directive: Directive) -> str | None:
    """The part the user's unit plays in the directive: LEAD, COORDINATING or None."""
    organization = unit_of(user)
    if organization is not None and directive.lead_organization_id == organization:
        return LEAD
    return COORDINATING if assigned(directive, organization) else None


def is_lead(user, directive: Directive) -> bool:
    return part_of(user, directive) == LEAD


def can_report(user, directive: Directive) -> bool:
    return part_of(user, directive) is not None


def sees_origin(user, directive: Directive) -> bool:
    """The item, conclusion and papers the directive comes from: whoever may see the item."""
    return meeting_perm.can_view_item(user, directive.conclusion.item)


def can_view(user, directive: Directive) -> bool:
    return can_report(user, directive) or (can_watch(user) and sees_origin(user, directive))


def visible(user, queryset):
    """The directives of `queryset` the user may see, filtered in the database."""
    if is_office(user):
        return queryset
    if can_watch(user):
        # A subquery over the few confidential items, no join: the dashboards' scans stay on the directive table.
        hidden = Conclusion.objects.filter(item__in=withheld_items(user)).values("pk")
        return queryset.exclude(conclusion_id__in=hidden)
    organization = unit_of(user)
    if organization is None:
        return queryset.none()
    return queryset.filter(assigned_to(organization))


def assigned(directive: Directive, organization_id) -> bool:
    """Whether the directive was given to the organization, to lead or to help."""
    if organization_id is None:
        return False
    if directive.lead_organization_id == organization_id:
        return True
    return directive.coordinating_organizations.filter(pk=organization_id).exists()


def assigned_to(organization) -> Q:
    """Directives given to the organization, as lead or coordinating (no join: the list stays distinct)."""
    coordinated = Directive.coordinating_organizations.through.objects.filter(organization_id=organization)
    return Q(lead_organization_id=organization) | Q(pk__in=coordinated.values("directive_id"))


def sees_follow_up(user) -> bool:
    """The dashboards and lists: the watchers see every unit's, a unit's staff their own organization's."""
    return can_watch(user) or unit_of(user) is not None


def _drafts_in(user, conclusion) -> bool:
    return meeting_perm.can_view_item(user, conclusion.item) and can_draft(user, conclusion.item.meeting)


OFFICE_ONLY = _("Only the office can do this.")

RULES = RuleTable(
    "directives",
    {
        "draft": _drafts_in,
        "edit_draft": lambda user, directive: _drafts_in(user, directive.conclusion),
        "see_follow_up": sees_follow_up,
        "set_follow_up": explained(lambda user: can_follow_up(user), _("Only the office sets the follow-up.")),
        "see_reminders": explained(lambda user: can_follow_up(user), _("Only the office sees the reminders.")),
        "view_directive": can_view,
        "report": explained(can_report, _("Your organization was not given this directive.")),
        "correct_report": explained(
            lambda user, report: can_view(user, report.directive) and unit_of(user) == report.organization_id,
            _("Only the organization that wrote a report can correct it."),
        ),
        "read_attachment": lambda user, attachment: can_view(user, attachment.report.directive),
        "request_extension": explained(is_lead, _("Only the lead organization can ask for an extension.")),
        "decide_extension": explained(
            lambda user, extension_request: can_follow_up(user), _("Only the office decides on extensions.")
        ),
        "follow_up": explained(lambda user, directive: can_follow_up(user), OFFICE_ONLY),
        # The reorganizations' open directives, and passing them to a successor (the list, then one's preview).
        "pass_on": explained(
            lambda user, *reorganization: can_follow_up(user), _("Only the office passes directives to a successor.")
        ),
    },
)
