"""How long a session lives: it ends after an idle time (HOINGHI_SESSION_IDLE_MINUTES, 30 by default) and at a
maximum age (HOINGHI_SESSION_MAX_HOURS, 12), when the account needs two-factor sign-in and the session did not
pass it, and everywhere at once when its person asks ("sign out everywhere") or an administrator resets the
account's second factor.

Sessions are kept in the database (settings.SESSION_ENGINE): ending one deletes it from the store, which every path
that reads sessions (the voting fast path included) sees at once. The store also expires a session idle for the
idle time by itself (SESSION_COOKIE_AGE), since each request that counts as activity saves the session again.
"""

import time
from functools import wraps

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.sessions.models import Session
from django.dispatch import receiver
from django.utils import timezone

from . import two_factor

STARTED, SEEN, ENDED = "hoinghi_started", "hoinghi_seen", "hoinghi_ended"
# A request saves the session again (as activity) at most this often: not a write per request.
SEEN_EVERY = 60


def passive(view):
    """A view a page polls on its own (the secure viewer's access check): it does not count as activity, so an
    unattended screen still reaches the idle time."""

    @wraps(view)
    def polled(*args, **kwargs):
        return view(*args, **kwargs)

    polled.passive = True
    return polled


@receiver(user_logged_in, dispatch_uid="hoinghi.session_started")
def started(sender, request, user, **kwargs):
    now = time.time()
    request.session[STARTED] = request.session[SEEN] = now


def end_reason(user, session) -> str:
    """Why the signed-in `user`'s `session` must end now ("" when it may go on). Whatever reads sessions on its own
    (the voting fast path) asks this too."""
    now = time.time()
    if two_factor.required(user) and two_factor.VERIFIED not in session:
        return "two_factor"
    if now - session.get(STARTED, 0) > settings.SESSION_MAX_AGE_SECONDS:
        return "max_age"
    if now - session.get(SEEN, 0) > settings.SESSION_IDLE_SECONDS:
        return "idle"
    return ""


class SessionRulesMiddleware:
    """After the authentication middleware and before LoginRequiredMiddleware: a session that must end is signed
    out here, and the request goes on as anonymous (to the sign-in page, which says why)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and (reason := end_reason(request.user, request.session)):
            request.session_end = reason
            logout(request)
            request.session[ENDED] = reason
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        if request.user.is_authenticated and not getattr(view, "passive", False):
            if time.time() - request.session.get(SEEN, 0) > SEEN_EVERY:
                request.session[SEEN] = time.time()


def sessions_of(user) -> list[Session]:
    """The account's live sessions (the store has no index by account: each live session is read; idle ones
    expire within the idle time, so there are few)."""
    live = Session.objects.filter(expire_date__gt=timezone.now())
    return [session for session in live if session.get_decoded().get(SESSION_KEY) == str(user.pk)]


def end_sessions(user) -> int:
    """End every session of the account, wherever it is."""
    ended = sessions_of(user)
    Session.objects.filter(pk__in=[session.pk for session in ended]).delete()
    return len(ended)
