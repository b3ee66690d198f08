"""The office's forms for organizations, bodies, terms and reorganizations: the shape of input; the services
decide what is allowed.

A model form sets the submitted values on its instance while it validates: the views give it a copy, so the
service still reads the row as it was and records what changed."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from hoinghi.core.forms import AddressFilters, Styled, collate, day_field, offer

from .models import Body, Organization, Reorganization, Term


def dated_fields(model) -> dict:
    """The began and ended days of a dated row, typed day first as every day of the product."""
    return {
        name: day_field(capfirst(model._meta.get_field(name).verbose_name), required=False) for name in ("start", "end")
    }


class OrganizationForm(Styled, forms.ModelForm):
    start, end = dated_fields(Organization).values()

    class Meta:
        model = Organization
        fields = ["name", "short_name", "kind", "level", "parent", "document_code", "place_name", "start", "end"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["end"].help_text = _(
            "The last day it existed. When another organization takes over its duties, record a reorganization "
            "instead: it also ends its bodies, seats and positions and moves its accounts."
        )
        if self.instance.pk:
            self.fields["parent"].queryset = Organization.objects.exclude(pk=self.instance.pk)
        collate(self.fields["parent"])


class BodyForm(Styled, forms.ModelForm):
    start, end = dated_fields(Body).values()

    class Meta:
        model = Body
        fields = [
            "organization",
            "name",
            "kind",
            "signature_heading",
            "quorum_numerator",
            "quorum_denominator",
            "start",
            "end",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:  # a new body belongs to an organization of today; an old one keeps its own
            offer(self.fields["organization"], Organization.objects.existing_on(timezone.localdate()))
        collate(self.fields["organization"])


class TermForm(Styled, forms.ModelForm):
    start = day_field(capfirst(Term._meta.get_field("start").verbose_name))
    end = day_field(capfirst(Term._meta.get_field("end").verbose_name), required=False)

    class Meta:
        model = Term
        fields = ["body", "ordinal", "start", "end"]


class OrganizationFilters(AddressFilters):
    """The organizations list's day and whether to show those ended by then, read from the address."""

    day = day_field(_("As of"), required=False)
    ended = forms.BooleanField(label=_("Also those ended by then"), required=False)

    def chosen(self) -> tuple[datetime.date | None, bool]:
        data = self.valid_data()
        return data.get("day"), bool(data.get("ended"))


class EffectiveDayForm(Styled, forms.Form):
    """The first step of recording a reorganization: the day it takes effect, which decides what the lists offer."""

    effective = day_field(
        capfirst(Reorganization._meta.get_field("effective").verbose_name),
        help_text=_("The successors' first day; the predecessors' last day is the day before."),
    )


class ReorganizationForm(Styled, forms.ModelForm):
    """A reorganization on a day chosen before: the predecessors offered are those existing the day before, the
    successors those existing on the day. Any organization is accepted, so that one the day does not allow is
    refused by the service with the reason, rather than as an unknown choice."""

    basis_date = day_field(capfirst(Reorganization._meta.get_field("basis_date").verbose_name))

    class Meta:
        model = Reorganization
        fields = ["kind", "predecessors", "successors", "basis_number", "basis_date", "basis_title", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, effective: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.effective = effective
        last_day = effective - datetime.timedelta(days=1)
        offer(self.fields["predecessors"], Organization.objects.existing_on(last_day))
        offer(self.fields["successors"], Organization.objects.existing_on(effective))
        offered = {
            "predecessors": _("Those existing on %(day)s, the day before it takes effect.")
            % {"day": f"{last_day:%d/%m/%Y}"},
            "successors": _("Those existing on %(day)s.") % {"day": f"{effective:%d/%m/%Y}"},
        }
        for name, help_text in offered.items():
            self.fields[name].help_text = f"{help_text} {_('Hold Ctrl (⌘ on a Mac) to choose several.')}"
            collate(self.fields[name])
            self.fields[name].widget.attrs["size"] = 8

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        listed = {"predecessors": list(data["predecessors"]), "successors": list(data["successors"])}
        return {**data, **listed, "effective": self.effective}


class AccountMovesForm(forms.Form):
    """Where each account of the predecessors moves, where there are several successors to choose from."""

    def __init__(self, *args, accounts, successors, **kwargs):
        super().__init__(*args, **kwargs)
        self.accounts = list(accounts)
        for account in self.accounts:
            field = forms.ModelChoiceField(
                Organization.objects.filter(pk__in=[s.pk for s in successors]),
                label=f"{account.person or account.get_username()} ({account.get_username()})",
            )
            field.widget.attrs["class"] = "form-select"
            collate(field)
            self.fields[self.field_name(account)] = field

    @staticmethod
    def field_name(account) -> str:
        return f"move_{account.pk}"

    def moves(self) -> dict:
        return {account.pk: self.cleaned_data[self.field_name(account)] for account in self.accounts}
