"""The search page's address: the query, the facets chosen and the page."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hoinghi.core.forms import AddressFilters

from .models import Kind


class SearchForm(AddressFilters):
    q = forms.CharField(label=_("Search"), required=False, max_length=500)
    kind = forms.MultipleChoiceField(label=pgettext_lazy("search", "Type"), choices=Kind.choices, required=False)
    body = forms.IntegerField(label=_("Body"), required=False, min_value=1)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=2200)
    organization = forms.IntegerField(label=_("Organization"), required=False, min_value=1)
    page = forms.IntegerField(label=_("Page"), required=False, min_value=1)

    def query(self) -> tuple[str, int, dict]:
        """(the words, the page, the facets chosen) of the valid part of the address."""
        data = self.valid_data()
        filters = {name: data.get(name) for name in ("kind", "body", "year", "organization")}
        return data.get("q") or "", data.get("page") or 1, filters

    def toggled(self, name: str, value) -> str:
        """The address with a facet's value chosen, or no longer chosen if it was; back to the first page."""
        data = self.data.copy()
        data.pop("page", None)
        values = data.getlist(name)
        if str(value) in values:
            values.remove(str(value))
        elif name == "kind":
            values.append(str(value))
        else:
            values = [str(value)]
        data.setlist(name, values)
        return data.urlencode()
