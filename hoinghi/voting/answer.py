"""The page that answers a cast: the receipt, or why the ballot was refused. Both ways of casting (Django's view
and the fast path in front of it) answer with it."""

import functools
import secrets
from dataclasses import dataclass
from types import SimpleNamespace

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape

# Where the receipt code goes in a page rendered once: only the code differs between the voters of a poll.
_CODE = f"receipt-{secrets.token_hex(16)}"


@dataclass(frozen=True, repr=False)
class ShownReceipt:
    """The receipt on the cast's page. When a template variable is missing, Django logs the whole
    context at DEBUG: this repr keeps the code out of such a log."""

    code: str
    repeated: bool

    def __repr__(self):
        return "<receipt>"


def answer_page(poll, *, cast=None, refusal: str = "") -> str:
    """`poll`: a Poll or a BallotPaper (its pk, title and method are shown); `cast`: the service's CastResult."""
    repeated = None if cast is None else cast.repeated
    page = _page(poll.pk, poll.title, poll.method, translation.get_language(), refusal, repeated, settings.DEMO_MODE)
    return page if cast is None else page.replace(_CODE, escape(cast.receipt))


@functools.lru_cache(maxsize=256)
def _page(pk: int, title: str, method: str, language: str, refusal: str, repeated: bool | None, demo: bool) -> str:
    """Rendered once per poll, language and outcome: when a whole room votes, rendering it for every cast cost
    more than recording the ballot."""
    receipt = None if repeated is None else ShownReceipt(_CODE, repeated)
    poll = SimpleNamespace(pk=pk, title=title, method=method)
    context = {"poll": poll, "receipt": receipt, "refusal": refusal, "DEMO_MODE": demo}
    return render_to_string("voting/cast_answer.html", context)
