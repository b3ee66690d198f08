"""Counting a public page's view as a visit, and the counter's figures for the page's footer.

With Redis down the page is served without them: the visit goes uncounted and the footer shows no figures
(logged), rather than the public page failing."""

import logging
from functools import wraps

import redis
from django.conf import settings

from .counter import VISITOR_COOKIE, counter, is_person, visitor_key

COOKIE_AGE = 365 * 86400
log = logging.getLogger(__name__)


def counted(view):
    """Counts a person's visit (bots are not), gives the browser its visitor key, and puts the counter's figures in
    the page (`visits`): a view so wrapped renders with `request.portal_visits` set."""

    @wraps(view)
    def counting(request, *args, **kwargs):
        key = visitor_key(request)
        try:
            if is_person(request):
                counter().visit(key)
            request.portal_visits = counter().figures()
        except redis.RedisError as error:
            log.warning("the visit counter cannot reach Redis: %s", error)
            request.portal_visits = None
        response = view(request, *args, **kwargs)
        if request.COOKIES.get(VISITOR_COOKIE) != key:
            response.set_cookie(
                VISITOR_COOKIE,
                key,
                max_age=COOKIE_AGE,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response

    return counting
