"""Permission tables: each app names its rules in one table, and each view names the rule that admits it.

A rule is a predicate `(user, *objects) -> bool` over the objects a URL names. `RuleTable.guard` wraps a view:
it loads those objects (404 when one is missing), answers 403 unless the rule allows, and hands the objects to
the view. The rule stays on the view (`view.rule` is the app and the rule's name), so a test can walk every URL
and find its rule in its app's table.
"""

import inspect
from collections.abc import Callable, Iterator, Mapping
from functools import wraps

from asgiref.sync import iscoroutinefunction, sync_to_async
from django.db import connection

from .errors import require

Rule = Callable[..., bool]

TABLES: dict[str, "RuleTable"] = {}


def anyone(user, *objects) -> bool:
    """The rule of the pages everybody may open (the sign-in page, the choice of language)."""
    return True


def signed_in(user, *objects) -> bool:
    """The rule of pages any account may open; what they show is filtered by the reader's rights."""
    return user.is_authenticated


def explained(rule: Rule, message) -> Rule:
    """The rule, with the reason a refused person reads on the 403 page."""

    @wraps(rule)
    def explained_rule(user, *objects) -> bool:
        return rule(user, *objects)

    explained_rule.message = message
    return explained_rule


class RuleTable(Mapping):
    """An app's rules by name. Made once per app, in its `permissions.py`, as `RULES`."""

    def __init__(self, app: str, rules: dict[str, Rule]):
        self.app = app
        self._rules = dict(rules)
        TABLES[app] = self

    def __getitem__(self, name: str) -> Rule:
        return self._rules[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._rules)

    def __len__(self) -> int:
        return len(self._rules)

    def allows(self, name: str, user, *objects) -> bool:
        return self._rules[name](user, *objects)

    def guard(self, name: str, load: Callable | None = None):
        """Admit a view's request by the rule `name`; `load` takes the URL's arguments it names (and the request,
        if it has a parameter of that name) and returns the object (or a tuple of objects) the rule is about,
        which the view receives after the request."""
        rule = self._rules[name]  # an unknown name fails at import, not at the first request
        taken = set(inspect.signature(load).parameters) if load else set()

        def admitted(request, kwargs: dict) -> tuple:
            arguments = {key: kwargs.pop(key) for key in list(kwargs) if key in taken}
            if "request" in taken:
                arguments["request"] = request
            loaded = load(**arguments) if load else ()
            objects = loaded if isinstance(loaded, tuple) else (loaded,)
            require(rule(request.user, *objects), getattr(rule, "message", None))
            return objects

        def decorate(view):
            if iscoroutinefunction(view):

                def admitted_apart(request, kwargs: dict) -> tuple:
                    # An async view may answer for as long as a meeting lasts: it must not keep the connection.
                    try:
                        return admitted(request, kwargs)
                    finally:
                        if not connection.in_atomic_block:
                            connection.close()

                @wraps(view)
                async def guarded(request, *args, **kwargs):
                    objects = await sync_to_async(admitted_apart)(request, kwargs)
                    return await view(request, *objects, *args, **kwargs)

            else:

                @wraps(view)
                def guarded(request, *args, **kwargs):
                    return view(request, *admitted(request, kwargs), *args, **kwargs)

            # The rule and its loader stay on the view: tests walk every URL and compute each role's answer.
            guarded.rule, guarded.load = (self.app, name), load
            return guarded

        return decorate


# The product's own pages outside the apps: the front door, signing in and out, the choice of language.
RULES = RuleTable("core", {"home": signed_in, "sign_in": anyone, "sign_out": anyone, "choose_language": anyone})
