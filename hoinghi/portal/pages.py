"""The public pages' main part, rendered once and kept in the cache: until the office publishes or withdraws
something (`published_changed` moves the generation every key carries), until the next scheduled article's
time, and at most `MAX_AGE` seconds (notices expire by the day, the schedule by the week). What changes on every
view, the visit counter, is rendered around it."""

from django.core.cache import cache
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from .models import Article

GENERATION = "portal:generation"
MAX_AGE = 60


def generation() -> int:
    return cache.get_or_set(GENERATION, 1, None)


def published_changed() -> None:
    """Called by every write that changes what the public sees, after its transaction commits."""

    def bump():
        try:
            cache.incr(GENERATION)
        except ValueError:  # not in the cache (evicted, or a fresh cache): any new value differs from the keys
            cache.set(GENERATION, 2, None)

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
    key = f"portal:part:{generation()}:{get_language()}:{name}:" + ":".join(str(a) for a in args)
    part = cache.get(key)
    if part is None:
        part = render_to_string(template, context())
        cache.set(key, part, seconds_to_next_schedule())
    return mark_safe(part)  # noqa: S308 - our own template's output, kept as rendered
