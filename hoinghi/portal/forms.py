"""The office's forms of the portal, and the library's filters. Forms check the shape; services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hoinghi.core.forms import AddressFilters, Styled, day_field, day_time_field

from .models import Article, PublicDocument


class ArticleForm(Styled, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown in lists and as the page's description."),
    )  # fmt: skip
    # A plain textarea that works without scripts; portal/editor.js puts the rich-text editor over it.
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 16, "data-rich-text": ""}))


class MoveForm(forms.Form):
    status = forms.ChoiceField(choices=Article.Status.choices)
    publish_at = day_time_field(_("Publish at"), required=False)


class NoticeForm(Styled, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    body = forms.CharField(label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    expires_on = day_field(_("Shown until"), required=False)


class ScheduleEntryForm(Styled, forms.Form):
    day = day_field(_("Day"))
    time = forms.TimeField(
        label=_("Time"), required=False, input_formats=["%H:%M"],
        widget=forms.TimeInput(attrs={"placeholder": "hh:mm", "inputmode": "numeric"}, format="%H:%M"),
    )  # fmt: skip
    leader = forms.CharField(label=_("Leader"), max_length=200)
    content = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 2}))
    place = forms.CharField(label=_("Place"), max_length=255, required=False)
    chair = forms.CharField(label=_("Chaired by"), max_length=200, required=False)


class DocumentForm(Styled, forms.Form):
    number = forms.CharField(label=_("Number and symbol"), max_length=80)
    issued_on = day_field(_("Date"))
    issuer = forms.CharField(label=_("Issuing body"), max_length=255)
    doc_type = forms.ChoiceField(label=_("Type"), choices=PublicDocument.Type.choices)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}))
    file = forms.FileField(label=_("File (PDF, DOCX, XLSX)"))
    is_public = forms.BooleanField(label=_("Public on the portal"), required=False, initial=True)

    def __init__(self, *args, replacing=False, **kwargs):
        """`replacing`: the form edits a document that has a file; a file sent replaces it, none keeps it."""
        super().__init__(*args, **kwargs)
        self.fields["is_public"].widget.attrs["class"] = "form-check-input"
        if replacing:
            self.fields["file"].required = False
            self.fields["file"].help_text = _("Leave empty to keep the current file.")


def initial_of(form_class, instance) -> dict:
    """An edit form's starting values: the instance's values of the form's fields (files aside)."""
    names = [name for name, field in form_class.base_fields.items() if not isinstance(field, forms.FileField)]
    return {name: getattr(instance, name) for name in names}


class PhotoForm(Styled, forms.Form):
    caption = forms.CharField(label=_("Caption"), max_length=300)
    taken_on = day_field(_("Day"), required=False)
    image = forms.ImageField(label=_("Image"))


class DocumentFilters(Styled, AddressFilters):
    q = forms.CharField(label=_("Words"), required=False, max_length=200)
    loai = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types"))] + PublicDocument.Type.choices
    )
    nam = forms.IntegerField(label=_("Year"), required=False, min_value=1945, max_value=2100)
    co_quan = forms.CharField(label=_("Issuing body"), required=False, max_length=255)
