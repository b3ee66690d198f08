"""The public pages, rendered whole once and kept in the cache: until the office publishes, edits or withdraws
something (`published_changed` moves the generation every key carries), until the next scheduled article's
time, and at most `MAX_AGE` seconds (notices expire by the day, the schedule by the week). They are rendered
without the request, so nothing of a signed-in person (his name, his permissions, a form's token) can be kept;
what changes on every view, the visit counter, is put in the slot left for it.

The cache is Redis in production: while it is down, every page is rendered afresh and a publication's change of
generation is skipped (logged), so that the pages and the office's writes go on; a page cached before the outage
may then be shown until its MAX_AGE ends."""

import logging

import redis
from django.core.cache import cache
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from .models import Article

GENERATION = "portal:generation"
MAX_AGE = 60
VISITS_SLOT = "<!-- portal:visits -->"  # in a cached page, where each view's counter figures go
log = logging.getLogger(__name__)


def generation() -> int:
    return cache.get_or_set(GENERATION, 1, None)


def published_changed() -> None:
    """Called by every write that changes what the public sees, after its transaction commits."""

    def bump():
        try:
            cache.incr(GENERATION)
        except ValueError:  # not in the cache (evicted, or a fresh cache): any new value differs from the keys
            cache.set(GENERATION, 2, None)
        except redis.RedisError as error:  # the write is committed: the change shows within MAX_AGE
            log.warning("the portal's cache cannot be reached, its generation not moved: %s", error)

    transaction.on_commit(bump)


def seconds_to_next_schedule() -> int:
    """How long what is live now stays so: until the next scheduled article's time, at most MAX_AGE."""
    now = timezone.now()
    following = (
        Article.objects.filter(status=Article.Status.SCHEDULED, publish_at__gt=now)
        .order_by("publish_at")
        .values_list("publish_at", flat=True)
        .first()
    )
    if following is None:
        return MAX_AGE
    return max(1, min(MAX_AGE, int((following - now).total_seconds())))


def cached_page(name: str, args: tuple, build, *, keep: bool = True) -> str:
    """The page `name` for `args`: from the cache, or `build()` -> (template, context) rendered and kept. The
    key names the language, since the page is rendered in it, and `args` must name everything else it shows.
    Not `keep`: rendered only (a page a visitor can ask for by any number, the 5,000th of the news, a week of
    the year 9999: were they kept, anyone could fill the cache and push the pages people read out of it)."""
    if not keep:
        template, context = build()
        return render_to_string(template, context | {"visits_slot": VISITS_SLOT})
    try:
        key = f"portal:page:{generation()}:{get_language()}:{name}:" + ":".join(str(a) for a in args)
        page = cache.get(key)
    except redis.RedisError as error:
        log.warning("the portal's cache cannot be reached: %s", error)
        key, page = None, None
    if page is None:
        template, context = build()
        page = render_to_string(template, context | {"visits_slot": VISITS_SLOT})
        try:
            if key is not None:
                cache.set(key, page, seconds_to_next_schedule())
        except redis.RedisError as error:
            log.warning("the portal's cache cannot be reached: %s", error)
    return page


def with_visits(page: str, figures) -> str:
    """The cached page with this view's counter figures in their slot."""
    return page.replace(VISITS_SLOT, render_to_string("portal/parts/visits.html", {"v": figures}), 1)
