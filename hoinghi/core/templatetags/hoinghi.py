from django import template

from hoinghi.core.forms import DayInput
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


@register.simple_tag
def day_input(name: str, value, input_id: str):
    """The product's one day input (core.forms.DayInput) for a filter written in a template rather than a form."""
    return DayInput(attrs={"class": "form-control", "id": input_id}).render(name, value)
