"""PostgreSQL full text: a tsvector of the folded title (weight A), text and full forms, split into words as the
query is (runs of letters and digits), under a GIN index, and one of the title's words alone (GIN-indexed too), both
kept in the row of search_entry beside the keys the reader's permission is decided by: a query is one scan of one
table, the GIN index's matches filtered as they come, never a join of the matches to their rows. ts_rank over the
title's words (short, kept in the row: a tsvector of a text is read out of TOAST storage, 100 µs a row);
pg_trgm's word similarity over the folded titles (a GIN trigram index) for near matches."""

from django.db import connection, transaction
from django.db.models.expressions import RawSQL

from .. import query
from . import tiers


def _words(column: str) -> str:
    return f"to_tsvector('simple'::regconfig, regexp_replace({column}, '[^[:alnum:]]+', ' ', 'g'))"


# Made by the migrations, every statement idempotent: 0001 made them and 0002 makes them again, which moves a
# database of 0001's layout (the tsvectors in search_entrytext, joined to search_entry for every query) to this one.
INSTALL = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "ALTER TABLE search_entry ADD COLUMN IF NOT EXISTS document tsvector, "
    "ADD COLUMN IF NOT EXISTS title_words tsvector",
    # The texts are written after their row (indexing.write): their words go into it from there.
    f"""CREATE OR REPLACE FUNCTION search_entrytext_words() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    UPDATE search_entry SET document = setweight({_words("NEW.title_folded")}, 'A') || {_words("NEW.folded")}
    || {_words("NEW.aliases")}, title_words = {_words("NEW.title_folded")} WHERE id = NEW.entry_id;
    RETURN NULL; END $$""",
    "CREATE OR REPLACE TRIGGER search_entrytext_words AFTER INSERT OR UPDATE ON search_entrytext "
    "FOR EACH ROW EXECUTE FUNCTION search_entrytext_words()",
    # 0001's layout: its tsvectors copied into the rows (not parsed again), then dropped.
    """DO $$ BEGIN IF EXISTS (SELECT FROM information_schema.columns WHERE table_name = 'search_entrytext'
    AND column_name = 'document') THEN
    UPDATE search_entry SET document = t.document, title_words = t.title_words FROM search_entrytext t
    WHERE t.entry_id = search_entry.id;
    ALTER TABLE search_entrytext DROP COLUMN document, DROP COLUMN title_words; END IF; END $$""",
    "CREATE INDEX IF NOT EXISTS search_entry_document ON search_entry USING gin (document)",
    "CREATE INDEX IF NOT EXISTS search_entry_title_words ON search_entry USING gin (title_words)",
    "CREATE INDEX IF NOT EXISTS search_entrytext_title_trigrams ON search_entrytext "
    "USING gin (title_folded gin_trgm_ops)",
]


def install(schema_editor):
    for statement in INSTALL:
        schema_editor.execute(statement)


def matching(clauses):
    tsquery = query.to_tsquery(clauses)
    return RawSQL("SELECT id FROM search_entry WHERE document @@ to_tsquery('simple', %s)", [tsquery])


MATCHED = "FROM search_entry, to_tsquery('simple', %s) q WHERE document @@ q AND ({where})"
# Counting: the matches allowed, until `cap` are found.
COUNTED = (
    "SELECT kind, body_id, year, organization_id, count(*) FROM (SELECT kind, body_id, year, organization_id "
    + MATCHED
    + " LIMIT %s) found GROUP BY kind, body_id, year, organization_id"
)
# One tier of the ranking in one statement: its matches that the reader may open, each counted by kind, body, year
# and organization, and the best of those chosen with their rank over the titles' words (tiers.ranked).
TIER = (
    "WITH tier AS MATERIALIZED (SELECT id, kind, body_id, year, organization_id, ts_rank(title_words, ranked, 1) "
    "AS score, {chosen} AS chosen FROM search_entry, to_tsquery('simple', %s) ranked WHERE {matched} AND ({where})) "
    "SELECT kind, body_id, year, organization_id, count(*), NULL, NULL FROM tier "
    "GROUP BY kind, body_id, year, organization_id "
    "UNION ALL (SELECT NULL, NULL, NULL, NULL, NULL, id, score FROM tier WHERE chosen ORDER BY score DESC, id LIMIT %s)"
)
# The titles holding every word asked (their GIN index). A title holding them may yet hold a word excluded, or the
# text may: the whole query decides.
TITLES = "title_words @@ ranked"
WHOLE = " AND document @@ to_tsquery('simple', %s)"
# Every match, ranked by how many of the words their title holds; the titles' tier is left out of the best.
OTHERS = "document @@ to_tsquery('simple', %s)"
NOT_TITLES = " AND NOT title_words @@ to_tsquery('simple', %s)"


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


def titles(where: str, params: list, chosen: str, chosen_params: list, clauses, limit: int):
    _, asked, whole = query.tiers(clauses, query.to_tsquery)
    sql = TIER.format(chosen=f"({chosen})", matched=TITLES + (WHOLE if whole else ""), where=where)
    return tiers.ranked(indexed(sql, [*chosen_params, asked, *whole, *params, limit]), best=lambda row: -row[6])


def others(where: str, params: list, chosen: str, chosen_params: list, clauses, limit: int):
    everything, asked, _ = query.tiers(clauses, query.to_tsquery)
    # Any of the words: one clause of every phrase asked (a prefix is the last clause's, so the last phrase).
    phrases = tuple(p for c in clauses if not c.negated for p in c.phrases)
    some = query.to_tsquery([query.Clause(phrases, prefix=clauses[-1].prefix)])
    sql = TIER.format(chosen=f"({chosen}){NOT_TITLES}", matched=OTHERS, where=where)
    rows = indexed(sql, [*chosen_params, asked, some, everything, *params, limit])
    return tiers.ranked(rows, best=lambda row: -row[6])


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
