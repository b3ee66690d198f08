"""PostgreSQL full text: a stored tsvector of the folded title (weight A), text and full forms, split into words
as the query is (runs of letters and digits), under a GIN index; ts_rank; ts_headline for highlights; pg_trgm's
word similarity over the folded titles (a GIN trigram index) for near matches."""

from django.db import connection
from django.db.models.expressions import RawSQL

from .. import query
from ..snippets import GAP, START, STOP


def _words(column: str) -> str:
    return f"to_tsvector('simple'::regconfig, regexp_replace({column}, '[^[:alnum:]]+', ' ', 'g'))"


INSTALL = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"""ALTER TABLE search_entry ADD COLUMN document tsvector GENERATED ALWAYS AS (
    setweight({_words("title_folded")}, 'A') || {_words("folded")} || {_words("aliases")}) STORED""",
    "CREATE INDEX search_entry_document ON search_entry USING gin (document)",
    "CREATE INDEX search_entry_title_trigrams ON search_entry USING gin (title_folded gin_trgm_ops)",
]
MARKS = f"StartSel={START}, StopSel={STOP}"
HEADLINE = f"{MARKS}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter={GAP}"


def install(schema_editor):
    for statement in INSTALL:
        schema_editor.execute(statement)


def matching(clauses):
    return RawSQL("SELECT id FROM search_entry WHERE document @@ to_tsquery('simple', %s)", [query.to_tsquery(clauses)])


def ranked(found, clauses, limit: int, offset: int) -> list[int]:
    among, params = found.values("id").query.sql_with_params()
    sql = (
        f"SELECT e.id FROM search_entry e, to_tsquery('simple', %s) q WHERE e.id IN ({among}) "
        "ORDER BY ts_rank(e.document, q) DESC, e.id LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [query.to_tsquery(clauses), *params, limit, offset])
        return [row[0] for row in cursor.fetchall()]


def marked(ids: list[int], clauses) -> dict[int, tuple[str, str]]:
    if not ids:
        return {}
    sql = (
        "SELECT id, ts_headline('simple', title_folded, q, %s), ts_headline('simple', folded, q, %s) "
        "FROM search_entry, to_tsquery('simple', %s) q WHERE id = ANY(%s)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [f"{MARKS}, HighlightAll=true", HEADLINE, query.to_tsquery(clauses), list(ids)])
        return {pk: (title, text) for pk, title, text in cursor.fetchall()}


def near(entries, text: str, limit: int) -> list[int]:
    folded = " ".join(query.words(text))
    if not folded:
        return []
    among, params = entries.values("id").query.sql_with_params()
    sql = (
        f"SELECT id FROM search_entry WHERE %s <%% title_folded AND id IN ({among}) "
        "ORDER BY word_similarity(%s, title_folded) DESC, id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [folded, *params, folded, limit])
        return [row[0] for row in cursor.fetchall()]
