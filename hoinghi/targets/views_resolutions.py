"""The office's pages for the resolutions: list, create, edit (the admin stays for administrators)."""

import copy

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from hoinghi.core.editing import edit_page

from .forms_resolutions import ResolutionForm
from .models import Resolution
from .permissions import RULES
from .services_resolutions import check_save_resolution

PAGE = 30


def load_resolution(pk) -> Resolution:
    return get_object_or_404(Resolution.objects.select_related("body"), pk=pk)


def _crumbs():
    return [(reverse("targets:manage"), _("Resolutions"))]


@require_GET
@RULES.guard("keep_resolutions")
def manage(request):
    listed = Resolution.objects.select_related("body").order_by("-issued_on", "number", "pk")
    page = Paginator(listed, PAGE).get_page(request.GET.get("page"))
    return render(request, "targets/manage.html", {"page": page})


@require_http_methods(["GET", "POST"])
@RULES.guard("keep_resolutions")
def resolution_create(request):
    form = ResolutionForm(request.POST or None)
    done = reverse("targets:manage")
    return edit_page(
        request, form, check_save_resolution, heading=_("New resolution"), back=done, done=done, crumbs=_crumbs()
    )


@require_http_methods(["GET", "POST"])
@RULES.guard("keep_resolutions", load_resolution)
def resolution_edit(request, resolution):
    form = ResolutionForm(request.POST or None, instance=copy.copy(resolution))
    done = reverse("targets:manage")

    def save(actor, **fields):
        return check_save_resolution(actor, resolution, **fields)

    return edit_page(request, form, save, heading=resolution.number, back=done, done=done, crumbs=_crumbs())
