"""The portal's button on the meeting's news-draft page (records): start an article from the draft. The page
belongs to a lower part, so the portal gives the panel (see docs/architecture.md, templates across the layers)."""

from django import template

from ..permissions import RULES

register = template.Library()


@register.inclusion_tag("portal/office/_start_article.html", takes_context=True)
def start_article(context, meeting):
    user = context["request"].user
    return {"meeting": meeting, "allowed": RULES["edit"](user, meeting), "csrf_token": context.get("csrf_token")}
