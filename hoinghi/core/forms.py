"""Running a service from a submitted form: the one place a refusal is put back on the form."""

import datetime
import functools

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy

from .text import collated


class Styled:
    """Gives every widget Bootstrap's class and marks invalid fields."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select" if isinstance(field.widget, forms.Select) else "form-control"

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["class"] += " is-invalid"


class AddressFilters(forms.Form):
    """Filters read from a page's address: a bad value is named for the reader; the valid ones still apply."""

    def valid_data(self) -> dict:
        self.is_valid()
        return self.cleaned_data

    def error_lines(self) -> list[str]:
        self.is_valid()
        return [
            f"{self.fields[name].label}: {error}" if name in self.fields else str(error)
            for name, errors in self.errors.items()
            for error in errors
        ]


DAY_FORMAT = "%d/%m/%Y"


class DayInput(forms.DateInput):
    """A day typed or picked day first (dd/mm/yyyy) whatever the browser's language: a text input the small
    date picker (static/hoinghi/forms.js) attaches to. The browser's own date input would follow its locale."""

    def __init__(self, attrs=None):
        day_attrs = {
            "inputmode": "numeric",
            "autocomplete": "off",
            "placeholder": "dd/mm/yyyy",
            "pattern": r"\d{1,2}/\d{1,2}/\d{4}",
            "data-day-picker": "",
        }
        super().__init__(attrs={**day_attrs, **(attrs or {})}, format=DAY_FORMAT)


# The days the product's records can hold: a day at the calendar's far ends (a link's 9999-12-31) would overflow
# the date arithmetic behind the pages.
FIRST_DAY, LAST_DAY = datetime.date(1900, 1, 1), datetime.date(2199, 12, 31)
OUT_OF_RANGE = gettext_lazy("Enter a day between 01/01/1900 and 31/12/2199.")


def day_field(label, **options) -> forms.DateField:
    """A day, as every date field of the product takes it: dd/mm/yyyy (and ISO from a link's address)."""
    return forms.DateField(
        label=label,
        input_formats=[DAY_FORMAT, "%Y-%m-%d"],
        widget=DayInput(),
        error_messages={"invalid": gettext_lazy("Enter the date as dd/mm/yyyy.")},
        validators=[MinValueValidator(FIRST_DAY, OUT_OF_RANGE), MaxValueValidator(LAST_DAY, OUT_OF_RANGE)],
        **options,
    )


class DayTimeInput(forms.SplitDateTimeWidget):
    """A day (DayInput) and a time of day (hh:mm, 24 hours), side by side: the browser's own date and time input
    would follow its locale (mm/dd/yyyy and AM/PM in an English browser)."""

    template_name = "core/widgets/day_time.html"

    def __init__(self, attrs=None):
        super().__init__(attrs)
        time_attrs = {"inputmode": "numeric", "autocomplete": "off", "placeholder": "hh:mm"}
        time_attrs["pattern"] = r"\d{1,2}:\d{2}"
        # Sized to their text, so that both fit side by side on a phone.
        self.widgets = [DayInput({"size": 10}), forms.TimeInput(attrs={**time_attrs, "size": 5}, format="%H:%M")]

    def id_for_label(self, id_):
        return f"{id_}_0" if id_ else id_

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for subwidget in context["widget"]["subwidgets"]:
            subwidget["attrs"]["class"] = subwidget["attrs"].get("class", "form-control") + " w-auto"
        return context


def day_time_field(label, **options) -> forms.SplitDateTimeField:
    """A moment, as the product takes it: the day dd/mm/yyyy, the time hh:mm."""
    return forms.SplitDateTimeField(
        label=label,
        input_date_formats=[DAY_FORMAT, "%Y-%m-%d"],
        input_time_formats=["%H:%M"],
        widget=DayTimeInput(),
        error_messages={
            "invalid_date": gettext_lazy("Enter the date as dd/mm/yyyy."),
            "invalid_time": gettext_lazy("Enter the time as hh:mm."),
        },
        **options,
    )


def collate(field: forms.ModelChoiceField) -> None:
    """Lists a model choice field's options (organizations, people) in Vietnamese order: the databases order text
    by bytes or by their own collation, which put "HĐND" after "Huyện"."""
    listed = field.choices  # the queryset's, or those `offer` lists: read when the form is drawn, as they are

    @functools.cache
    def ordered():
        options = list(listed)
        first = options[:1] if getattr(field, "empty_label", None) is not None else []
        return first + collated(options[len(first) :], name=lambda option: str(option[1]))

    field.choices = ordered


def offer(field: forms.ModelChoiceField, queryset) -> None:
    """Lists only `queryset`'s rows among a model choice field's options (what exists on the form's day) while the
    field still takes any row of its own queryset: a row the day does not allow then reaches the service, which
    says why, instead of being refused as an unknown option. Listed when the form is drawn: a form saved never
    reads them."""

    @functools.cache  # a form lives one request: drawing it asks the options more than once
    def offered():
        allowed = set(queryset.values_list("pk", flat=True))
        everything = field.iterator(field)  # from the field's queryset: an earlier offer does not narrow this one
        return [(value, label) for value, label in everything if not value or value.value in allowed]

    field.choices = offered


def form_errors(form, error: ValidationError) -> None:
    """Put a service's refusal on the form: on its field where the form has it."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def flash(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


def attempt(request, action, success):
    """Run `action()`; a refusal becomes the page's error message, else `success` (a message, or a function of what
    `action` returned that makes it) is shown. What `action` returned, or None when it was refused."""
    try:
        result = action()
    except ValidationError as error:
        flash(request, error)
        return None
    messages.success(request, success(result) if callable(success) else success)
    return result


def submit(request, form, action):
    """`action(form.cleaned_data)` for a posted, valid form; its result, or None when the form or the
    service refused (the reasons are then on the form, for the page to show again)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return action(form.cleaned_data)
    except ValidationError as error:
        form_errors(form, error)
        return None
