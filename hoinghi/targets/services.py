"""Writing figures and target definitions. Each write checks everything first, saves in one transaction and leaves
one audit event naming who did what; a figure is never overwritten: the office's correction is a new figure.

`check_*` checks that the acting person may, then calls the action `do_*`, which trusted callers (the import of
articles, the demo loader) call directly."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hoinghi.core import audit
from hoinghi.core.errors import invalid, require
from hoinghi.core.text import clean, match_key
from hoinghi.core.uploads import checked_file, save_with_file, upload_name
from hoinghi.directory.models import Organization

from . import permissions as perm
from . import validation
from .models import Figure, Milestone, Resolution, Target, TargetRevision


def _refuse_any(found: list[validation.Problem]) -> None:
    if found:
        grouped: dict[str, list[str]] = {}
        for field, message in found:
            grouped.setdefault(field or NON_FIELD_ERRORS, []).append(message)
        raise ValidationError(grouped)


def _plain(number) -> str | None:
    """A Decimal as the audit log keeps it (JSON has no decimals): "80.5", not "80.5000"."""
    return None if number is None else f"{number.normalize():f}"


def _checked_evidence(evidence, found: list) -> tuple | None:
    if not evidence:
        return None
    try:
        return checked_file(evidence, "evidence")
    except ValidationError as refusal:
        found.extend(("evidence", message) for message in refusal.messages)
        return None


def check_report_figure(actor, target: Target, *, organization, **figure) -> Figure:
    require(perm.acts_for(actor, organization.pk), _("You may report figures for your own organization only."))
    return do_report_figure(actor, target, organization=organization, **figure)


@transaction.atomic
def do_report_figure(actor, target: Target, *, organization, period, value, weight=None, note="", evidence=None):
    """A unit's figure for one period of a target, with its evidence file if any."""
    # Reports on one target take turns: the duplicate check below stays true until the figure is saved.
    target = Target.objects.select_for_update().get(pk=target.pk)
    known = validation.FigureRules.load([target.pk], organizations=[organization.pk])
    found = validation.problems(known, target.pk, organization.pk, period, value, weight)
    checked = _checked_evidence(evidence, found)
    _refuse_any(found)
    figure = Figure(
        target=target,
        organization=organization,
        period=period,
        value=validation.as_stored(value),
        weight=validation.as_stored(weight),
        note=(note or "").strip(),
        reported_by=actor,
        reported_at=timezone.now(),
    )
    try:
        with transaction.atomic():
            if checked:
                file_type, figure.sha256 = checked
                figure.extension = file_type.extension
                figure.evidence_name = upload_name(evidence, file_type.extension)
                save_with_file(figure, "evidence", figure.evidence_name, evidence)
            else:
                figure.save()
    except IntegrityError:
        # A writer that does not take the target's lock (an import) saved the same period meanwhile.
        invalid(validation.DUPLICATE, "period")
    audit.record(
        actor,
        "figure.report",
        figure,
        target=target.pk,
        organization=str(organization),
        period=period.isoformat(),
        value=_plain(figure.value),
        weight=_plain(figure.weight),
        evidence=figure.evidence_name,
    )
    return figure


def _locked(figure: Figure) -> Figure:
    """The figure, locked; refused when the office returned it (the unit's new figure is the one to act on)."""
    figure = Figure.objects.select_for_update().select_related("target").get(pk=figure.pk)
    if figure.status == Figure.Status.RETURNED:
        invalid(_("This figure was returned to its unit: act on the figure the unit reports again."))
    return figure


def check_correct_figure(actor, figure: Figure, **correction) -> Figure:
    require(perm.can_correct(actor), _("Only the office corrects figures."))
    return do_correct_figure(actor, figure, **correction)


@transaction.atomic
def do_correct_figure(actor, figure: Figure, *, value, weight=None, reason) -> Figure:
    """The office's correction: a new current figure that replaces the original, which is kept as it was.

    The office checked the number it writes, so the correction is approved at once."""
    original = _locked(figure)
    if not original.is_current:
        invalid(_("This figure was corrected already: correct its latest version."))
    target = original.target
    found = validation.value_problems(target.kind, target.rollup, value, weight)
    if not (reason or "").strip():
        found.append(("reason", _("Say why the figure is corrected.")))
    _refuse_any(found)
    value, weight = validation.as_stored(value), validation.as_stored(weight)
    if (value, weight) == (original.value, original.weight):
        invalid(_("The corrected figure is the same as the one reported."), "value")
    original.is_current = False
    original.save(update_fields=["is_current"])
    now = timezone.now()
    corrected = Figure.objects.create(
        target=target,
        organization_id=original.organization_id,
        period=original.period,
        value=value,
        weight=weight,
        note=original.note,
        evidence=original.evidence.name,
        evidence_name=original.evidence_name,
        extension=original.extension,
        sha256=original.sha256,
        reported_by=actor,
        reported_at=now,
        status=Figure.Status.APPROVED,
        approved_by=actor,
        approved_at=now,
        replaces=original,
        correction_reason=reason.strip(),
    )
    changes = {"value": [_plain(original.value), _plain(value)]}
    if weight != original.weight:
        changes["weight"] = [_plain(original.weight), _plain(weight)]
    audit.record(actor, "figure.correct", corrected, replaces=original.pk, reason=reason.strip(), changes=changes)
    return corrected


