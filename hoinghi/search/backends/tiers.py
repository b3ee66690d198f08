"""The rows of a tier's one statement (the engines' `titles` and `others`): the counts of its matches by kind, body,
year and organization, then the best of those chosen, each with its score (put back in the engine's order here: a
union of the two does not promise to keep it)."""


def ranked(rows: list[tuple], best) -> tuple[list[tuple], list[int]]:
    """(kind, body, year, organization, count) of every match of the tier, and the ids of the best, ordered by
    `best` (a key of a row's score: the engine's order) and then by id."""
    counts = [row[:5] for row in rows if row[4] is not None]
    chosen = sorted((row for row in rows if row[4] is None), key=lambda row: (best(row), row[5]))
    return counts, [row[5] for row in chosen]
