"""Follow-up forms: they check the shape of input; the services decide what is allowed."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hoinghi.core.forms import AddressFilters, Styled, collate, day_field
from hoinghi.core.uploads import ACCEPT
from hoinghi.directory.models import Organization

from .models import Directive
from .selectors import Filters
from .services import FIELDS as DIRECTIVE_FIELDS
from .services import MAX_FILES
from .transfer import field_name


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


class DirectiveForm(Styled, forms.ModelForm):
    deadline = day_field(_("Deadline"), required=False)
    period_end = day_field(
        _("End of the resolution's period"),
        required=False,
        help_text=_("When the directive carries out a resolution: no deadline or extension goes past this day."),
    )

    class Meta:
        model = Directive
        fields = DIRECTIVE_FIELDS
        help_texts = {
            "deadline_working_days": _(
                "Within this many working days of the meeting (weekends and public holidays not counted): "
                "the deadline is then counted from it."
            )
        }
        widgets = {
            "content": forms.Textarea(attrs={"rows": 3}),
            "coordinating_organizations": forms.SelectMultiple(attrs={"size": 4}),
        }

    def __init__(self, *args, day, **kwargs):
        """`day`: the meeting's; only the organizations existing then are offered, and those the directive was
        already given (a successor it passed to)."""
        super().__init__(*args, **kwargs)
        offered = Organization.objects.existing_on(day)
        if self.instance.pk:
            given = [
                self.instance.lead_organization_id,
                *self.instance.coordinating_organizations.values_list("pk", flat=True),
            ]
            offered = offered | Organization.objects.filter(pk__in=given)
        for name in ("lead_organization", "coordinating_organizations"):
            self.fields[name].queryset = offered.distinct()
            collate(self.fields[name])


class FilterForm(AddressFilters):
    """The follow-up pages' filters (see `selectors.Filters`)."""

    body = forms.IntegerField(label=_("Body"), required=False, min_value=1)
    meeting = forms.IntegerField(label=_("Meeting"), required=False, min_value=1)
    organization = forms.IntegerField(label=_("Lead organization"), required=False, min_value=1)
    period_from = day_field(_("From"), required=False)
    period_to = day_field(_("To"), required=False)
    priority = forms.BooleanField(required=False)
    status = forms.ChoiceField(label=_("Status"), choices=Directive.Status.choices, required=False)
    as_of = day_field(_("Figures as of"), required=False)
    inherited = forms.BooleanField(required=False)

    def clean_as_of(self):
        day = self.cleaned_data.get("as_of")
        if day and day > timezone.localdate():
            message = _("%(day)s has not come yet: the figures are as of today or an earlier day.")
            raise forms.ValidationError(message % {"day": f"{day:%d/%m/%Y}"})
        return day

    def clean(self):
        data = super().clean()
        start, end = data.get("period_from"), data.get("period_to")
        if start and end and start > end:
            self.add_error("period_to", _("The end of the period is before its start."))
        return data

    def filters(self) -> Filters:
        data = self.valid_data()
        return Filters(
            body=data.get("body"),
            meeting=data.get("meeting"),
            organization=data.get("organization"),
            period_from=data.get("period_from"),
            period_to=data.get("period_to"),
            priority=bool(data.get("priority")),
            status=data.get("status") or None,
            as_of=data.get("as_of"),
            inherited=bool(data.get("inherited")),
        )


class TransferForm(forms.Form):
    """The preview of a transfer: per directive, the successor where there are several (no default: the office
    chooses) and an optional new deadline where it passes as lead. The service judges the choices."""

    previewed = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        for passing in plan:
            pk = passing.directive.pk
            if passing.needs_choice:
                self.fields[field_name("successor", pk)] = forms.ModelChoiceField(
                    label=_("Passes to"),
                    queryset=Organization.objects.filter(pk__in=[org.pk for org in passing.candidates]),
                    required=False,
                    empty_label=_("— choose the successor —"),
                    widget=forms.Select(attrs={"class": "form-select"}),
                )
            if passing.leads:
                field = day_field(_("New deadline"), required=False)
                field.widget.attrs["class"] = "form-control"
                self.fields[field_name("deadline", pk)] = field

    @property
    def shown(self) -> str:
        """The directives this page shows, sent back as `previewed`: a page shown again after a refusal shows the
        plan as it is now, and that is what the office then applies."""
        return ",".join(str(passing.directive.pk) for passing in self.plan)

    def add_error(self, field, error):
        super().add_error(field, error)
        for name in self.errors:  # the service's refusals too, not only the form's own
            if name in self.fields and "is-invalid" not in self.fields[name].widget.attrs["class"]:
                self.fields[name].widget.attrs["class"] += " is-invalid"

    def clean_previewed(self) -> set[int]:
        try:
            return {int(pk) for pk in self.cleaned_data["previewed"].split(",")}
        except ValueError:
            raise forms.ValidationError(_("The preview was not sent whole: open it again.")) from None

    def choices(self) -> dict:
        """The keyword arguments of `transfer.check_transfer`."""
        data = self.cleaned_data
        pick = {passing.directive.pk: data.get(field_name("successor", passing.directive.pk)) for passing in self.plan}
        new = {passing.directive.pk: data.get(field_name("deadline", passing.directive.pk)) for passing in self.plan}
        return {
            "destinations": {pk: org for pk, org in pick.items() if org},
            "deadlines": {pk: day for pk, day in new.items() if day},
            "previewed": data["previewed"],
        }

    def rows(self) -> list:
        """Each directive of the plan with its fields (None where it has none), for the page."""
        return [
            (
                passing,
                self._bound(field_name("successor", passing.directive.pk)),
                self._bound(field_name("deadline", passing.directive.pk)),
            )
            for passing in self.plan
        ]

    def _bound(self, name):
        return self[name] if name in self.fields else None
