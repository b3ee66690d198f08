"""`{% load records %}`: the notice and news panel of a meeting's page, without the meetings app importing records."""

from django import template
from django.utils import timezone

from .. import permissions as perm
from ..issue import may_issue
from ..selectors import issued_for

register = template.Library()


@register.inclusion_tag("records/_panel.html", takes_context=True)
def meeting_outputs(context, meeting):
    user = context["request"].user
    return {
        "meeting": meeting,
        # A notice naming a confidential item is listed for those who may download it.
        "issued": [issued for issued in issued_for(meeting) if perm.can_download(user, issued)],
        "can_prepare": perm.can_issue_notice(user, meeting),
        "can_issue": perm.can_issue_notice(user, meeting) and may_issue(meeting, timezone.localdate()),
        "csrf_token": context.get("csrf_token"),
    }
