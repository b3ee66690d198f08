"""The portal's live articles, public as on the portal: read through portal's selectors, with a key or without
(a draft, an article in review, withdrawn, or scheduled for later is not found)."""

from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from hoinghi.portal import selectors

from . import schemas
from .auth import PublicOrKeyAuth
from .paging import Pages

router = Router(tags=["articles"], auth=PublicOrKeyAuth())

PUBLIC = {401: schemas.Problem, 404: schemas.Problem, 422: schemas.Problem}


class ArticleFilters(Schema):
    meeting: int | None = Field(None, ge=1, le=schemas.MAX_ID, description="Articles about this meeting")
    since: schemas.Day | None = Field(None, description="Published on or after this day")


@router.get("/articles", response={200: list[schemas.ArticleSummary], **PUBLIC}, summary="The portal's live articles")
@paginate(Pages)
def articles(request, filters: Query[ArticleFilters]):
    found = selectors.live_articles()
    if filters.meeting:
        found = found.filter(meeting_id=filters.meeting)
    if filters.since:
        found = found.filter(publish_at__date__gte=filters.since)
    return found


@router.get("/articles/{slug}", response={200: schemas.Article, **PUBLIC}, summary="A live article")
def article(request, slug: str = Path(..., max_length=120, pattern=r"^[-a-zA-Z0-9_]+$")):
    return selectors.load_live_article(slug)
