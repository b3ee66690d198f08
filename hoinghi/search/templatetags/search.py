from django import template
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

register = template.Library()

FACET_LABELS = {
    "kind": pgettext_lazy("search", "Type"),
    "body": _("Body"),
    "year": _("Year"),
    "organization": _("Organization"),
}


@register.simple_tag
def facet_label(name: str) -> str:
    return FACET_LABELS[name]


@register.simple_tag
def facet_link(form, name: str, facet) -> str:
    """The address that chooses the facet's value, or lets go of it."""
    return form.toggled(name, facet.value)
