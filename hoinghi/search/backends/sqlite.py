"""SQLite FTS5: the folded title, text and full forms in an external-content FTS5 table over search_entry, kept
by triggers; bm25 ranking (the title weighs most); snippet() for highlights; a trigram table over the folded
titles for near matches."""

from django.db import connection
from django.db.models.expressions import RawSQL

from .. import query
from ..snippets import GAP, START, STOP

WEIGHTS = "10.0, 1.0, 2.0"  # bm25 weights of title_folded, folded, aliases

INSTALL = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(title_folded, folded, aliases, content='search_entry',
    content_rowid='id', tokenize='unicode61 remove_diacritics 2')""",
    """CREATE VIRTUAL TABLE search_titles USING fts5(title_folded, content='search_entry', content_rowid='id',
    tokenize='trigram')""",
    """CREATE TRIGGER search_entry_added AFTER INSERT ON search_entry BEGIN
    INSERT INTO search_fts(rowid, title_folded, folded, aliases) VALUES (new.id, new.title_folded, new.folded,
    new.aliases);
    INSERT INTO search_titles(rowid, title_folded) VALUES (new.id, new.title_folded);
    END""",
    """CREATE TRIGGER search_entry_removed AFTER DELETE ON search_entry BEGIN
    INSERT INTO search_fts(search_fts, rowid, title_folded, folded, aliases) VALUES ('delete', old.id,
    old.title_folded, old.folded, old.aliases);
    INSERT INTO search_titles(search_titles, rowid, title_folded) VALUES ('delete', old.id, old.title_folded);
    END""",
    """CREATE TRIGGER search_entry_changed AFTER UPDATE ON search_entry BEGIN
    INSERT INTO search_fts(search_fts, rowid, title_folded, folded, aliases) VALUES ('delete', old.id,
    old.title_folded, old.folded, old.aliases);
    INSERT INTO search_titles(search_titles, rowid, title_folded) VALUES ('delete', old.id, old.title_folded);
    INSERT INTO search_fts(rowid, title_folded, folded, aliases) VALUES (new.id, new.title_folded, new.folded,
    new.aliases);
    INSERT INTO search_titles(rowid, title_folded) VALUES (new.id, new.title_folded);
    END""",
]


def install(schema_editor):
    for statement in INSTALL:
        schema_editor.execute(statement)


def matching(clauses):
    return RawSQL("SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [query.to_fts5(clauses)])


def ranked(found, clauses, limit: int, offset: int) -> list[int]:
    # The matches and their scores first, materialized: asked inside the FTS5 query, `rowid IN (...)` would be
    # handed to the FTS5 table, which would look up each allowed row in turn.
    among, params = found.values("id").query.sql_with_params()
    sql = (
        f"WITH hits AS MATERIALIZED (SELECT rowid AS id, bm25(search_fts, {WEIGHTS}) AS score FROM search_fts "
        f"WHERE search_fts MATCH %s) SELECT id FROM hits WHERE id IN ({among}) ORDER BY score, id LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [query.to_fts5(clauses), *params, limit, offset])
        return [row[0] for row in cursor.fetchall()]


def marked(ids: list[int], clauses) -> dict[int, tuple[str, str]]:
    if not ids:
        return {}
    # Computed apart from the ranking: with ORDER BY ... LIMIT, SQLite would cut a snippet for every match.
    sql = (
        f"SELECT rowid, highlight(search_fts, 0, '{START}', '{STOP}'), "
        f"snippet(search_fts, 1, '{START}', '{STOP}', '{GAP}', 24) FROM search_fts "
        f"WHERE search_fts MATCH %s AND rowid IN ({', '.join(['%s'] * len(ids))})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [query.to_fts5(clauses), *ids])
        return {pk: (title, text) for pk, title, text in cursor.fetchall()}


def near(entries, text: str, limit: int) -> list[int]:
    """Titles sharing the most three-letter runs with the query's words (the trigram table; bm25 orders them)."""
    grams = {word[i : i + 3] for word in query.words(text) for i in range(len(word) - 2)}
    if not grams:
        return []
    among, params = entries.values("id").query.sql_with_params()
    sql = (
        f"SELECT rowid FROM search_titles WHERE search_titles MATCH %s AND rowid IN ({among}) "
        "ORDER BY bm25(search_titles) LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [" OR ".join(f'"{gram}"' for gram in sorted(grams)), *params, limit])
        return [row[0] for row in cursor.fetchall()]
