"""Resolutions, their measurable targets, and the figures units report against them.

A figure is never overwritten: the office's correction is a new figure that `replaces` the original (kept, no
longer current) and says who and why. A target whose definition changed during its period keeps each change
as a revision, so a chart can mark it instead of joining two different measures.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hoinghi.core.fields import NFCCharField, NFCTextField
from hoinghi.directory.models import Body, Organization
from hoinghi.meetings.models import Conclusion, Meeting

from . import rules


class Resolution(models.Model):
    number = NFCCharField(_("number"), max_length=64)  # "06-NQ/TU"
    title = NFCTextField(_("title"))
    body = models.ForeignKey(Body, verbose_name=_("issuing body"), on_delete=models.PROTECT, related_name="resolutions")
    issued_on = models.DateField(_("issued on"))
    period_start = models.PositiveSmallIntegerField(_("from the year"))
    period_end = models.PositiveSmallIntegerField(_("to the year"))  # the last milestone's year ("đến năm 2030")
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("adopted at"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    conclusion = models.ForeignKey(
        Conclusion, verbose_name=_("conclusion"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        ordering = ["-issued_on", "number"]
        constraints = [
            models.UniqueConstraint(fields=["body", "number"], name="resolution_unique_number"),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")), name="resolution_period"
            ),
        ]

    def __str__(self):
        return f"{self.number}: {self.title[:80]}"

    def validate_constraints(self, exclude=None):
        # The constraints, each said on its field in the office's words.
        if self.period_start is not None and self.period_end is not None and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period cannot end before it starts.")})
        if self.body_id is not None and self.number:
            clash = Resolution.objects.filter(body_id=self.body_id, number=self.number).exclude(pk=self.pk)
            if clash.exists():
                message = _("%(body)s already has a resolution numbered %(number)s.")
                raise ValidationError({"number": message % {"body": self.body, "number": self.number}})
        super().validate_constraints(exclude=exclude)


class SolutionGroup(models.Model):
    """One of the resolution's lines of action ("nhóm giải pháp")."""

    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="groups")
    order = models.PositiveSmallIntegerField(default=0)
    title = NFCTextField(_("title"))

    class Meta:
        verbose_name = _("solution group")
        verbose_name_plural = _("solution groups")
        ordering = ["resolution", "order", "id"]

    def __str__(self):
        return self.title[:80]


