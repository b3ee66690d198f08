"""The office's form for a resolution. A model form sets the submitted values on its instance while it validates:
the views give it a copy, so the service still reads the row as it was and records what changed."""

from django import forms
from django.utils.text import capfirst

from hoinghi.core.forms import Styled, day_field
from hoinghi.meetings.models import Meeting

from .models import Resolution

HELD = [Meeting.Status.CLOSED, Meeting.Status.NOTICE_ISSUED]


class ResolutionForm(Styled, forms.ModelForm):
    issued_on = day_field(capfirst(Resolution._meta.get_field("issued_on").verbose_name))

    class Meta:
        model = Resolution
        fields = ["body", "number", "title", "issued_on", "period_start", "period_end", "meeting"]
        widgets = {"title": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.filter(status__in=HELD).order_by("-starts_at")
