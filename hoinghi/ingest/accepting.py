"""Building the meeting a reviewed record describes, through the services the rest of the product uses.

Called by `services.do_accept` inside its transaction. A service's refusal is re-keyed onto the record's
path ("directives.2.deadline"), so the review screen shows it beside the field to correct.
"""

import datetime
import re
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from hoinghi.core import audit
from hoinghi.core.errors import invalid
from hoinghi.core.text import clean, match_key
from hoinghi.directives.services import do_add_directive
from hoinghi.directory.models import Body, Membership, Organization, Person, Position, Term
from hoinghi.meetings import services as meetings
from hoinghi.meetings.models import AgendaItem, Meeting, Participant
from hoinghi.targets.services import do_create_resolution

from .record import MATCH, coverage, item_kind, placed_conclusions, placed_votes, words
from .selectors import PersonMatch, match_people, organization_matches

# Articles seldom give the hour: imported meetings start at the working day's start.
START_TIME = datetime.time(8, 0)
SHORT_TITLE = 200


@contextmanager
def at(path: str, renames: dict[str, str] | None = None):
    """Re-key a service's ValidationError onto the record's path (meeting "number" → "meeting.session_number")."""
    try:
        yield
    except ValidationError as error:
        renames = renames or {}
        if hasattr(error, "error_dict"):
            fields = {name: renames.get(name, name) for name in error.error_dict}
            raise ValidationError(
                {".".join(filter(None, [path, fields[name]])): messages for name, messages in error.error_dict.items()}
            ) from error
        raise ValidationError({path or NON_FIELD_ERRORS: error.messages}) from error


def _refuse_existing(body: Body, term: Term, number: int | None, day: datetime.date) -> None:
    same_day = Meeting.objects.filter(body=body, starts_at__date=day).first()
    if same_day is not None:
        invalid(
            _("%(body)s already has a meeting on %(day)s: %(meeting)s.")
            % {"body": body, "day": day.isoformat(), "meeting": same_day},
            "meeting.date",
        )
    if number is not None and Meeting.objects.filter(term=term, number=number).exists():
        invalid(
            _("Term %(term)s already has a meeting number %(number)s.") % {"term": term.ordinal, "number": number},
            "meeting.session_number",
        )


def _new_person(actor, match: PersonMatch) -> Person:
    person = Person.objects.create(full_name=clean(match.name))
    Position.objects.bulk_create(
        Position(person=person, title=title[:255], rank=rank) for rank, title in enumerate(match.positions, start=1)
    )
    audit.record(actor, "person.create", person, source="import", positions=match.positions)
    return person


def _persons(actor, matches: list[PersonMatch], chosen: dict[int, int | None]) -> list[Person]:
    """One person per match: the reviewer's choice, else the directory's match, else a new person."""
    known = Person.objects.in_bulk([pk for pk in chosen.values() if pk])
    created: dict[str, Person] = {}  # a new name written twice is one new person
    persons = []
    for index, match in enumerate(matches):
        pk = chosen.get(index, match.person.pk if match.person else None)
        if pk is not None and pk not in known and (match.person is None or pk != match.person.pk):
            invalid(_("Choose a person from the directory."), f"people.{index}")
        person = known.get(pk) or (match.person if pk is not None else None)
        if person is None:
            key = match_key(match.name)
            person = created.get(key) or _new_person(actor, match)
            created[key] = person
        persons.append(person)
    return persons


def _new_organization(actor, name: str) -> Organization:
    organization = Organization.objects.create(name=clean(name)[:255])
    audit.record(actor, "organization.create", organization, source="import")
    return organization


def _organizations(actor, record: dict, chosen: dict[str, int | None], day: datetime.date) -> dict[str, Organization]:
    """Presenters and assignees to organizations, keyed by match_key. A name the directory does not know is a
    new organization only when the reviewer says so (None): "UBND huyện" alone names no district. The record
    keeps the organizations of its day: one that had ended by then, or began later, is refused."""
    chosen = {match_key(text): pk for text, pk in chosen.items()}
    known = Organization.objects.in_bulk([pk for pk in chosen.values() if pk])
    found: dict[str, Organization] = {}
    for match in organization_matches(record):
        key = match_key(match.text)
        if key not in chosen and match.organization is None:
            invalid(
                _(
                    "“%(name)s” is not in the directory: choose the organization it is, "
                    "or choose to add it as a new organization."
                )
                % {"name": match.text},
                f"organizations.{key}",  # by the name: the screen's rows may be those before an edit
            )
        pk = chosen.get(key, match.organization.pk if match.organization else None)
        if pk is not None and pk not in known and (match.organization is None or pk != match.organization.pk):
            invalid(_("Choose an organization from the directory."), "organizations")
        organization = known.get(pk) or (match.organization if pk is not None else None)
        if organization is not None and not organization.existed_on(day):
            message = _("%(name)s did not exist on %(day)s, the day of the meeting: choose the organization of then.")
            invalid(message % {"name": organization, "day": f"{day:%d/%m/%Y}"}, f"organizations.{key}")
        found[key] = organization or _new_organization(actor, match.text)
    return found


