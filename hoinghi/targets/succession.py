"""A merged organization's figures for the periods before the merge, derived from its predecessors' (the rule is
`lineage.derive`): read in two queries, shown apart from what was reported, with the rule in words.

Only a merge (or a dissolution into one successor) can be rolled up: a split's part cannot be told from the
whole's figure, so an organization that came out of a split derives nothing.
"""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from hoinghi.directory.models import Organization, Reorganization
from hoinghi.directory.selectors import predecessors_of

from . import lineage
from .labels import period_label
from .models import Figure, Target
from .rules import period_end


@dataclass
class Row:
    period: datetime.date
    label: str
    derived: lineage.Derived
    missing: list[str] = field(default_factory=list)  # the predecessors whose figure (or base) is missing


@dataclass
class Lineage:
    organization: Organization
    effective: datetime.date  # the first day after the merge: the periods ending before it are derived
    predecessors: list[Organization]
    rule: str  # in words, for the page and the chart
    rows: list[Row] = field(default_factory=list)  # the latest first; only periods with some figure
    refusal: str = ""  # why nothing is derived at all

    @property
    def derived(self) -> list[Row]:
        return [row for row in self.rows if row.derived.derived]

    def chart(self, axis: list[datetime.date]) -> dict:
        """The derived figures as a dataset of the target's chart, aligned with its periods."""
        values = {row.period: round(row.derived.value, 4) for row in self.derived}
        return {
            "label": _("%(organization)s, derived from its predecessors") % {"organization": self.organization.name},
            "values": [values.get(period) for period in axis],
            "rule": self.rule,
        }


def rule_text(target: Target) -> str:
    """The roll-up rule of the target's indicator, in words."""
    if target.rollup not in lineage.DERIVED_RULES:
        return _(lineage.NOT_DERIVED)
    weight = target.weight_name or _("the base")
    return _(lineage.DERIVED_RULES[target.rollup]) % {"weight": weight}


def lineage_of(target: Target, organization: Organization, approved_only: bool = False) -> Lineage | None:
    """The organization's derived figures on the target for the periods before the merge that made it; None when
    no reorganization made it."""
    made = list(Reorganization.objects.filter(successors=organization).prefetch_related("successors"))
    if not made:
        return None
    effective = max(reorganization.effective for reorganization in made)
    predecessors = predecessors_of(organization)
    found = Lineage(organization, effective, predecessors, rule_text(target))
    if target.rollup not in lineage.DERIVED_RULES:
        found.refusal = found.rule
        return found
    if any(len(reorganization.successors.all()) > 1 for reorganization in made):
        found.refusal = _("%(organization)s came out of a split: a part's figure cannot be told from the whole's.") % {
            "organization": organization.name
        }
        return found
    members = [organization, *predecessors]
    figures = Figure.objects.filter(target=target, organization__in=members, is_current=True, period__lt=effective)
    if approved_only:
        figures = figures.filter(status=Figure.Status.APPROVED)
    by_period: dict[datetime.date, dict] = {}
    for organization_id, period, value, weight in figures.values_list("organization_id", "period", "value", "weight"):
        by_period.setdefault(period, {})[organization_id] = (value, weight)
    names = {member.pk: member.name for member in members}
    for period in sorted(by_period, reverse=True):
        last = period_end(period, target.frequency)
        if last >= effective:
            continue  # the period runs past the merge: the successor reports it
        expected = [member.pk for member in members if _existed_during(member, period, last)]
        derived = lineage.derive(target.rollup, expected, by_period[period])
        label = period_label(period, target.frequency)
        found.rows.append(Row(period, label, derived, [names[pk] for pk in derived.missing]))
    return found


def _existed_during(organization: Organization, first: datetime.date, last: datetime.date) -> bool:
    return (organization.start is None or organization.start <= last) and (
        organization.end is None or organization.end >= first
    )


def successors(target: Target) -> list[Organization]:
    """The target's reporters that a reorganization made: each has a page of its own figures and derived ones."""
    return list(target.reporters.filter(reorganizations__isnull=False).distinct().order_by("name"))
