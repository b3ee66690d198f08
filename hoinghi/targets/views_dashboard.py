"""The resolution targets as leaders and the office look at them: the resolutions, a resolution on one page with
every target's standing, and a target's page with its chart, the districts and the figures. The office, the
administrators and the leaders see every figure; a unit's staff the targets their organization reports, with its
own figures only. `?approved=1` counts the figures the office approved and no other.
"""

from dataclasses import replace

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from hoinghi.directory.models import Organization
from hoinghi.directory.roles import unit_of

from . import permissions as perm
from . import rules, selectors, succession
from .permissions import RULES

RESOLUTIONS_PAGE = 10  # each with every target's standing: the page's cost grows with them
FIGURES_PAGE = 12  # the latest periods first; a phone shows them as cards, a page at a time


def _view(request) -> tuple[selectors.View, bool]:
    watching = perm.can_watch(request.user)
    organization = None if watching else unit_of(request.user)
    return selectors.View(organization, request.GET.get("approved") == "1"), watching


def _organization_view(request, target, view: selectors.View, watching: bool):
    """On a target's page, the watchers may look at one reporting organization's own figures (`?organization=`):
    a merged organization's, with those derived from its predecessors before the merge."""
    chosen = request.GET.get("organization", "")
    if not watching or not chosen.isdigit():
        return view, None
    organization = get_object_or_404(target.reporters, pk=chosen)
    return replace(view, organization=organization.pk), organization


def _counts(counts) -> list[dict]:
    labels = selectors.standing_labels()
    return [{"key": key, "label": labels[key], "count": counts[key]} for key in selectors.STANDINGS]


def _context(view: selectors.View, **extra) -> dict:
    return {"view": view, "rule": _(rules.RULE), "today": timezone.localdate(), **extra}


@require_GET
@RULES.guard("see_targets")
def resolutions(request):
    view, watching = _view(request)
    listed = selectors.visible_resolutions(request.user, watching).order_by("-issued_on", "number", "pk")
    page = Paginator(listed, RESOLUTIONS_PAGE).get_page(request.GET.get("page"))
    targets = selectors.visible_targets(request.user, watching)
    counts = selectors.summaries(list(page.object_list), targets, view, timezone.localdate())
    rows = [(resolution, _counts(counts[resolution.pk])) for resolution in page.object_list]
    return render(request, "targets/resolutions.html", _context(view, page=page, rows=rows))


def _resolution_chart(board: selectors.Board) -> dict:
    """The standings in a doughnut, and each target's figures under its current definition as a sparkline."""
    return {
        "standings": [entry for entry in _counts(board.counts) if entry["count"]],
        "sparks": {
            str(status.target.pk): {
                "values": [point.value for point in status.current],
                "lower_is_better": status.target.direction == rules.AT_MOST,
            }
            for status in board.statuses
        },
    }


@require_GET
@RULES.guard("see_targets")
def resolution(request, pk):
    view, watching = _view(request)
    resolutions = selectors.visible_resolutions(request.user, watching).select_related("meeting", "conclusion")
    resolution = get_object_or_404(resolutions, pk=pk)
    targets = selectors.visible_targets(request.user, watching)
    board = selectors.board(resolution, targets, view, timezone.localdate())
    chart, counts = _resolution_chart(board), _counts(board.counts)
    context = _context(view, resolution=resolution, board=board, chart=chart, counts=counts)
    return render(request, "targets/resolution.html", context)


@require_GET
@RULES.guard("see_targets")
def target(request, pk):
    view, watching = _view(request)
    targets = selectors.visible_targets(request.user, watching).select_related("resolution", "group")
    target = get_object_or_404(targets, pk=pk)
    view, chosen = _organization_view(request, target, view, watching)
    status = selectors.statuses([target], view, timezone.localdate())[target.pk]
    selectors.with_scopes(target, status.revisions)
    districts = selectors.districts(target, view, status.milestone) if view.organization is None else None
    figures = Paginator(selectors.figures_table(target, view), FIGURES_PAGE).get_page(request.GET.get("page"))
    organization = chosen or (Organization.objects.get(pk=view.organization) if view.organization else None)
    lineage = succession.lineage_of(target, organization, view.approved_only) if organization else None
    chart = {"series": selectors.series_chart(status, lineage), "districts": districts and districts["chart"]}
    context = _context(
        view,
        target=target,
        status=status,
        districts=districts,
        figures=figures,
        changes=selectors.changes_between(figures.object_list, status.revisions, target.frequency),
        chart=chart,
        # A unit sees its own figures: nothing is rolled up for it.
        rollup_rule=_(rules.ROLLUP_RULES[target.rollup])
        if target.rollup in rules.ROLLUP_RULES and view.organization is None
        else "",
        can_correct=perm.can_correct(request.user),
        chosen=chosen,
        lineage=lineage,
        successors=succession.successors(target) if watching and chosen is None else [],
    )
    return render(request, "targets/target.html", context)
