"""The office records a reorganization in three steps: the day it takes effect (which decides what the lists
offer), the form, then a preview of what it will end and move, confirmed."""

import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from hoinghi.core.forms import form_errors

from . import reorganization
from .forms_office import AccountMovesForm, EffectiveDayForm, ReorganizationForm
from .models import Organization, Reorganization
from .permissions import RULES


@require_GET
@RULES.guard("keep_organizations")
def reorganizations(request):
    named = Organization.objects.order_by("name")
    listed = Reorganization.objects.select_related("entered_by__person").prefetch_related(
        Prefetch("predecessors", queryset=named), Prefetch("successors", queryset=named)
    )
    return render(request, "directory/reorganizations.html", {"reorganizations": listed})


@require_http_methods(["GET", "POST"])
@RULES.guard("keep_organizations")
def reorganization_create(request):
    day_form = EffectiveDayForm(request.GET or None)
    if not day_form.is_valid():
        return render(request, "directory/reorganization_day.html", {"form": day_form})
    effective = day_form.cleaned_data["effective"]
    form = ReorganizationForm(request.POST or None, effective=effective)
    context = {
        "form": form,
        "effective": effective,
        "last_day": effective - datetime.timedelta(days=1),
        "new_successor": _new_successor_link(request, effective),
    }
    # "Back to the form" from the preview shows the form again, filled in.
    if request.method != "POST" or not form.is_valid() or "back" in request.POST:
        return _form_page(request, context)
    return _preview_or_record(request, form, context)


def _form_page(request, context):
    status = 400 if context["form"].errors else 200
    return render(request, "directory/reorganization_form.html", context, status=status)


def _preview_or_record(request, form, context):
    """The preview of a valid form, with a choice per account where there are several successors; with "confirm",
    the reorganization recorded, or the refusal on the form it is about."""
    arguments = form.service_arguments()
    try:
        steps = reorganization.plan(
            arguments["kind"], arguments["predecessors"], arguments["successors"], arguments["effective"]
        )
    except ValidationError as error:
        form_errors(form, error)
        return _form_page(request, context)
    choosing = [account for account, successor in steps.accounts if successor is None]
    confirmed = "confirm" in request.POST
    moves = AccountMovesForm(request.POST if confirmed else None, accounts=choosing, successors=arguments["successors"])
    if confirmed and moves.is_valid():
        try:
            recorded = reorganization.check_record_reorganization(
                request.user, **arguments, account_moves=moves.moves()
            )
        except ValidationError as error:
            if set(getattr(error, "error_dict", {})) - {"accounts"}:
                # About the form's own fields (the legal basis): back to the form, where they are.
                form_errors(form, error)
                return _form_page(request, context)
            form_errors(moves, error)
        else:
            messages.success(request, _("The reorganization is recorded."))
            return redirect(reverse("directory:reorganizations") + f"#reorganization-{recorded.pk}")
    context |= {
        "plan": steps,
        "moves": moves,
        "arguments": arguments,
        "kind": Reorganization.Kind(arguments["kind"]).label,
    }
    return render(request, "directory/reorganization_preview.html", context, status=400 if moves.errors else 200)


def _new_successor_link(request, effective) -> str:
    """The organization form, beginning on the effective day, that brings the office back to this form."""
    query = {"start": f"{effective:%d/%m/%Y}", "next": request.get_full_path()}
    return reverse("directory:organization_create") + "?" + urlencode(query)
