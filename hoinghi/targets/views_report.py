"""A unit's reporting page: its targets by resolution with what is still to report; each target's periods with the
figures, their corrections and the form to report one; and the office's actions on figures and definitions.

A unit's staff see their own organization; the office and the leaders any one (`?organization=`). Views are thin:
who may do what is in `permissions`, the rules in `services` and `validation`. A refused form comes back with its
errors; a refusal by role is the 403 page.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from hoinghi.core.errors import require
from hoinghi.core.filetypes import BY_EXTENSION
from hoinghi.core.forms import attempt, submit
from hoinghi.directory.models import Organization

from . import permissions as perm
from . import reporting, rules, selectors, services
from .forms import CorrectionForm, DayForm, FigureForm, RescopeForm, RevisionForm
from .models import Figure
from .permissions import RULES
from .selectors import approval_queue, chosen_organization, load_figure, load_reported_target, load_target

QUEUE_PAGE = 25


def _query(request, organization: Organization) -> str:
    """What the page's links carry: the organization chosen, for those who choose it."""
    return f"?organization={organization.pk}" if perm.can_watch(request.user) else ""


@require_GET
@RULES.guard("report_page")
def report(request):
    organization = chosen_organization(request)
    watching = perm.can_watch(request.user)
    existing, ended = selectors.reporting_organizations(timezone.localdate()) if watching else ([], [])
    context = {
        "organization": organization,
        "resolutions": reporting.unit_targets(organization, timezone.localdate()) if organization else [],
        "organizations": existing,
        "ended": ended,
        "query": _query(request, organization) if organization else "",
        "can_write": organization is not None and perm.acts_for(request.user, organization.pk),
        "can_correct": perm.can_correct(request.user),
        "waiting": approval_queue().count() if perm.can_correct(request.user) else 0,
    }
    return render(request, "targets/report.html", context)


def _figure_form(request, target, organization, periods, posted=False) -> FigureForm | None:
    """The form to report a figure (bound to the request's data when `posted`), for those who may, on the
    periods that have none yet."""
    if not perm.can_report(request.user, target, organization):
        return None
    open_periods = [(row.period, row.label) for row in periods if row.figure is None]
    weighted = target.rollup == rules.WEIGHTED_SHARE
    data = (request.POST, request.FILES) if posted else (None, None)
    return FigureForm(*data, periods=open_periods, weighted=weighted)


def _target_page(request, target, organization, periods, form, status=200, refusal=""):
    context = {
        "target": target,
        "organization": organization,
        "reported": [row for row in periods if row.figure],
        "missing": [row for row in periods if row.figure is None],
        "revisions": selectors.with_scopes(target, list(target.revisions.select_related("changed_by__person"))),
        "form": form if form is not None and form.fields["period"].choices else None,
        "can_correct": perm.can_correct(request.user),
        "query": _query(request, organization),
        "refusal": refusal,
    }
    template = "targets/_report_target.html" if request.htmx else "targets/report_target.html"
    return render(request, template, context, status=status)


@RULES.guard("report_target", load_reported_target)
def report_target(request, target, organization):
    """One target's periods for the organization; posted, the figure the form reports."""
    periods = reporting.unit_periods(target, organization, timezone.localdate())
    form = _figure_form(request, target, organization, periods, posted=request.method == "POST")
    if request.method == "POST":
        require(form is not None, _("You may not report this organization's figures."))
        if submit(
            request,
            form,
            lambda data: services.check_report_figure(request.user, target, organization=organization, **data),
        ):
            messages.success(request, _("The figure is saved."))
            return redirect(reverse("targets:report") + _query(request, organization) + f"#target-{target.pk}")
    return _target_page(request, target, organization, periods, form, 400 if request.method == "POST" else 200)


def _back(request, figure: Figure):
    """To the office's queue when the action was taken there (its page kept), else to the figure's target on its
    organization's reporting page."""
    if request.POST.get("from") == "queue":
        page = request.POST.get("page", "")
        return redirect(reverse("targets:queue") + (f"?page={page}" if page.isdigit() else ""))
    return redirect(reverse("targets:report_target", args=[figure.target_id]) + _query(request, figure.organization))


