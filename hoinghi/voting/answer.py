"""The page that answers a cast: the receipt, or why the ballot was refused. Both ways of casting (Django's view
and the fast path in front of it) answer with it."""

from dataclasses import dataclass

from django.template.loader import render_to_string

from hoinghi.core.context_processors import ui


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
    receipt = ShownReceipt(cast.receipt, cast.repeated) if cast is not None else None
    context = {"poll": poll, "receipt": receipt, "refusal": refusal} | ui(None)
    return render_to_string("voting/cast_answer.html", context)
