"""Forms for figures and target definitions: they check the shape of input; `services` and `validation` decide
what is allowed."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from hoinghi.core.forms import Styled, day_field
from hoinghi.core.uploads import ACCEPT
from hoinghi.directory.models import Organization


def number_field(label, **options) -> forms.DecimalField:
    """A number typed the way the user's language writes it (85,5 in Vietnamese, 85.5 in English)."""
    field = forms.DecimalField(label=label, localize=True, **options)
    field.widget.attrs["inputmode"] = "decimal"
    return field


class PeriodField(forms.TypedChoiceField):
    """Offers the periods still open to a figure, and reads any period sent: the service then says why one is
    refused (reported already, outside the resolution's years, not begun) rather than "not a valid choice"."""

    def valid_value(self, value) -> bool:
        return True


class FigureForm(Styled, forms.Form):
    period = PeriodField(
        label=_("Period"),
        coerce=datetime.date.fromisoformat,
        error_messages={"invalid_choice": _("Unknown period: give the first day of the period.")},
    )
    value = number_field(_("Value"))
    weight = number_field(
        _("Base"),
        required=False,
        help_text=_(
            "The number the share is taken of (e.g. the dossiers received): it weighs this figure in the province's."
        ),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))
    evidence = forms.FileField(
        label=_("Evidence"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        help_text=_("A PDF, DOCX, XLSX or image backing the figure."),
    )

    def __init__(self, *args, periods: list[tuple[datetime.date, str]], weighted: bool, **kwargs):
        """`periods`: the (first day, label) of the periods open to a figure, newest first."""
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [(day.isoformat(), label) for day, label in periods]
        if not weighted:
            del self.fields["weight"]


class CorrectionForm(Styled, forms.Form):
    value = number_field(_("Corrected value"))
    weight = number_field(_("Base"), required=False)
    reason = forms.CharField(label=_("Why it is corrected"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, weighted: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not weighted:
            del self.fields["weight"]


class RevisionForm(Styled, forms.Form):
    indicator = forms.CharField(label=_("New definition"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    effective_on = day_field(_("Applies from"))
    reason = forms.CharField(
        label=_("Reason"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("e.g. the rules that redefined the measure."),
    )


class RescopeForm(Styled, forms.Form):
    """The office re-scopes a target; the organizations offered are those existing on the day the page is for."""

    effective_on = day_field(_("Applies from"))
    scope = forms.ChoiceField(label=_("Level asked from that date"), choices=Organization.Level.choices)
    reporters = forms.ModelMultipleChoiceField(
        label=_("Organizations asked from that date"),
        queryset=Organization.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text=_("Hold Ctrl (or ⌘) to choose several."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("e.g. the resolution that reorganized the units, with its number and date."),
    )

    def __init__(self, *args, day: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reporters"].queryset = Organization.objects.existing_on(day).order_by("level", "name")


class DayForm(Styled, forms.Form):
    """The day a page is for, from its address (`?on=`)."""

    on = day_field(_("Organizations existing on"))

    def day(self) -> datetime.date | None:
        return self.cleaned_data["on"] if self.is_valid() else None
