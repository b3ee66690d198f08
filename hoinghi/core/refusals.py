"""Refused requests (403): each goes to the audit log with who asked for what and why, and to the server's log as
one line, not the traceback Django writes for a PermissionDenied."""

import logging

from django.core.exceptions import PermissionDenied
from django.views import csrf

from . import audit
from .audit import Subject

logger = logging.getLogger("hoinghi.refused")


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


class RefusalMiddleware:
    """After the authentication middleware, so that the refused person is known."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 403:
            refused(request, getattr(request, "refusal", ""))
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDenied):
            request.refusal = str(exception)


def csrf_refused(request, reason=""):
    """Django's CSRF failure page, with its reason kept for the log (settings.CSRF_FAILURE_VIEW)."""
    request.refusal = f"CSRF: {reason}"
    return csrf.csrf_failure(request, reason)


def refused(request, reason: str) -> None:
    user = getattr(request, "user", None)
    name = user.get_username() if user is not None and user.is_authenticated else "-"
    path = request.get_full_path()[:255]
    logger.warning(
        "refused %s %s user=%s address=%s reason=%s", request.method, path, name, client_address(request), reason or "-"
    )
    detail = {"method": request.method, "reason": reason[:500], "address": client_address(request)}
    audit.record(user, "request.refused", Subject("request", "", path), **detail)