def check_approve_figure(actor, figure: Figure) -> Figure:
    require(perm.can_correct(actor), _("Only the office approves figures."))
    return do_approve_figure(actor, figure)


@transaction.atomic
def do_approve_figure(actor, figure: Figure) -> Figure:
    figure = _locked(figure)
    if not figure.is_current:
        invalid(_("This figure was corrected: approve its latest version."))
    if figure.status == Figure.Status.APPROVED:
        invalid(_("This figure is approved already."))
    figure.status = Figure.Status.APPROVED
    figure.approved_by = actor
    figure.approved_at = timezone.now()
    figure.save(update_fields=["status", "approved_by", "approved_at"])
    audit.record(actor, "figure.approve", figure, value=_plain(figure.value))
    return figure


def check_return_figure(actor, figure: Figure, *, reason) -> Figure:
    require(perm.can_correct(actor), _("Only the office returns figures."))
    return do_return_figure(actor, figure, reason=reason)


@transaction.atomic
def do_return_figure(actor, figure: Figure, *, reason) -> Figure:
    """The office sends a figure back to its unit, with the reason: it is kept, no longer current, and the
    period is open to the unit again."""
    figure = _locked(figure)
    if not figure.is_current:
        invalid(_("This figure was corrected: return its latest version."))
    if figure.status != Figure.Status.REPORTED:
        invalid(_("Only a figure waiting for approval can be returned."))
    reason = (reason or "").strip()
    if not reason:
        invalid(_("Say why the figure is returned."), "reason")
    figure.status, figure.is_current, figure.return_reason = Figure.Status.RETURNED, False, reason
    figure.save(update_fields=["status", "is_current", "return_reason"])
    audit.record(actor, "figure.return", figure, value=_plain(figure.value), reason=reason)
    return figure


def _revision_problems(target: Target, indicator: str, effective_on, reason: str) -> list[validation.Problem]:
    found: list[validation.Problem] = []
    if not indicator:
        found.append(("indicator", _("Write the new definition of the target.")))
    elif indicator == target.indicator:
        found.append(("indicator", _("This is the definition in force already.")))
    return found + _change_problems(target, effective_on, reason)


def _change_problems(target: Target, effective_on, reason: str) -> list[validation.Problem]:
    """What a definition change and a re-scope both need: a date within the resolution's years, after the last
    change, and a reason."""
    found: list[validation.Problem] = []
    resolution = target.resolution
    last = target.revisions.order_by("-effective_on").values_list("effective_on", flat=True).first()
    if effective_on is None:
        found.append(("effective_on", _("Enter the date the new definition applies from.")))
    elif not resolution.period_start <= effective_on.year <= resolution.period_end:
        message = _("The date must be within the resolution's years, %(first)s to %(last)s.")
        found.append(("effective_on", message % {"first": resolution.period_start, "last": resolution.period_end}))
    elif last is not None and effective_on <= last:
        message = _("The definition last changed on %(day)s: a new change applies from a later date.")
        found.append(("effective_on", message % {"day": f"{last:%d/%m/%Y}"}))
    if not reason:
        found.append(("reason", _("Give the reason for the change.")))
    return found


def check_revise_target(actor, target: Target, **revision) -> TargetRevision:
    require(perm.can_correct(actor), _("Only the office changes a target's definition."))
    return do_revise_target(actor, target, **revision)


@transaction.atomic
def do_revise_target(actor, target: Target, *, indicator, effective_on, reason) -> TargetRevision:
    """The target's definition changes from `effective_on`: the change is kept with its date and reason, so a
    chart marks it instead of joining two different measures."""
    target = Target.objects.select_for_update().select_related("resolution").get(pk=target.pk)
    indicator, reason = (indicator or "").strip(), (reason or "").strip()
    _refuse_any(_revision_problems(target, indicator, effective_on, reason))
    revision = TargetRevision.objects.create(
        target=target,
        effective_on=effective_on,
        indicator_before=target.indicator,
        indicator_after=indicator,
        reason=reason,
        changed_by=actor,
    )
    target.indicator = indicator
    target.save(update_fields=["indicator"])
    audit.record(
        actor,
        "target.revise",
        target,
        effective_on=effective_on.isoformat(),
        reason=reason,
        changes={"indicator": [revision.indicator_before, indicator]},
    )
    return revision


