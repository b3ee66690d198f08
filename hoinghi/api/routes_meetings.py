"""Meetings, their items and conclusions, read through the meetings app's selectors and rules."""

from typing import Literal

from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from hoinghi.directives import permissions as follow
from hoinghi.directives.models import Directive
from hoinghi.meetings import selectors
from hoinghi.meetings.models import Conclusion, Meeting
from hoinghi.meetings.permissions import RULES, is_confidential

from . import schemas
from .admission import admit
from .paging import Pages

router = Router(tags=["meetings"])

MeetingStatus = Literal[tuple(Meeting.Status.values)]


class MeetingFilters(Schema):
    body: int | None = Field(None, ge=1, le=schemas.MAX_ID)
    term: int | None = Field(None, ge=1, le=schemas.MAX_ID)
    year: int | None = Field(None, ge=1900, le=2999)
    status: MeetingStatus | None = None
    q: str = Field(
        "", max_length=200, pattern=schemas.NO_NUL, description="Words of the title (with or without diacritics)"
    )


@router.get(
    "/meetings",
    response={200: list[schemas.MeetingSummary], **schemas.REFUSALS},
    summary="Meetings the key's account may see",
)
@paginate(Pages)
def meetings(request, filters: Query[MeetingFilters]):
    return selectors.meeting_list(request.user, query=filters.q, **filters.model_dump(exclude={"q"}))


@router.get(
    "/meetings/{meeting_id}", response={200: schemas.Meeting, **schemas.REFUSALS}, summary="A meeting and its agenda"
)
def meeting(request, meeting_id: int = Path(..., ge=1, le=schemas.MAX_ID)):
    found = admit(RULES, "view_meeting", request.user, selectors.load_meeting(meeting_id))
    found.item_count = found.items.count()
    found.agenda = [agenda_entry(entry) for entry in selectors.agenda(found, request.user)]
    return found


def agenda_entry(entry) -> dict:
    if isinstance(entry, selectors.Withheld):
        return {"order": entry.order, "withheld": True, "confidential": entry.confidential}
    return {
        "order": entry.order,
        "withheld": False,
        "confidential": is_confidential(entry),
        "id": entry.pk,
        "title": entry.title,
        "kind": entry.kind,
        "concluded": hasattr(entry, "conclusion"),
    }


@router.get(
    "/items/{item_id}", response={200: schemas.Item, **schemas.REFUSALS}, summary="An agenda item and its conclusion"
)
def item(request, item_id: int = Path(..., ge=1, le=schemas.MAX_ID)):
    found = admit(RULES, "view_item", request.user, selectors.load_item(item_id))
    conclusion = Conclusion.objects.select_related("item").filter(item=found).first()
    directives = follow.visible(request.user, Directive.objects.filter(conclusion__item=found))
    presenter = found.presenter_organization or found.presenter_person
    return {
        "id": found.pk,
        "meeting_id": found.meeting_id,
        "order": found.order,
        "title": found.title,
        "kind": found.kind,
        "confidentiality": found.confidentiality,
        "presenter": str(presenter) if presenter else None,
        "conclusion": conclusion,
        "directive_ids": list(directives.order_by("pk").values_list("pk", flat=True)),
    }


class ConclusionFilters(Schema):
    meeting: int | None = Field(None, ge=1, le=schemas.MAX_ID)


@router.get(
    "/conclusions",
    response={200: list[schemas.Conclusion], **schemas.REFUSALS},
    summary="Conclusions of the items the account may see",
)
@paginate(Pages)
def conclusions(request, filters: Query[ConclusionFilters]):
    found = Conclusion.objects.filter(item__in=selectors.visible_items(request.user).values("pk"))
    if filters.meeting:
        found = found.filter(item__meeting_id=filters.meeting)
    return found.select_related("item").order_by("-item__meeting__starts_at", "item__order", "pk")