class Target(models.Model):
    class Kind(models.TextChoices):
        PERCENT = rules.PERCENT, _("Percentage")
        COUNT = rules.COUNT, _("Count")
        AMOUNT = rules.AMOUNT, _("Amount")
        RANK = rules.RANK, _("Rank (lower is better)")

    class Direction(models.TextChoices):
        AT_LEAST = rules.AT_LEAST, _("At least")
        AT_MOST = rules.AT_MOST, _("At most")

    class Frequency(models.TextChoices):
        MONTHLY = rules.MONTHLY, _("Monthly")
        QUARTERLY = rules.QUARTERLY, _("Quarterly")
        HALF_YEARLY = rules.HALF_YEARLY, _("Half-yearly")
        YEARLY = rules.YEARLY, _("Yearly")

    class Rollup(models.TextChoices):
        NONE = rules.NO_ROLLUP, _("Reported at its own level")
        SUM = rules.SUM, _("Sum of the districts")
        WEIGHTED_SHARE = rules.WEIGHTED_SHARE, _("Share weighted by each district's base")

    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="targets")
    group = models.ForeignKey(SolutionGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="targets")
    order = models.PositiveSmallIntegerField(default=0)
    indicator = NFCTextField(_("indicator"))
    unit = NFCCharField(_("unit of measure"), max_length=64)  # "%", "doanh nghiệp", "hạng"
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.PERCENT)
    direction = models.CharField(_("direction"), max_length=8, choices=Direction.choices, default=Direction.AT_LEAST)
    baseline_value = models.DecimalField(_("baseline"), max_digits=20, decimal_places=4, null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    scope_level = models.CharField(
        _("level"), max_length=16, choices=Organization.Level.choices, default=Organization.Level.PROVINCE
    )
    frequency = models.CharField(_("reported"), max_length=12, choices=Frequency.choices, default=Frequency.QUARTERLY)
    rollup = models.CharField(_("province figure"), max_length=16, choices=Rollup.choices, default=Rollup.NONE)
    # What a weighted share is weighted by ("dân số", "số hồ sơ tiếp nhận"): each figure's base counts it.
    weight_name = NFCCharField(
        _("weighted by"),
        max_length=128,
        blank=True,
        default="",
        help_text=_("For a weighted share: what each figure's base counts, e.g. population; the pages state it."),
    )
    reporters = models.ManyToManyField(
        Organization, verbose_name=_("reporting organizations"), blank=True, related_name="reported_targets"
    )

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["resolution", "order", "id"]
        constraints = [
            # A rank is better when lower: it is always an "at most" target.
            models.CheckConstraint(
                condition=~models.Q(kind=rules.RANK) | models.Q(direction=rules.AT_MOST), name="target_rank_at_most"
            ),
        ]

    def __str__(self):
        return self.indicator[:80]


class Milestone(models.Model):
    """The value to reach by a year ("80% đến năm 2025"); a target may have several."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="milestones")
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["target", "year"]
        constraints = [models.UniqueConstraint(fields=["target", "year"], name="milestone_one_per_year")]

    def __str__(self):
        return f"{self.value} ({self.year})"


class TargetRevision(models.Model):
    """The target's definition changed from `effective_on` (e.g. "mức độ 4" services became "toàn trình"), or its
    scope did (a re-scope: the districts ended, the communes or the province report from that day)."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="revisions")
    effective_on = models.DateField(_("from"))
    indicator_before = NFCTextField(_("before"))
    indicator_after = NFCTextField(_("after"))
    # A re-scope: the level and the organizations asked for figures before and from `effective_on`.
    scope_before = models.CharField(
        _("level before"), max_length=16, choices=Organization.Level.choices, blank=True, default=""
    )
    scope_after = models.CharField(
        _("level after"), max_length=16, choices=Organization.Level.choices, blank=True, default=""
    )
    reporters_before = models.ManyToManyField(
        Organization, verbose_name=_("reporting before"), blank=True, related_name="+"
    )
    reporters_after = models.ManyToManyField(
        Organization, verbose_name=_("reporting from"), blank=True, related_name="+"
    )
    reason = NFCTextField(_("reason"))
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("definition change")
        verbose_name_plural = _("definition changes")
        ordering = ["target", "effective_on", "id"]

    def __str__(self):
        return f"{self.target_id} @ {self.effective_on}"

    @property
    def rescopes(self) -> bool:
        return bool(self.scope_after)


def _evidence_path(figure, filename: str) -> str:
    return f"figures/{figure.target_id}/{figure.sha256[:16]}{figure.extension}"


class Figure(models.Model):
    """A unit's figure for one period of a target (`period`: the first day of the month, quarter, half or year)."""

    class Status(models.TextChoices):
        REPORTED = "reported", pgettext_lazy("figure", "Reported")
        APPROVED = "approved", pgettext_lazy("figure", "Approved")
        # Sent back by the office, with the reason: no longer current, so the unit reports the period again.
        RETURNED = "returned", pgettext_lazy("figure", "Returned")

    target = models.ForeignKey(Target, on_delete=models.PROTECT, related_name="figures")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="figures")
    period = models.DateField(_("period"))
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4)
    # The base of a share (e.g. the dossiers handled), when the province figure is a share weighted by it.
    weight = models.DecimalField(_("base"), max_digits=20, decimal_places=4, null=True, blank=True)
    note = NFCTextField(_("note"), blank=True, default="")
    evidence = models.FileField(_("evidence"), upload_to=_evidence_path, max_length=255, blank=True)
    evidence_name = NFCCharField(max_length=255, blank=True, default="")
    extension = models.CharField(max_length=8, blank=True, default="")
    sha256 = models.CharField(max_length=64, blank=True, default="")
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField()
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.REPORTED)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    # A correction by the office: the figure it replaces (kept, no longer current) and why.
    replaces = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by")
    correction_reason = NFCTextField(_("why corrected"), blank=True, default="")
    return_reason = NFCTextField(_("why returned"), blank=True, default="")
    is_current = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("figure")
        verbose_name_plural = _("figures")
        ordering = ["target", "period", "organization"]
        constraints = [
            models.UniqueConstraint(
                fields=["target", "organization", "period"],
                condition=models.Q(is_current=True),
                name="figure_one_current_per_period",
            ),
        ]
        indexes = [
            models.Index(fields=["target", "is_current", "period"], name="figure_target_period"),
            models.Index(fields=["organization", "target", "period"], name="figure_unit_target"),
        ]

    def __str__(self):
        return f"{self.target_id} {self.organization_id} {self.period}: {self.value}"
