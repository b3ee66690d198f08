"""PostgreSQL full text: a stored tsvector (in search_entrytext) of the folded title (weight A), text and full forms,
split into words as the query is (runs of letters and digits), under a GIN index, and one of the title's words
alone (GIN-indexed too); ts_rank over the title's words (short, kept in the row: a tsvector of a text is read out of
TOAST storage, 100 µs a row); ts_headline for highlights; pg_trgm's word similarity over the folded titles (a GIN
trigram index) for near matches."""

from django.db import connection, transaction
from django.db.models.expressions import RawSQL

from .. import query
from ..snippets import GAP, START, STOP


def _words(column: str) -> str:
    return f"to_tsvector('simple'::regconfig, regexp_replace({column}, '[^[:alnum:]]+', ' ', 'g'))"


INSTALL = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"""ALTER TABLE search_entrytext ADD COLUMN document tsvector GENERATED ALWAYS AS (
    setweight({_words("title_folded")}, 'A') || {_words("folded")} || {_words("aliases")}) STORED""",
    # The words of the title alone, for the first tier of the ranking (`ranked`).
    f"""ALTER TABLE search_entrytext ADD COLUMN title_words tsvector
    GENERATED ALWAYS AS ({_words("title_folded")}) STORED""",
    "CREATE INDEX search_entrytext_document ON search_entrytext USING gin (document)",
    "CREATE INDEX search_entrytext_title_words ON search_entrytext USING gin (title_words)",
    "CREATE INDEX search_entrytext_title_trigrams ON search_entrytext USING gin (title_folded gin_trgm_ops)",
]
MARKS = f"StartSel={START}, StopSel={STOP}"
HEADLINE = f"{MARKS}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter={GAP}"


def install(schema_editor):
    for statement in INSTALL:
        schema_editor.execute(statement)


def matching(clauses):
    tsquery = query.to_tsquery(clauses)
    return RawSQL("SELECT entry_id FROM search_entrytext WHERE document @@ to_tsquery('simple', %s)", [tsquery])


JOINED = (
    "FROM search_entrytext t JOIN search_entry ON search_entry.id = t.entry_id, to_tsquery('simple', %s) q "
    "WHERE t.document @@ q AND ({where})"
)
# Counting: the matches allowed, until `cap` are found.
COUNTED = (
    "SELECT kind, body_id, year, organization_id, count(*) FROM (SELECT kind, body_id, year, organization_id "
    + JOINED
    + " LIMIT %s) found GROUP BY kind, body_id, year, organization_id"
)
# The first tier: the titles holding every word asked (their GIN index), ranked by the title; the second: the
# others, by how many of the words their title holds.
TITLES = (
    "SELECT search_entry.id FROM search_entrytext t JOIN search_entry ON search_entry.id = t.entry_id, "
    "to_tsquery('simple', %s) asked WHERE t.title_words @@ asked AND ({where}) {whole} "
    "ORDER BY ts_rank(t.title_words, asked, 1) DESC, search_entry.id LIMIT %s"
)
# A title holding the words asked may yet hold a word excluded, or the text may: the whole query decides.
WHOLE = "AND t.document @@ to_tsquery('simple', %s)"
# The others' matches and their rank first, materialized (through the GIN index's bitmap: joined in the same
# statement, the planner would walk the primary key's b-tree over every row, reading each tsvector), then each
# joined to its entry by its key.
OTHERS = (
    "WITH others AS MATERIALIZED (SELECT t.entry_id, ts_rank(t.title_words, to_tsquery('simple', %s), 1) AS score "
    "FROM search_entrytext t WHERE t.document @@ to_tsquery('simple', %s) "
    "AND NOT t.title_words @@ to_tsquery('simple', %s)) "
    "SELECT search_entry.id FROM others JOIN search_entry ON search_entry.id = others.entry_id WHERE {where} "
    "ORDER BY others.score DESC, search_entry.id LIMIT %s"
)


def indexed(sql: str, params: list) -> list[tuple]:
    """The rows of `sql`, the matches found through the GIN index. The planner does not know that `@@` on a row
    reads the whole tsvector out of TOAST storage (a broad query: 200 ms by a scan, 17 ms by the index); the
    index needs no recheck unless the query holds a phrase. Without the JIT, which the costs of a plan so steered
    would call for (half a second compiling)."""
    # In a transaction of its own (a savepoint inside another): a statement that fails takes the settings back
    # with it; one that succeeds gives them back itself.
    with transaction.atomic(), connection.cursor() as cursor:
        steer = ["enable_seqscan", "jit"]
        cursor.execute("; ".join(f"SET LOCAL {name} = off" for name in steer))
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        cursor.execute("; ".join(f"RESET {name}" for name in steer))
        return rows


def counts(where: str, params: list, clauses, cap: int) -> list[tuple]:
    return indexed(COUNTED.format(where=where), [query.to_tsquery(clauses), *params, cap])


def ranked(where: str, params: list, clauses, limit: int, offset: int) -> list[int]:
    """The matches whose title holds every word asked first, ranked by their titles, then the others by how many
    of the words their title holds: a broad query ranks its title matches only (a few in a hundred), and every
    ranking reads titles only."""
    everything = query.to_tsquery(clauses)
    asked = query.to_tsquery([c for c in clauses if not c.negated])
    whole = [everything] if any(c.negated for c in clauses) else []
    wanted = offset + limit
    first = TITLES.format(where=where, whole=WHOLE if whole else "")
    found = [row[0] for row in indexed(first, [asked, *params, *whole, wanted])]
    if len(found) < wanted:
        # Any of the words: one clause of every phrase asked (a prefix is the last clause's, so the last phrase).
        phrases = tuple(p for c in clauses if not c.negated for p in c.phrases)
        some = query.to_tsquery([query.Clause(phrases, prefix=clauses[-1].prefix)])
        rest = indexed(OTHERS.format(where=where), [some, everything, asked, *params, wanted - len(found)])
        found += [row[0] for row in rest]
    return found[offset:]


def marked(ids: list[int], clauses) -> dict[int, tuple[str, str]]:
    if not ids:
        return {}
    sql = (
        "SELECT entry_id, ts_headline('simple', title_folded, q, %s), ts_headline('simple', folded, q, %s) "
        "FROM search_entrytext, to_tsquery('simple', %s) q WHERE entry_id = ANY(%s)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [f"{MARKS}, HighlightAll=true", HEADLINE, query.to_tsquery(clauses), list(ids)])
        return {pk: (title, text) for pk, title, text in cursor.fetchall()}


def near(where: str, params: list, text: str, limit: int) -> list[int]:
    folded = " ".join(query.words(text))
    if not folded:
        return []
    sql = (
        "SELECT search_entry.id FROM search_entrytext t JOIN search_entry ON search_entry.id = t.entry_id "
        f"WHERE %s <%% t.title_folded AND {where} "
        "ORDER BY word_similarity(%s, t.title_folded) DESC, search_entry.id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [folded, *params, folded, limit])
        return [row[0] for row in cursor.fetchall()]
