"""Resolutions, their targets and figures, read through the targets app's selectors and rules: the office and the
leaders see every organization's figures, a unit's staff the targets their organization reports and its own
figures only, as on the dashboards."""

from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from hoinghi.directory.roles import unit_of
from hoinghi.targets import permissions as perm
from hoinghi.targets import selectors
from hoinghi.targets.permissions import RULES

from . import schemas
from .admission import admit
from .paging import Pages

router = Router(tags=["targets"])

Id = Path(..., ge=1, le=schemas.MAX_ID)


def watching(user) -> bool:
    admit(RULES, "see_targets", user)
    return perm.can_watch(user)


@router.get(
    "/resolutions",
    response={200: list[schemas.ResolutionSummary], **schemas.REFUSALS},
    summary="Resolutions with targets",
)
@paginate(Pages)
def resolutions(request):
    listed = selectors.visible_resolutions(request.user, watching(request.user))
    return listed.order_by("-issued_on", "number", "pk")


@router.get(
    "/resolutions/{resolution_id}",
    response={200: schemas.Resolution, **schemas.REFUSALS},
    summary="A resolution and its targets",
)
def resolution(request, resolution_id: int = Id):
    watches = watching(request.user)
    found = get_object_or_404(selectors.visible_resolutions(request.user, watches), pk=resolution_id)
    targets = selectors.visible_targets(request.user, watches).filter(resolution=found)
    found.targets_listed = list(targets.prefetch_related("milestones").order_by("order", "pk"))
    return found


@router.get(
    "/targets/{target_id}",
    response={200: schemas.TargetSummary, **schemas.REFUSALS},
    summary="A target and its milestones",
)
def target(request, target_id: int = Id):
    targets = selectors.visible_targets(request.user, watching(request.user)).prefetch_related("milestones")
    return get_object_or_404(targets, pk=target_id)


class FigureFilters(Schema):
    organization: int | None = Field(
        None, ge=1, le=schemas.MAX_ID, description="One reporting organization's figures (the office and leaders)"
    )
    approved: bool = Field(False, description="Only the figures the office approved")
    period_from: schemas.Day | None = None
    period_to: schemas.Day | None = None


@router.get(
    "/targets/{target_id}/figures",
    response={200: list[schemas.Figure], **schemas.REFUSALS},
    summary="A target's figures, latest first",
)
@paginate(Pages)
def figures(request, filters: Query[FigureFilters], target_id: int = Id):
    watches = watching(request.user)
    found = get_object_or_404(selectors.visible_targets(request.user, watches), pk=target_id)
    organization = unit_of(request.user)
    if watches and filters.organization:
        organization = get_object_or_404(found.reporters, pk=filters.organization).pk
    listed = selectors.figures_table(found, selectors.View(organization, filters.approved))
    if filters.period_from:
        listed = listed.filter(period__gte=filters.period_from)
    if filters.period_to:
        listed = listed.filter(period__lte=filters.period_to)
    return listed
