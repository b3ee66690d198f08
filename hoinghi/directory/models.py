"""Who is who: organizations, deliberative bodies and their terms, people, positions, memberships."""

import datetime

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hoinghi.core.fields import NFCCharField
from hoinghi.core.roman import roman_to_int
from hoinghi.core.text import fold


def active_on(day: datetime.date) -> Q:
    """Rows with start/end dates that cover `day` (open ends count as covering)."""
    return (Q(start__isnull=True) | Q(start__lte=day)) & (Q(end__isnull=True) | Q(end__gte=day))


class DatedQuerySet(models.QuerySet):
    def existing_on(self, day: datetime.date):
        """What began on or before `day` and had not ended before it: what a form dated `day` may offer."""
        return self.filter(active_on(day))


class Dated(models.Model):
    """Began and ended: an organization or body that the reorganization of 2025 (or any other) brought or ended.
    `end` is the last day it existed; empty ends are still open."""

    start = models.DateField(_("began"), null=True, blank=True)
    end = models.DateField(_("ended"), null=True, blank=True, help_text=_("The last day it existed"))

    objects = DatedQuerySet.as_manager()

    class Meta:
        abstract = True

    def existed_on(self, day: datetime.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("It cannot end before it begins.")})


class Organization(Dated):
    class Kind(models.TextChoices):
        PARTY = "party", _("Party")
        GOVERNMENT = "government", _("Government")
        COUNCIL = "council", _("People's Council")
        ARMY = "army", _("Army")
        OTHER = "other", _("Other")

    class Level(models.TextChoices):
        PROVINCE = "province", _("Province")
        DISTRICT = "district", _("District")
        COMMUNE = "commune", _("Commune")

    name = NFCCharField(_("name"), max_length=255)
    short_name = NFCCharField(_("short name"), max_length=64, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.OTHER)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices, default=Level.PROVINCE)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    # The issuer's code in document numbers ("TU" in "12-TB/TU") and the place in the date line.
    document_code = models.CharField(_("document code"), max_length=16, blank=True)
    place_name = NFCCharField(_("place name"), max_length=128, blank=True)

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name", "parent"], name="organization_unique_name")]

    def __str__(self):
        return self.name


class Body(Dated):
    """A deliberative body: Ban Thường vụ, Ban Chấp hành, HĐND."""

    class Kind(models.TextChoices):
        STANDING_COMMITTEE = "standing_committee", _("Standing Committee")
        EXECUTIVE_COMMITTEE = "executive_committee", _("Executive Committee")
        COUNCIL = "council", _("People's Council")
        OTHER = "other", _("Other")

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.PROTECT, related_name="bodies"
    )
    name = NFCCharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    # The heading of the signature block in the body's documents, e.g. "T/M BAN THƯỜNG VỤ".
    signature_heading = NFCCharField(_("signature heading"), max_length=128, blank=True)
    # Share of the convened members that must attend (Party rule: at least two thirds).
    quorum_numerator = models.PositiveSmallIntegerField(_("quorum numerator"), default=2)
    quorum_denominator = models.PositiveSmallIntegerField(_("quorum denominator"), default=3)

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["organization__name", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if not 0 < self.quorum_numerator <= self.quorum_denominator:
            raise ValidationError(_("The quorum must be a fraction between 0 and 1."))


class Term(models.Model):
    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="terms")
    ordinal = models.CharField(_("term"), max_length=16, help_text=_("Roman numeral, e.g. XVII"))
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["body", "-start"]
        constraints = [models.UniqueConstraint(fields=["body", "ordinal"], name="term_unique_ordinal")]

    def __str__(self):
        years = f"{self.start.year}–{self.end.year}" if self.end else f"{self.start.year}–"
        return f"{self.body} {_('term')} {self.ordinal} ({years})"

    @property
    def number(self) -> int:
        return roman_to_int(self.ordinal)

    def clean(self):
        try:
            roman_to_int(self.ordinal)
        except ValueError:
            raise ValidationError({"ordinal": _("The term must be a Roman numeral, e.g. XVII.")}) from None
        self.ordinal = self.ordinal.strip().upper()
        if self.end and self.end < self.start:
            raise ValidationError({"end": _("The term cannot end before it starts.")})

    def validate_constraints(self, exclude=None):
        # A second term with the same numeral is said on the numeral, naming the body.
        if self.body_id is not None and self.ordinal:
            clash = Term.objects.filter(body_id=self.body_id, ordinal=self.ordinal).exclude(pk=self.pk)
            if clash.exists():
                message = _("%(body)s already has a term %(ordinal)s.") % {"body": self.body, "ordinal": self.ordinal}
                raise ValidationError({"ordinal": message})
        super().validate_constraints(exclude=exclude)


