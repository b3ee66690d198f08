"""The search: a query read (query.py), matched by the database's engine (backends), filtered in SQL by what the
reader may open (access.py), ranked, paginated, counted by facet, with highlighted snippets."""

from collections import Counter
from dataclasses import dataclass, field
from html import escape

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Q
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from hoinghi.directory.models import Body, Organization
from hoinghi.portal.models import Article

from . import access, backends, query
from .models import Entry, EntryText, Kind
from .snippets import mark, pattern, restore

PER_PAGE = 20
FACETS = ("kind", "body", "year", "organization")
COLUMNS = {"kind": "kind", "body": "body_id", "year": "year", "organization": "organization_id"}
PLAIN_SNIPPET = 240  # characters of a near match's text, which the engine does not mark
# Counted up to this many: past it the page says "more than 1,000 results", the facets' counts are of the first
# thousand allowed (lower bounds), and the pages go as far as it. A broad query never counts the whole archive.
CAP = 1000


@dataclass
class Hit:
    entry: Entry
    title: SafeString
    snippet: SafeString

    @property
    def url(self) -> str:
        return url_of(self.entry)


@dataclass
class Facet:
    value: object
    label: str
    count: int
    selected: bool


@dataclass
class Results:
    query: str
    hits: list[Hit]
    total: int
    page: Page
    facets: dict[str, list[Facet]] = field(default_factory=lambda: {name: [] for name in FACETS})
    near: bool = False  # nothing matched; these titles are close to the words asked (a typo?)
    more: bool = False  # more than `total` (CAP) matched
    sampled: bool = False  # the facets were counted over the first CAP + 1 matches allowed: lower bounds


def url_of(entry: Entry) -> str:
    if entry.kind == Kind.ARTICLE:
        return Article.objects.get(pk=entry.object_id).get_absolute_url()
    if entry.kind == Kind.MEETING:
        return reverse("meetings:detail", args=[entry.meeting_id])
    if entry.kind == Kind.DOCUMENT:
        return reverse("meetings:document_view", args=[entry.document_id])
    if entry.kind in access.ITEM_CONTENT:
        return reverse("meetings:item", args=[entry.item_id])
    if entry.kind in (Kind.DIRECTIVE, Kind.REPORT):
        return reverse("directives:detail", args=[entry.directive_id])
    if entry.kind == Kind.RESOLUTION:
        return reverse("targets:resolution", args=[entry.object_id])
    return reverse("targets:target", args=[entry.object_id])


def allowed(user, public: bool) -> Q:
    return access.public() if public else access.readable(user)


def chosen(filters: dict) -> Q:
    """The facets the reader chose: `kind` may name several kinds."""
    condition = Q()
    for name, value in filters.items():
        if value in (None, "", [], ()):
            continue
        if name == "kind":
            condition &= Q(kind__in=[value] if isinstance(value, str) else list(value))
        else:
            condition &= Q(**{COLUMNS[name]: value})
    return condition


def condition(entries) -> tuple[str, list]:
    """The SQL condition of a queryset of entries, on the table search_entry: the engines' queries join it to the
    matches."""
    compiler = entries.query.get_compiler(connection=connection)
    try:
        sql, params = compiler.compile(entries.query.where)
    except EmptyResultSet:
        return "1 = 0", []
    except FullResultSet:
        return "1 = 1", []
    return sql, list(params)


def facets(rows, filters: dict) -> tuple[dict[str, list[Facet]], int]:
    """Counts of each facet's values among the matches (rows of kind, body, year, organization and a count), each
    under the other facets' choices; and the total under all of them."""
    wanted = {name: value for name, value in filters.items() if value not in (None, "", [], ())}

    def fits(keys, skip=None):
        for name, value in wanted.items():
            if name == skip:
                continue
            if keys[FACETS.index(name)] not in ([value] if name != "kind" or isinstance(value, str) else list(value)):
                return False
        return True

    counts = {name: Counter() for name in FACETS}
    total = 0
    for *keys, n in rows:
        for position, name in enumerate(FACETS):
            if keys[position] is not None and fits(keys, skip=name):
                counts[name][keys[position]] += n
        total += n if fits(keys) else 0
    return labelled(counts, wanted), total


