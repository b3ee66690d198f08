"""Poll pages: creation, the member's ballot, the chair's console, the room screen, receipts, paper counts.

Views are thin: services decide and record, selectors read. A receipt is shown in the response to the
cast and nowhere else: it is never stored, not in the session, not in a flash message.
"""

import asyncio
import json

from asgiref.sync import sync_to_async
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.handlers.asgi import ASGIRequest
from django.db import connection
from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from hoinghi.core import live
from hoinghi.core.errors import require
from hoinghi.core.forms import flash, submit
from hoinghi.meetings.models import Meeting, Participant
from hoinghi.meetings.permissions import participation
from hoinghi.meetings.views_outputs import DOCX

from . import credential, selectors, services
from . import permissions as perm
from .answer import answer_page
from .forms import BallotForm, PaperForm, PollForm, ReceiptForm
from .models import Poll
from .record_docx import COUNTED, build_count_record
from .rules import Method, Status

KEEP_ALIVE = 15  # seconds between comments that keep proxies from closing a quiet stream


def _poll(request, pk) -> Poll:
    polls = Poll.objects.select_related("meeting__body", "item__meeting").prefetch_related("subjects")
    poll = get_object_or_404(polls, pk=pk)
    require(perm.can_view(request.user, poll))
    return poll


@login_required
def poll_create(request, meeting_pk):
    meeting = get_object_or_404(Meeting.objects.select_related("body", "term"), pk=meeting_pk)
    require(perm.can_create(request.user, meeting))
    form = PollForm(request.POST or None, meeting=meeting, initial={"item": request.GET.get("item")})
    if poll := submit(
        request, form, lambda _data: services.create_poll(request.user, meeting, **form.service_arguments())
    ):
        messages.success(request, _("The poll is ready. The chair opens it when the room is ready to vote."))
        return redirect("voting:detail", poll.pk)
    return render(request, "voting/form.html", {"form": form, "meeting": meeting})


def _voter_note(user, poll: Poll) -> str:
    """Why there is no ballot on this page for this user."""
    if poll.method == Method.PAPER:
        return _("This poll is taken on paper ballots, counted by the counting board.")
    seat = participation(user, poll.meeting)
    if seat is not None and seat.role == Participant.Role.INVITEE:
        return _("Invitees do not vote.")
    return _("Only the members of the body vote in this poll.")


def _named_votes(poll: Poll) -> list:
    """(person, [answer per subject]) for the table of an open vote, once published."""
    subjects = [str(s.pk) for s in poll.subjects.all()]
    return [
        (vote.person, [selectors.OPTION_LABELS.get(vote.choices.get(s), "") for s in subjects])
        for vote in poll.named_votes.select_related("person")
    ]


def _detail_context(request, poll: Poll, form=None, **extra) -> dict:
    """The voting screen; `form`: a ballot sent back with its choices and token when it was refused."""
    user = request.user
    can_vote = perm.can_vote(user, poll)
    published = poll.status == Status.PUBLISHED
    you_voted = can_vote and selectors.has_voted(poll, user.person_id)
    context = {
        "poll": poll,
        "meeting": poll.meeting,
        "state": selectors.live_state(poll),
        "can_vote": can_vote,
        "you_voted": you_voted,
        "voter_note": "" if can_vote else _voter_note(user, poll),
        "can_run": perm.can_run(user, poll),
        "can_enter_paper": perm.can_enter_paper(user, poll),
        "results": selectors.results_view(poll) if published else None,
        "named_votes": _named_votes(poll) if published and poll.method == Method.OPEN else [],
    }
    if can_vote and poll.status == Status.OPEN and not you_voted:
        context["form"] = form if form is not None else BallotForm(poll, initial={"token": services.new_token()})
        context["credential"] = credential.issue(poll, user.person_id, request.session.session_key)
    return context | extra


@login_required
def poll_detail(request, pk):
    poll = _poll(request, pk)
    return render(request, "voting/detail.html", _detail_context(request, poll))


def _answer(poll: Poll, status=200, **outcome) -> HttpResponse:
    # The answer to a cast is a small page: while the whole room votes, the server has no time for more.
    return HttpResponse(answer_page(poll, **outcome), status=status)


@sensitive_post_parameters()
@login_required
@require_POST
def poll_cast(request, pk):
    # The cast's own checks (the electorate, the poll open, one ballot each) run where the ballot is written, once
    # per batch. Only those who may see the poll are told more than "no".
    poll = get_object_or_404(Poll.objects.prefetch_related("subjects"), pk=pk)
    form = BallotForm(poll, request.POST)
    refusal = ""
    if form.is_valid():
        try:
            cast = services.cast(request.user, poll, form.choices(), form.cleaned_data["token"])
        except PermissionDenied as error:
            require(perm.can_view(request.user, poll))
            return _answer(poll, 403, refusal=str(error))
        except ValidationError as error:
            if error.code == services.SETTLED:
                return _answer(poll, 400, refusal=" ".join(error.messages))
            refusal = " ".join(error.messages)  # the ballot itself: shown again to be put right
        else:
            # A reload re-posts the same token and shows the same receipt again.
            return _answer(poll, cast=cast)
    require(perm.can_view(request.user, poll))
    context = _detail_context(request, poll, form, refusal=refusal)
    return render(request, "voting/detail.html", context, status=400)


