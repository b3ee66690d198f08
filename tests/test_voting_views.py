"""The voting screens through HTTP: who gets which page, what a page shows while a secret poll runs,
the cast with its receipt, the counting board's form, and the live stream."""

import json
import re

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from django.core.exceptions import PermissionDenied
from django.test import AsyncClient
from django.urls import reverse

from hoinghi.core import live
from hoinghi.meetings import services as meeting_services
from hoinghi.voting import services
from hoinghi.voting.models import Ballot, PaperTally, Poll
from tests.clients import client_for
from tests.voting_helpers import BOARDS, answer, new_poll, open_poll, ready_board, running_meeting

OPTION_LABELS = ["Agree", "Disagree", "Abstain"]


def url(name, poll, **kwargs) -> str:
    return reverse(f"voting:{name}", args=[poll.pk], **kwargs)


def page(client, name, poll) -> str:
    response = client.get(url(name, poll))
    assert response.status_code == 200
    return response.content.decode()


def ballot_data(client, poll, option="yes") -> dict:
    """What the member's screen posts: its one-time token and an answer on each line."""
    token = re.search(r'name="token" value="([^"]+)"', page(client, "detail", poll)).group(1)
    return {"token": token} | {f"s{subject}": option for subject in answer(poll, option)}


@pytest.fixture
def meeting(world):
    return running_meeting(world, present=[world.users["chair"], world.users["member"], world.users["member2"]])


@pytest.mark.parametrize(
    "username,status",
    [("office", 200), ("chair", 200), ("member", 200), ("leader", 200), ("outsider", 403), ("unit", 403)],
)
def test_poll_pages_by_role(world, meeting, username, status):
    poll = open_poll(world, meeting)
    client = client_for(world.users[username], "en")
    for name in ("detail", "room", "state", "receipt"):
        assert client.get(url(name, poll)).status_code == status


@pytest.mark.parametrize("username", ["office", "member", "member2", "leader"])
def test_the_console_and_its_buttons_are_the_chairs_alone(world, meeting, username):
    poll = new_poll(world, meeting)
    client = client_for(world.users[username], "en")
    assert client.get(url("console", poll)).status_code == 403
    assert client.post(url("open", poll)).status_code == 403
    assert Poll.objects.get(pk=poll.pk).status == "draft"
    chair = client_for(world.users["chair"], "en")
    console = page(chair, "console", poll)
    # A secret poll opens once its counting board's phones are ready: the console says how many are missing.
    assert re.search(r'id="poll-open" disabled', console) and "3 phones are missing" in console
    assert chair.post(url("open", poll)).status_code == 302
    assert Poll.objects.get(pk=poll.pk).status == "draft"
    refusal = page(chair, "console", poll)
    assert "must open the board page on their phone first" in refusal and "Lê Thị Ủy" in refusal
    ready_board(poll)
    console = page(chair, "console", poll)
    assert "poll-open" in console and 'id="poll-open" disabled' not in console and "board is ready" in console
    assert chair.post(url("open", poll)).status_code == 302
    assert Poll.objects.get(pk=poll.pk).status == "open"


def test_a_member_casts_gets_a_receipt_and_a_retry_gets_the_same(world, meeting):
    poll = open_poll(world, meeting)
    member = client_for(world.users["member"], "en")
    data = ballot_data(member, poll)
    first = member.post(url("cast", poll), data).content.decode()
    code = re.search(r'id="receipt-code">([A-Z0-9-]+)<', first).group(1)
    assert "Keep this code" in first
    again = member.post(url("cast", poll), data).content.decode()
    assert code in again and "already been received" in again
    assert Ballot.objects.filter(poll=poll).exclude(sealed="").count() == 1
    # "You have voted" is said to that voter alone.
    assert "You have voted" in page(member, "detail", poll)
    other = page(client_for(world.users["member2"], "en"), "detail", poll)
    assert "You have voted" not in other and 'id="ballot"' in other


def test_a_second_device_is_refused_with_a_message(world, meeting):
    poll = open_poll(world, meeting)
    phone, tablet = client_for(world.users["member"], "en"), client_for(world.users["member"], "en")
    from_phone, from_tablet = ballot_data(phone, poll, "yes"), ballot_data(tablet, poll, "no")
    assert phone.post(url("cast", poll), from_phone).status_code == 200
    refused = tablet.post(url("cast", poll), from_tablet)
    assert refused.status_code == 400
    assert "already voted" in refused.content.decode()
    assert Ballot.objects.filter(poll=poll).exclude(sealed="").count() == 1


