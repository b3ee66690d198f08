"""SQLite FTS5: the folded title, text and full forms in an external-content FTS5 table over search_entrytext, kept
by triggers; bm25 ranking (the title weighs most); a trigram table over the folded titles for near matches."""

from django.db import connection
from django.db.models.expressions import RawSQL

from .. import query
from . import tiers

WEIGHTS = "10.0, 1.0, 2.0"  # bm25 weights of title_folded, folded, aliases

# The beginnings of words indexed apart, of one to six letters (a syllable has at most seven): a query's last word,
# typed on ("thuong v", query.py), asks for every word it begins, which FTS5 otherwise gathers word by word into
# memory before it can skip through them (at 100,000 papers: 600 ms for "uy*"; 37 ms for "tinh*" against 1 ms
# for "tinh").
PREFIXES = "prefix='1 2 3 4 5 6'"
# Made by the migrations: 0001 made them, 0002 makes the tables of words again with their prefix index (dropped,
# made and filled from search_entrytext); the other statements are idempotent.
INSTALL = [
    "DROP TABLE IF EXISTS search_fts",
    f"""CREATE VIRTUAL TABLE search_fts USING fts5(title_folded, folded, aliases, content='search_entrytext',
    content_rowid='entry_id', tokenize='unicode61 remove_diacritics 2', {PREFIXES})""",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
    """CREATE VIRTUAL TABLE IF NOT EXISTS search_titles USING fts5(title_folded, content='search_entrytext',
    content_rowid='entry_id', tokenize='trigram')""",
    # The titles' words alone: the first tier of the ranking (`ranked`), whose bm25 reads a title's few positions,
    # not a long paper's.
    "DROP TABLE IF EXISTS search_title_words",
    f"""CREATE VIRTUAL TABLE search_title_words USING fts5(title_folded, content='search_entrytext',
    content_rowid='entry_id', tokenize='unicode61 remove_diacritics 2', {PREFIXES})""",
    "INSERT INTO search_title_words(search_title_words) VALUES ('rebuild')",
    """CREATE TRIGGER IF NOT EXISTS search_text_added AFTER INSERT ON search_entrytext BEGIN
    INSERT INTO search_fts(rowid, title_folded, folded, aliases) VALUES (new.entry_id, new.title_folded, new.folded,
    new.aliases);
    INSERT INTO search_titles(rowid, title_folded) VALUES (new.entry_id, new.title_folded);
    INSERT INTO search_title_words(rowid, title_folded) VALUES (new.entry_id, new.title_folded);
    END""",
    """CREATE TRIGGER IF NOT EXISTS search_text_removed AFTER DELETE ON search_entrytext BEGIN
    INSERT INTO search_fts(search_fts, rowid, title_folded, folded, aliases) VALUES ('delete', old.entry_id,
    old.title_folded, old.folded, old.aliases);
    INSERT INTO search_titles(search_titles, rowid, title_folded) VALUES ('delete', old.entry_id, old.title_folded);
    INSERT INTO search_title_words(search_title_words, rowid, title_folded) VALUES ('delete', old.entry_id,
    old.title_folded);
    END""",
    """CREATE TRIGGER IF NOT EXISTS search_text_changed AFTER UPDATE ON search_entrytext BEGIN
    INSERT INTO search_fts(search_fts, rowid, title_folded, folded, aliases) VALUES ('delete', old.entry_id,
    old.title_folded, old.folded, old.aliases);
    INSERT INTO search_titles(search_titles, rowid, title_folded) VALUES ('delete', old.entry_id, old.title_folded);
    INSERT INTO search_title_words(search_title_words, rowid, title_folded) VALUES ('delete', old.entry_id,
    old.title_folded);
    INSERT INTO search_fts(rowid, title_folded, folded, aliases) VALUES (new.entry_id, new.title_folded, new.folded,
    new.aliases);
    INSERT INTO search_titles(rowid, title_folded) VALUES (new.entry_id, new.title_folded);
    INSERT INTO search_title_words(rowid, title_folded) VALUES (new.entry_id, new.title_folded);
    END""",
]


def install(schema_editor):
    for statement in INSTALL:
        schema_editor.execute(statement)


