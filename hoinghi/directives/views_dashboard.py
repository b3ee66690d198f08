"""The follow-up as leaders and the office look at it: the dashboard, the overdue list, their Excel exports and
a printable report. The office, the administrators and the leaders see everything; a unit's staff see their
own organization's figures only.
"""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from hoinghi.core import spreadsheet
from hoinghi.directory.models import Organization

from . import export, rules, selectors
from . import permissions as perm
from .forms import FilterForm
from .models import Directive
from .permissions import RULES

OVERDUE_PAGE = 50
PRINT_OVERDUE = 200  # the most late on paper; the spreadsheet has them all
CHART_ROWS = 15  # bars a chart shows before it stops being readable on a phone
TABLE_ROWS = 50  # organizations on a page, the most overdue first; the spreadsheet has them all


def _seen(request):
    """The directives the reader may see (a leader: not those of a confidential item he is not in the room of)."""
    return perm.visible(request.user, Directive.objects.all())


def _filters(request) -> tuple[selectors.Filters, list[str]]:
    """The filters of the address and what was wrong in it; a unit's staff see their own organization's figures
    whatever it says."""
    form = FilterForm(request.GET)
    filters = form.filters()
    if not perm.can_watch(request.user):
        filters = filters.within(perm.unit_of(request.user))
    return filters, form.error_lines()


def _stacked(rows: list[selectors.Row]) -> dict:
    """A stacked bar per row; beside it, the share of it inherited from predecessors (when any is)."""
    inherited = [row.inherited for row in rows]
    return {
        "names": [row.name for row in rows],
        "values": {name: [getattr(row.counts, name) for row in rows] for name in rules.SPLIT},
        "inherited": inherited if any(inherited) else [],
    }


def _chart_data(figures: selectors.Dashboard) -> dict:
    """What charts.js draws: the overall split, the split per body and for the most overdue units, and the
    units that report least."""
    labels = selectors.split_labels()
    reporting = [row for row in figures.by_organization if row.update_rate is not None]
    least = sorted(reporting, key=lambda row: (row.update_rate, -row.counts.open, row.name))[:CHART_ROWS]
    return {
        "series": [{"key": name, "label": str(labels[name])} for name in rules.SPLIT],
        "overall": figures.total.split,
        "bodies": _stacked(figures.by_body),
        "organizations": _stacked(figures.by_organization[:CHART_ROWS]),
        "inherited_label": _("Inherited"),
        # The bar is what is missing: the longest for the unit that reported on none of its open directives.
        "updates": {
            "names": [row.name for row in least],
            "rates": [100 - round(row.update_rate * 100) for row in least],
            "label": _("Open directives without a recent report (%)"),
        },
    }


def _first(figures: selectors.Dashboard) -> dict:
    rows = figures.by_organization
    return {"rows": rows[:TABLE_ROWS], "more": max(0, len(rows) - TABLE_ROWS)}


def _page_context(request, filters: selectors.Filters, errors: list[str], **extra) -> dict:
    return {
        "filters": filters,
        "query": filters.query_string(),
        # The lists are today's: their links leave the dashboard's day out.
        "list_query": filters.query_string(as_of=None),
        "can_watch": perm.can_watch(request.user),
        "can_remind": perm.can_follow_up(request.user),
        "choices": selectors.filter_choices(filters),
        "filter_errors": errors,
        **extra,
    }


@require_GET
@RULES.guard("see_follow_up")
def dashboard(request):
    filters, errors = _filters(request)
    figures = selectors.dashboard(filters, among=_seen(request))
    links = {"body_link": filters.link_to("body")}
    if perm.can_watch(request.user):
        links["organization_link"] = filters.link_to("organization")
    context = _page_context(
        request, filters, errors, figures=figures, chart=_chart_data(figures), organizations=_first(figures), **links
    )
    return render(request, "directives/dashboard.html", context)


@require_GET
@RULES.guard("see_follow_up")
def overdue(request):
    filters, errors = _filters(request)
    today = timezone.localdate()
    page = Paginator(selectors.overdue(filters, today, _seen(request)), OVERDUE_PAGE).get_page(request.GET.get("page"))
    rows = selectors.rows(page.object_list, today)
    return render(request, "directives/overdue.html", _page_context(request, filters, errors, page=page, rows=rows))


@require_GET
@RULES.guard("see_follow_up")
def print_report(request):
    filters, errors = _filters(request)
    seen = _seen(request)
    figures = selectors.dashboard(filters, among=seen)
    today = timezone.localdate()  # the list of the most late is today's, as the overdue page (the figures: as_of)
    rows = selectors.rows(selectors.overdue(filters, today, seen)[:PRINT_OVERDUE], today)
    context = {
        "filters": filters,
        "filter_errors": errors,
        "labels": selectors.filter_labels(filters),
        "figures": figures,
        "chart": _chart_data(figures),
        "organizations": _first(figures),
        "query": filters.query_string(),
        "rows": rows,
        "overdue_total": figures.total.counts.open_overdue,
    }
    return render(request, "directives/print.html", context)


@require_GET
@RULES.guard("see_follow_up")
def export_xlsx(request):
    """`?list=overdue|inbox|dashboard` and the filters. The inbox is the organization's (lead or coordinating);
    without an organization, the office gets every directive the filters select."""
    filters = _filters(request)[0]
    today = timezone.localdate()
    listed = request.GET.get("list", "overdue")
    seen = _seen(request)
    if listed == "dashboard":
        return spreadsheet.response(
            export.dashboard_workbook(selectors.dashboard(filters, among=seen), filters), "tong-hop-chi-dao"
        )
    if listed == "overdue":
        content = export.directives_workbook(
            _("Overdue directives"), selectors.overdue(filters, today, seen), filters, today
        )
        return spreadsheet.response(content, "chi-dao-qua-han")
    if listed != "inbox":
        raise Http404
    if filters.organization is None:
        content = export.directives_workbook(_("Directives"), selectors.listing(filters, seen), filters, today)
        return spreadsheet.response(content, "chi-dao")
    organization = get_object_or_404(Organization, pk=filters.organization)
    title = _("Directives of %(organization)s") % {"organization": organization.name}
    inbox = selectors.inbox(organization.pk, filters, seen)
    return spreadsheet.response(export.directives_workbook(title, inbox, filters.within(None), today), "chi-dao-don-vi")