def test_an_invitee_is_told_invitees_do_not_vote_and_his_cast_is_refused(world, meeting):
    meeting_services.check_add_participant(world.users["office"], meeting, world.people["invitee"], "invitee")
    poll = open_poll(world, meeting)
    invitee = client_for(world.users["invitee"], "en")
    screen = page(invitee, "detail", poll)
    assert "Invitees do not vote." in screen and 'id="ballot"' not in screen
    with pytest.raises(PermissionDenied) as refusal:
        services.cast(world.users["invitee"], poll, answer(poll, "yes"), services.new_token())
    response = invitee.post(
        url("cast", poll), {"token": services.new_token()} | {f"s{s}": "yes" for s in answer(poll, "yes")}
    )
    assert response.status_code == 403
    assert str(refusal.value) in response.content.decode()
    assert not Ballot.objects.filter(poll=poll).exclude(sealed="").exists()


def test_while_a_secret_poll_is_open_the_screens_show_the_count_and_nothing_per_option(world, meeting):
    poll = open_poll(world, meeting)
    for username, option in (("member", "yes"), ("member2", "no")):
        client = client_for(world.users[username], "en")
        client.post(url("cast", poll), ballot_data(client, poll, option))
    chair = client_for(world.users["chair"], "en")
    for screen in (page(chair, "console", poll), page(chair, "room", poll)):
        assert re.search(r'data-live-field="cast_count">2<', screen)
        assert not any(label in screen for label in OPTION_LABELS)
        assert "Not yet voted" not in screen
    state = json.loads(page(client_for(world.users["office"], "en"), "state", poll))
    assert state == {
        "status": "open",
        "phase": "open",
        "cast_count": 2,
        "convened": 3,
        "present": 3,
        "title": poll.title,
    }
    # The voter's own flag goes to the voter only.
    assert json.loads(page(client_for(world.users["member"], "en"), "state", poll))["you_voted"] is True
    assert json.loads(page(chair, "state", poll))["you_voted"] is False


def test_the_result_reaches_the_chair_at_close_and_the_room_at_publication(world, meeting):
    poll = open_poll(world, meeting)
    for username in ("member", "member2"):
        client = client_for(world.users[username], "en")
        client.post(url("cast", poll), ballot_data(client, poll, "yes"))
    chair = client_for(world.users["chair"], "en")
    chair.post(url("close", poll), {"confirmed": "1"})
    console = page(chair, "console", poll)
    assert "Passed" not in console and "Awaiting the board: 0 of 2 shares given." in console
    assert 'id="poll-publish"' not in console
    BOARDS[poll.pk].give_shares(1)
    assert "Awaiting the board: 1 of 2 shares given." in page(chair, "console", poll)
    BOARDS[poll.pk].give_shares()
    assert "Passed" in page(chair, "console", poll)
    assert "Passed" not in page(chair, "room", poll)
    assert "Agree" not in page(client_for(world.users["member"], "en"), "detail", poll)
    chair.post(url("publish", poll))
    room = page(chair, "room", poll)
    assert "Passed" in room and "66.67%" in room and "width: 66.67%" in room
    assert "Passed" in page(client_for(world.users["member"], "en"), "detail", poll)


def test_an_open_vote_lists_who_has_not_voted_on_the_console_only(world, meeting):
    poll = open_poll(world, meeting, method="open")
    member = client_for(world.users["member"], "en")
    member.post(url("cast", poll), ballot_data(member, poll))
    chair = client_for(world.users["chair"], "en")
    waiting = chair.get(url("console", poll), headers={"HX-Request": "true"}).content.decode()
    assert "Phạm Văn Viên" in waiting and "Trần Văn Chủ" in waiting and "Lê Thị Ủy" not in waiting
    assert "Phạm Văn Viên" not in page(chair, "room", poll)


def test_a_voter_checks_his_receipt_after_publication(world, meeting):
    poll = open_poll(world, meeting)
    member = client_for(world.users["member"], "en")
    cast = member.post(url("cast", poll), ballot_data(member, poll)).content.decode()
    code = re.search(r'id="receipt-code">([A-Z0-9-]+)<', cast).group(1)
    assert "published with the result" in member.post(url("receipt", poll), {"receipt": code}).content.decode()
    chair = client_for(world.users["chair"], "en")
    chair.post(url("close", poll), {"confirmed": "1"})
    BOARDS[poll.pk].give_shares()
    chair.post(url("publish", poll))
    counted = member.post(url("receipt", poll), {"receipt": code.lower().replace("-", " ")}).content.decode()
    assert "is among the counted ballots" in counted
    wrong = member.post(url("receipt", poll), {"receipt": "AAAA-AAAA-AAAA"}).content.decode()
    assert "not among the counted ballots" in wrong