def matching(clauses):
    return RawSQL("SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [query.to_fts5(clauses)])


# Counting: the matches in the FTS5 table's order, each joined to its entry (CROSS JOIN: in this order) and kept if
# the reader may open it, until `cap` are found; the reader's sets (the subqueries of `where`) are built once.
COUNTED = (
    "SELECT kind, body_id, year, organization_id, count(*) FROM (SELECT kind, body_id, year, organization_id "
    "FROM search_fts CROSS JOIN search_entry ON search_entry.id = search_fts.rowid "
    "WHERE search_fts MATCH %s AND ({where}) LIMIT %s) GROUP BY kind, body_id, year, organization_id"
)
# Ranking: the matches of one tier with their bm25 first, materialized; then each joined to its entry. Asked the
# other way round, SQLite may scan the entries allowed, or hand `rowid IN (...)` to the FTS5 table, which looks up
# each row in turn.
HITS = (
    "WITH hits AS MATERIALIZED (SELECT rowid AS id, bm25({table}{weights}) AS score "
    "FROM {table} WHERE {table} MATCH %s) "
)
JOINED = "FROM hits CROSS JOIN search_entry ON search_entry.id = hits.id WHERE ({where})"
# One tier of the ranking in one statement: its matches that the reader may open, each counted by kind, body, year
# and organization, and the best of those chosen with their score (tiers.ranked).
TIER = (
    HITS + ", tier AS MATERIALIZED (SELECT hits.id AS id, kind, body_id, year, organization_id, hits.score AS score, "
    "{chosen} AS chosen "
    + JOINED
    + "{whole}) SELECT kind, body_id, year, organization_id, count(*), NULL, NULL FROM tier "
    "GROUP BY kind, body_id, year, organization_id "
    "UNION ALL SELECT * FROM (SELECT NULL, NULL, NULL, NULL, NULL, id, score FROM tier WHERE chosen "
    "ORDER BY score, id LIMIT %s)"
)
# The titles' tier: the table of the titles' words, whose bm25 reads a title's few positions. A title holding the
# words asked may yet hold a word excluded, or the text may: the whole query decides.
WHOLE = " AND hits.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)"
# The others: every match by bm25 over the whole record (the title weighs most); the titles' tier left out of the
# best.
NOT_TITLES = " AND hits.id NOT IN (SELECT rowid FROM search_title_words WHERE search_title_words MATCH %s)"


def counts(where: str, params: list, clauses, cap: int) -> list[tuple]:
    return fetched(COUNTED.format(where=where), [query.to_fts5(clauses), *params, cap])


def titles(where: str, params: list, chosen: str, chosen_params: list, clauses, limit: int):
    _, asked, whole = query.tiers(clauses, query.to_fts5)
    sql = TIER.format(
        table="search_title_words", weights="", chosen=f"({chosen})", where=where, whole=WHOLE * bool(whole)
    )
    return tiers.ranked(fetched(sql, [asked, *chosen_params, *params, *whole, limit]), best=lambda row: row[6])


def others(where: str, params: list, chosen: str, chosen_params: list, clauses, limit: int):
    everything, asked, _ = query.tiers(clauses, query.to_fts5)
    sql = TIER.format(
        table="search_fts", weights=f", {WEIGHTS}", chosen=f"({chosen}){NOT_TITLES}", where=where, whole=""
    )
    return tiers.ranked(fetched(sql, [everything, *chosen_params, asked, *params, limit]), best=lambda row: row[6])


def fetched(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def near(where: str, params: list, text: str, limit: int) -> list[int]:
    """Titles sharing the most three-letter runs with the query's words (the trigram table; bm25 orders them)."""
    grams = {word[i : i + 3] for word in query.words(text) for i in range(len(word) - 2)}
    if not grams:
        return []
    sql = HITS.format(table="search_titles", weights="") + "SELECT hits.id " + JOINED.format(where=where)
    matched = " OR ".join(f'"{gram}"' for gram in sorted(grams))
    return [row[0] for row in fetched(sql + " ORDER BY hits.score, hits.id LIMIT %s", [matched, *params, limit])]
