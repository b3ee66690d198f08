"""An application process killed (SIGKILL) in the middle of a secret ballot of VOTERS members, behind nginx.

Every voter opens the ballot page and casts through nginx, SPREAD at a time; when a third of them have been
answered, server A is killed with SIGKILL. Each voter keeps what he was told: a receipt (recorded), or no answer
(a connection cut, nginx's 502). Those without an answer do what the page lets them: half send the same form again
(a retry with the same one-time token), half open the ballot page again and cast from it. After the close and the
board's shares, the box holds exactly one ballot per voter, and the fingerprint of every receipt given.
"""

import os
import random
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import pytest
import requests

from hoinghi.meetings.models import Participant
from hoinghi.voting.models import Ballot, CountedBallot, VoterRoll
from hoinghi.voting.verify import normalize_receipt, receipt_fingerprint
from tests.voting_helpers import add_voters, close_poll, open_poll, running_meeting

from .conftest import Inputs, running_stack, signed_in_session, skip_unless_postgresql

pytestmark = pytest.mark.django_db(transaction=True)  # the servers read what the test writes: it must commit
VOTERS = int(os.environ.get("FAULT_VOTERS", 500))
SPREAD = 16  # voters casting at the same moment
KILL_AFTER = VOTERS // 3
RECEIPT = 'id="receipt-code">'
ALREADY = "Đồng chí đã biểu quyết"  # "You have already voted in this poll."
YOU_VOTED = 'id="you-voted"'  # the ballot page of one whose ballot is recorded: "You have voted in this poll."


@pytest.fixture
def stack(django_db_setup, tmp_path):
    """A stack of its own: this test kills one of its servers."""
    skip_unless_postgresql()
    with running_stack(tmp_path) as running:
        yield running


def receipt(answer: requests.Response) -> str | None:
    start = answer.text.find(RECEIPT)
    if answer.status_code != 200 or start < 0:
        return None
    return answer.text[start + len(RECEIPT) : answer.text.index("<", start + len(RECEIPT))].strip()


def ballot(session, stack, poll) -> dict:
    page = session.get(f"{stack.url}/polls/{poll.pk}/", timeout=30)
    page.raise_for_status()
    return Inputs(page.text).values


def cast(session, stack, poll, form) -> requests.Response | None:
    """The answer to a cast, or None when none came (the connection was cut)."""
    try:
        return session.post(f"{stack.url}/polls/{poll.pk}/cast/", data=form, timeout=30)
    except requests.ConnectionError:
        return None


def test_a_server_killed_mid_ballot_loses_and_doubles_no_ballot(stack, world):
    voters = add_voters(world, VOTERS)
    meeting = running_meeting(world)
    meeting.participants.update(attendance=Participant.Attendance.PRESENT)  # one statement, not 500 audited steps
    poll = open_poll(world, meeting, method="secret")
    sessions = [signed_in_session(stack, voter) for voter in voters]
    forms = [None] * VOTERS
    told: list[requests.Response | None] = [None] * VOTERS
    victim = stack.server_process("A")

    def vote(index: int) -> None:
        try:
            forms[index] = ballot(sessions[index], stack, poll)
        except requests.RequestException:
            return  # the page did not come: he has not voted, and tries again below
        told[index] = cast(sessions[index], stack, poll, forms[index])
        if index == KILL_AFTER:
            stack.kill(victim)

    with ThreadPoolExecutor(SPREAD) as pool:
        list(pool.map(vote, range(VOTERS)))
    recorded = {i: receipt(answer) for i, answer in enumerate(told) if receipt(answer)}
    unanswered = [i for i in range(VOTERS) if i not in recorded]
    refused = [told[i] for i in unanswered if told[i] is not None and told[i].status_code < 500]
    assert not refused, f"answers neither a receipt nor a server's failure: {refused[:1]} {refused[-1:][0].text[:3000]}"
    assert unanswered, "the kill cut no cast: the test proved nothing"
    assert victim.returncode == -9

    # The voters without an answer try again, on the server left: with the same form, or from a fresh ballot page.
    random.seed(VOTERS)
    retried, seen = {}, Counter()
    for index in unanswered:
        session = sessions[index]
        if forms[index] is None or random.random() < 0.5:
            page = session.get(f"{stack.url}/polls/{poll.pk}/", timeout=30)
            page.raise_for_status()
            if YOU_VOTED in page.text:  # his first cast was recorded: the page says so and offers no ballot
                seen["new page: told already voted"] += 1
                continue
            answer = cast(session, stack, poll, Inputs(page.text).values)
            # One whose cast was lost gets his receipt now (or, had it been recorded meanwhile, is told so).
            assert answer.status_code in (200, 400), answer.text[:500]
            if answer.status_code == 400:
                assert ALREADY in answer.text, answer.text[:2000]
        else:
            answer = cast(session, stack, poll, forms[index])
            assert answer.status_code == 200, answer.text[:500]  # the same token: its receipt, lost or not
        if receipt(answer):
            retried[index] = receipt(answer)
        way = "same form" if forms[index] is not None and answer.request.body == urlencode(forms[index]) else "new page"
        seen[f"{way}: {'receipt' if receipt(answer) else 'told already voted'}"] += 1

    assert VoterRoll.objects.filter(poll=poll).count() == VOTERS  # each voter once on the roll
    poll = close_poll(world, poll)
    slots = list(Ballot.objects.filter(poll=poll).exclude(fingerprint="").values_list("fingerprint", flat=True))
    counted = set(slots)
    assert CountedBallot.objects.filter(poll=poll).count() == VOTERS == len(slots) == len(counted)  # once each
    given = {receipt_fingerprint(normalize_receipt(code)) for code in [*recorded.values(), *retried.values()]}
    assert given <= counted, f"{len(given - counted)} receipts given but not counted"
    cut = Counter("no answer" if told[i] is None else f"HTTP {told[i].status_code}" for i in unanswered)
    print(f"\n{VOTERS} voters: {len(recorded)} receipts at once; cut by the kill: {dict(cut)}; again: {dict(seen)}")
