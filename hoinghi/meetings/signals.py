"""Signals of the meeting record for the parts above it (the search index follows them)."""

from django.dispatch import Signal

# Sent with `document_id` when the worker has read a paper version's text (written by a bulk update, which
# sends no post_save).
text_read = Signal()
