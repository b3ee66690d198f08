"""The office's own pages for reference rows (bodies, terms, resolutions): a save that is validated and recorded,
the page that runs it from a form, and the page that asks before deleting a draft."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from . import audit
from .forms import form_errors


@transaction.atomic
def save_recorded(actor, obj: models.Model, fields: dict, names: list[str]) -> models.Model:
    """Set `fields` on `obj`, validate it as the model does (its clean and its constraints), save it and record
    "<model>.create" or "<model>.update" with what changed, in one transaction."""
    created = obj.pk is None
    before = {} if created else audit.snapshot(obj, names)
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    verb = f"{obj._meta.model_name}.{'create' if created else 'update'}"
    audit.record(actor, verb, obj, changes=audit.diff(before, audit.snapshot(obj, names)))
    return obj


def edit_page(request, form, save, *, heading: str, back: str, done: str, crumbs=()):
    """Show `form`; on a valid POST run `save(actor, **cleaned_data)` and go to `done`, else show the refusal on
    the form (400)."""
    if request.method == "POST" and form.is_valid():
        try:
            save(request.user, **form.cleaned_data)
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(done)
    context = {"form": form, "heading": heading, "back": back, "crumbs": crumbs}
    return render(request, "office_form.html", context, status=400 if form.errors else 200)


def delete_page(request, obj, *, delete, refusal, template: str, context: dict, done: str, deleted: str):
    """A page that says what deleting `obj` does, or why it cannot be done (`refusal(obj)`), and asks; the POST runs
    `delete(actor, obj)` and goes to `done` saying `deleted`, or shows the refusal (400)."""
    refused = ""
    if request.method == "POST":
        try:
            delete(request.user, obj)
        except ValidationError as error:
            refused = " ".join(error.messages)
        else:
            messages.success(request, deleted)
            return redirect(done)
    context = {**context, "refusal": refused or refusal(obj)}
    return render(request, template, context, status=400 if request.method == "POST" else 200)