def asked_now(target: Target) -> list[Organization]:
    """The organizations asked for the target's figures under its scope in force: those the latest re-scope
    named, or (never re-scoped) its reporters."""
    latest = target.revisions.exclude(scope_after="").order_by("-effective_on", "-pk").first()
    asked = latest.reporters_after if latest else target.reporters
    return list(asked.order_by("name"))


def _rescope_problems(target, scope, reporters, effective_on, reason, before) -> list[validation.Problem]:
    found = _change_problems(target, effective_on, reason)
    if scope not in Organization.Level.values:
        found.append(("scope", _("Choose the level the target is asked of from that date.")))
    if not reporters:
        found.append(("reporters", _("Choose the organizations asked for the figures from that date.")))
    elif set(reporters) == set(before):
        found.append(("reporters", _("These organizations are asked already: the scope would not change.")))
    for organization in reporters:
        if effective_on is not None and not organization.existed_on(effective_on):
            message = _("%(organization)s does not exist on %(day)s.")
            found.append(("reporters", message % {"organization": organization, "day": f"{effective_on:%d/%m/%Y}"}))
        elif scope in Organization.Level.values and organization.level != scope:
            message = _("%(organization)s is not at the chosen level (%(level)s).")
            level = Organization.Level(scope).label.lower()
            found.append(("reporters", message % {"organization": organization, "level": level}))
    return found


def check_rescope_target(actor, target: Target, **rescope) -> TargetRevision:
    require(perm.can_correct(actor), _("Only the office changes a target's scope."))
    return do_rescope_target(actor, target, **rescope)


@transaction.atomic
def do_rescope_target(actor, target: Target, *, scope, reporters, effective_on, reason) -> TargetRevision:
    """From `effective_on` the target is asked of `reporters` (at the level `scope`), e.g. the communes after the
    districts ended: kept as a definition change with its date and reason, so the chart marks it and a figure
    for a later period is asked of the new organizations only. Earlier figures stay as they were reported."""
    target = Target.objects.select_for_update().select_related("resolution").get(pk=target.pk)
    reporters, reason = list(reporters), (reason or "").strip()
    before = asked_now(target)
    _refuse_any(_rescope_problems(target, scope, reporters, effective_on, reason, before))
    revision = TargetRevision.objects.create(
        target=target,
        effective_on=effective_on,
        indicator_before=target.indicator,
        indicator_after=target.indicator,
        scope_before=target.scope_level,
        scope_after=scope,
        reason=reason,
        changed_by=actor,
    )
    revision.reporters_before.set(before)
    revision.reporters_after.set(reporters)
    target.reporters.add(*reporters)  # the earlier reporters stay: their figures and late periods remain theirs
    scope_before, target.scope_level = target.scope_level, scope
    target.save(update_fields=["scope_level"])
    audit.record(
        actor,
        "target.rescope",
        target,
        effective_on=effective_on.isoformat(),
        reason=reason,
        changes={
            "scope_level": [scope_before, scope],
            "reporters": [sorted(str(o) for o in before), sorted(str(o) for o in reporters)],
        },
    )
    return revision


@transaction.atomic
def do_create_resolution(
    actor, *, body, number, title, issued_on, meeting=None, conclusion=None, targets=()
) -> Resolution:
    """A resolution with its targets, e.g. from an imported article: `targets` are dicts of indicator, value,
    unit, year and scope_level; one indicator at several years is one target with a milestone per year."""
    number, title = clean(number or ""), clean(title or "")
    if not number:
        invalid(_("The resolution number is required."), "number")
    if not title:
        invalid(_("The title is required."), "title")
    if Resolution.objects.filter(body=body, number=number).exists():
        invalid(
            _("%(body)s already has a resolution numbered %(number)s.") % {"body": body, "number": number}, "number"
        )
    end = max([issued_on.year, *(t["year"] for t in targets if t.get("year"))])
    resolution = Resolution.objects.create(
        number=number,
        title=title,
        body=body,
        issued_on=issued_on,
        period_start=issued_on.year,
        period_end=end,
        meeting=meeting,
        conclusion=conclusion,
        created_by=actor,
    )
    made: dict[tuple, Target] = {}
    for spec in targets:
        key = (match_key(spec["indicator"]), spec["unit"], spec["scope_level"])
        if key not in made:
            made[key] = Target.objects.create(
                resolution=resolution,
                order=len(made) + 1,
                indicator=spec["indicator"],
                unit=spec["unit"][:64],
                kind=Target.Kind.PERCENT if spec["unit"] == "%" else Target.Kind.COUNT,
                scope_level=spec["scope_level"],
            )
        # A value without a year is the goal for the end of the resolution's period.
        Milestone.objects.get_or_create(
            target=made[key], year=spec.get("year") or end, defaults={"value": spec["value"]}
        )
    audit.record(actor, "resolution.create", resolution, number=number, title=title, targets=len(made))
    return resolution
