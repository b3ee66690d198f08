"""Poll pages: creation, the member's ballot, the chair's console, the room screen, receipts, paper counts.

Views are thin: services decide and record, selectors read. A receipt is shown in the response to the
cast and nowhere else: it is never stored, not in the session, not in a flash message.
"""

import asyncio
import json

from asgiref.sync import sync_to_async
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.handlers.asgi import ASGIRequest
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from hoinghi.core import live
from hoinghi.core.editing import delete_page
from hoinghi.core.forms import flash, submit
from hoinghi.meetings.models import Participant
from hoinghi.meetings.permissions import participation
from hoinghi.meetings.selectors import load_meeting

from . import board, counting, credential, removal, selectors, services
from . import permissions as perm
from .answer import answer_page
from .board_keys import WrongShare, read_paper_code
from .forms import BallotForm, BoardForm, PaperCodeForm, PaperForm, PollForm, ReceiptForm
from .models import Poll
from .permissions import RULES
from .rules import Method, Status
from .selectors import load_poll

KEEP_ALIVE = 15  # seconds between comments that keep proxies from closing a quiet stream


@RULES.guard("create_poll", load_meeting)
def poll_create(request, meeting):
    form = PollForm(request.POST or None, meeting=meeting, initial={"item": request.GET.get("item")})
    if poll := submit(
        request, form, lambda _data: services.check_create_poll(request.user, meeting, **form.service_arguments())
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
    absent = can_vote and not you_voted and selectors.recorded_absent(poll, user.person_id)
    context = {
        "poll": poll,
        "meeting": poll.meeting,
        "state": selectors.live_state(poll),
        "can_vote": can_vote and not absent,
        "you_voted": you_voted,
        "voter_note": services.RECORDED_ABSENT if absent else "" if can_vote else _voter_note(user, poll),
        "can_run": perm.can_run(user, poll),
        "can_enter_paper": perm.can_enter_paper(user, poll),
        "can_delete": poll.status == Status.DRAFT and perm.can_create(user, poll.meeting),
        "board_link": poll.board.exists() and (perm.can_create(user, poll.meeting) or perm.on_board(user, poll)),
        "results": selectors.results_view(poll) if published else None,
        "named_votes": _named_votes(poll) if published and poll.method == Method.OPEN else [],
    }
    if can_vote and poll.status == Status.OPEN and not you_voted and not absent:
        context["form"] = form if form is not None else BallotForm(poll, initial={"token": services.new_token()})
        context["credential"] = credential.issue(poll, user.person_id, request.session.session_key)
    return context | extra


@RULES.guard("view_poll", load_poll)
def poll_detail(request, poll):
    return render(request, "voting/detail.html", _detail_context(request, poll))


def _answer(poll: Poll, status=200, **outcome) -> HttpResponse:
    # The answer to a cast is a small page: while the whole room votes, the server has no time for more.
    return HttpResponse(answer_page(poll, **outcome), status=status)


@sensitive_post_parameters()
@require_POST
@RULES.guard("cast", load_poll)
def poll_cast(request, poll):
    # The cast's own checks (the electorate now, the poll open, one ballot each) run where the ballot is written,
    # once per batch.
    form = BallotForm(poll, request.POST)
    refusal = ""
    if form.is_valid():
        try:
            cast = services.cast(request.user, poll, form.choices(), form.cleaned_data["token"])
        except PermissionDenied as error:
            return _answer(poll, 403, refusal=str(error))
        except ValidationError as error:
            if error.code == services.SETTLED:
                return _answer(poll, 400, refusal=" ".join(error.messages))
            refusal = " ".join(error.messages)  # the ballot itself: shown again to be put right
        else:
            # A reload re-posts the same token and shows the same receipt again.
            return _answer(poll, cast=cast)
    context = _detail_context(request, poll, form, refusal=refusal)
    return render(request, "voting/detail.html", context, status=400)


def _board_context(poll: Poll) -> dict:
    given = selectors.shares_given(poll)
    seats = board.seats(poll)
    not_ready = [seat for seat in seats if not seat.device_key] if poll.method == Method.SECRET else []
    return {
        "seats": [(seat, seat.order in given) for seat in seats],
        "not_ready": not_ready,
        # What opening asks of a secret poll's board (board.check_ready_to_open).
        "board_ready": poll.method != Method.SECRET or (2 <= poll.shares_required <= len(seats) and not not_ready),
        "shares_given": len(given),
        "phase": selectors.phase(poll),
    }


def _console_context(request, poll: Poll) -> dict:
    return {
        "poll": poll,
        "meeting": poll.meeting,
        "state": selectors.live_state(poll),
        "waiting": selectors.not_yet_voted(poll),
        # The result exists from the count on: the chair sees it then, the room at publication.
        "results": selectors.results_view(poll),
    } | _board_context(poll)


@RULES.guard("run_poll", load_poll)
def console(request, poll):
    """The chair's console; its live panels (who has not voted, the board) are drawn again at each change."""
    panels = {"waiting": "voting/_waiting.html", "board": "voting/_board_status.html"}
    template = panels.get(request.GET.get("panel"), "voting/_waiting.html") if request.htmx else "voting/console.html"
    return render(request, template, _console_context(request, poll))


STEPS = {"open": services.check_open_poll, "close": services.check_close_poll, "publish": services.check_publish_poll}


@require_POST
@RULES.guard("run_poll", load_poll)
def poll_step(request, poll, step):
    if step == "close" and not request.POST.get("confirmed"):
        # Closing cannot be undone: a page of its own (no script needed) says how many present have voted first.
        state = selectors.live_state(poll)
        context = {
            "poll": poll,
            "meeting": poll.meeting,
            "state": state,
            "missing": max((state["present"] or 0) - state["cast_count"], 0),
            "waiting": selectors.not_yet_voted(poll),  # names in an open vote only
        }
        return render(request, "voting/close_confirm.html", context)
    try:
        STEPS[step](request.user, poll)
    except ValidationError as error:
        flash(request, error)
    return redirect("voting:console", poll.pk)


ROOM_PAGE = 8  # subjects on one projector screen (1440x900 and 1920x1080, tests/browser/test_room_screen.py)


@RULES.guard("delete_poll", load_poll)
def poll_delete(request, poll):
    return delete_page(
        request,
        poll,
        delete=removal.check_delete_poll,
        refusal=removal.refusal,
        template="voting/delete.html",
        context={"poll": poll, "meeting": poll.meeting},
        done=reverse("meetings:detail", args=[poll.meeting_id]),
        deleted=_("The poll “%(title)s” was deleted.") % {"title": poll.title},
    )


@RULES.guard("view_poll", load_poll)
def room(request, poll):
    published = poll.status == Status.PUBLISHED
    results = selectors.results_view(poll) if published else None
    context = {
        "poll": poll,
        "meeting": poll.meeting,
        "state": selectors.live_state(poll),
        "results": results,
        # A long list (a yearly rating of every member) is shown a screen at a time.
        "page": Paginator(results["subjects"], ROOM_PAGE).get_page(request.GET.get("page")) if results else None,
    }
    return render(request, "voting/room.html", context)


@RULES.guard("view_poll", load_poll)
def state(request, poll):
    """The live state for screens that cannot keep a stream open; "you_voted" is the asker's own."""
    data = selectors.live_state(poll)
    if perm.can_vote(request.user, poll):
        data["you_voted"] = selectors.has_voted(poll, request.user.person_id)
    return JsonResponse(data)


def _fresh_state(pk: int) -> dict:
    """The live state, read without keeping the connection: a stream lasts as long as the meeting."""
    try:
        return selectors.live_state(Poll.objects.get(pk=pk))
    finally:
        if not connection.in_atomic_block:  # (tests run inside one)
            connection.close()


def _frame(event: dict) -> str:
    return f"data: {json.dumps(event)}\n\n"


async def _stream(poll: Poll):
    async with live.subscribe(f"poll-{poll.pk}") as events:
        # Listening before reading: a change between the two is sent, not lost.
        first = await sync_to_async(_fresh_state)(poll.pk)
        yield "retry: 2000\n" + _frame(first)
        while True:
            try:
                event = await asyncio.wait_for(anext(events), KEEP_ALIVE)
            except TimeoutError:
                yield ": keep-alive\n\n"
            else:
                yield _frame(event)


@RULES.guard("view_poll", load_poll)
async def events(request, poll):
    """Server-sent events: the live state now, then at each change."""
    if not isinstance(request, ASGIRequest):
        # A WSGI server would buffer an endless response for ever: 204 tells EventSource to stop,
        # and live.js polls state.json instead.
        return HttpResponse(status=204)
    return StreamingHttpResponse(
        _stream(poll),
        content_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


@RULES.guard("view_poll", load_poll)
def receipt(request, poll):
    """A voter checks that his ballot is among those counted; the code is posted, never in a URL or a log."""
    if poll.method != Method.SECRET:
        raise Http404
    form = ReceiptForm(request.POST or None)
    counted = None
    if request.method == "POST" and form.is_valid() and poll.status == Status.PUBLISHED:
        counted = selectors.receipt_counted(poll, form.cleaned_data["receipt"])
    context = {"poll": poll, "meeting": poll.meeting, "form": form, "counted": counted}
    return render(request, "voting/receipt.html", context)


@RULES.guard("enter_paper", load_poll)
def paper(request, poll):
    form = PaperForm(poll, request.POST or None)
    if submit(
        request, form, lambda _data: services.check_enter_paper_tally(request.user, poll, **form.service_arguments())
    ):
        messages.success(request, _("The counting board's figures are recorded."))
        return redirect("voting:paper", poll.pk)
    context = {
        "poll": poll,
        "meeting": poll.meeting,
        "form": form,
        "entries": poll.paper_tallies.select_related("entered_by"),
    }
    return render(request, "voting/paper.html", context, status=400 if form.errors else 200)


@RULES.guard("view_poll", load_poll)
def published(request, poll):
    """The published ballots, fingerprints and rule: the input of `python -m hoinghi.voting.verify`."""
    record = selectors.published_record(poll)
    if record is None:
        raise Http404
    return JsonResponse(record, json_dumps_params={"ensure_ascii": False, "indent": 1})


@RULES.guard("view_board", load_poll)
def board_page(request, poll):
    """The counting board: for each member, his phone's part (get ready, give my share, the paper code); for the
    office and the chair, who is on it and how far it is."""
    seat = board.seat_of(poll, request.user)
    context = {
        "poll": poll,
        "meeting": poll.meeting,
        "seat": seat,
        "holds_share": _holds_share(poll, seat),
        "can_set": perm.can_create(request.user, poll.meeting) and poll.status == Status.DRAFT,
        "code_form": PaperCodeForm(),
        "state": selectors.live_state(poll),
    } | _board_context(poll)
    return render(request, "voting/board.html", context)


def _holds_share(poll: Poll, seat) -> bool:
    """A member of a secret poll's board whose phone has (or is to have) a share: not in a poll sealed before."""
    return seat is not None and poll.method == Method.SECRET and (poll.status == Status.DRAFT or bool(poll.box_key))


@RULES.guard("set_board", load_poll)
def board_edit(request, poll):
    form = BoardForm(request.POST or None, poll=poll, candidates=board.candidates(poll))
    if submit(request, form, lambda _data: board.check_set_board(request.user, poll, **form.service_arguments())):
        messages.success(request, _("The counting board is named."))
        return redirect("voting:board", poll.pk)
    context = {"poll": poll, "meeting": poll.meeting, "form": form}
    return render(request, "voting/board_edit.html", context, status=400 if form.errors else 200)


def _refusal(error: ValidationError) -> JsonResponse:
    return JsonResponse({"error": " ".join(error.messages)}, status=400)


@require_POST
@RULES.guard("board_member", load_poll)
def board_device(request, poll):
    """The board page's script posts its device's public key (its private key stays in the phone)."""
    try:
        counting.check_register_device(request.user, poll, request.POST.get("device_key", ""))
    except ValidationError as error:
        return _refusal(error)
    return JsonResponse({"ready": True})


@sensitive_post_parameters()
@require_POST
@RULES.guard("board_member", load_poll)
def board_share(request, poll):
    """A share given: posted by the phone that kept it (JSON answer), or typed from the paper code (a form)."""
    if "share" in request.POST:
        try:
            poll = counting.check_give_share(request.user, poll, counting.share_from_device(request.POST["share"]))
        except WrongShare:
            return _refusal(ValidationError(_("This device's share could not be read. Type your paper code instead.")))
        except ValidationError as error:
            return _refusal(error)
        return JsonResponse(selectors.live_state(poll))
    form = PaperCodeForm(request.POST)
    if submit(request, form, lambda data: _give_code(request.user, poll, data["code"])):
        messages.success(request, _("Your share is given."))
        return redirect("voting:board", poll.pk)
    seat = board.seat_of(poll, request.user)
    context = {"poll": poll, "meeting": poll.meeting, "seat": seat, "holds_share": _holds_share(poll, seat)}
    context |= {"code_form": form, "can_set": False, "state": selectors.live_state(poll)} | _board_context(poll)
    return render(request, "voting/board.html", context, status=400)


def _give_code(user, poll: Poll, code: str) -> Poll:
    try:
        share = read_paper_code(poll.pk, code)
    except WrongShare:
        raise ValidationError(
            {"code": _("This code has a typing mistake: check it letter by letter against your paper.")}
        ) from None
    return counting.check_give_share(user, poll, share)
