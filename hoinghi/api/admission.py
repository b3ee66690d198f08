"""An endpoint admits its request by the rule the matching page uses, from that page's app's table: the same
predicate, the same refusal message."""

from hoinghi.core.errors import require
from hoinghi.core.permissions import RuleTable


def admit(table: RuleTable, name: str, user, *objects):
    """Refuse (403, with the rule's message) unless `table`'s rule `name` allows; give back the objects."""
    rule = table[name]
    require(rule(user, *objects), getattr(rule, "message", None))
    return objects[0] if len(objects) == 1 else objects
