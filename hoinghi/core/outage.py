"""The page of a request that failed on the server (`handler500` of hoinghi.urls).

When the database cannot be reached (PostgreSQL restarting, a connection cut in the middle of a request) the person
is told so in plain words, with a 503 and Retry-After, and asked to look whether what he sent was saved before sending
it again: each write is one transaction, whole or absent, but the failure may come after its commit (the session's
save at the response's end). Any other failure keeps Django's plain 500 page. The page reads
nothing from the database, the thing that may be down.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views.defaults import bad_request, server_error

# Connecting failed, or the connection was lost: PostgreSQL is restarting or unreachable.
OUTAGE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 5


def failed(request):
    error = sys.exc_info()[1]  # Django calls the handler inside its `except` of the failed request
    return outage_page() if isinstance(error, OUTAGE) else server_error(request)


def refused(request, exception):
    """`handler400`: the session's save at a response's end failing on the database is Django's SessionInterrupted
    (a 400, "the session was deleted"), raised while handling the database's error: the outage page says so."""
    cause = exception
    while cause is not None and not isinstance(cause, OUTAGE):
        cause = cause.__context__
    return outage_page() if cause is not None else bad_request(request, exception)


def outage_page() -> HttpResponse:
    page = render_to_string("503.html", {"retry_after": RETRY_AFTER_SECONDS})
    return HttpResponse(page, status=503, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