def test_the_poll_form_prefills_ratings_and_creates_the_poll(world, meeting):
    assert client_for(world.users["member"], "en").get(reverse("voting:create", args=[meeting.pk])).status_code == 403
    office = client_for(world.users["office"], "en")
    create = reverse("voting:create", args=[meeting.pk])
    form = office.get(create).content.decode()
    assert 'data-rating-collective="The collective of the Ban Thường vụ Tỉnh ủy"' in form
    members = re.search(r'data-rating-people="([\d,]+)"', form).group(1).split(",")
    assert sorted(members) == sorted(str(world.people[n].pk) for n in ("chair", "member", "member2"))
    data = {
        "title": "Giới thiệu nhân sự",
        "kind": "candidates",
        "method": "secret",
        "threshold": "custom",
        "numerator": 5,
        "denominator": 4,
        "subjects": "Nguyễn Văn A\n\nNguyễn Văn B\n",
        "people": [world.people["member"].pk],
    }
    refused = office.post(create, data)
    assert refused.status_code == 200 and "between 0 and 1" in refused.content.decode()
    assert not Poll.objects.exists()
    response = office.post(create, data | {"numerator": 3})
    poll = Poll.objects.get()
    assert response.status_code == 302 and response["Location"] == url("detail", poll)
    assert [s.label for s in poll.subjects.all()] == ["Nguyễn Văn A", "Nguyễn Văn B", "Lê Thị Ủy"]
    assert (poll.share_numerator, poll.share_denominator, poll.strict) == (3, 4, False)


def test_the_counting_board_form_refuses_sums_that_disagree_and_keeps_corrections(world, meeting):
    poll = open_poll(world, meeting, method="paper")
    office = client_for(world.users["office"], "en")
    assert client_for(world.users["member"], "en").get(url("paper", poll)).status_code == 403
    (subject,) = answer(poll, "yes")
    figures = {"issued": 3, "returned": 3, "valid": 2, "invalid": 0, f"c{subject}_yes": 2}
    refused = office.post(url("paper", poll), figures)
    assert refused.status_code == 400 and "must add up to the ballots returned" in refused.content.decode()
    assert not PaperTally.objects.exists()
    assert office.post(url("paper", poll), figures | {"invalid": 1}).status_code == 302
    assert client_for(world.users["chair"], "en").post(url("paper", poll), figures | {"valid": 3}).status_code == 302
    entries = page(office, "paper", poll).split("<h2")[1]
    rows = re.findall(r"<tr.*?</tr>", entries, re.S)[1:]
    assert len(rows) == 2 and "Trần Văn Chủ" in rows[0] and "office" in rows[1]  # the newest first


def test_the_meeting_page_lists_its_polls(world, meeting):
    poll = open_poll(world, meeting)
    meeting_page = reverse("meetings:detail", args=[meeting.pk])
    office = client_for(world.users["office"], "en").get(meeting_page).content.decode()
    assert url("detail", poll) in office and reverse("voting:create", args=[meeting.pk]) in office
    member = client_for(world.users["member"], "en").get(meeting_page).content.decode()
    assert url("detail", poll) in member and reverse("voting:create", args=[meeting.pk]) not in member


def test_the_event_stream_is_refused_to_outsiders_and_says_stop_under_wsgi(world, meeting):
    poll = open_poll(world, meeting)
    assert client_for(world.users["outsider"], "en").get(url("events", poll)).status_code == 403
    assert client_for(world.users["member"], "en").get(url("events", poll)).status_code == 204


def test_the_event_stream_sends_the_state_then_each_change(world, meeting):
    poll = open_poll(world, meeting)

    async def read() -> list[str]:
        client = AsyncClient()
        await client.aforce_login(world.users["member"])
        response = await client.get(url("events", poll))
        assert response["Content-Type"] == "text/event-stream"
        frames = aiter(response.streaming_content)
        first = (await anext(frames)).decode()
        await sync_to_async(live.publish)(f"poll-{poll.pk}", {"status": "open", "cast_count": 1})
        second = (await anext(frames)).decode()
        await frames.aclose()
        return [first, second]

    first, second = async_to_sync(read)()
    assert first.startswith("retry: 2000\n")
    assert json.loads(first.split("data: ")[1]) == {
        "status": "open",
        "phase": "open",
        "cast_count": 0,
        "convened": 3,
        "present": 3,
        "title": poll.title,
    }
    assert second == 'data: {"status": "open", "cast_count": 1}\n\n'
    assert f"poll-{poll.pk}" not in live._local._subscribers  # the screen left: its subscription too


