"""Errors as JSON, in the request's language: 401 without a key or with a bad one, 403 and 404 by the same rules
as the pages, 422 for input out of shape, 400 for input a service refused (nothing is written then)."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as Refused
from django.http import Http404
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, ValidationError

KEY_NEEDED = "Bearer"


def problem(api, request, status: int, detail: str, errors=()):
    return api.create_response(request, {"detail": detail, "errors": list(errors)}, status=status)


def unauthorized(api, request, exc):
    response = problem(api, request, 401, _("A valid API key is needed: send it as 'Authorization: Bearer <key>'."))
    response["WWW-Authenticate"] = KEY_NEEDED
    return response


def forbidden(api, request, exc):
    detail = str(exc) or _("You are not allowed to do this.")
    request.refusal = detail  # the refusal goes to the audit log as a page's does (hoinghi.core.refusals)
    return problem(api, request, 403, detail)


def not_found(api, request, exc):
    return problem(api, request, 404, _("Not found, or not shown to you."))


def out_of_shape(api, request, exc):
    errors = [
        {
            "field": ".".join(str(part) for part in error.get("loc", ())[1:]) or "-",
            "message": _("This value is not valid."),
        }
        for error in exc.errors
    ]
    return problem(api, request, 422, _("Some of what was sent is not valid."), errors)


def refused(api, request, exc):
    messages = exc.message_dict.items() if hasattr(exc, "error_dict") else [("-", exc.messages)]
    errors = [{"field": field, "message": message} for field, found in messages for message in found]
    return problem(api, request, 400, " ".join(error["message"] for error in errors), errors)


HANDLERS = {
    AuthenticationError: unauthorized,
    PermissionDenied: forbidden,
    Http404: not_found,
    ValidationError: out_of_shape,
    Refused: refused,
}