def _participants(actor, meeting: Meeting, matches: list[PersonMatch], persons: list[Person], chairs: int) -> None:
    members = set(Membership.objects.filter(term=meeting.term).values_list("person_id", flat=True))
    seen = set()
    for index, (match, person) in enumerate(zip(matches, persons, strict=True)):
        if person.pk in seen:  # named twice (a chair also listed as present): the first role stands
            continue
        seen.add(person.pk)
        if match.role == "chair":
            role, path = Participant.Role.CHAIR, f"meeting.chairs.{index}"
        else:
            role = Participant.Role.MEMBER if person.pk in members else Participant.Role.INVITEE
            path = f"meeting.attendees.{index - chairs}"
        with at(path):
            meetings.do_add_participant(actor, meeting, person, role)


def _short(text: str) -> str:
    if len(text) <= SHORT_TITLE:
        return text
    return text[:SHORT_TITLE].rsplit(" ", 1)[0] + "…"


class _Agenda:
    """The meeting's items: the record's, then one per conclusion or vote no item matches."""

    def __init__(self, actor, meeting: Meeting):
        self.actor, self.meeting, self.items = actor, meeting, []

    def add(self, path: str, title: str, **fields) -> int:
        with at(path):
            item = meetings.do_add_item(self.actor, self.meeting, title=title[:1000], kind=item_kind(title), **fields)
        self.items.append(item)
        return len(self.items) - 1

    def titles(self, indexes=None) -> dict[int, str]:
        indexes = range(len(self.items)) if indexes is None else indexes
        return {i: self.items[i].title for i in indexes}


def _place_conclusions(agenda: _Agenda, conclusions: list[dict]) -> list[int]:
    """One item per conclusion (an item has one conclusion): the best free match, else a new item."""
    placed = placed_conclusions(agenda.titles(), conclusions)
    for n, (conclusion, index) in enumerate(zip(conclusions, placed, strict=True)):
        if index is None:
            placed[n] = agenda.add(f"conclusions.{n}", conclusion["item"] or _short(conclusion["text"]))
    return placed


def _place_directives(directives: list[dict], conclusions: list[dict]) -> list[int | None]:
    """The conclusion each directive was given in (its text holds the task), or None."""
    texts = {n: c["text"] for n, c in enumerate(conclusions)}
    placed = []
    for directive in directives:
        scored = [(coverage(directive["content"], text), -n, n) for n, text in texts.items()]
        best = max(scored, default=None)
        placed.append(best[2] if best and best[0] >= MATCH else None)
    return placed


def _place_votes(agenda: _Agenda, votes: list[dict]) -> list[int]:
    placed = []
    for n, vote in enumerate(votes):  # one by one: a vote may go on the item an earlier vote added
        [index] = placed_votes(agenda.titles(), [vote])
        placed.append(index if index is not None else agenda.add(f"votes.{n}", vote["subject"]))
    return placed


_LEVELS = {"tinh": Organization.Level.PROVINCE, "huyen": Organization.Level.DISTRICT, "xa": Organization.Level.COMMUNE}


def _level(scope: str | None) -> str:
    """ "cấp huyện" → district; no scope is the province's own figure."""
    found = [level for word, level in _LEVELS.items() if word in words(scope)]
    return found[0] if len(found) == 1 else Organization.Level.PROVINCE


def _resolution(actor, record: dict, number: str, meeting: Meeting, agenda: _Agenda, concluded: dict) -> None:
    """The targets, under the resolution the meeting adopted: the draft resolution's item, else the meeting."""
    item = next((i for i in agenda.items if i.kind == AgendaItem.Kind.DRAFT_RESOLUTION), None)
    title = re.sub(r"^\s*dự thảo\s+", "", item.title, flags=re.I) if item else meeting.title
    targets = [dict(t, value=Decimal(str(t["value"])), scope_level=_level(t.get("scope"))) for t in record["targets"]]
    with at("", {"number": "resolution_number", "title": "resolution_number"}):
        do_create_resolution(
            actor,
            body=meeting.body,
            number=number,
            title=title[:1].upper() + title[1:],
            issued_on=timezone.localdate(meeting.starts_at),
            meeting=meeting,
            conclusion=concluded.get(item.pk) if item else None,
            targets=targets,
        )


