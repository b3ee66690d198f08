"""Reads for the import review: drafts, and the record's names matched to the directory.

A name matches when it is the same name in any spelling: "Uỷ"/"Ủy", NFC/NFD and letter case meet in
`match_key`, and the genre's short forms ("UBND", "HĐND", "BTV") in the extractor's gazetteer (`body_key`).
Names equal without their diacritics ("Hùng", "Hưng") are only candidates: different people.
Bodies and organizations match as they were on the meeting's day: a 2021 article names the district that
existed then, never the commune that took over its duties in 2025 (that one is offered for follow-up).
"""

import datetime
from dataclasses import dataclass, field

from django.http import Http404
from django.shortcuts import get_object_or_404

from hoinghi.core.text import clean, fold, match_key
from hoinghi.directory.models import Body, Organization, Person
from hoinghi.directory.selectors import successors_on

from .gazetteer import body_key
from .models import ArticleImport, ImportJob
from .permissions import can_import
from .similarity import similarity

CANDIDATES = 5  # the closest directory names offered for an organization the directory does not know


@dataclass
class PersonMatch:
    name: str
    positions: list[str]
    role: str  # "chair" or "attendee"
    person: Person | None  # the directory's person with this very name, when exactly one
    candidates: list[Person] = field(default_factory=list)  # people whose name differs at most in diacritics


@dataclass
class OrganizationMatch:
    text: str  # as written in the record (a presenter or a directive's assignee)
    organization: Organization | None
    candidates: list[Organization] = field(default_factory=list)  # closest names, when no exact match
    not_then: list[Organization] = field(default_factory=list)  # this name, but ended before the day or begun after


@dataclass
class SuccessorOffer:
    """A directive's organization as named on the meeting's day, ended since, and who carries its duties today."""

    organization: Organization
    successors: list[Organization]


def drafts_for(user):
    """The drafts the user may review (the office's; nobody else's)."""
    if not can_import(user):
        return ArticleImport.objects.none()
    return ArticleImport.objects.filter(status=ArticleImport.Status.DRAFT).select_related("imported_by")


def record_day(record: dict) -> datetime.date | None:
    """The meeting's day the record gives, when it is a valid one."""
    day = (record.get("meeting") or {}).get("date")
    try:
        return datetime.date.fromisoformat(day) if day else None
    except (TypeError, ValueError):
        return None


def _in_place(organization: Organization, place: str) -> bool:
    return fold(place) in fold(f"{organization.name} {organization.place_name}")


def _on_day(found: list, day: datetime.date | None, place: str | None, organization_of=lambda o: o) -> tuple:
    """(the one of `found` that existed on `day` or None; those of `found` that did not exist on `day`, never used).
    Where the article names its province, only the ones of that province count when there are any: a 2026 article
    of Hải Dương's committee is not Bắc Nam's because Hải Dương's has ended. Without a day every one counts."""
    if place:
        found = [o for o in found if _in_place(organization_of(o), place)] or found
    then = [o for o in found if day is None or (o.existed_on(day) and organization_of(o).existed_on(day))]
    return (then[0] if len(then) == 1 else None), [o for o in found if o not in then]


def body_matches(record: dict) -> tuple[Body | None, list[Body]]:
    """The body the article names as it existed on the meeting's day, in the province it names when several
    bodies share the name; and the bodies of that name that did not exist on that day."""
    meeting = record.get("meeting") or {}
    key = body_key(meeting.get("body") or "")
    bodies = [body for body in Body.objects.select_related("organization") if key and body_key(body.name) == key]
    return _on_day(bodies, record_day(record), meeting.get("organization"), lambda body: body.organization)


def match_body(record: dict) -> Body | None:
    return body_matches(record)[0]


def _people(record: dict) -> list[tuple[str, dict]]:
    meeting = record.get("meeting") or {}
    return [("chair", entry) for entry in meeting.get("chairs") or []] + [
        ("attendee", entry) for entry in meeting.get("attendees") or []
    ]


