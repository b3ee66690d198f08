"""The API: one NinjaAPI under /api/, its routers, its errors, and its URLs each named by a rule of the app's table.

Every endpoint but the description, the docs page and the portal's articles needs a key (`auth.KeyAuth`). Django's
LoginRequiredMiddleware would send a program to the sign-in page: the API's URLs are marked `login_not_required`,
and the key admits them instead.
"""

from functools import partial

from django.contrib.auth.decorators import login_not_required
from django.urls import path
from ninja import NinjaAPI

from . import errors, routes_articles, routes_directives, routes_meetings, routes_polls, routes_targets
from .auth import KeyAuth
from .permissions import RULES

# For the programmers who read the docs page, in English as the rest of the schema.
DESCRIPTION = (
    "Read the meeting record as its pages show it to the key's account: meetings, items and conclusions, directives "
    "and their progress reports, published poll results, resolutions, targets and figures, and the portal's "
    "articles. Make a key on the page 'Khóa truy cập API' (the account menu) and send it with each request as the "
    "header `Authorization: Bearer hn_…`. Lists come in pages (`page`, `page_size`, at most 100). Errors are JSON "
    "`{detail, errors}`, in Vietnamese unless `Accept-Language: en`."
)

api = NinjaAPI(
    title="Hội nghị số API",
    version="1",
    description=DESCRIPTION,
    auth=KeyAuth(),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)
for exception, handler in errors.HANDLERS.items():
    api.add_exception_handler(exception, partial(handler, api))
for router in (routes_meetings, routes_directives, routes_polls, routes_targets, routes_articles):
    api.add_router("", router.router)


def unknown(request, rest: str):
    """A path under /api/ that names no endpoint: the endpoints' JSON 404, not the site's page."""
    return errors.not_found(api, request, None)


def rule_of(pattern) -> str:
    """The rule of a URL of the API (hoinghi.core.permissions: every URL names one)."""
    if pattern.name in {"openapi-json", "openapi-view", "api-root", "unknown"}:
        return "describe"
    if str(pattern.pattern).startswith("articles"):
        return "public"
    return "by_key"


def urls() -> tuple:
    """What `path("api/", ...)` takes: the patterns, the app's name and the namespace (`api:`)."""
    patterns, app_name, namespace = api.urls
    patterns = [*patterns, path("<path:rest>", unknown, name="unknown")]  # last: only what nothing else took
    for pattern in patterns:
        pattern.callback = login_not_required(pattern.callback)
        pattern.callback.rule = (RULES.app, rule_of(pattern))
    return patterns, app_name, namespace
