"""The follow-up pages: an organization's inbox, a directive's page, and what units and the office post from it.

Views are thin: who may do what is in `permissions`, the rules in `services`. A refused form comes back on the
directive's page with its errors; a refusal by role is the 403 page.
"""

from functools import partial

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from hoinghi.core import audit
from hoinghi.core.forms import submit
from hoinghi.directory.models import Organization
from hoinghi.meetings.documents import documents_for

from . import permissions as perm
from . import rules, selectors, services, transfer
from .forms import ConfirmForm, DecisionForm, ExtensionForm, FilterForm, ReasonForm, ReportForm
from .models import Directive, ExtensionRequest, ProgressReport
from .permissions import RULES
from .selectors import load_attachment, load_directive, load_extension_request, load_report

PAGE = 50


def _inbox_organization(request, filters: selectors.Filters) -> Organization | None:
    """A unit's staff see their own organization's inbox; the office and leaders any one's, or everything."""
    if perm.can_watch(request.user):
        return Organization.objects.filter(pk=filters.organization).first() if filters.organization else None
    return request.user.organization


@require_GET
@RULES.guard("see_follow_up")
def inbox(request):
    form = FilterForm(request.GET)
    filters = form.filters()
    organization = _inbox_organization(request, filters)
    seen = perm.visible(request.user, Directive.objects.all())
    directives = selectors.inbox(organization.pk, filters, seen) if organization else selectors.listing(filters, seen)
    directives = directives.order_by("-priority", *selectors.NEWEST_FIRST)
    page = Paginator(directives, PAGE).get_page(request.GET.get("page"))
    rows = selectors.rows(page.object_list, timezone.localdate())
    coordinating = selectors.coordinating_names(page.object_list)
    passed = selectors.passed_on(page.object_list, organization.pk if organization else None)
    led = Directive.objects.filter(pk__in=[row["pk"] for row in rows], lead_organization=organization)
    led = set(led.values_list("pk", flat=True)) if organization else set()
    for row in rows:
        row["coordinating"] = coordinating.get(row["pk"], [])
        row["passed"] = passed.get(row["pk"], [])
        # In an organization's inbox, whether it leads or helps; in the list of all, neither.
        row["part"] = (perm.LEAD if row["pk"] in led else perm.COORDINATING) if organization else None
    context = {
        "organization": organization,
        "filters": filters.within(organization.pk if organization else None),
        "page": page,
        "rows": rows,
        "statuses": Directive.Status.choices,
        "organizations": selectors.dated_choices(Organization) if perm.can_watch(request.user) else [],
        "overdue": rules.OPEN_OVERDUE,
        "filter_errors": form.error_lines(),
    }
    template = "directives/_inbox_rows.html" if request.htmx else "directives/inbox.html"
    return render(request, template, context)


def _versions(reports: list[ProgressReport]) -> list[tuple[ProgressReport, list[ProgressReport]]]:
    """Each report's latest version, newest first, with the earlier versions it corrects (newest first)."""
    by_pk = {report.pk: report for report in reports}
    replaced = {report.replaces_id for report in reports}
    threads = []
    for report in reports:
        if report.pk in replaced:
            continue
        earlier, version = [], report
        while version.replaces_id:
            version = by_pk[version.replaces_id]
            earlier.append(version)
        threads.append((report, earlier))
    return threads


def _detail_context(request, directive: Directive, **forms) -> dict:
    user = request.user
    item = directive.conclusion.item
    # A unit holding a directive of a confidential item sees the directive, not the item behind it.
    origin = perm.sees_origin(user, directive)
    part = perm.part_of(user, directive)
    office = perm.can_follow_up(user)
    is_open = directive.is_open
    today = timezone.localdate()
    reports = list(selectors.with_files(directive.reports.select_related("organization", "author__person")))
    extensions = list(directive.extension_requests.select_related("requested_by__person", "decided_by__person"))
    pending = next((asked for asked in extensions if asked.decision == ExtensionRequest.Decision.PENDING), None)
    may_extend = part == perm.LEAD and is_open and directive.deadline is not None and pending is None
    return {
        "directive": directive,
        "item": item if origin else None,
        "meeting": item.meeting,
        "conclusion": directive.conclusion if origin else None,
        "coordinating": list(directive.coordinating_organizations.all()),
        "part": part,
        "unit": perm.unit_of(user),
        "papers": documents_for(user, item).rows if origin else [],
        "awaited_by": transfer.awaited_by(directive) if office else None,
        "transfers": directive.transfers.select_related("from_organization", "to_organization", "reorganization"),
        "deadlines": directive.deadline_history.select_related("set_by__person"),
        "threads": _versions(reports),
        "extensions": extensions,
        "pending": pending,
        "overdue": rules.is_overdue(directive.status, directive.deadline, today),
        "days_late": rules.days_late(directive.deadline, today),
        "done_late": rules.days_late(directive.deadline_at_close, directive.done_on) if directive.done_on else 0,
        # The office's own delay in confirming, shown apart from the unit's.
        "confirm_delay": (timezone.localdate(directive.closed_at) - directive.done_on).days if directive.done_on else 0,
        "history": audit.history(directive),
        "can_report": part is not None and is_open,
        "report_form": forms.get("report_form") or ReportForm(may_report_done=part == perm.LEAD),
        "extension_form": (forms.get("extension_form") or ExtensionForm()) if may_extend else None,
        "decision_form": (forms.get("decision_form") or DecisionForm()) if office and pending else None,
        "confirm_form": forms.get("confirm_form") or ConfirmForm(),
        "return_form": forms.get("return_form") or ReasonForm(prefix="return"),
        "cancel_form": forms.get("cancel_form") or ReasonForm(prefix="cancel"),
        "can_decide": office and directive.status == rules.REPORTED_DONE,
        "can_cancel": office and is_open,
        "can_remind": office and directive.status in rules.REMINDED_STATUSES and directive.deadline is not None,
        "can_prioritize": office,
    }


