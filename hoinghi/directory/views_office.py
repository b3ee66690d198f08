"""The office's pages for the deliberative bodies and their terms."""

import copy

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from hoinghi.core.editing import edit_page

from . import services
from .forms_office import BodyForm, TermForm
from .models import Body, Term
from .permissions import RULES


def load_body(pk) -> Body:
    return get_object_or_404(Body.objects.select_related("organization"), pk=pk)


def load_term(pk) -> Term:
    return get_object_or_404(Term.objects.select_related("body"), pk=pk)


def _crumbs():
    return [(reverse("directory:bodies"), _("Bodies and terms"))]


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
