"""The search pages: the signed-in search over everything the reader may open, and the portal's public search
over the live articles."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import selectors
from .forms import SearchForm
from .permissions import RULES


def results(request, *, public: bool) -> dict:
    form = SearchForm(request.GET)
    text, page, filters = form.query()
    found = selectors.search(request.user, text, public=public, page=page, **filters)
    params = request.GET.copy()
    params.pop("page", None)
    return {"form": form, "results": found, "filter_errors": form.error_lines(), "query_string": params.urlencode()}


@require_GET
@RULES.guard("search")
def search_page(request):
    return render(request, "search/search.html", results(request, public=False))


@require_GET
@login_not_required
@RULES.guard("public_search")
def public_search(request):
    return render(request, "search/public.html", results(request, public=True))
