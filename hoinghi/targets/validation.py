"""The rules a figure must pass, shared by the reporting form and the Excel import so both refuse the same things.

`FigureRules.load` reads once what the checks need (the targets, who reports them, the figures already there);
`check_figure` then judges one figure in memory, with no query: an import of many thousand rows is one pass.
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import rules
from .models import Figure, Target

# What the model stores: 20 digits, 4 of them after the point.
PLACES = Decimal("0.0001")
LIMIT = Decimal(10) ** 16

Problem = tuple[str | None, str]  # (the form field it is about, or None; the message)

DUPLICATE = gettext_lazy("A figure for this period is already there: ask the office to correct it.")


@dataclass(frozen=True, slots=True)
class TargetFacts:
    kind: str
    frequency: str
    rollup: str
    first_year: int
    last_year: int
    reporters: frozenset[int]


@dataclass
class FigureRules:
    """What figures are checked against: `targets` by id, the (target id, organization id, period) of the
    current figures, and today (a period that has not begun takes no figure)."""

    targets: dict[int, TargetFacts]
    current: set[tuple[int, int, datetime.date]]
    today: datetime.date

    @classmethod
    def load(cls, targets, *, organizations=None, today=None) -> "FigureRules":
        """The rules for `targets` (a Target queryset or target ids), in three queries however many there are.

        `organizations` (ids), when given, limits the current figures read to theirs: the checks are then valid
        for figures of those organizations only."""
        chosen = Target.objects.filter(pk__in=targets)
        reporters: dict[int, set[int]] = {}
        for target_id, organization_id in Target.reporters.through.objects.filter(target__in=chosen).values_list(
            "target_id", "organization_id"
        ):
            reporters.setdefault(target_id, set()).add(organization_id)
        facts = {
            pk: TargetFacts(kind, frequency, rollup, first, last, frozenset(reporters.get(pk, ())))
            for pk, kind, frequency, rollup, first, last in chosen.values_list(
                "pk", "kind", "frequency", "rollup", "resolution__period_start", "resolution__period_end"
            )
        }
        figures = Figure.objects.filter(target__in=chosen, is_current=True)
        if organizations is not None:
            figures = figures.filter(organization_id__in=organizations)
        current = set(figures.values_list("target_id", "organization_id", "period"))
        return cls(facts, current, today or timezone.localdate())


def check_figure(known: FigureRules, target_id, organization_id, period, value, weight=None) -> list[str]:
    """Every reason the figure cannot be saved, in English msgids translated to the active language; [] if none.

    `target_id` and `organization_id` are None when the row named no known target or organization; `period` is
    the first day of the period; `value` and `weight` are numbers (anything else is refused as not a number).
    A figure already in `known.current` is a duplicate: the office corrects it instead."""
    return [message for _field, message in problems(known, target_id, organization_id, period, value, weight)]


def problems(known: FigureRules, target_id, organization_id, period, value, weight=None) -> list[Problem]:
    """`check_figure`'s reasons, each with the form field it is about."""
    found: list[Problem] = []
    facts = known.targets.get(target_id)
    if facts is None:
        found.append(("target", _("Unknown target.")))
    if organization_id is None:
        found.append(("organization", _("Unknown organization.")))
    elif facts is not None and organization_id not in facts.reporters:
        found.append(("organization", _("This organization does not report this target.")))
    if isinstance(period, datetime.datetime):
        period = period.date()
    if not isinstance(period, datetime.date):
        found.append(("period", _("Unknown period: give the first day of the period.")))
    elif facts is not None:
        found.extend(_period_problems(known, facts, period))
        if (target_id, organization_id, period) in known.current:
            found.append(("period", str(DUPLICATE)))
    if facts is not None:
        found.extend(value_problems(facts.kind, facts.rollup, value, weight))
    return found


def _period_problems(known: FigureRules, facts: TargetFacts, period: datetime.date) -> list[Problem]:
    if not rules.is_period_start(period, facts.frequency):
        frequency = Target.Frequency(facts.frequency).label.lower()
        message = _("This is not the first day of a period: the target is reported %(frequency)s.")
        return [("period", message % {"frequency": frequency})]
    if not facts.first_year <= period.year <= facts.last_year:
        message = _("The period is outside the resolution's years, %(first)s to %(last)s.")
        return [("period", message % {"first": facts.first_year, "last": facts.last_year})]
    if period > known.today:
        return [("period", _("This period has not begun yet."))]
    return []


def _number(value) -> Decimal | None:
    """The value as a Decimal, or None when it is not a finite number."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    return number if number.is_finite() else None


def as_stored(value) -> Decimal | None:
    """A checked number rounded as the model keeps it (4 decimal places); None stays None."""
    return None if value is None else _number(value).quantize(PLACES, ROUND_HALF_UP)


def value_problems(kind: str, rollup: str, value, weight=None) -> list[Problem]:
    """What is wrong with a value and its base for a target of `kind` and `rollup`."""
    found: list[Problem] = []
    number = _number(value)
    if value is None or value == "":
        found.append(("value", _("Enter the value.")))
    elif number is None:
        found.append(("value", _("The value must be a number.")))
    elif abs(number) >= LIMIT:
        found.append(("value", _("This number is too large.")))
    elif kind == rules.PERCENT and not 0 <= number <= 100:
        found.append(("value", _("A percentage is a number from 0 to 100.")))
    elif kind == rules.RANK and (number < 1 or number != number.to_integral_value()):
        found.append(("value", _("A rank is a whole number from 1 up.")))
    elif kind == rules.COUNT and number != number.to_integral_value():
        found.append(("value", _("A count is a whole number.")))
    elif number < 0:
        found.append(("value", _("This figure cannot be negative.")))
    if weight is None or weight == "":
        if rollup == rules.WEIGHTED_SHARE:
            found.append(("weight", _("Give the base of the share: the province figure is weighted by it.")))
    elif (base := _number(weight)) is None:
        found.append(("weight", _("The base must be a number.")))
    elif abs(base) >= LIMIT:
        found.append(("weight", _("This number is too large.")))
    elif base <= 0:
        found.append(("weight", _("The base must be greater than 0.")))
    return found
