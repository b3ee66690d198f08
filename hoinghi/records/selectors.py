"""Reads of the office's outputs."""

from django.shortcuts import get_object_or_404

from .models import IssuedDocument


def issued_for(meeting):
    return IssuedDocument.objects.filter(meeting=meeting).select_related("organization")


def load_issued(pk) -> IssuedDocument:
    """The issued document a URL names, for the permission guards of the views."""
    return get_object_or_404(IssuedDocument.objects.select_related("meeting", "organization"), pk=pk)
