"""`{% load directive_panel %}`: the directives of an item, on the item's page, without the meetings app importing
the follow-up. A form sent back with errors (`directive_form` in the page's context) is shown again."""

from django import template

from hoinghi.meetings.rules import CONCLUSIONS_OPEN
from hoinghi.meetings.services import meeting_day

from .. import permissions as follow
from ..forms import DirectiveForm

register = template.Library()


@register.inclusion_tag("directives/_item_panel.html", takes_context=True)
def item_directives(context, item):
    user = context["request"].user
    conclusion = getattr(item, "conclusion", None)
    directives = (
        conclusion.directives.select_related("lead_organization").prefetch_related("coordinating_organizations")
        if conclusion
        else []
    )
    return {
        "item": item,
        "conclusion": conclusion,
        "directives": directives,
        "can_conclude": follow.can_draft(user, item.meeting) and item.meeting.status in CONCLUSIONS_OPEN,
        "directive_form": context.get("directive_form") or DirectiveForm(day=meeting_day(item.meeting)),
        "csrf_token": context.get("csrf_token"),
    }
