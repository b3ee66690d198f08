"""Running a service from a submitted form: the one place a refusal is put back on the form."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy


def day_field(label, **options) -> forms.DateField:
    """A date picked in the browser's calendar, or typed day first (dd/mm/yyyy)."""
    return forms.DateField(
        label=label,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": gettext_lazy("Enter the date as dd/mm/yyyy.")},
        **options,
    )


def form_errors(form, error: ValidationError) -> None:
    """Put a service's refusal on the form: on its field where the form has it."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def flash(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


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