@require_GET
@RULES.guard("view_directive", load_directive)
def detail(request, directive):
    return render(request, "directives/detail.html", _detail_context(request, directive))


def _post(request, directive: Directive, name: str, form, action, success: str):
    """Run `action` from the posted form: back to the directive's page, with the form's errors if refused.

    A refusal not about one field goes to the top of the page: the form may no longer be shown (e.g. the
    directive was closed meanwhile)."""
    if submit(request, form, action):
        messages.success(request, success)
        return redirect("directives:detail", directive.pk)
    for error in form.non_field_errors():
        messages.error(request, error)
    context = _detail_context(request, directive, **{name: form})
    return render(request, "directives/detail.html", context, status=400)


@require_POST
@RULES.guard("report", load_directive)
def report(request, directive):
    form = ReportForm(request.POST, request.FILES, may_report_done=perm.is_lead(request.user, directive))
    return _post(
        request,
        directive,
        "report_form",
        form,
        lambda data: services.check_report_progress(request.user, directive, **data),
        _("Your report is sent."),
    )


@RULES.guard("correct_report", load_report)
def correct_report(request, original: ProgressReport):
    """The form to correct a report (inline with htmx, or a page of its own) and its submission."""
    directive = load_directive(original.directive_id)
    initial = {"text": original.text, "percent": original.percent, "done": original.reports_done}
    form = ReportForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        may_report_done=perm.is_lead(request.user, directive),
    )
    if submit(request, form, lambda data: services.check_correct_report(request.user, original, **data)):
        messages.success(request, _("The corrected version is saved; the earlier one is kept."))
        return redirect("directives:detail", directive.pk)
    template = "directives/_correct_form.html" if request.htmx else "directives/correct.html"
    context = {"form": form, "report": original, "directive": directive}
    return render(request, template, context, status=400 if request.method == "POST" else 200)


# The steps taken on a directive with one form: (the form's name in the page, the form, the service, the
# message when done).
STEPS = {
    "extension": (
        "extension_form",
        ExtensionForm,
        services.check_request_extension,
        gettext_lazy("Your request is sent to the office."),
    ),
    "confirm": (
        "confirm_form",
        ConfirmForm,
        services.check_confirm_done,
        gettext_lazy("The directive is confirmed done."),
    ),
    "return": (
        "return_form",
        partial(ReasonForm, prefix="return"),
        services.check_return_to_unit,
        gettext_lazy("The directive is returned to the unit."),
    ),
    "cancel": (
        "cancel_form",
        partial(ReasonForm, prefix="cancel"),
        services.check_cancel_directive,
        gettext_lazy("The directive is cancelled."),
    ),
}


def _step(request, directive: Directive, step: str):
    name, form_class, service, success = STEPS[step]
    form = form_class(request.POST)
    return _post(request, directive, name, form, lambda data: service(request.user, directive, **data), success)


@require_POST
@RULES.guard("request_extension", load_directive)
def request_extension(request, directive):
    return _step(request, directive, "extension")


@require_POST
@RULES.guard("follow_up", load_directive)
def office_step(request, directive, step):
    """Confirm done, return to the unit, cancel: the office's steps."""
    return _step(request, directive, step)


@require_POST
@RULES.guard("decide_extension", load_extension_request)
def decide_extension(request, asked: ExtensionRequest):
    directive = load_directive(asked.directive_id)
    return _post(
        request,
        directive,
        "decision_form",
        DecisionForm(request.POST),
        lambda data: services.check_decide_extension(request.user, asked, **data),
        _("The decision is recorded."),
    )


@require_POST
@RULES.guard("follow_up", load_directive)
def priority(request, directive):
    directive = services.check_set_priority(request.user, directive, request.POST.get("priority") == "1")
    if request.htmx:
        return render(request, "directives/_priority.html", {"directive": directive, "can_prioritize": True})
    return redirect("directives:detail", directive.pk)


@require_GET
@never_cache
@RULES.guard("read_attachment", load_attachment)
def attachment(request, attached):
    """A report's file, for whoever may see the directive."""
    return FileResponse(
        attached.file.open("rb"), as_attachment=True, filename=attached.original_name, content_type=attached.media_type
    )
