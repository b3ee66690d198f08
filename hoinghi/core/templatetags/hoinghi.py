from django import template

from hoinghi.core.labels import ACTIONS, FIELDS

register = template.Library()


@register.filter
def action_label(verb: str) -> str:
    return ACTIONS.get(verb, verb)


@register.filter
def field_label(name: str) -> str:
    return FIELDS.get(name, name)