def labelled(counts: dict[str, Counter], wanted: dict) -> dict[str, list[Facet]]:
    names = {
        "kind": dict(Kind.choices),
        "body": dict(Body.objects.filter(pk__in=counts["body"]).values_list("pk", "name")),
        "organization": dict(Organization.objects.filter(pk__in=counts["organization"]).values_list("pk", "name")),
        "year": {year: str(year) for year in counts["year"]},
    }
    shown = {}
    for name, counter in counts.items():
        choice = wanted.get(name)
        choices = {choice} if not isinstance(choice, list | tuple) else set(choice)
        facet = [Facet(value, str(names[name].get(value, value)), n, value in choices) for value, n in counter.items()]
        key = (lambda f: -f.value) if name == "year" else (lambda f: (-f.count, f.label))
        shown[name] = sorted(facet, key=key)
    return shown


def hits(ids: list[int], clauses) -> list[Hit]:
    """The entries in the order given, their title and a snippet of their text marked where they match."""
    entries = Entry.objects.in_bulk(ids)
    texts = EntryText.objects.in_bulk(ids)
    asked = pattern(*query.highlighted(clauses))
    found = []
    for pk in ids:
        entry, words = entries[pk], texts[pk]
        title = mark(words.title_folded, asked, parts=None)
        shown = restore(entry.title, words.title_folded, title) or escape(entry.title)
        text = mark(words.folded, asked)
        found.append(Hit(entry, mark_safe(shown), mark_safe(restore(words.text, words.folded, text))))
    return found


def search(user, text: str, *, public: bool = False, page: int = 1, per_page: int = PER_PAGE, **filters) -> Results:
    """What `text` finds that `user` may open (`public`: the live articles only), best first, a page at a time.
    `filters`: kind (one or several), body, year, organization (ids)."""
    clauses = query.parse(text)
    engine = backends.engine()
    readable = Entry.objects.filter(allowed(user, public))
    if not clauses:
        return Results(text, [], 0, Paginator([], per_page).get_page(1))
    allowed_where, allowed_params = condition(readable)
    rows = engine.counts(allowed_where, allowed_params, clauses, CAP + 1)
    counted, total = facets(rows, filters)
    # The reader's condition compiled once (its subqueries are most of the compiling), the choices beside it.
    choice_where, choice_params = condition(Entry.objects.filter(chosen(filters)))
    where, params = f"({allowed_where}) AND ({choice_where})", allowed_params + choice_params
    sampled = sum(row[-1] for row in rows) > CAP
    if sampled and chosen(filters):  # the facets' sample is taken under no choice: the chosen are counted apart
        total = sum(row[-1] for row in engine.counts(where, params, clauses, CAP + 1))
    if total == 0:
        return near(where, params, text, per_page)
    pages = Paginator(range(min(total, CAP)), per_page).get_page(page)
    ids = engine.ranked(where, params, clauses, per_page, (pages.number - 1) * per_page)
    return Results(text, hits(ids, clauses), min(total, CAP), pages, counted, more=total > CAP, sampled=sampled)


def near(where: str, params: list, text: str, per_page: int) -> Results:
    ids = backends.engine().near(where, params, text, per_page)
    found = Entry.objects.in_bulk(ids)
    texts = EntryText.objects.in_bulk(ids)
    shown = [Hit(found[pk], mark_safe(escape(found[pk].title)), plain(texts[pk].text)) for pk in ids]
    return Results(text, shown, len(shown), Paginator(shown, per_page).get_page(1), near=bool(shown))


def plain(text: str) -> SafeString:
    cut = text[:PLAIN_SNIPPET]
    return mark_safe(escape(" ".join(cut.split())) + (" …" if len(text) > PLAIN_SNIPPET else ""))


def meetings_found(user, text: str):
    """The ids of the meetings a query finds for `user` through the meeting itself or an item the user may see:
    the meetings list's search (meetings.selectors.meeting_list)."""
    clauses = query.parse(text)
    if not clauses:
        return Entry.objects.none().values("meeting_id")
    readable = Entry.objects.filter(access.readable(user), kind__in=[Kind.MEETING, Kind.ITEM])
    return readable.filter(id__in=backends.engine().matching(clauses)).values("meeting_id")
