"""The upload form and the review screen's forms: one per part of the record, a formset per list.

They check the shape of what the reviewer typed and turn it into the record (SCHEMA.md); `services`
decides whether the record is right and what accepting it creates.
"""

from decimal import Decimal
from operator import itemgetter

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from hoinghi.core.errors import invalid
from hoinghi.core.forms import Styled, day_field
from hoinghi.core.text import collated, match_key
from hoinghi.directory.models import Body, Organization, Person, Term
from hoinghi.meetings.models import AgendaItem, Conclusion, VoteRecord

from .record import item_kind, removed_item_of

ACCEPT = ".txt,.html,.htm"


class ManyFilesInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class ManyFilesField(forms.FileField):
    """Every chosen file, unchecked one by one: a bad file is refused on its own row, not for the others."""

    widget = ManyFilesInput

    def clean(self, data, initial=None):
        files = [upload for upload in (data or []) if upload]
        if not files:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return files


class UploadForm(Styled, forms.Form):
    files = ManyFilesField(
        label=_("Articles (.txt, .html)"),
        widget=ManyFilesInput(attrs={"accept": ACCEPT}),
        help_text=_("Several files at once: each one becomes a draft to review."),
    )
    url = forms.URLField(
        label=_("Source address"),
        required=False,
        max_length=1000,
        assume_scheme="https",
        help_text=_("With one file only: the page the article was saved from."),
    )

    def clean(self):
        data = super().clean()
        if data.get("url") and len(data.get("files") or []) > 1:
            self.add_error("url", _("Give a source address with one file only."))
        return data


def _text(value) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else value


