"""The URL × role matrix, generated: every URL the product serves, filled with every object of the confidential
world it can name and with an object that does not exist, fetched by every role (and a closed account); the answer
each gets is the one its app's permission table gives, computed by the rule itself (the view's loader, then the
rule, as `RuleTable.guard` does), not listed by hand:

- a signed-out visitor or a closed account is sent to sign in, unless the view is public (`login_not_required`);
- a missing object is a 404; the rule refusing is a 403, for a GET and an (empty) POST alike;
- the rule admitting is the view's own answer (a page, a redirect after a step, a 204 from a live feed under the
  test's WSGI client, a 404 when it has nothing to show, such as a figure without an evidence file), never 403,
  500 or the sign-in page;
- a method the view does not take (a GET of a form's POST address) is a 405 for everyone signed in, before the rule;
  the POST itself is made by every role the rule refuses (not by those it admits: it would change the world).

A URL without a rule, or whose arguments the world cannot fill, fails with what to add. The leaks of confidential
content in these answers are tested by tests/test_confidential_matrix.py over the same world.
"""

import inspect
import re
import uuid
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.test import Client, RequestFactory
from django.urls import reverse

from hoinghi.core.permissions import TABLES
from tests import confidential_world
from tests.api_helpers import key_for
from tests.test_architecture import url_patterns
from tests.test_confidential_matrix import API_PARAMS, KINDS, SKIPPED_POSTS, filled

SIGNED_OUT = {"anonymous", "closed"}
ROLES = [*confidential_world.ROLES, "closed"]
MISSING = 987654321  # no object of the world has this key


@pytest.fixture
def room(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    room = confidential_world.build(world)
    # A member's account the administrator closed: its session no longer signs anyone in.
    closed = room.world.users["member2"]
    room.users["closed"] = closed
    return room


def cases(room, route: str, pattern) -> list[tuple[str, dict]]:
    """Every object of the world the route names, and one that does not exist."""
    params = set(pattern.pattern.converters)
    known = {"pk", "number", "page", "step", "conclusion_pk", "batch", "slug", "year", "week", "size", *API_PARAMS}
    if params and not params <= known | {"rest"}:
        pytest.fail(f"{route}: tests/test_confidential_matrix.py `filled` cannot fill {params}: teach it")
    if (
        params - {"step", "batch"}
        and not route.startswith("api/")
        and not any(route.startswith(p) for p, _kind in KINDS)
    ):
        if "conclusion_pk" not in params:
            pytest.fail(
                f"{route}: add its route's start and the kind of object it names to KINDS in tests/test_confidential_matrix.py (and the object to tests/confidential_world.py)"
            )
    found = filled(room, route, pattern)
    if not params:
        return found
    missing = {
        key: (MISSING if key in ("pk", "conclusion_pk", *API_PARAMS) else value) for key, value in found[0][1].items()
    }
    if "batch" in missing:
        missing["batch"] = uuid.UUID(int=0)
    if "slug" in missing:
        missing["slug"] = "khong-co-bai-nay"
    return [*found, ("missing", missing)]


def address(route: str, kwargs: dict) -> str:
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m.group(1)]), route)


def expected(view, user, kwargs: dict, url: str) -> str:
    """What the permission table says: the view's loader (404 on a missing object), then its rule."""
    signed_out = not user.is_authenticated
    if signed_out and getattr(view, "login_required", True):
        return "sign in"
    app, name = view.rule
    load = getattr(view, "load", None)  # the API's endpoints load their objects themselves, by the same rules
    if load is None:
        objects = ()
    else:
        taken = set(inspect.signature(load).parameters)
        arguments = {key: value for key, value in kwargs.items() if key in taken}
        if "request" in taken:
            arguments["request"] = RequestFactory().get(url)
            arguments["request"].user = user
        try:
            loaded = load(**arguments)
        except Http404:
            return "missing"
        objects = loaded if isinstance(loaded, tuple) else (loaded,)
    if TABLES[app].allows(name, user, *objects):
        return "admitted"
    return "sign in" if signed_out and url.startswith("/api/") else "refused"  # the API's 401


def answer(response, view) -> str:
    status = response.status_code
    public = not getattr(view, "login_required", True)  # its redirect to the sign-in page is its own answer
    if status in (301, 302) and urlsplit(response["Location"]).path == reverse("login") and not public:
        return "sign in"
    if status == 401:  # the API, without a key or with one no longer valid
        return "sign in"
    return {403: "refused", 404: "missing", 405: "not taken"}.get(status, "error" if status >= 500 else "admitted")


def client_of(room, role: str, *, api: bool = False) -> Client:
    """A browser signed in as `role`; for the API, a program holding `role`'s key (made before an account closes)."""
    if api:
        key = None if role == "anonymous" else key_for(room.users[role])
        return Client(raise_request_exception=False, headers={"Authorization": f"Bearer {key}"} if key else {})
    client = Client(raise_request_exception=False)
    if role != "anonymous":
        client.force_login(room.users[role])
    return client


def test_every_url_answers_every_role_as_its_rule_says(room):
    patterns = list(url_patterns())
    missing_rules = [route for route, pattern in patterns if not hasattr(pattern.callback, "rule")]
    assert not missing_rules, f"URLs without a permission rule (wrap their views in RULES.guard): {missing_rules}"
    clients = {role: client_of(room, role) for role in ROLES}
    programs = {role: client_of(room, role, api=True) for role in ROLES}
    room.users["closed"].is_active = False
    room.users["closed"].save(update_fields=["is_active"])
    users = {role: AnonymousUser() if role in SIGNED_OUT else room.users[role] for role in ROLES}
    wrong, checked, urls = [], 0, set()
    for route, pattern in patterns:
        view = pattern.callback
        for which, kwargs in cases(room, route, pattern):
            url = address(route, kwargs)
            urls.add(url)
            for role in ROLES:
                want = expected(view, users[role], kwargs, url)
                if route.startswith("api/") and role == "closed" and view.rule[1] != "describe":
                    want = "sign in"  # a key no longer valid is refused by every endpoint, even a public one
                methods = ["get"] if want == "admitted" or pattern.name in SKIPPED_POSTS else ["get", "post"]
                api = route.startswith("api/")
                for method in methods:
                    got = answer(getattr((programs if api else clients)[role], method)(url), view)
                    checked += 1
                    # A method the view does not take is refused to everyone before its rule (require_POST); an
                    # admitted view may find nothing to show (a figure without an evidence file).
                    fine = (got == "not taken" and want != "sign in") or (got == "missing" and want == "admitted")
                    # An API endpoint asks the page's own rule of the object it names (tests/test_api_permissions.py
                    # walks each with every role's key): here, that a key is asked for and nothing fails.
                    # A method an endpoint does not take is a 405 before its key is asked for (django-ninja).
                    fine = fine or (api and (got == "not taken" or (want == "admitted" and got == "refused")))
                    if got != want and not fine:
                        wrong.append(
                            f"{method.upper()} {url} ({route}, {which}) as {role}: {got}, the rule says {want}"
                        )
    assert not wrong, f"{len(wrong)} answers differ from the permission tables:\n" + "\n".join(wrong)
    print(f"security matrix: {len(patterns)} routes, {len(urls)} URLs × {len(ROLES)} roles, {checked} requests")
    assert len(patterns) > 60 and checked > 2000