def _console_context(request, poll: Poll) -> dict:
    return {
        "poll": poll,
        "meeting": poll.meeting,
        "state": selectors.live_state(poll),
        "waiting": selectors.not_yet_voted(poll),
        # The result exists from the close on: the chair sees it then, the room at publication.
        "results": selectors.results_view(poll),
    }


@login_required
def console(request, pk):
    poll = _poll(request, pk)
    require(perm.can_run(request.user, poll))
    template = "voting/_waiting.html" if request.htmx else "voting/console.html"
    return render(request, template, _console_context(request, poll))


STEPS = {"open": services.open_poll, "close": services.close_poll, "publish": services.publish_poll}


@login_required
@require_POST
def poll_step(request, pk, step):
    poll = _poll(request, pk)
    try:
        STEPS[step](request.user, poll)
    except ValidationError as error:
        flash(request, error)
    return redirect("voting:console", pk)


@login_required
def room(request, pk):
    poll = _poll(request, pk)
    published = poll.status == Status.PUBLISHED
    context = {
        "poll": poll,
        "meeting": poll.meeting,
        "state": selectors.live_state(poll),
        "results": selectors.results_view(poll) if published else None,
    }
    return render(request, "voting/room.html", context)


@login_required
def state(request, pk):
    """The live state for screens that cannot keep a stream open; "you_voted" is the asker's own."""
    poll = _poll(request, pk)
    data = selectors.live_state(poll)
    if perm.can_vote(request.user, poll):
        data["you_voted"] = selectors.has_voted(poll, request.user.person_id)
    return JsonResponse(data)


def _without_connection(function, *args):
    """A stream lasts as long as the meeting: it must not hold a database connection meanwhile."""
    try:
        return function(*args)
    finally:
        if not connection.in_atomic_block:  # (tests run inside one)
            connection.close()


def _fresh_state(pk: int) -> dict:
    return selectors.live_state(Poll.objects.get(pk=pk))


def _frame(event: dict) -> str:
    return f"data: {json.dumps(event)}\n\n"


async def _stream(poll: Poll):
    async with live.subscribe(f"poll-{poll.pk}") as events:
        # Listening before reading: a change between the two is sent, not lost.
        first = await sync_to_async(_without_connection)(_fresh_state, poll.pk)
        yield "retry: 2000\n" + _frame(first)
        while True:
            try:
                event = await asyncio.wait_for(anext(events), KEEP_ALIVE)
            except TimeoutError:
                yield ": keep-alive\n\n"
            else:
                yield _frame(event)


@login_required
async def events(request, pk):
    """Server-sent events: the live state now, then at each change."""
    poll = await sync_to_async(_without_connection)(_poll, request, pk)
    if not isinstance(request, ASGIRequest):
        # A WSGI server would buffer an endless response for ever: 204 tells EventSource to stop,
        # and live.js polls state.json instead.
        return HttpResponse(status=204)
    return StreamingHttpResponse(
        _stream(poll),
        content_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


@login_required
def receipt(request, pk):
    """A voter checks that his ballot is among those counted; the code is posted, never in a URL or a log."""
    poll = _poll(request, pk)
    if poll.method != Method.SECRET:
        raise Http404
    form = ReceiptForm(request.POST or None)
    counted = None
    if request.method == "POST" and form.is_valid() and poll.status == Status.PUBLISHED:
        counted = selectors.receipt_counted(poll, form.cleaned_data["receipt"])
    context = {"poll": poll, "meeting": poll.meeting, "form": form, "counted": counted}
    return render(request, "voting/receipt.html", context)


@login_required
def paper(request, pk):
    poll = _poll(request, pk)
    require(perm.can_enter_paper(request.user, poll))
    form = PaperForm(poll, request.POST or None)
    if submit(request, form, lambda _data: services.enter_paper_tally(request.user, poll, **form.service_arguments())):
        messages.success(request, _("The counting board's figures are recorded."))
        return redirect("voting:paper", pk)
    context = {
        "poll": poll,
        "meeting": poll.meeting,
        "form": form,
        "entries": poll.paper_tallies.select_related("entered_by"),
    }
    return render(request, "voting/paper.html", context, status=400 if form.errors else 200)


@login_required
def published(request, pk):
    """The published ballots, fingerprints and rule: the input of `python -m hoinghi.voting.verify`."""
    record = selectors.published_record(_poll(request, pk))
    if record is None:
        raise Http404
    return JsonResponse(record, json_dumps_params={"ensure_ascii": False, "indent": 1})


@login_required
def record(request, pk):
    """The vote-count record (biên bản kiểm phiếu); before publication only for those who run the poll."""
    poll = _poll(request, pk)
    if poll.status not in COUNTED:
        raise Http404
    if poll.status != Status.PUBLISHED:
        require(perm.can_create(request.user, poll.meeting) or perm.can_run(request.user, poll))
    response = HttpResponse(build_count_record(poll), content_type=DOCX)
    response["Content-Disposition"] = content_disposition_header(True, f"bien-ban-kiem-phieu-{poll.pk}.docx")
    return response