def match_people(record: dict) -> list[PersonMatch]:
    """Chairs then attendees, in the record's order; the index in this list keys `accept(people=...)`."""
    entries = _people(record)
    keys = {fold(clean(entry["name"])) for _role, entry in entries}
    by_key: dict[str, list[Person]] = {}
    for person in Person.objects.filter(name_key__in=keys):
        by_key.setdefault(person.name_key, []).append(person)
    matches = []
    for role, entry in entries:
        candidates = by_key.get(fold(clean(entry["name"])), [])
        same = [p for p in candidates if match_key(p.full_name) == match_key(entry["name"])]
        person = same[0] if len(same) == 1 else None
        matches.append(PersonMatch(entry["name"], list(entry.get("positions") or []), role, person, candidates))
    return matches


def _organization_index() -> dict[str, list[Organization]]:
    """Every organization under each of its names, in the gazetteer's key ("Ủy ban nhân dân" is "UBND")."""
    index: dict[str, list[Organization]] = {}
    for organization in Organization.objects.all():
        for name in {body_key(organization.name), body_key(organization.short_name)} - {""}:
            index.setdefault(name, []).append(organization)
    return index


def match_organization(name: str, day: datetime.date | None = None) -> Organization | None:
    """The organization with this name or short name (that existed on `day`, when given), when exactly one."""
    return _on_day(_organization_index().get(body_key(name or ""), []), day, None)[0]


def organization_texts(record: dict) -> list[str]:
    """Each distinct presenter and directive assignee, in the record's order; presenters who are people the
    record names (chairs, attendees) are people, not organizations."""
    people = {match_key(entry["name"]) for _role, entry in _people(record)}
    texts = [entry.get("presenter") for entry in record.get("agenda_items") or []]
    texts = [text for text in texts if match_key(text or "") not in people]
    texts += [entry.get("assignee") for entry in record.get("directives") or []]
    seen: dict[str, str] = {}
    for text in texts:
        if text and match_key(text) not in seen:
            seen[match_key(text)] = text
    return list(seen.values())


def _closest(text: str, organizations: list[Organization]) -> list[Organization]:
    """The organizations whose name or short name shares the most syllables with `text` (any spelling)."""
    scored = [
        (max(similarity(text, o.name), similarity(text, o.short_name or "")), o.name, o.pk, o) for o in organizations
    ]
    return [o for score, _name, _pk, o in sorted(scored, key=lambda s: (-s[0], s[1], s[2])) if score > 0][:CANDIDATES]


def organization_matches(record: dict) -> list[OrganizationMatch]:
    """Each distinct presenter and directive assignee once; `text` keys `accept(organizations=...)`.
    It is the organization of that name that existed on the meeting's day (in the article's province when
    several did); one that had ended by then or began later is never used, only shown. A name the directory
    does not know then comes with its closest names among those that existed, for the reviewer to choose."""
    index, day = _organization_index(), record_day(record)
    place = (record.get("meeting") or {}).get("organization")
    existing = list(Organization.objects.existing_on(day) if day else Organization.objects.all())
    matches = []
    for text in organization_texts(record):
        found, not_then = _on_day(index.get(body_key(text), []), day, place)
        matches.append(OrganizationMatch(text, found, [] if found else _closest(text, existing), not_then))
    return matches


def successor_offers(
    record: dict, matches: list[OrganizationMatch], chosen: dict, today: datetime.date
) -> list[SuccessorOffer | None]:
    """For each directive of the record: its organization (`chosen` maps an assignee's match_key to the pk of the
    organization the reviewer chose, or "new"; else its match) when it has ended by `today`, with who carries its
    duties today."""
    matched = {match_key(m.text): m.organization for m in matches}
    chosen = {key: int(pk) if str(pk).isdigit() else None for key, pk in chosen.items()}
    picked = Organization.objects.in_bulk([pk for pk in chosen.values() if pk])
    offers = []
    for directive in record.get("directives") or []:
        key = match_key(directive.get("assignee") or "")
        organization = picked.get(chosen[key]) if key in chosen else matched.get(key)
        ended = organization is not None and organization.end is not None and organization.end < today
        offers.append(SuccessorOffer(organization, successors_on(organization, today)) if ended else None)
    return offers


def load_article(pk) -> ArticleImport:
    """The imported article a URL names, for the permission guards of the views."""
    return get_object_or_404(ArticleImport, pk=pk)


def load_batch(batch) -> list[ImportJob]:
    """The jobs of one upload, for the permission guard of the page that follows them; 404 when none."""
    jobs = list(ImportJob.objects.filter(batch=batch).select_related("article"))
    if not jobs:
        raise Http404
    return jobs
