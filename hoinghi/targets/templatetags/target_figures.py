"""`{% load target_figures %}`: a figure written with its unit of measure, the way the user's language writes
numbers ("80,5%", "735 doanh nghiệp", "rank 19")."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .. import rules
from ..labels import period_label

register = template.Library()


def number(value) -> str:
    """Up to two decimals, none when whole; thousands grouped."""
    rounded = round(Decimal(str(value)), 2)
    places = 0 if rounded == rounded.to_integral_value() else 2
    text = number_format(rounded, places, force_grouping=True)
    return text.rstrip("0") if places else text


@register.filter
def measure(value, target) -> str:
    """The value in the target's unit; "—" without a value."""
    if value is None or value == "":
        return "—"
    shown = number(value)
    if target.kind == rules.RANK:
        return _("rank %(value)s") % {"value": shown}
    if target.unit == "%":
        return f"{shown}%"
    return f"{shown} {target.unit}".strip()


@register.filter
def measure_number(value) -> str:
    return "" if value is None else number(value)


@register.simple_tag
def period_name(period, frequency) -> str:
    """ "Quý I/2025", "Năm 2025"...: the period a figure is for."""
    return period_label(period, frequency)
