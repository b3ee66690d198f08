"""The search: a query read (query.py), matched by the database's engine (backends), filtered in SQL by what the
reader may open (access.py), ranked, paginated, counted by facet, with highlighted snippets."""

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from html import escape

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet, FullResultSet
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
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
# Counted up to this many: past it the page says "more than 1,000 results", the facets' counts are of a sample of
# the matches allowed (lower bounds: the first thousand, or the titles matched when they are more), and the pages go
# as far as it. A broad query never counts the whole archive.
CAP = 1000
READER_KEPT_FOR = 3600  # seconds; the key holds the day and the whole account, so this only frees the cache


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
    sampled: bool = False  # the facets were counted over a sample of more than CAP matches allowed: lower bounds


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


def reader_condition(user, public: bool) -> tuple[str, list]:
    """What `user` may find as SQL, compiled once a day for the account as it stands: building it reads the account's
    fields and the date and nothing else (whose seat, invitation or assignment lets a row through is asked in SQL
    when the search runs), so any change of the account is another key. Compiling it is 13 ms of a member's search;
    kept, a search typed word by word pays it once."""
    fields = user._meta.concrete_fields if user.is_authenticated else ()
    account = [(field.attname, getattr(user, field.attname)) for field in fields]
    state = repr((connection.vendor, public, timezone.localdate(), user.is_authenticated, account))
    key = "search-reader:" + hashlib.sha256(state.encode()).hexdigest()
    return cache.get_or_set(key, lambda: condition(Entry.objects.filter(allowed(user, public))), READER_KEPT_FOR)


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
    if not clauses:
        return Results(text, [], 0, Paginator([], per_page).get_page(1))
    # The reader's condition (its subqueries are most of the compiling), the choices beside it.
    allowed_where, allowed_params = reader_condition(user, public)
    choice_where, choice_params = condition(Entry.objects.filter(chosen(filters)))
    where, params = f"({allowed_where}) AND ({choice_where})", allowed_params + choice_params
    asked = requested(page, per_page) * per_page
    rows, best, exact = ranking(engine, allowed_where, allowed_params, choice_where, choice_params, clauses, asked)
    counted, total = facets(rows, filters)
    sampled = not exact and sum(row[-1] for row in rows) > CAP
    if sampled and chosen(filters):  # the facets' sample is taken under no choice: the chosen are counted apart
        total = sum(row[-1] for row in engine.counts(where, params, clauses, CAP + 1))
    if total == 0:
        return near(where, params, text, per_page)
    pages = Paginator(range(min(total, CAP)), per_page).get_page(page)
    wanted = pages.number * per_page
    if wanted > asked:  # a page past the last, or none that is a number: the paginator's page
        best = ranking(engine, allowed_where, allowed_params, choice_where, choice_params, clauses, wanted)[1]
    found = hits(best[wanted - per_page : wanted], clauses)
    return Results(text, found, min(total, CAP), pages, counted, more=total > CAP, sampled=sampled)


def ranking(engine, where: str, params: list, chosen: str, chosen_params: list, clauses, wanted: int):
    """The rows the facets are counted from, the ids of the best `wanted` matches allowed and chosen, and whether
    the rows count every match. The titles holding every word asked come first; where they do not fill the page,
    the others follow, ranked in a statement that counts every match as it reads them. Else the titles alone are
    the facets' sample when they pass the cap (a broad query: the lists of every paper holding a common word are
    most of a count's time), or the first CAP + 1 matches are counted apart."""
    rows, best = engine.titles(where, params, chosen, chosen_params, clauses, wanted)
    if len(best) < wanted:
        rows, rest = engine.others(where, params, chosen, chosen_params, clauses, wanted - len(best))
        return rows, best + rest, True
    if sum(row[-1] for row in rows) > CAP:
        return rows, best, False
    return engine.counts(where, params, clauses, CAP + 1), best, False


def requested(page, per_page: int) -> int:
    """The page asked for as a number within the cap's pages (1 if it is none: the paginator decides after)."""
    try:
        return max(1, min(int(page), CAP // per_page + 1))
    except (TypeError, ValueError):
        return 1


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
