"""The office's forms for bodies and terms: the shape of input; the services decide what is allowed.

A model form sets the submitted values on its instance while it validates: the views give it a copy, so the
service still reads the row as it was and records what changed."""

from django import forms
from django.utils.text import capfirst

from hoinghi.core.forms import Styled, day_field

from .models import Body, Term


class BodyForm(Styled, forms.ModelForm):
    class Meta:
        model = Body
        fields = ["organization", "name", "kind", "signature_heading", "quorum_numerator", "quorum_denominator"]


class TermForm(Styled, forms.ModelForm):
    start = day_field(capfirst(Term._meta.get_field("start").verbose_name))
    end = day_field(capfirst(Term._meta.get_field("end").verbose_name), required=False)

    class Meta:
        model = Term
        fields = ["body", "ordinal", "start", "end"]
