"""The public pages' main part, rendered once and kept in the cache: until the office publishes or withdraws
something (`published_changed` moves the generation every key carries), until the next scheduled article's
time, and at most `MAX_AGE` seconds (notices expire by the day, the schedule by the week). What changes on every
view, the visit counter, is rendered around it.

The cache is Redis in production: while it is down, every part is rendered afresh and a publication's change of
generation is skipped (logged), so that the pages and the office's writes go on; a part cached before the outage
may then be shown until its MAX_AGE ends."""

import logging

import redis
from django.core.cache import cache
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from .models import Article

GENERATION = "portal:generation"
MAX_AGE = 60
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


def cached_part(name: str, template: str, context, *args) -> str:
    """`template` rendered with `context()` (called only when the cache has not the part), kept per name and
    arguments. The cache's key names the language, since the part is rendered in it."""
    try:
        key = f"portal:part:{generation()}:{get_language()}:{name}:" + ":".join(str(a) for a in args)
        part = cache.get(key)
    except redis.RedisError as error:
        log.warning("the portal's cache cannot be reached: %s", error)
        return mark_safe(render_to_string(template, context()))  # noqa: S308 - as below
    if part is None:
        part = render_to_string(template, context())
        try:
            cache.set(key, part, seconds_to_next_schedule())
        except redis.RedisError as error:
            log.warning("the portal's cache cannot be reached: %s", error)
    return mark_safe(part)  # noqa: S308 - our own template's output, kept as rendered
