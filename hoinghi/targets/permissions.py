"""Who may report, correct and see target figures: predicates over (user, target, organization), and the app's
permission table (`RULES`).

A unit's staff report the figures of the targets their organization reports; the office may report on a unit's
behalf, and alone corrects and approves figures and changes a target's definition; leaders see everything and
change nothing.
"""

from django.utils.translation import gettext_lazy as _

from hoinghi.core.memo import per_request
from hoinghi.core.permissions import RuleTable, explained
from hoinghi.directory.roles import is_office, is_watcher, unit_of

from .models import Target


def acts_for(user, organization_id) -> bool:
    """Writes figures in the organization's name: its own staff, or the office on its behalf."""
    return organization_id is not None and (is_office(user) or unit_of(user) == organization_id)


@per_request
def reports(target_id, organization_id) -> bool:
    return Target.reporters.through.objects.filter(target_id=target_id, organization_id=organization_id).exists()


def can_report(user, target: Target, organization) -> bool:
    return acts_for(user, organization.pk) and reports(target.pk, organization.pk)


def can_correct(user) -> bool:
    """Correct and approve figures, change a target's definition: the office."""
    return is_office(user)


def can_watch(user) -> bool:
    """See every organization's figures: the office and the leaders."""
    return is_watcher(user)


def can_see(user, organization_id) -> bool:
    """See an organization's figures: its own staff, and the watchers."""
    return can_watch(user) or (organization_id is not None and unit_of(user) == organization_id)


def reportable_targets(user):
    """The targets the user may report figures on: all of them for the office, the organization's for its staff."""
    if is_office(user):
        return Target.objects.all()
    organization = unit_of(user)
    if organization is None:
        return Target.objects.none()
    return Target.objects.filter(reporters=organization)


def sees_targets(user) -> bool:
    """The watchers see every resolution and figure; a unit's staff the targets their organization reports."""
    return can_watch(user) or unit_of(user) is not None


def may_import(user) -> bool:
    """The office imports any unit's figures, a unit's staff their own organization's."""
    return is_office(user) or unit_of(user) is not None


OFFICE_CORRECTS = _("Only the office corrects figures.")

RULES = RuleTable(
    "targets",
    {
        "see_targets": sees_targets,
        "report_page": explained(sees_targets, _("Only a unit's staff report figures.")),
        "report_target": lambda user, target, organization: can_see(user, organization.pk),
        "correct_figure": explained(lambda user, figure: can_correct(user), OFFICE_CORRECTS),
        "read_evidence": lambda user, figure: can_see(user, figure.organization_id),
        "revise_target": explained(
            lambda user, target: can_correct(user), _("Only the office changes a target's definition.")
        ),
        "rescope_target": explained(
            lambda user, target: can_correct(user), _("Only the office changes a target's scope.")
        ),
        "approval_queue": explained(lambda user: can_correct(user), _("Only the office approves figures.")),
        "import_figures": explained(may_import, _("Only the office and the units' staff import figures.")),
        "download_template": may_import,
        "keep_resolutions": explained(
            lambda user, *resolution: can_correct(user), _("Only the office keeps the resolutions.")
        ),
    },
)
