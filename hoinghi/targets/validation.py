"""The rules a figure must pass, shared by the reporting form and the Excel import so both refuse the same things.

`FigureRules.load` reads once what the checks need (the targets, who reports them and when each reporter began
and ended, the re-scopes, the figures already there); `check_figure` then judges one figure in memory, with no
query: an import of many thousand rows is one pass.

Figures stop at the reorganization: an organization reports no period that began after its last day, nor one
that ended before its first (a successor's earlier figures are derived from its predecessors', `lineage`); after
a target is re-scoped, a period is asked of the organizations of the scope in force at the period's end.
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import rules
from .models import Figure, Target, TargetRevision

# What the model stores: 20 digits, 4 of them after the point.
PLACES = Decimal("0.0001")
LIMIT = Decimal(10) ** 16

Problem = tuple[str | None, str]  # (the form field it is about, or None; the message)

DUPLICATE = gettext_lazy("A figure for this period is already there: ask the office to correct it.")


@dataclass(frozen=True, slots=True)
class Rescope:
    effective_on: datetime.date
    before: frozenset[int]
    after: frozenset[int]


@dataclass(frozen=True, slots=True)
class TargetFacts:
    kind: str
    frequency: str
    rollup: str
    first_year: int
    last_year: int
    reporters: frozenset[int]
    rescopes: tuple[Rescope, ...] = ()  # in date order

    def asked(self, period_end: datetime.date) -> tuple[frozenset[int], Rescope | None]:
        """Who is asked for the period ending on `period_end`, and the re-scope that says so (None: no re-scope)."""
        applied = [rescope for rescope in self.rescopes if rescope.effective_on <= period_end]
        if applied:
            return applied[-1].after, applied[-1]
        if self.rescopes:
            return self.rescopes[0].before, self.rescopes[0]
        return self.reporters, None


@dataclass(frozen=True, slots=True)
class Lifetime:
    name: str
    start: datetime.date | None
    end: datetime.date | None


@dataclass
class FigureRules:
    """What figures are checked against: `targets` by id, the (target id, organization id, period) of the
    current figures, and today (a period that has not begun takes no figure)."""

    targets: dict[int, TargetFacts]
    current: set[tuple[int, int, datetime.date]]
    today: datetime.date
    lifetimes: dict[int, Lifetime]  # of the targets' reporters

    @classmethod
    def load(cls, targets, *, organizations=None, today=None) -> "FigureRules":
        """The rules for `targets` (a Target queryset or target ids), in five queries however many there are.

        `organizations` (ids), when given, limits the current figures read to theirs: the checks are then valid
        for figures of those organizations only."""
        chosen = Target.objects.filter(pk__in=targets)
        reporters: dict[int, set[int]] = {}
        lifetimes: dict[int, Lifetime] = {}
        rows = Target.reporters.through.objects.filter(target__in=chosen).values_list(
            "target_id", "organization_id", "organization__name", "organization__start", "organization__end"
        )
        for target_id, organization_id, name, start, end in rows:
            reporters.setdefault(target_id, set()).add(organization_id)
            lifetimes[organization_id] = Lifetime(name, start, end)
        rescopes = _rescopes(chosen)
        facts = {
            pk: TargetFacts(
                kind, frequency, rollup, first, last, frozenset(reporters.get(pk, ())), rescopes.get(pk, ())
            )
            for pk, kind, frequency, rollup, first, last in chosen.values_list(
                "pk", "kind", "frequency", "rollup", "resolution__period_start", "resolution__period_end"
            )
        }
        figures = Figure.objects.filter(target__in=chosen, is_current=True)
        if organizations is not None:
            figures = figures.filter(organization_id__in=organizations)
        current = set(figures.values_list("target_id", "organization_id", "period"))
        return cls(facts, current, today or timezone.localdate(), lifetimes)


def _rescopes(targets) -> dict[int, tuple[Rescope, ...]]:
    """Each target's re-scopes in date order, with who was asked before and from each: two queries."""
    sides: dict[tuple, dict[str, set[int]]] = {}
    for name, through in (
        ("before", TargetRevision.reporters_before.through),
        ("after", TargetRevision.reporters_after.through),
    ):
        rows = through.objects.filter(targetrevision__target__in=targets, targetrevision__scope_after__gt="")
        found = rows.values_list(
            "targetrevision__target_id", "targetrevision__effective_on", "targetrevision_id", "organization_id"
        )
        for target_id, day, revision_id, organization_id in found:
            sides.setdefault((target_id, day, revision_id), {"before": set(), "after": set()})[name].add(
                organization_id
            )
    result: dict[int, list[Rescope]] = {}
    for (target_id, day, _revision), side in sorted(sides.items()):
        result.setdefault(target_id, []).append(Rescope(day, frozenset(side["before"]), frozenset(side["after"])))
    return {target_id: tuple(found) for target_id, found in result.items()}


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
        found.extend(
            _period_problems(known, facts, period) or _lifetime_problems(known, facts, organization_id, period)
        )
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


def _lifetime_problems(known: FigureRules, facts: TargetFacts, organization_id, period) -> list[Problem]:
    """The organization did not exist during the period, or the target's scope in force then does not ask it."""
    life = known.lifetimes.get(organization_id)
    if life is None or organization_id not in facts.reporters:
        return []  # not a reporter: said already
    last_day = rules.period_end(period, facts.frequency)
    if life.end is not None and period > life.end:
        message = _("%(organization)s ended on %(day)s (reorganization): it reports no figure for a later period.")
        return [("period", message % {"organization": life.name, "day": f"{life.end:%d/%m/%Y}"})]
    if life.start is not None and last_day < life.start:
        message = _(
            "%(organization)s began on %(day)s: it reports no figure for an earlier period (its figure for that "
            "period is derived from its predecessors' where the indicator allows)."
        )
        return [("period", message % {"organization": life.name, "day": f"{life.start:%d/%m/%Y}"})]
    asked, rescope = facts.asked(last_day)
    if rescope is not None and organization_id not in asked:
        day = f"{rescope.effective_on:%d/%m/%Y}"
        if last_day >= rescope.effective_on:
            message = _("The target's scope changed from %(day)s: %(organization)s no longer reports it.")
        else:
            message = _("The target's scope changed from %(day)s: %(organization)s reports it from then only.")
        return [("period", message % {"organization": life.name, "day": day})]
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
