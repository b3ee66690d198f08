"""The search engines behind one interface, one module per database (all of the app's raw SQL is there):

- `install(schema_editor)`: the engine's structures, made by the app's migration;
- `matching(clauses)`: a `RawSQL` of the ids of the entries that match, for `id__in`;
- `ranked(found, clauses, limit, offset)`: the ids of `found` (a queryset of matching entries), best first;
- `marked(ids, clauses)`: for each id, its title and a snippet of its text as the engine marks them on the
  folded copies (snippets.py);
- `near(entries, text, limit)`: when nothing matches, ids of entries whose title is close to the text (typos).
"""

from django.db import connection

from . import postgresql, sqlite


def engine(using=connection):
    return postgresql if using.vendor == "postgresql" else sqlite
