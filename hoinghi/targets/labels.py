"""Periods as people name them ("Quý I/2025", "6 tháng đầu năm 2025"), in the user's language, from
`rules.period_parts`."""

import datetime

from django.utils.translation import gettext as _

from . import rules


def period_label(period: datetime.date, frequency: str) -> str:
    parts = rules.period_parts(period, frequency)
    values = {"number": parts.numeral, "year": parts.year}
    if frequency == rules.MONTHLY:
        return _("Month %(number)s/%(year)s") % values
    if frequency == rules.QUARTERLY:
        return _("Quarter %(number)s/%(year)s") % values
    if frequency == rules.HALF_YEARLY:
        return (_("First half of %(year)s") if parts.index == 1 else _("Second half of %(year)s")) % values
    return _("Year %(year)s") % values
