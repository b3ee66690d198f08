"""Counting a public page's view as a visit, and the counter's figures for the page's footer."""

from functools import wraps

from django.conf import settings

from .counter import VISITOR_COOKIE, counter, is_person, visitor_key

COOKIE_AGE = 365 * 86400


def counted(view):
    """Counts a person's visit (bots are not), gives the browser its visitor key, and puts the counter's figures in
    the page (`visits`): a view so wrapped renders with `request.portal_visits` set."""

    @wraps(view)
    def counting(request, *args, **kwargs):
        key = visitor_key(request)
        if is_person(request):
            counter().visit(key)
        request.portal_visits = counter().figures()
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
