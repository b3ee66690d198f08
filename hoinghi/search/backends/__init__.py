"""The search engines behind one interface, one module per database (all of the app's raw SQL is there). `where`
and `params` are the SQL condition on the table search_entry of what the reader may open and has chosen
(selectors.condition):

- `install(schema_editor)`: the engine's structures, made by the app's migration;
- `matching(clauses)`: a `RawSQL` of the ids of the entries that match, for `id__in`;
- `counts(where, params, clauses, cap)`: the first `cap` matches allowed (in the engine's order, not ranked),
  counted by kind, body, year and organization: a broad query never counts the whole archive;
- `titles(where, params, chosen, chosen_params, clauses, limit)`: the first tier of the ranking in one statement,
  the matches allowed (by `where` alone) whose title holds every word asked: their counts by kind, body, year and
  organization (every one of them), and the ids of the best `limit` of those also `chosen` (tiers.ranked);
- `others(where, params, chosen, chosen_params, clauses, limit)`: the second tier the same way: every match allowed
  counted, and the best `limit` of those chosen whose title does not hold every word asked;
- `near(where, params, text, limit)`: when nothing matches, the entries allowed whose title is close to the text.
"""

from django.db import connection

from . import postgresql, sqlite


def engine(using=connection):
    return postgresql if using.vendor == "postgresql" else sqlite
