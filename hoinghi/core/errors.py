"""Raising the two refusals every service uses, with a message for the person who tried."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _


def refuse(message=None) -> None:
    raise PermissionDenied(message or _("You are not allowed to do this."))


def require(allowed: bool, message=None) -> None:
    if not allowed:
        refuse(message)


def invalid(message, field: str | None = None) -> None:
    raise ValidationError({field: message} if field else message)
