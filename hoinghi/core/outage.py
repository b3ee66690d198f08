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
from django.views.defaults import server_error

# Connecting failed, or the connection was lost: PostgreSQL is restarting or unreachable.
OUTAGE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 5


def failed(request):
    error = sys.exc_info()[1]  # Django calls the handler inside its `except` of the failed request
    if not isinstance(error, OUTAGE):
        return server_error(request)
    page = render_to_string("503.html", {"retry_after": RETRY_AFTER_SECONDS})
    return HttpResponse(page, status=503, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