def test_an_open_vote_shows_who_voted_what_once_published(world, meeting):
    poll = open_poll(world, meeting, method="open")
    member = client_for(world.users["member"], "en")
    member.post(url("cast", poll), ballot_data(member, poll, "no"))
    chair = client_for(world.users["chair"], "en")
    chair.post(url("close", poll), {"confirmed": "1"})
    assert "Who voted what" not in page(member, "detail", poll)
    chair.post(url("publish", poll))
    table = page(member, "detail", poll).split("Who voted what")[1]
    assert re.search(r"<td>Lê Thị Ủy</td><td>Disagree</td>", table)


def test_the_count_record_and_the_published_ballots_wait_for_their_time(world, meeting):
    poll = open_poll(world, meeting)
    member, chair = client_for(world.users["member"], "en"), client_for(world.users["chair"], "en")
    member.post(url("cast", poll), ballot_data(member, poll))
    assert chair.get(reverse("records:vote_count", args=[poll.pk])).status_code == 404
    chair.post(url("close", poll), {"confirmed": "1"})
    assert chair.get(reverse("records:vote_count", args=[poll.pk])).status_code == 404  # not counted yet
    BOARDS[poll.pk].give_shares()
    assert member.get(reverse("records:vote_count", args=[poll.pk])).status_code == 403
    assert member.get(url("published", poll)).status_code == 404
    record = chair.get(reverse("records:vote_count", args=[poll.pk]))
    assert record.status_code == 200 and record.content.startswith(b"PK")
    chair.post(url("publish", poll))
    assert member.get(reverse("records:vote_count", args=[poll.pk])).status_code == 200
    assert len(json.loads(member.get(url("published", poll)).content)["ballots"]) == 1


def test_a_cast_and_its_duplicates_cost_a_few_queries_and_no_menu(world, meeting):
    """What a room voting at once costs the server per request (counted, not timed)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    poll = open_poll(world, meeting)
    member = client_for(world.users["member"], "en")
    data = ballot_data(member, poll)
    counts = []
    for sent in (data, data, data | {"token": services.new_token()}):  # the cast, a replay, a second device
        with CaptureQueriesContext(connection) as captured:
            response = member.post(url("cast", poll), sent)
        counts.append(len(captured))
    assert response.status_code == 400 and "already voted" in response.content.decode()
    # session, account, poll, its subjects, the voter's seat and place in the meeting (the rule that admits the
    # cast), the roll; the cast then writes in the batch's transaction
    assert counts[1:] == [7, 7]
    assert counts[0] <= 16
    assert 'id="nav"' not in response.content.decode()  # the answer is a bare page: no menu to build


def test_closing_asks_first_with_the_count_of_those_present_and_works_without_script(world, meeting):
    poll = open_poll(world, meeting, method="open")
    member = client_for(world.users["member"], "en")
    member.post(url("cast", poll), ballot_data(member, poll, "yes"))
    chair = client_for(world.users["chair"], "vi")
    # The console's button posts without confirmation: the answer is a page that asks, and nothing is closed.
    asked = chair.post(url("close", poll))
    assert asked.status_code == 200
    text = asked.content.decode()
    assert "1 / 3 có mặt đã bỏ phiếu" in text and "2 thành viên có mặt chưa bỏ phiếu" in text
    assert "Phạm Văn Viên" in text and "Trần Văn Chủ" in text  # an open vote names who has not voted
    assert 'name="confirmed"' in text
    assert Poll.objects.get(pk=poll.pk).status == "open"
    # A member cannot reach the question, nor close with the confirmation.
    assert client_for(world.users["member"], "en").post(url("close", poll), {"confirmed": "1"}).status_code == 403
    assert chair.post(url("close", poll), {"confirmed": "1"}).status_code == 302
    assert Poll.objects.get(pk=poll.pk).status == "closed"


def test_a_secret_poll_asks_with_the_count_only(world, meeting):
    poll = open_poll(world, meeting)
    text = client_for(world.users["chair"], "vi").post(url("close", poll)).content.decode()
    assert "0 / 3 có mặt đã bỏ phiếu" in text and "Lê Thị Ủy" not in text