class Person(models.Model):
    full_name = NFCCharField(_("full name"), max_length=128)
    name_key = models.CharField(max_length=128, editable=False, db_index=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name"]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.name_key = fold(self.full_name)
        super().save(*args, **kwargs)


class Position(models.Model):
    """A post a person holds for a time; a person holds several at once."""

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="positions")
    title = NFCCharField(pgettext_lazy("position", "title"), max_length=255)
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), null=True, blank=True, on_delete=models.PROTECT
    )
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)
    rank = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Order in which titles are written"))

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["person", "rank", "id"]

    def __str__(self):
        return f"{self.person}: {self.title}"


class Membership(models.Model):
    """A person's seat in a body for a term: the electorate of the body's votes."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        DEPUTY = "deputy", _("Deputy")
        MEMBER = "member", _("Member")

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="memberships")
    term = models.ForeignKey(Term, verbose_name=_("term"), on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True, help_text=_("Set when the member leaves the body"))

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["term", "role", "person__full_name"]
        constraints = [models.UniqueConstraint(fields=["person", "term"], name="membership_unique_person_term")]

    def __str__(self):
        return f"{self.person} — {self.term}"


class User(AbstractUser):
    """An account, linked to the person it belongs to."""

    class Role(models.TextChoices):
        OFFICE = "office", _("Office staff")
        CHAIR = "chair", _("Chair")
        MEMBER = "member", _("Member")
        INVITEE = "invitee", _("Invitee")
        UNIT_STAFF = "unit_staff", _("Unit staff")
        LEADER = "leader", _("Leader")
        ADMIN = "admin", _("Administrator")

    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    person = models.OneToOneField(
        Person, verbose_name=_("person"), null=True, blank=True, on_delete=models.SET_NULL, related_name="user"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("The unit a unit staff member works for"),
    )
    # Demo accounts log in only when the product runs in demo mode.
    is_demo = models.BooleanField(_("demo account"), default=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def is_office(self) -> bool:
        return self.role in {self.Role.OFFICE, self.Role.ADMIN}


class Reorganization(models.Model):
    """One decision that changed the map (a merge, a split, a dissolution): the organizations that ended the day
    before `effective` and those that took over their duties and their open work from that day."""

    class Kind(models.TextChoices):
        MERGE = "merge", _("Merge (several into one)")
        SPLIT = "split", _("Split (one into several)")
        DISSOLUTION = "dissolution", _("Dissolution (duties pass to named successors)")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    effective = models.DateField(_("effective from"), help_text=_("The successors' first day"))
    basis_number = NFCCharField(_("legal basis number"), max_length=64, help_text=_("e.g. 202/2025/QH15"))
    basis_date = models.DateField(_("legal basis date"))
    basis_title = NFCCharField(_("legal basis title"), max_length=255, blank=True)
    note = models.TextField(_("note"), blank=True)
    predecessors = models.ManyToManyField(
        Organization, verbose_name=_("predecessors"), related_name="succeeded_by_reorganizations"
    )
    successors = models.ManyToManyField(Organization, verbose_name=_("successors"), related_name="reorganizations")
    entered_by = models.ForeignKey(
        "User", verbose_name=_("entered by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(_("entered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reorganization")
        verbose_name_plural = _("reorganizations")
        ordering = ["-effective", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.basis_number} ({self.effective:%d/%m/%Y})"
