"""Who may search: the app's permission table. What each search shows is filtered by the rules of the pages its
results open (access.py)."""

from hoinghi.core.permissions import RuleTable, anyone, signed_in

RULES = RuleTable(
    "search",
    {
        "search": signed_in,
        # The portal's search, over the live articles only.
        "public_search": anyone,
    },
)