def title_of(body: Body, number: int | None, day: datetime.date, headline: str) -> str:
    """A numbered meeting is named by its number (a headline may give another); else by the article's headline."""
    if number is not None and body.kind == Body.Kind.COUNCIL:
        return _("Session no. %(number)s of the %(body)s") % {"body": body, "number": number}
    if number is not None:
        return _("Meeting of the %(body)s no. %(number)s") % {"body": body, "number": number}
    return headline or _("Meeting of the %(body)s on %(day)s") % {"body": body, "day": day.strftime("%d/%m/%Y")}


def _percent(value) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))


@dataclass
class _Plan:
    """Where each conclusion, directive and vote goes: indexes into the agenda and the conclusions."""

    conclusions: list[dict]
    conclusion_items: list[int]
    directive_conclusions: list[int]
    vote_items: list[int]


def _plan(agenda: _Agenda, record: dict) -> _Plan:
    """Place everything, adding the items it needs while the agenda is still open."""
    conclusions = list(record["conclusions"])
    conclusion_items = _place_conclusions(agenda, conclusions)
    places = _place_directives(record["directives"], conclusions)
    if None in places:  # tasks the article gives outside any conclusion it reports
        loose = [d for d, place in zip(record["directives"], places, strict=True) if place is None]
        label = _("Other tasks assigned at the meeting")
        text = "\n".join(f"{d['assignee']}: {d['content']}" for d in loose)
        conclusions.append({"item": label, "outcome": "other", "text": text})
        conclusion_items.append(agenda.add("directives", label))
        places = [len(conclusions) - 1 if place is None else place for place in places]
    return _Plan(conclusions, conclusion_items, places, _place_votes(agenda, record["votes"]))


def _record_outcomes(actor, record: dict, agenda: _Agenda, plan: _Plan, orgs: dict[str, Organization]) -> list:
    """The conclusions, directives and votes of the closed meeting; returns the conclusions."""
    recorded = []
    for n, (conclusion, index) in enumerate(zip(plan.conclusions, plan.conclusion_items, strict=True)):
        with at(f"conclusions.{n}"):
            item = agenda.items[index]
            recorded.append(meetings.do_record_conclusion(actor, item, conclusion["outcome"], conclusion["text"]))
    for n, (directive, place) in enumerate(zip(record["directives"], plan.directive_conclusions, strict=True)):
        deadline = datetime.date.fromisoformat(directive["deadline"]) if directive.get("deadline") else None
        with at(f"directives.{n}"):
            do_add_directive(
                actor,
                recorded[place],
                lead_organization=orgs[match_key(directive["assignee"])],
                content=directive["content"],
                deadline=deadline,
            )
    for n, (vote, index) in enumerate(zip(record["votes"], plan.vote_items, strict=True)):
        with at(f"votes.{n}"):
            meetings.do_record_vote(
                actor,
                agenda.items[index],
                subject=vote["subject"][:500],
                method=vote.get("method") or "",
                result_text=vote["result_text"],
                percent_for=_percent(vote.get("percent_for")),
            )
    return recorded


def build_meeting(
    actor,
    record: dict,
    *,
    body: Body,
    term: Term,
    day: datetime.date,
    title: str,
    people,
    organizations,
    resolution_number: str = "",
) -> Meeting:
    """The meeting, closed; its targets go under a resolution only when its number is given (articles seldom say it)."""
    facts = record["meeting"]
    number = facts.get("session_number")
    _refuse_existing(body, term, number, day)
    starts_at = timezone.make_aware(datetime.datetime.combine(day, START_TIME))
    with at("meeting", {"number": "session_number", "starts_at": "date"}):
        meeting = meetings.do_create_meeting(
            actor,
            body=body,
            term=term,
            number=number,
            kind=Meeting.Kind.REGULAR,
            starts_at=starts_at,
            title=title_of(body, number, day, title),
        )
    matches = match_people(record)
    persons = _persons(actor, matches, people or {})
    by_name = {match_key(match.name): person for match, person in zip(matches, persons, strict=True)}
    orgs = _organizations(actor, record, organizations or {}, day)
    agenda = _Agenda(actor, meeting)
    for n, entry in enumerate(record["agenda_items"]):
        presenter = match_key(entry.get("presenter") or "")
        agenda.add(
            f"agenda_items.{n}",
            entry["title"],
            presenter_person=by_name.get(presenter),
            presenter_organization=orgs.get(presenter),
        )
    _participants(actor, meeting, matches, persons, len(facts.get("chairs") or []))
    plan = _plan(agenda, record)
    meetings.do_take_step(actor, meeting, "record_held")
    meeting.refresh_from_db(fields=["status"])  # the items hold this instance
    recorded = _record_outcomes(actor, record, agenda, plan, orgs)
    if record["targets"] and resolution_number.strip():
        _resolution(actor, record, resolution_number, meeting, agenda, {c.item_id: c for c in recorded})
    return meeting
