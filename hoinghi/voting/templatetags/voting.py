"""`{% load voting %}`: the polls of a meeting or an item, so that meetings' templates list them
without the meetings app importing voting."""

from django import template
from django.urls import reverse

from hoinghi.meetings.rules import EDITABLE_AGENDA

from .. import permissions as perm
from .. import selectors

register = template.Library()


def _can_create(user, meeting) -> bool:
    return perm.can_create(user, meeting) and meeting.status in EDITABLE_AGENDA


@register.inclusion_tag("voting/_polls.html", takes_context=True)
def meeting_polls(context, meeting):
    user = context["request"].user
    return {
        "polls": selectors.polls_for_meeting(user, meeting),
        "can_create": _can_create(user, meeting),
        "create_url": reverse("voting:create", args=[meeting.pk]),
        "scope": f"meeting-{meeting.pk}",
    }


@register.inclusion_tag("voting/_polls.html", takes_context=True)
def item_polls(context, item):
    user = context["request"].user
    return {
        "polls": selectors.polls_for_item(user, item),
        "can_create": _can_create(user, item.meeting),
        "create_url": reverse("voting:create", args=[item.meeting_id]) + f"?item={item.pk}",
        "scope": f"item-{item.pk}",
    }


@register.inclusion_tag("voting/_chair_polls.html", takes_context=True)
def chair_polls(context, item):
    """On the chair's view: the polls of the item under discussion, each with the way to its console."""
    user = context["request"].user
    polls = selectors.polls_for_item(user, item)
    return {"item": item, "polls": [(poll, perm.can_run(user, poll)) for poll in polls]}
