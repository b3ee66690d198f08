"""Forms validate the shape of input; the services decide what is allowed."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hoinghi.core.forms import AddressFilters, Styled, collate, day_time_field, offer
from hoinghi.directory.models import Body, Organization, Person, Term, active_on

from .models import AgendaItem, Conclusion, Document, Meeting, Participant


class MeetingForm(Styled, forms.ModelForm):
    starts_at = day_time_field(_("Date and time"))

    class Meta:
        model = Meeting
        fields = ["body", "term", "number", "kind", "starts_at", "place", "title"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["term"].queryset = Term.objects.select_related("body")
        self.fields["title"].widget.attrs["placeholder"] = _("e.g. Hội nghị Ban Thường vụ Tỉnh ủy lần thứ 36")
        starts_at = self.instance.starts_at
        self.offer_on(timezone.localdate(starts_at) if starts_at else timezone.localdate())

    def offer_on(self, day: datetime.date) -> None:
        """Offer the bodies existing on the meeting's day and their terms running then: a 2026 meeting cannot be
        one of a district committee that ended in 2025."""
        offer(self.fields["body"], Body.objects.existing_on(day))
        offer(self.fields["term"], Term.objects.filter(active_on(day)))

    def full_clean(self):
        super().full_clean()
        # Shown again after a refusal: offer what exists on the day typed in.
        if self.is_bound and (starts_at := self.cleaned_data.get("starts_at")):
            self.offer_on(timezone.localdate(starts_at))


class ItemForm(Styled, forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "kind", "presenter_organization", "presenter_person", "confidentiality"]
        widgets = {"title": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        existing = Organization.objects.existing_on(timezone.localdate(meeting.starts_at))
        offer(self.fields["presenter_organization"], existing)
        collate(self.fields["presenter_organization"])
        collate(self.fields["presenter_person"])


class ParticipantForm(Styled, forms.Form):
    person = forms.ModelChoiceField(Person.objects.all(), label=_("Person"))
    role = forms.ChoiceField(
        label=_("Role"), choices=[(r.value, r.label) for r in Participant.Role if r != Participant.Role.MEMBER]
    )
    items = forms.ModelMultipleChoiceField(
        AgendaItem.objects.none(),
        label=_("Only for items"),
        required=False,
        help_text=_("Leave empty to invite for the whole meeting."),
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].queryset = meeting.items.order_by("order")
        collate(self.fields["person"])


class AttendanceForm(forms.Form):
    attendance = forms.ChoiceField(choices=Participant.Attendance.choices)
    absence_reason = forms.CharField(required=False, max_length=255)


class OpinionForm(Styled, forms.Form):
    text = forms.CharField(label=_("Your opinion"), widget=forms.Textarea(attrs={"rows": 4}), max_length=20000)
    document = forms.ModelChoiceField(
        Document.objects.none(), label=_("On the paper"), required=False, empty_label=_("The item as a whole")
    )

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = item.documents.all()
        if not item.documents.exists():
            del self.fields["document"]


class ConclusionForm(Styled, forms.ModelForm):
    class Meta:
        model = Conclusion
        fields = ["outcome", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}


class MeetingFilterForm(AddressFilters):
    """The meetings list's filters, read from the address; a bad value is named, the others still apply."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    body = forms.ModelChoiceField(Body.objects.all(), label=_("Body"), required=False)
    term = forms.ModelChoiceField(Term.objects.all(), label=_("Term"), required=False)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=2200)
    status = forms.ChoiceField(label=_("Status"), choices=Meeting.Status.choices, required=False)

    def filters(self) -> dict:
        """The valid filters as the selector takes them; an invalid one is left out."""
        data = self.valid_data()
        return {
            "body": data.get("body"),
            "term": data.get("term"),
            "year": data.get("year"),
            "status": data.get("status") or None,
            "query": data.get("q") or "",
        }
