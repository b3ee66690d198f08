"""Reads of API keys: a person's own for his page, and the key a request names."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from . import keys
from .models import AccessKey


def keys_of(user) -> QuerySet[AccessKey]:
    return AccessKey.objects.filter(user=user).select_related("revoked_by").order_by("revoked_at", "-created_at", "-id")


def key_named(secret: str) -> AccessKey | None:
    """The key a request brings, revoked or not; None for a string that is no key of ours."""
    if keys.prefix_of(secret) is None:
        return None
    return AccessKey.objects.select_related("user").filter(digest=keys.digest(secret)).first()


def load_key(pk) -> AccessKey:
    return get_object_or_404(AccessKey.objects.select_related("user"), pk=pk)
