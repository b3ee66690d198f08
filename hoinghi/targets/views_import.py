"""Figures from Excel: the page to upload a filled template (checked only, with a dry run) and the template.

A unit's staff import and download their own organization's figures; the office any unit's. The rules are in
`importing`: a refused file comes back with its every wrong row, and nothing is saved.
"""

from django import forms
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from hoinghi.core import spreadsheet
from hoinghi.core.forms import submit
from hoinghi.directory.models import Organization
from hoinghi.directory.roles import is_office, unit_of

from . import importing, selectors, template
from .labels import period_label
from .permissions import RULES

SHOWN = 1000  # wrong rows, and duplicates, listed on the page: past that, fixing the first ones comes first


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Filled template (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx", "class": "form-control"}),
    )
    dry_run = forms.BooleanField(
        label=_("Dry run: check the file and show what it would change, without saving anything"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )


def _outcome_context(outcome: importing.Outcome | None) -> dict:
    if outcome is None:
        return {}
    rows = outcome.by_row()
    duplicates = [(found, period_label(found.period, found.target.frequency)) for found in outcome.duplicates]
    return {
        "outcome": outcome,
        "wrong_rows": rows[:SHOWN],
        "wrong_more": max(0, len(rows) - SHOWN),
        "wrong_count": len(rows),
        "duplicates": duplicates[:SHOWN],
        "duplicates_more": max(0, len(duplicates) - SHOWN),
        "added": sum(count for _target, count in outcome.new),
    }


def _pickers(user) -> dict:
    """The organizations the office may download a template of: existing today, and ended (their last periods)."""
    if not is_office(user):
        return {"organizations": None}
    existing, ended = selectors.reporting_organizations(timezone.localdate())
    return {"organizations": existing, "ended": ended}


@RULES.guard("import_figures")
def import_figures(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    outcome = submit(
        request, form, lambda data: importing.check_import_figures(request.user, data["file"], dry_run=data["dry_run"])
    )
    context = {
        "form": form,
        **_pickers(request.user),
        "chosen": request.GET.get("organization", ""),  # from the reporting page of that organization
        **_outcome_context(outcome),
    }
    refused = request.method == "POST" and (outcome is None or not outcome.accepted)
    return render(request, "targets/import.html", context, status=400 if refused else 200)


@require_GET
@RULES.guard("download_template")
def template_xlsx(request):
    """The unit's own template; the office names the organization (`?organization=`)."""
    own = unit_of(request.user)
    if own is not None:
        organization = get_object_or_404(Organization, pk=own)
    else:
        if not (code := request.GET.get("organization", "")).isdigit():
            raise Http404
        organization = get_object_or_404(Organization, pk=code)
    content = template.template_workbook(organization, timezone.localdate())
    return spreadsheet.response(content, "mau-so-lieu-chi-tieu")
