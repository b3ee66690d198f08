"""The conclusion notice's form: what the office chooses before it previews or issues the notice."""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from hoinghi.core.forms import Styled, day_field

from . import wording
from .notice import NoticeOptions

MAX_RECIPIENTS = 40


def printable(text: str) -> None:
    """A control character cannot be written in a DOCX: refused here rather than failing the document."""
    if any(unicodedata.category(char) == "Cc" and char not in "\n\r\t" for char in text):
        raise ValidationError(_("Remove the invisible control characters from this text."))


class NoticeForm(Styled, forms.Form):
    dated = day_field(_("Date of the notice"), help_text=_("Not before the day of the meeting."))
    heading = forms.ChoiceField(label=_("Signs on behalf of"))
    signer_title = forms.CharField(label=_("Signer's title"), max_length=128, validators=[printable])
    signer_name = forms.CharField(label=_("Signer's name"), max_length=128, validators=[printable])
    recipients = forms.CharField(
        label=_("Recipients"),
        validators=[printable],
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One per line; the dashes and punctuation are added in the notice."),
    )
    include_review = forms.BooleanField(
        label=_("Include a section on the directives of earlier meetings"), required=False
    )

    def __init__(self, *args, headings: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["heading"].choices = [(heading, heading) for heading in headings]
        self.fields["include_review"].widget.attrs["class"] = "form-check-input"

    @classmethod
    def proposing(cls, options: NoticeOptions, headings: list[str]) -> "NoticeForm":
        initial = {
            "dated": options.dated,
            "heading": options.heading,
            "signer_title": options.signer_title,
            "signer_name": options.signer_name,
            "recipients": "\n".join(options.recipients),
            "include_review": options.include_review,
        }
        return cls(initial=initial, headings=headings)

    def clean_recipients(self) -> tuple[str, ...]:
        names = [name for name in map(wording.bare_recipient, self.cleaned_data["recipients"].splitlines()) if name]
        if not names:
            raise forms.ValidationError(_("Name at least one recipient."))
        if len(names) > MAX_RECIPIENTS:
            raise forms.ValidationError(_("At most %(count)s recipients.") % {"count": MAX_RECIPIENTS})
        if any(len(name) > 255 for name in names):
            raise forms.ValidationError(_("A recipient's line is at most 255 characters."))
        return tuple(names)

    def options(self) -> NoticeOptions:
        return NoticeOptions(**self.cleaned_data)
