"""Reads for the import review: drafts, and the record's names matched to the directory.

A name matches when it is the same name in any spelling: "Uỷ"/"Ủy", NFC/NFD and letter case meet in
`match_key`. Names equal without their diacritics ("Hùng", "Hưng") are only candidates: different people.
"""

from dataclasses import dataclass, field

from django.http import Http404
from django.shortcuts import get_object_or_404

from hoinghi.core.text import clean, fold, match_key
from hoinghi.directory.models import Body, Organization, Person

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


def drafts_for(user):
    """The drafts the user may review (the office's; nobody else's)."""
    if not can_import(user):
        return ArticleImport.objects.none()
    return ArticleImport.objects.filter(status=ArticleImport.Status.DRAFT).select_related("imported_by")


def _same(a: str | None, b: str | None) -> bool:
    return bool(a and b) and match_key(a) == match_key(b)


def match_body(record: dict) -> Body | None:
    """The body the article names, in the province it names when several bodies share the name."""
    meeting = record.get("meeting") or {}
    name, place = meeting.get("body"), meeting.get("organization")
    bodies = [body for body in Body.objects.select_related("organization") if _same(body.name, name)]
    if place and len(bodies) > 1:
        key = fold(place)
        bodies = [b for b in bodies if key in fold(f"{b.organization.name} {b.organization.place_name}")] or bodies
    return bodies[0] if len(bodies) == 1 else None


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
    index: dict[str, list[Organization]] = {}
    for organization in Organization.objects.all():
        for name in {match_key(organization.name), match_key(organization.short_name)} - {""}:
            index.setdefault(name, []).append(organization)
    return index


def _one(index: dict[str, list[Organization]], name: str | None) -> Organization | None:
    found = index.get(match_key(name or ""), [])
    return found[0] if len(found) == 1 else None


def match_organization(name: str) -> Organization | None:
    """The organization with this name or short name, when exactly one."""
    return _one(_organization_index(), name)


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
    A name the directory does not know comes with its closest names there, for the reviewer to choose."""
    index = _organization_index()
    organizations = list({o.pk: o for found in index.values() for o in found}.values())
    matches = []
    for text in organization_texts(record):
        found = _one(index, text)
        matches.append(OrganizationMatch(text, found, [] if found else _closest(text, organizations)))
    return matches


def load_article(pk) -> ArticleImport:
    """The imported article a URL names, for the permission guards of the views."""
    return get_object_or_404(ArticleImport, pk=pk)


def load_batch(batch) -> list[ImportJob]:
    """The jobs of one upload, for the permission guard of the page that follows them; 404 when none."""
    jobs = list(ImportJob.objects.filter(batch=batch).select_related("article"))
    if not jobs:
        raise Http404
    return jobs
