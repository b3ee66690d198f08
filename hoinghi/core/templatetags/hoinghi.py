from django import template

from hoinghi.core.labels import ACTIONS, FIELDS, value_label

register = template.Library()


@register.filter
def action_label(verb: str) -> str:
    return ACTIONS.get(verb, verb)


@register.filter
def field_label(name: str) -> str:
    return FIELDS.get(name, name)


@register.simple_tag
def change_value(event, field: str, value) -> str:
    """A value of a change in the history, in the page's language (see labels.value_label)."""
    return value_label(event.object_type, field, value)
