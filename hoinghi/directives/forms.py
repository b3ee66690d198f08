"""Follow-up forms: they check the shape of input; the services decide what is allowed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hoinghi.core.forms import day_field
from hoinghi.meetings.documents import ACCEPT
from hoinghi.meetings.forms import Styled

from .services import MAX_FILES


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class FilesField(forms.FileField):
    """Several files from one input; the service checks each by content and size."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(FilesField, self).clean(uploaded, initial) for uploaded in files if uploaded]


class ReportForm(Styled, forms.Form):
    text = forms.CharField(label=_("What has been done"), max_length=20000, widget=forms.Textarea(attrs={"rows": 4}))
    percent = forms.IntegerField(
        label=_("Percent done"),
        required=False,
        min_value=0,
        max_value=100,
        help_text=_("Leave empty where a percentage makes no sense."),
    )
    done = forms.BooleanField(
        label=_("The task is done: ask the office to confirm it"),
        required=False,
        help_text=_("Only the lead organization reports a directive done."),
    )
    files = FilesField(label=_("Files"), required=False)

    def __init__(self, *args, may_report_done=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["done"].widget.attrs["class"] = "form-check-input"
        self.fields["files"].help_text = _("PDF, DOCX, XLSX or images; up to %(count)s files.") % {"count": MAX_FILES}
        if not may_report_done:
            del self.fields["done"]


class ExtensionForm(Styled, forms.Form):
    deadline = day_field(_("New deadline"))
    reason = forms.CharField(label=_("Reason"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class DecisionForm(Styled, forms.Form):
    grant = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Grant")), ("0", _("Refuse"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when the extension is refused."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grant"].widget.attrs["class"] = "form-check-input"


class ReasonForm(Styled, forms.Form):
    """Returning a directive to its unit or cancelling it: the reason is kept and shown."""

    reason = forms.CharField(label=_("Reason"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))


class ConfirmForm(Styled, forms.Form):
    note = forms.CharField(label=_("Note"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))
