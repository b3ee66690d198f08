"""Polls' published results, read through the voting app's selectors and rules: nothing of a poll before it is
published, and never who cast what (the counts only, as the published record of a secret ballot)."""

from django.db.models import Q
from django.http import Http404
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from hoinghi.meetings.selectors import visible_items, visible_meetings
from hoinghi.voting import selectors
from hoinghi.voting.models import Poll
from hoinghi.voting.permissions import RULES

from . import schemas
from .admission import admit
from .paging import Pages

router = Router(tags=["polls"])


class PollFilters(Schema):
    meeting: int | None = Field(None, ge=1, le=schemas.MAX_ID)
    item: int | None = Field(None, ge=1, le=schemas.MAX_ID)


def published(user):
    """The published polls `user` may see: those of the meetings he sees, and of items he sees (voting's
    `can_view` in SQL: a published poll is past the drafts' exception)."""
    polls = Poll.objects.filter(status=Poll.Status.PUBLISHED, meeting__in=visible_meetings(user).values("pk"))
    return polls.filter(Q(item=None) | Q(item__in=visible_items(user).values("pk")))


@router.get(
    "/polls",
    response={200: list[schemas.PollSummary], **schemas.REFUSALS},
    summary="Published polls the account may see",
)
@paginate(Pages)
def polls(request, filters: Query[PollFilters]):
    found = published(request.user)
    if filters.meeting:
        found = found.filter(meeting_id=filters.meeting)
    if filters.item:
        found = found.filter(item_id=filters.item)
    return found.order_by("-published_at", "-pk")


@router.get(
    "/polls/{poll_id}", response={200: schemas.Poll, **schemas.REFUSALS}, summary="A published poll and its result"
)
def poll(request, poll_id: int = Path(..., ge=1, le=schemas.MAX_ID)):
    found = admit(RULES, "view_poll", request.user, selectors.load_poll(poll_id))
    if found.status != Poll.Status.PUBLISHED:
        raise Http404  # a result before it is published is no one's through the API, whatever the page shows the room
    found.result_shown = result_of(found)
    return found


def result_of(poll: Poll) -> dict | None:
    shown = selectors.results_view(poll)
    if shown is None:
        return None
    subjects = [
        {
            "label": subject["label"],
            "options": [
                {
                    "code": option["code"],
                    "label": str(option["label"]),
                    "count": option["count"],
                    "percent": option["percent"],
                }
                for option in subject["options"]
            ],
            "passed": subject["passed"],
            "level": subject["level"],
        }
        for subject in shown["subjects"]
    ]
    counts = ("base", "base_count", "share", "strict", "convened", "present", "returned", "valid")
    return {key: shown[key] for key in counts} | {"subjects": subjects}
