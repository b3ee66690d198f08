"""`{% load directive_review %}`: the review of earlier directives on a meeting's pages, without the
meetings app knowing the follow-up's rules."""

from django import template

from hoinghi.meetings.permissions import can_view_meeting

from .. import permissions as follow
from ..review import review

register = template.Library()


@register.inclusion_tag("directives/_review.html", takes_context=True)
def earlier_directives(context, meeting):
    user = context["request"].user
    if not can_view_meeting(user, meeting):
        return {}
    return {
        "meeting": meeting,
        "review": review(meeting, reader=user),
        # Members review the list in the room; the follow-up pages are for the office, leaders and units.
        "linked": follow.can_watch(user) or follow.unit_of(user) is not None,
    }
