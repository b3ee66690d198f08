"""Directives and their progress reports, read through the directives app's selectors and rules; a unit reports
progress through the same service as its page."""

from typing import Literal

from django.db.models import Case, F, When
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.pagination import paginate

from hoinghi.directives import selectors, services
from hoinghi.directives.models import Directive
from hoinghi.directives.permissions import RULES, visible
from hoinghi.meetings.selectors import visible_items

from . import schemas
from .admission import admit
from .paging import Pages

router = Router(tags=["directives"])

DirectiveStatus = Literal[tuple(Directive.Status.values)]
DirectiveId = Path(..., ge=1, le=schemas.MAX_ID)


class DirectiveFilters(Schema):
    status: DirectiveStatus | None = None
    body: int | None = Field(None, ge=1, le=schemas.MAX_ID)
    meeting: int | None = Field(None, ge=1, le=schemas.MAX_ID)
    organization: int | None = Field(None, ge=1, le=schemas.MAX_ID, description="The lead organization")
    priority: bool = False
    period_from: schemas.Day | None = Field(None, description="Meetings from this day")
    period_to: schemas.Day | None = Field(None, description="Meetings up to this day")


def with_origin(directives, user):
    """Each directive with the item behind it when the reader may see that item (`item_id`), else null: a unit
    sees its directive, not the confidential item it comes from (directives.permissions.sees_origin)."""
    seen = visible_items(user).values("pk")
    shown = Case(When(conclusion__item__in=seen, then=F("conclusion__item_id")), default=None)
    return directives.select_related("body", "lead_organization").annotate(
        item_id=shown, meeting_id=F("conclusion__item__meeting_id")
    )


@router.get(
    "/directives",
    response={200: list[schemas.DirectiveSummary], **schemas.REFUSALS},
    summary="Directives the account may see",
)
@paginate(Pages)
def directives(request, filters: Query[DirectiveFilters]):
    among = visible(request.user, Directive.objects.all())
    chosen = selectors.listing(selectors.Filters(**filters.model_dump()), among)
    return with_origin(chosen, request.user)


def load(request, directive_id: int, rule: str) -> Directive:
    found = admit(RULES, rule, request.user, selectors.load_directive(directive_id))
    return with_origin(Directive.objects.filter(pk=found.pk), request.user).get()


@router.get(
    "/directives/{directive_id}",
    response={200: schemas.Directive, **schemas.REFUSALS},
    summary="A directive and its progress reports",
)
def directive(request, directive_id: int = DirectiveId):
    found = load(request, directive_id, "view_directive")
    return detail(found)


def detail(directive: Directive) -> Directive:
    reports = list(directive.reports.select_related("organization").order_by("-created_at", "-pk"))
    replaced = {report.replaces_id for report in reports}
    for report in reports:
        report.current = report.pk not in replaced
    directive.reports_listed = reports
    return directive


@router.post(
    "/directives/{directive_id}/reports",
    response={201: schemas.Report, 400: schemas.Problem, **schemas.REFUSALS},
    summary="Report progress on a directive given to the account's organization",
)
def report(request, payload: schemas.NewReport, directive_id: int = DirectiveId):
    found = load(request, directive_id, "report")
    written = services.check_report_progress(
        request.user, found, text=payload.text, percent=payload.percent, done=payload.done
    )
    written.current = True
    return Status(201, written)
