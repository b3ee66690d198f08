"""The office's pages for the organizations, the deliberative bodies and their terms."""

import copy

from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from hoinghi.core.editing import edit_page

from . import selectors, services
from .forms_office import BodyForm, OrganizationFilters, OrganizationForm, TermForm
from .models import Body, Organization, Term, active_on
from .permissions import RULES


def load_organization(pk) -> Organization:
    return get_object_or_404(Organization.objects.select_related("parent"), pk=pk)


def load_body(pk) -> Body:
    return get_object_or_404(Body.objects.select_related("organization"), pk=pk)


def load_term(pk) -> Term:
    return get_object_or_404(Term.objects.select_related("body"), pk=pk)


def _crumbs():
    return [(reverse("directory:bodies"), _("Bodies and terms"))]


def _organization_crumbs():
    return [(reverse("directory:organizations"), _("Organizations"))]


@require_GET
@RULES.guard("keep_organizations")
def organizations(request):
    """The organizations existing on a day (today unless asked), and on request those ended by then."""
    filters = OrganizationFilters(request.GET)
    day, ended = filters.chosen()
    day = day or timezone.localdate()
    shown = Q(start__isnull=True) | Q(start__lte=day) if ended else active_on(day)
    listed = Organization.objects.filter(shown).select_related("parent")
    context = {"organizations": listed, "filters": filters, "day": day, "filter_errors": filters.error_lines()}
    return render(request, "directory/organizations.html", context)


@require_GET
@RULES.guard("keep_organizations", load_organization)
def organization_detail(request, organization):
    """An organization with its bodies and its history: whom it succeeded and who succeeded it, and on what basis."""
    context = {
        "organization": organization,
        "bodies": organization.bodies.prefetch_related(Prefetch("terms", queryset=Term.objects.order_by("-start"))),
        "children": organization.children.all(),
        "history": selectors.reorganizations_of(organization).select_related("entered_by__person"),
        "today": timezone.localdate(),
    }
    return render(request, "directory/organization.html", context)


def _return_to(request, default: str) -> str:
    """Where a form goes when saved: the page that sent the office here (the reorganization's form), else
    `default`."""
    back = request.GET.get("next", "")
    allowed = url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()})
    return back if back and allowed else default


@require_http_methods(["GET", "POST"])
@RULES.guard("keep_organizations")
def organization_create(request):
    # A successor created from the reorganization's form begins on its effective day (?start=).
    form = OrganizationForm(request.POST or None, initial={"start": request.GET.get("start")})
    done = _return_to(request, reverse("directory:organizations"))
    heading = _("New organization")
    save = services.check_save_organization
    return edit_page(request, form, save, heading=heading, back=done, done=done, crumbs=_organization_crumbs())


@require_http_methods(["GET", "POST"])
@RULES.guard("keep_organizations", load_organization)
def organization_edit(request, organization):
    form = OrganizationForm(request.POST or None, instance=copy.copy(organization))
    done = reverse("directory:organization", args=[organization.pk])

    def save(actor, **fields):
        return services.check_save_organization(actor, organization, **fields)

    crumbs = [*_organization_crumbs(), (done, organization.name)]
    return edit_page(request, form, save, heading=organization.name, back=done, done=done, crumbs=crumbs)


@require_GET
@RULES.guard("keep_bodies")
def bodies(request):
    terms = Prefetch("terms", queryset=Term.objects.order_by("-start"))
    listed = Body.objects.select_related("organization").prefetch_related(terms)
    return render(request, "directory/bodies.html", {"bodies": listed})


@require_http_methods(["GET", "POST"])
@RULES.guard("keep_bodies")
def body_create(request):
    form = BodyForm(request.POST or None)
    done = reverse("directory:bodies")
    return edit_page(
        request, form, services.check_save_body, heading=_("New body"), back=done, done=done, crumbs=_crumbs()
    )


@require_http_methods(["GET", "POST"])
@RULES.guard("keep_bodies", load_body)
def body_edit(request, body):
    form = BodyForm(request.POST or None, instance=copy.copy(body))
    done = reverse("directory:bodies")

    def save(actor, **fields):
        return services.check_save_body(actor, body, **fields)

    return edit_page(request, form, save, heading=body.name, back=done, done=done, crumbs=_crumbs())


@require_http_methods(["GET", "POST"])
@RULES.guard("keep_bodies", load_body)
def term_create(request, body):
    form = TermForm(request.POST or None, initial={"body": body})
    done = reverse("directory:bodies")
    heading = _("New term of %(body)s") % {"body": body}
    return edit_page(request, form, services.check_save_term, heading=heading, back=done, done=done, crumbs=_crumbs())


@require_http_methods(["GET", "POST"])
@RULES.guard("keep_bodies", load_term)
def term_edit(request, term):
    form = TermForm(request.POST or None, instance=copy.copy(term))
    done = reverse("directory:bodies")

    def save(actor, **fields):
        return services.check_save_term(actor, term, **fields)

    return edit_page(request, form, save, heading=str(term), back=done, done=done, crumbs=_crumbs())
