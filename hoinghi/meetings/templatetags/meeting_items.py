from django import template

from hoinghi.meetings.permissions import RULES

register = template.Library()


@register.filter
def may_open(user, item) -> bool:
    """Whether `user` may open the item's page, by the permissions table's rule: pages link an item only then,
    rather than to a page that answers 403."""
    return RULES.allows("view_item", user, item)


@register.filter
def may_open_meeting(user, meeting) -> bool:
    """The same for a meeting's page."""
    return RULES.allows("view_meeting", user, meeting)
