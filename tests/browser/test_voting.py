"""In the browser: a secret ballot from the chair's console to the room screen and a member's receipt.

The live server is WSGI: the screens fall back from the event stream to asking for the state each
second, which is what they do behind any server that cannot stream.
"""

import re

from playwright.sync_api import expect

from hoinghi.voting.models import Poll
from tests.voting_helpers import ready_board, running_meeting

PHONE = {"width": 390, "height": 844}


def test_secret_ballot_live_in_the_room(open_as, world):
    meeting = running_meeting(world, present=[world.users[n] for n in ("chair", "member", "member2")])

    chair = open_as("chair")
    chair.goto(f"/meetings/{meeting.pk}/")
    chair.click(f"a[href='/polls/meeting/{meeting.pk}/new/']")
    chair.fill("#id_title", "Thông qua Nghị quyết chuyên đề về chuyển đổi số")
    chair.select_option("#id_method", "secret")
    chair.click("form.js-poll-form button.btn-party")
    chair.wait_for_url(re.compile(r"/polls/\d+/$"))
    poll = Poll.objects.get()
    chair.goto(f"/polls/{poll.pk}/console/")
    expect(chair.locator("#poll-open")).to_be_disabled()  # until the counting board's phones are ready
    board = ready_board(poll)  # (the board's own pages are tried in test_counting_board.py)
    chair.reload()
    chair.click("#poll-open")
    expect(chair.locator("#poll-close")).to_be_visible()

    room = open_as("office")
    room.goto(f"/polls/{poll.pk}/room/")
    expect(room.locator("#room-count")).to_have_text("0 / 3")

    receipts = {}
    for n, username in enumerate(["member", "member2"], start=1):
        member = open_as(username, viewport=PHONE)
        member.goto(f"/polls/{poll.pk}/")
        member.click("input[value='yes'] + label")
        member.click("#cast")
        receipts[username] = member.locator("#receipt-code").inner_text()
        expect(room.locator("#room-count")).to_have_text(f"{n} / 3")
        expect(chair.locator("#live-count")).to_have_text(f"{n} / 3")
    assert re.fullmatch(r"[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}", receipts["member"])

    chair.click("#poll-close")
    # Closing asks first, saying how many of those present have voted.
    expect(chair.locator("#close-count")).to_have_text("2 / 3 có mặt đã bỏ phiếu")
    expect(chair.locator("#close-warning")).to_contain_text("1 thành viên có mặt chưa bỏ phiếu")
    assert Poll.objects.get().status == "open"
    chair.click("#poll-close-confirm")
    board.give_shares()
    expect(chair.locator(".result-outcome")).to_be_visible()
    expect(room.locator(".room-outcome")).to_have_count(0)
    chair.click("#poll-publish")
    expect(room.locator(".room-outcome-passed")).to_be_visible()
    expect(room.locator("body")).to_contain_text("66,67%")

    member.goto(f"/polls/{poll.pk}/receipt/")
    member.fill("#id_receipt", receipts["member2"])
    member.click("form.card button")
    expect(member.locator("#receipt-result")).to_have_class(re.compile("alert-success"))


def test_a_yearly_rating_starts_with_the_collective_and_every_member(open_as, world):
    meeting = running_meeting(world)
    office = open_as("office")
    office.goto(f"/polls/meeting/{meeting.pk}/new/")
    expect(office.locator(".js-max-choices")).to_be_hidden()
    office.select_option("#id_kind", "rating")
    expect(office.locator("#id_subjects")).to_have_value(re.compile(f"{world.body.name}$"))
    for name in ("chair", "member", "member2"):
        expect(office.locator(f"input[name='people'][value='{world.people[name].pk}']")).to_be_checked()
    # A confidence vote rates office holders: the collective the rating put in goes.
    office.select_option("#id_kind", "confidence")
    expect(office.locator("#id_subjects")).to_have_value("")
    expect(office.locator("#id_threshold")).to_be_hidden()  # Quy định 96-QĐ/TW decides, stated instead
    expect(office.locator(".js-confidence-rule")).to_contain_text("96-QĐ/TW")
    office.select_option("#id_kind", "choose")
    expect(office.locator(".js-max-choices")).to_be_visible()
    office.select_option("#id_threshold", "custom")
    expect(office.locator("#id_denominator")).to_be_visible()
