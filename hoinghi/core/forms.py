"""Running a service from a submitted form: the one place a refusal is put back on the form."""

from django.contrib import messages
from django.core.exceptions import ValidationError


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