def _number(value: Decimal | None) -> int | float | None:
    """JSON keeps 80 as 80 and 1.5 as 1.5."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


class RecordForm(Styled, forms.Form):
    """A form for one entry of the record: `entry()` is the entry it describes, `from_entry()` the reverse.
    `apart`: fields that are no part of the entry, shown on their own rather than in its grid."""

    apart: tuple[str, ...] = ()

    def entry(self) -> dict:
        return {name: _text(self.cleaned_data.get(name)) for name in self.fields if name != "DELETE"}

    @staticmethod
    def from_entry(entry: dict) -> dict:
        return dict(entry)


class MeetingForm(RecordForm):
    body = forms.CharField(label=_("Body, as written"), max_length=255, required=False)
    organization = forms.CharField(label=_("Province or city"), max_length=255, required=False)
    term = forms.CharField(label=_("Term"), max_length=16, required=False, help_text=_("In Roman numerals, e.g. XVII."))
    session_number = forms.IntegerField(label=_("Meeting number"), min_value=1, required=False)
    date = day_field(_("Meeting day"), required=False)
    directory_body = forms.ModelChoiceField(
        Body.objects.select_related("organization").order_by("name"),
        label=_("Body in the directory"),
        required=False,
        help_text=_("The meeting is created for this body."),
    )
    directory_term = forms.ModelChoiceField(
        Term.objects.select_related("body"),
        label=_("Term in the directory"),
        required=False,
        empty_label=_("Automatic"),
        help_text=_("Automatic: the term the article names, else the one covering the meeting day."),
    )
    resolution_number = forms.CharField(
        label=_("Number of the resolution with the targets"),
        max_length=64,
        required=False,
        help_text=_("The targets are created under this resolution; without a number they stay in this record."),
    )

    def entry(self) -> dict:
        data = self.cleaned_data
        return {
            "body": _text(data["body"]),
            "organization": _text(data["organization"]),
            "term": _text(data["term"]).upper() if data["term"] else None,
            "session_number": data["session_number"],
            "date": data["date"].isoformat() if data["date"] else None,
        }

    @staticmethod
    def from_entry(entry: dict) -> dict:
        return {name: entry.get(name) for name in ["body", "organization", "term", "session_number", "date"]}


class PersonForm(RecordForm):
    name = forms.CharField(label=_("Name"), max_length=128)
    positions = forms.CharField(
        label=_("Positions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line."),
    )
    person = forms.ModelChoiceField(
        Person.objects.none(), label=_("Person in the directory"), required=False, empty_label=_("New person")
    )

    def __init__(self, *args, candidates: list[Person] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(pk__in=[person.pk for person in candidates])

    def entry(self) -> dict:
        positions = [line.strip() for line in self.cleaned_data["positions"].splitlines() if line.strip()]
        return {"name": self.cleaned_data["name"].strip(), "positions": positions}

    @staticmethod
    def from_entry(entry: dict) -> dict:
        return {"name": entry.get("name"), "positions": "\n".join(entry.get("positions") or [])}


class AgendaItemForm(RecordForm):
    title = forms.CharField(label=_("Item"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    presenter = forms.CharField(label=_("Presented by"), max_length=500, required=False)
    # what accepting makes of the title ("Bầu ...", "Miễn nhiệm ..." are personnel): shown, not typed
    kind = forms.ChoiceField(label=_("Kind"), choices=AgendaItem.Kind.choices, required=False, disabled=True)

    def entry(self) -> dict:
        return {"title": _text(self.cleaned_data["title"]), "presenter": _text(self.cleaned_data["presenter"])}

    @staticmethod
    def from_entry(entry: dict) -> dict:
        return {**entry, "kind": item_kind(entry.get("title") or "")}


class ConclusionForm(RecordForm):
    item = forms.CharField(label=_("On the item"), max_length=2000, required=False)
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=Conclusion.Outcome.choices,
        initial=Conclusion.Outcome.APPROVED,
        help_text=_("Other: deferred to a later meeting, or an outcome not listed."),
    )
    text = forms.CharField(label=_("Conclusion"), max_length=20000, widget=forms.Textarea(attrs={"rows": 4}))


class DirectiveForm(RecordForm):
    """A directive of the record; with an `offer` (its organization has ended since the meeting), the choice to
    pass it to the successor for follow-up. Unticked by default: an import records history, which stays under the
    names of its day; handing a 2021 task to today's successor is a decision of the office, taken row by row."""

    apart = ("pass_on", "successor")
    assignee = forms.CharField(label=_("Assigned to"), max_length=500)
    content = forms.CharField(label=_("Task"), max_length=20000, widget=forms.Textarea(attrs={"rows": 2}))
    deadline = day_field(_("Deadline"), required=False)
    pass_on = forms.BooleanField(label=_("Pass it to the successor for follow-up"), required=False)
    successor = forms.ChoiceField(label=_("Successor"), required=False)

    def __init__(self, *args, offer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.offer = offer
        if offer is None:
            del self.fields["pass_on"], self.fields["successor"]
            return
        self.fields["pass_on"].widget.attrs["class"] = "form-check-input"
        successors = [(str(o.pk), o.name) for o in offer.successors]
        self.fields["successor"].choices = ([("", _("Choose…"))] if len(successors) > 1 else []) + successors

    def entry(self) -> dict:
        data = self.cleaned_data
        deadline = data["deadline"].isoformat() if data["deadline"] else None
        return {"assignee": _text(data["assignee"]), "content": _text(data["content"]), "deadline": deadline}

    def passing(self) -> tuple[bool, int | None]:
        """(whether the reviewer ticked it, the successor chosen or None)."""
        value = self.cleaned_data.get("successor") or ""
        return bool(self.cleaned_data.get("pass_on")), int(value) if value.isdigit() else None


class VoteForm(RecordForm):
    subject = forms.CharField(label=_("Vote on"), max_length=2000)
    method = forms.ChoiceField(
        label=_("Method"),
        required=False,
        choices=[
            ("", _("Not said")),
            (VoteRecord.Method.SECRET, _("Secret ballot")),
            (VoteRecord.Method.OPEN, _("Open vote")),
        ],
    )
    result_text = forms.CharField(label=_("Result, as written"), max_length=2000, required=False)
    percent_for = forms.DecimalField(
        label=_("Percent in favour"), min_value=0, max_value=100, required=False, localize=True
    )

    def entry(self) -> dict:
        return {**super().entry(), "percent_for": _number(self.cleaned_data["percent_for"])}


class TargetForm(RecordForm):
    indicator = forms.CharField(label=_("Indicator"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    value = forms.DecimalField(label=_("Value"), localize=True)
    unit = forms.CharField(label=_("Unit"), max_length=100, required=False)
    year = forms.IntegerField(label=_("Year"), min_value=1945, max_value=2100, required=False)
    scope = forms.CharField(label=_("Level"), max_length=100, required=False, help_text=_("e.g. cấp tỉnh, cấp xã."))

    def entry(self) -> dict:
        return {**super().entry(), "value": _number(self.cleaned_data["value"])}


NEW = "new"  # the reviewer's answer "add it to the directory as a new organization"


class OrganizationForm(Styled, forms.Form):
    """A presenter or assignee as written, and the directory's organization it is (or, said so, a new one)."""

    text = forms.CharField(widget=forms.HiddenInput, max_length=500)
    organization = forms.ChoiceField(required=False)

    def __init__(self, *args, choices: list = (), candidates: list[Organization] = (), not_then=(), **kwargs):
        """`choices`: the directory's organizations, read once for every row; `candidates`: this name's closest;
        `not_then`: the organizations of this very name that did not exist on the meeting's day (not used)."""
        super().__init__(*args, **kwargs)
        self.not_then = not_then
        options = [("", _("Choose…")), (NEW, _("Add it as a new organization"))]
        if candidates:
            options.append((_("Closest names in the directory"), [(str(o.pk), o.name) for o in candidates]))
        options.append((_("All organizations"), [(str(pk), name) for pk, name in choices]))
        self.fields["organization"].choices = options

    def chosen(self) -> tuple[bool, int | None]:
        """(whether the reviewer chose, the organization's pk or None for a new one)."""
        value = self.cleaned_data.get("organization") or ""
        return value != "", int(value) if value.isdigit() else None


class RowsFormSet(forms.BaseFormSet):
    """A list of the record; `per_row[i]` are the extra arguments of row i's form (a person's candidates)."""

    def __init__(self, *args, per_row: list[dict] = (), **kwargs):
        self.per_row = per_row
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return self.per_row[index] if index is not None and index < len(self.per_row) else {}

    def kept(self) -> list:
        """The rows that make the list, in order: not removed, and not a blank row added and left empty."""
        return [
            form
            for form in self.forms
            if not form.cleaned_data.get("DELETE") and (form.has_changed() or not form.empty_permitted)
        ]


def _rows(form_class):
    return forms.formset_factory(form_class, formset=RowsFormSet, extra=0, can_delete=True)


# The record's lists, in the order the screen shows them: (key, form set, heading, is it in "meeting").
LISTS = [
    ("chairs", _rows(PersonForm), _("Chairs"), True),
    ("attendees", _rows(PersonForm), _("Present"), True),
    ("agenda_items", _rows(AgendaItemForm), _("Agenda"), False),
    ("conclusions", _rows(ConclusionForm), _("Conclusions"), False),
    ("directives", _rows(DirectiveForm), _("Directives"), False),
    ("votes", _rows(VoteForm), _("Votes"), False),
    ("targets", _rows(TargetForm), _("Targets"), False),
]
OrganizationFormSet = forms.formset_factory(OrganizationForm, formset=RowsFormSet, extra=0)


class Review:
    """The whole review screen: the meeting's form, a form set per list, the organizations to match.

    `record` is the record shown (the reviewed one); `people` and `organizations` are the selectors'
    matches of that record, and `body` the directory body it was matched to.
    """

    def __init__(
        self,
        data=None,
        *,
        record: dict,
        people: list,
        organizations: list,
        body=None,
        saved=None,
        offers=(),
        day=None,
        bodies_not_then=(),
    ):
        """`saved`: the directory choices a Save kept (ArticleImport.directory_choices); they win over matches.
        `offers`: per directive, the successor offer of its organization ended since (or None); `day`: the
        meeting's, whose organizations the pickers offer; `bodies_not_then`: bodies of the name the article gives
        that did not exist on that day (not matched, said so)."""
        self.day, self.bodies_not_then = day, bodies_not_then
        meeting = record.get("meeting") or {}
        saved = saved or {}
        passing = saved.get("transfers") or {}
        self.base = record
        self.meeting = MeetingForm(
            data,
            prefix="meeting",
            initial={
                **MeetingForm.from_entry(meeting),
                "directory_body": saved.get("body", getattr(body, "pk", None)),
                "directory_term": saved.get("term"),
                "resolution_number": saved.get("resolution_number", ""),
            },
        )
        self.lists = []
        people = iter(people)
        chosen_people = saved.get("people") or {}
        for key, formset_class, heading, in_meeting in LISTS:
            entries = (meeting if in_meeting else record).get(key) or []
            form_class = formset_class.form
            per_row = [{}] * len(entries)
            initial = [form_class.from_entry(entry) for entry in entries]
            if form_class is PersonForm:
                matches = [next(people, None) for _entry in entries]
                per_row = [{"candidates": match.candidates if match else []} for match in matches]
                for row, match in zip(initial, matches, strict=True):
                    automatic = match.person.pk if match and match.person else None
                    row["person"] = chosen_people.get(match_key(row["name"] or ""), automatic)
            if form_class is DirectiveForm:
                per_row = [{"offer": offer} for offer in list(offers)[: len(entries)]]
                for n, row in enumerate(initial):
                    if str(n) in passing:
                        row.update(pass_on=True, successor=passing[str(n)])
            formset = formset_class(data, prefix=key, initial=initial, per_row=per_row)
            self.lists.append((key, formset, heading, in_meeting))
        chosen_organizations = saved.get("organizations") or {}
        existing = Organization.objects.existing_on(day) if day else Organization.objects.all()
        directory = collated(existing.values_list("pk", "name"), itemgetter(1))
        self.organizations = OrganizationFormSet(
            data,
            prefix="organizations",
            initial=[
                {
                    "text": match.text,
                    "organization": chosen_organizations.get(
                        match_key(match.text), str(match.organization.pk) if match.organization else ""
                    ),
                }
                for match in organizations
            ],
            per_row=[
                {"choices": directory, "candidates": match.candidates, "not_then": match.not_then}
                for match in organizations
            ],
        )
        self.refusals = []  # the refusals no field shows

    def is_valid(self) -> bool:
        forms_valid = [self.meeting.is_valid(), self.organizations.is_valid()]
        forms_valid += [formset.is_valid() for _key, formset, _heading, _in in self.lists]
        return all(forms_valid) and self._removed_items_taken_along()

    def _removed_items_taken_along(self) -> bool:
        """A conclusion or vote follows its item: with the item removed and they kept, acceptance would put them
        on whichever other item shares enough words, silently. The reviewer is asked to remove them or the item."""
        rows = {key: formset for key, formset, _heading, _in in self.lists}
        items = {
            n: form.cleaned_data.get("title") or ""
            for n, form in enumerate(rows["agenda_items"].forms)
            if form.has_changed() or not form.empty_permitted
        }
        removed = {n: title for n, title in items.items() if rows["agenda_items"].forms[n].cleaned_data.get("DELETE")}
        if not removed:
            return True
        kept = {n: title for n, title in items.items() if n not in removed}
        followers = [(form, form.entry()) for key in ("conclusions", "votes") for form in rows[key].kept()]
        orphans = [
            (form, n)
            for form, entry in followers
            if (n := removed_item_of(entry.get("item") or entry.get("subject"), entry.get("text") or "", removed, kept))
            is not None
        ]
        for form, n in orphans:
            form.add_error(
                None, _("Its item “%(item)s” is removed: remove this row too, or keep the item.") % {"item": items[n]}
            )
        for n in {n for _form, n in orphans}:
            rows["agenda_items"].forms[n].add_error(
                None, _("A conclusion or vote below belongs to this item: remove it too, or keep this item.")
            )
        return not orphans

    def record(self) -> dict:
        record = {**self.base, "meeting": self.meeting.entry()}
        for key, formset, _heading, in_meeting in self.lists:
            (record["meeting"] if in_meeting else record)[key] = [form.entry() for form in formset.kept()]
        return record

    def _passing(self) -> dict[int, int | None]:
        """The directives the reviewer passes to a successor: index in the record -> the successor chosen."""
        rows = next(formset for key, formset, _heading, _in in self.lists if key == "directives").kept()
        chosen = {n: form.passing() for n, form in enumerate(rows) if form.offer is not None}
        return {n: successor for n, (ticked, successor) in chosen.items() if ticked}

    def _people(self) -> list[tuple[str, Person | None]]:
        return [
            (form.cleaned_data["name"], form.cleaned_data["person"])
            for key, formset, _heading, _in in self.lists
            if key in ("chairs", "attendees")
            for form in formset.kept()
        ]

    def saved(self) -> dict:
        """The directory choices on the screen, as Save keeps them (JSON): names keyed by match_key."""
        data = self.meeting.cleaned_data
        organizations = {}
        for form in self.organizations:
            chose, pk = form.chosen()
            if chose:
                organizations[match_key(form.cleaned_data["text"])] = str(pk) if pk else NEW
        return {
            "body": getattr(data["directory_body"], "pk", None),
            "term": getattr(data["directory_term"], "pk", None),
            "resolution_number": data["resolution_number"],
            "people": {match_key(name): getattr(person, "pk", None) for name, person in self._people()},
            "organizations": organizations,
            "transfers": {str(n): str(pk or "") for n, pk in self._passing().items()},
        }

    def accepting(self) -> dict:
        """The arguments of `services.check_accept` the reviewer chose; a ValidationError without a body."""
        if self.meeting.cleaned_data["directory_body"] is None:
            invalid(_("Choose the body in the directory that held the meeting."), "body")
        organizations = {}
        for form in self.organizations:
            chose, pk = form.chosen()
            if chose:  # a name left unchosen is refused by the service, unless the directory knows it
                organizations[form.cleaned_data["text"]] = pk
        return {
            "body": self.meeting.cleaned_data["directory_body"],
            "term": self.meeting.cleaned_data["directory_term"],
            "resolution_number": self.meeting.cleaned_data["resolution_number"],
            "people": {index: person.pk if person else None for index, (_name, person) in enumerate(self._people())},
            "organizations": organizations,
            "transfers": self._passing(),
        }

    def show(self, error: ValidationError) -> None:
        """Put the services' refusal next to its field: keys are paths in the record ("directives.2.deadline")."""
        if not hasattr(error, "error_dict"):
            self.refusals += error.messages
            return
        rows = {key: formset.kept() for key, formset, _heading, _in in self.lists}
        rows["people"] = rows["chairs"] + rows["attendees"]  # accept's `people` indexes both lists
        for path, errors in error.error_dict.items():
            if (path or "").startswith("organizations."):
                path = self._organization_path(path.removeprefix("organizations."))
            parts = (path or "").split(".")
            if parts[0] == "meeting" and len(parts) > 2:
                parts = parts[1:]  # the people's lists are inside "meeting" in the record
            form, field = self._target(parts, rows)
            if form is None:
                self.refusals += [message for failure in errors for message in failure.messages]
            elif field in form.fields:
                form.add_error(field, errors)
                form.fields[field].widget.attrs["class"] += " is-invalid"
            else:
                form.add_error(None, errors)

    def _organization_path(self, key: str) -> str:
        """The row of the organization a refusal names (by match_key), or none when the screen has no such row."""
        rows = [n for n, form in enumerate(self.organizations) if match_key(form["text"].value() or "") == key]
        return f"organizations.{rows[0]}" if rows else ""

    def _target(self, parts: list[str], rows: dict):
        if parts[0] == "meeting" and len(parts) == 2:
            return self.meeting, parts[1]
        if parts[0] in ("body", "term"):  # accept's arguments
            return self.meeting, f"directory_{parts[0]}"
        if parts[0] == "resolution_number":
            return self.meeting, parts[0]
        if parts[0] == "organizations" and len(parts) == 2 and parts[1].isdigit():
            return self.organizations.forms[int(parts[1])], "organization"
        if parts[0] in rows and len(parts) > 1 and parts[1].isdigit() and int(parts[1]) < len(rows[parts[0]]):
            field = parts[2] if len(parts) > 2 else "person" if parts[0] == "people" else None
            return rows[parts[0]][int(parts[1])], field
        return None, None

    def disable(self) -> None:
        """Read only: the article is accepted or discarded."""
        for form in self.forms():
            for field in form.fields.values():
                field.disabled = True

    def forms(self):
        yield self.meeting
        for _key, formset, _heading, _in in self.lists:
            yield from formset
        yield from self.organizations