@RULES.guard("correct_figure", load_figure)
def correct(request, figure):
    """The office's correction of a figure: the form (inline with htmx, or a page of its own) and its submission."""
    weighted = figure.target.rollup == rules.WEIGHTED_SHARE
    # Shown as the unit typed it: 60, not 60.0000.
    initial = {
        name: number.normalize() for name in ("value", "weight") if (number := getattr(figure, name)) is not None
    }
    form = CorrectionForm(request.POST or None, initial=initial, weighted=weighted)
    if submit(request, form, lambda data: services.check_correct_figure(request.user, figure, **data)):
        messages.success(request, _("The corrected figure is saved; the one reported is kept."))
        return _back(request, figure)
    template = "targets/_correct_form.html" if request.htmx else "targets/correct.html"
    context = {"form": form, "figure": figure, "target": figure.target, "query": _query(request, figure.organization)}
    return render(request, template, context, status=400 if request.method == "POST" else 200)


@require_POST
@RULES.guard("correct_figure", load_figure)
def approve(request, figure):
    """With htmx, the target's panel comes back with the figure approved (or the reason it was not)."""
    refusal = ""
    try:
        services.check_approve_figure(request.user, figure)
    except ValidationError as error:
        refusal = " ".join(error.messages)
    if request.htmx:
        target, organization = figure.target, figure.organization
        periods = reporting.unit_periods(target, organization, timezone.localdate())
        form = _figure_form(request, target, organization, periods)
        return _target_page(request, target, organization, periods, form, refusal=refusal)
    if refusal:
        messages.error(request, refusal)
    else:
        messages.success(request, _("The figure is approved."))
    return _back(request, figure)


@require_POST
@RULES.guard("correct_figure", load_figure)
def return_figure(request, figure):
    """The office sends a figure back to its unit with the reason; the unit reports the period again."""
    attempt(
        request,
        lambda: services.check_return_figure(request.user, figure, reason=request.POST.get("reason", "")),
        _("The figure is returned to %(unit)s.") % {"unit": figure.organization.name},
    )
    return _back(request, figure)


@require_GET
@RULES.guard("approval_queue")
def queue(request):
    """Every unit's figures waiting for approval on one page, each with its unit and period, to approve or return."""
    page = Paginator(approval_queue(), QUEUE_PAGE).get_page(request.GET.get("page"))
    return render(request, "targets/queue.html", {"page": page})


@require_GET
@never_cache
@RULES.guard("read_evidence", load_figure)
def evidence(request, figure):
    """A figure's evidence file, for whoever may see the organization's figures."""
    if not figure.evidence:
        raise Http404
    kind = BY_EXTENSION.get(figure.extension)
    return FileResponse(
        figure.evidence.open("rb"),
        as_attachment=True,
        filename=figure.evidence_name,
        content_type=kind.media_type if kind else "application/octet-stream",
    )


@RULES.guard("revise_target", load_target)
def revise(request, target):
    """The office changes a target's definition from a date, with the reason."""
    form = RevisionForm(request.POST or None, initial={"indicator": target.indicator})
    if submit(request, form, lambda data: services.check_revise_target(request.user, target, **data)):
        messages.success(request, _("The new definition is recorded."))
        return redirect("targets:target", target.pk)
    revisions = selectors.with_scopes(target, list(target.revisions.select_related("changed_by__person")))
    context = {"target": target, "form": form, "revisions": revisions}
    return render(request, "targets/revise.html", context, status=400 if request.method == "POST" else 200)


@RULES.guard("rescope_target", load_target)
def rescope(request, target):
    """The office changes whom a target is asked of from a date (the districts ended: the communes, or the
    province), with the reason. The organizations offered are those existing on the day `?on=` names (today by
    default): the page is reloaded for another day."""
    day_form = DayForm(request.GET if "on" in request.GET else None, initial={"on": timezone.localdate()})
    day = day_form.day() or timezone.localdate()
    initial = {"effective_on": day, "scope": target.scope_level}
    form = RescopeForm(request.POST or None, initial=initial, day=day)
    if submit(request, form, lambda data: services.check_rescope_target(request.user, target, **data)):
        messages.success(request, _("The new scope is recorded."))
        return redirect("targets:target", target.pk)
    context = {"target": target, "form": form, "day": day, "day_form": day_form, "asked": services.asked_now(target)}
    return render(request, "targets/rescope.html", context, status=400 if request.method == "POST" else 200)
