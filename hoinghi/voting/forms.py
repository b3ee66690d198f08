"""Poll forms: they validate the shape of input; the services decide what is allowed."""

from fractions import Fraction

from django import forms
from django.utils.translation import gettext_lazy as _

from hoinghi.core.forms import Styled
from hoinghi.directory.models import Person
from hoinghi.meetings.models import Meeting

from .models import Poll
from .rules import OPTIONS, Kind
from .selectors import OPTION_LABELS

# The threshold choices offered, as (share, strict); "default" leaves the kind's rule (rules.DEFAULT_RULES).
THRESHOLDS = {"half": (Fraction(1, 2), True), "two_thirds": (Fraction(2, 3), False)}


def _tick_boxes(form) -> None:
    """Styled gives every widget a text box's class: give check boxes theirs."""
    for field in form.fields.values():
        if isinstance(field.widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
            field.widget.attrs["class"] = "form-check-input"


class PollForm(Styled, forms.Form):
    title = forms.CharField(label=_("Question"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    item = forms.ModelChoiceField(None, label=_("Agenda item"), required=False, empty_label=_("The whole meeting"))
    kind = forms.ChoiceField(label=_("Kind"), choices=Poll.Kind.choices)
    method = forms.ChoiceField(label=_("Method"), choices=Poll.Method.choices, initial=Poll.Method.SECRET)
    base = forms.ChoiceField(
        label=_("Base of the percentages"),
        choices=[("", _("The rule for this kind"))] + Poll.Base.choices,
        required=False,
    )
    threshold = forms.ChoiceField(
        label=_("Threshold"),
        choices=[
            ("default", _("The rule for this kind")),
            ("half", _("More than half")),
            ("two_thirds", _("At least two thirds")),
            ("custom", _("Custom fraction")),
        ],
        initial="default",
    )
    numerator = forms.IntegerField(label=_("Numerator"), min_value=1, required=False)
    denominator = forms.IntegerField(label=_("Denominator"), min_value=1, required=False)
    strict = forms.BooleanField(label=_("More than the fraction (not at least)"), required=False)
    max_choices = forms.IntegerField(
        label=_("Choose at most"), min_value=1, required=False, help_text=_("Only for “choose up to N” polls.")
    )
    subjects = forms.CharField(
        label=_("Subjects, one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Candidates, office holders or rated members; leave empty for a single question."),
    )
    people = forms.ModelMultipleChoiceField(
        None, label=_("Or pick from the participants"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = meeting.items.order_by("order")
        participants = meeting.participants.select_related("person")
        self.fields["people"].queryset = Person.objects.filter(participations__meeting=meeting).order_by("full_name")
        _tick_boxes(self)
        # For a yearly rating the page fills in the collective and every member (see poll_form.js).
        self.fields["subjects"].widget.attrs.update(
            {
                "data-rating-collective": _("The collective of the %(body)s") % {"body": meeting.body.name},
                "data-rating-people": ",".join(str(p.person_id) for p in participants if p.is_member),
            }
        )

    def clean(self):
        data = super().clean()
        if data.get("threshold") == "custom":
            numerator, denominator = data.get("numerator"), data.get("denominator")
            if not numerator or not denominator or numerator > denominator:
                self.add_error("denominator", _("Give a fraction between 0 and 1, such as 3 / 4."))
        return data

    def service_arguments(self) -> dict:
        """The keyword arguments of services.create_poll."""
        data = self.cleaned_data
        threshold = data["threshold"]
        if threshold == "custom":
            share, strict = Fraction(data["numerator"], data["denominator"]), data["strict"]
        else:
            share, strict = THRESHOLDS.get(threshold, (None, None))
        lines = [line.strip() for line in data["subjects"].splitlines() if line.strip()]
        subjects = [(line, None) for line in lines] + [(person.full_name, person) for person in data["people"]]
        return {
            "title": data["title"],
            "kind": data["kind"],
            "method": data["method"],
            # A single question is its own subject.
            "subjects": subjects or [(data["title"], None)],
            "item": data["item"],
            "base": data["base"] or None,
            "share": share,
            "strict": strict,
            "max_choices": data["max_choices"],
        }


def subject_field(subject) -> str:
    return f"s{subject.pk}"  # the name posted_choices reads


def posted_choices(kind: str, subject_ids, data) -> dict[str, str] | None:
    """{subject id: option} from a ballot's fields (posted or cleaned); None when a line is left unanswered.
    A "choose up to N" ballot has a tick box per name: ticked is chosen."""
    if kind == Kind.CHOOSE:
        return {s: "chosen" if data.get(f"s{s}") else "not_chosen" for s in subject_ids}
    answers = {s: data.get(f"s{s}") for s in subject_ids}
    return None if None in answers.values() else answers


class BallotForm(forms.Form):
    """One answer per subject, and the one-time token of the page the ballot was filled in on."""

    token = forms.CharField(max_length=64, widget=forms.HiddenInput)

    def __init__(self, poll: Poll, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.poll = poll
        self.subjects = list(poll.subjects.all())
        for subject in self.subjects:
            if poll.kind == Kind.CHOOSE:
                field = forms.BooleanField(label=subject.label, required=False)
            else:
                choices = [(option, OPTION_LABELS[option]) for option in OPTIONS[poll.kind]]
                field = forms.ChoiceField(
                    label=subject.label,
                    choices=choices,
                    widget=forms.RadioSelect,
                    error_messages={"required": _("Choose one answer on this line.")},
                )
            self.fields[subject_field(subject)] = field

    def clean(self):
        data = super().clean()
        limit = self.poll.max_choices
        chosen = sum(bool(data.get(subject_field(s))) for s in self.subjects)
        if self.poll.kind == Kind.CHOOSE and limit and chosen > limit:
            raise forms.ValidationError(_("Choose at most %(limit)d.") % {"limit": limit})
        return data

    def choices(self) -> dict[str, str]:
        """{subject id: option}, as services.cast takes them."""
        return posted_choices(self.poll.kind, [str(s.pk) for s in self.subjects], self.cleaned_data)

    def lines(self):
        """(subject, bound field) pairs for the template."""
        return [(subject, self[subject_field(subject)]) for subject in self.subjects]


class PaperForm(Styled, forms.Form):
    """The counting board's figures: the totals, then a count per subject and option."""

    issued = forms.IntegerField(label=_("Ballots issued"), min_value=0)
    returned = forms.IntegerField(label=_("Ballots returned"), min_value=0)
    valid = forms.IntegerField(label=_("Valid ballots"), min_value=0)
    invalid = forms.IntegerField(label=_("Invalid ballots"), min_value=0)

    def __init__(self, poll: Poll, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.subjects = list(poll.subjects.all())
        self.options = OPTIONS[poll.kind]
        for subject in self.subjects:
            for option in self.options:
                self.fields[self._name(subject, option)] = forms.IntegerField(
                    label=f"{subject.label}: {OPTION_LABELS[option]}", min_value=0, required=False
                )
        for field in self.fields.values():
            field.widget.attrs.update({"class": "form-control", "inputmode": "numeric"})

    @staticmethod
    def _name(subject, option) -> str:
        return f"c{subject.pk}_{option}"

    def totals(self):
        return [self[name] for name in ("issued", "returned", "valid", "invalid")]

    def rows(self):
        """(subject, [bound field per option]) for the template's table."""
        return [(s, [self[self._name(s, o)] for o in self.options]) for s in self.subjects]

    def option_labels(self):
        return [OPTION_LABELS[o] for o in self.options]

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        # A count left blank is a zero.
        counts = {str(s.pk): {o: data[self._name(s, o)] or 0 for o in self.options} for s in self.subjects}
        return {name: data[name] for name in ("issued", "returned", "valid", "invalid")} | {"counts": counts}


class ReceiptForm(forms.Form):
    receipt = forms.CharField(
        label=_("Receipt code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"class": "form-control form-control-lg", "autocomplete": "off", "placeholder": "XXXX-XXXX-XXXX"}
        ),
    )


class BoardForm(Styled, forms.Form):
    """The counting board: its members, its head and, in a secret poll, how many shares open the box."""

    members = forms.ModelMultipleChoiceField(None, label=_("Members of the board"), widget=forms.CheckboxSelectMultiple)
    head = forms.ModelChoiceField(None, label=_("Head of the board"))
    shares_required = forms.IntegerField(
        label=_("Shares needed to open the ballot box"),
        min_value=1,
        help_text=_("Each member's phone keeps one share of the key; this many of them open the box at the count."),
    )

    def __init__(self, *args, poll: Poll, candidates, **kwargs):
        seats = list(poll.board.all())
        kwargs.setdefault(
            "initial",
            {
                "members": [seat.person_id for seat in seats],
                "head": next((seat.person_id for seat in seats if seat.is_head), None),
                "shares_required": poll.shares_required,
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = candidates
        self.fields["head"].queryset = candidates
        if poll.method != Poll.Method.SECRET:
            del self.fields["shares_required"]
        _tick_boxes(self)

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "members": list(data["members"]),
            "head": data["head"],
            "shares_required": data.get("shares_required", 0),
        }


class PaperCodeForm(Styled, forms.Form):
    code = forms.CharField(
        label=_("Your paper code"),
        max_length=64,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "class": "font-monospace",
            }
        ),
        help_text=_("Type it as you wrote it down; dashes and spaces do not matter."),
    )
