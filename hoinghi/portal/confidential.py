"""What a meeting keeps from the public, as `disclosure.Secret`s and the names of its secret ballots' voters:
read here once, so that every save of an article linked to the meeting is checked against it."""

from django.utils.translation import gettext_lazy as _

from hoinghi.directives.models import Directive
from hoinghi.meetings.models import AgendaItem, Confidentiality, Document, Opinion
from hoinghi.voting.models import Poll, PollSubject, VoterRoll

from .disclosure import Leak, Secret, leaks

NORMAL = Confidentiality.NORMAL


def meeting_secrets(meeting) -> list[Secret]:
    items = list(
        AgendaItem.objects.filter(meeting=meeting).exclude(confidentiality=NORMAL).select_related("conclusion")
    )
    secrets = [Secret("item", item.title, item.title) for item in items]
    for item in items:
        conclusion = getattr(item, "conclusion", None)
        if conclusion is not None:
            secrets.append(Secret("conclusion", item.title, conclusion.text))
    opinions = Opinion.objects.filter(item__in=items).select_related("item")
    secrets += [Secret("opinion", opinion.item.title, opinion.text) for opinion in opinions]
    # A paper is confidential when it is marked so or its item is.
    papers = Document.objects.filter(item__meeting=meeting).exclude(
        confidentiality=NORMAL, item__confidentiality=NORMAL
    )
    secrets += [Secret("paper", paper.title, paper.title) for paper in papers]
    directives = Directive.objects.filter(conclusion__item__in=items).select_related("conclusion__item")
    secrets += [Secret("directive", d.conclusion.item.title, d.content) for d in directives]
    polls = Poll.objects.filter(item__in=items).prefetch_related("subjects")
    for poll in polls:
        secrets.append(Secret("poll", poll.title, poll.title))
        secrets += [Secret("poll", poll.title, subject.label) for subject in poll.subjects.all() if subject.label]
    return secrets


def secret_voters(meeting) -> list[str]:
    """Who voted in the meeting's secret ballots; not the candidates, whose names a result rightly gives."""
    polls = Poll.objects.filter(meeting=meeting, method__in=(Poll.Method.SECRET, Poll.Method.PAPER))
    candidates = set(PollSubject.objects.filter(poll__in=polls, person__isnull=False).values_list("person", flat=True))
    roll = VoterRoll.objects.filter(poll__in=polls).exclude(person__in=candidates)
    return sorted(set(roll.values_list("person__full_name", flat=True)))


REASONS = {
    "item": _("the confidential item “%(label)s”"),
    "conclusion": _("the conclusion of the confidential item “%(label)s”"),
    "opinion": _("an opinion given on the confidential item “%(label)s”"),
    "paper": _("the confidential paper “%(label)s”"),
    "directive": _("a directive of the confidential item “%(label)s”"),
    "poll": _("the vote on a confidential item “%(label)s”"),
    "ballot": _("how %(label)s voted in a secret ballot"),
}


def reason(leak: Leak) -> str:
    return str(REASONS[leak.kind]) % {"label": leak.label}


def refusals(meeting, text: str) -> list[str]:
    """Why `text` may not be published with `meeting` (nothing when it may)."""
    if meeting is None:
        return []
    return [reason(leak) for leak in leaks(text, meeting_secrets(meeting), secret_voters(meeting))]
