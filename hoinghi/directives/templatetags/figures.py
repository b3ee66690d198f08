"""`{% load figures %}`: shares as percentages and links that keep the page's filters."""

from django import template

register = template.Library()


@register.filter
def percent(share: float | None) -> str:
    """0.857 → "86%"; no share (nothing to divide) → "—"."""
    return "—" if share is None else f"{round(share * 100)}%"


@register.simple_tag
def filtered_query(filters, **changes) -> str:
    """The query string of `filters` with some of them changed, e.g. a link to one organization's figures."""
    return "?" + filters.query_string(**changes)
