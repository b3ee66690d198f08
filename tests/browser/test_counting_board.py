"""In the browser: a secret poll's counting board on three phones, from getting ready to the count.

Each member's page makes its key with WebCrypto and keeps it in IndexedDB (his own browser context); the chair
opens the poll once the three phones are ready, members vote, the chair closes, and two members tap "give my
share": their pages decrypt their shares and the result appears on the chair's console. One member's page also
shows its share as a paper code, which the server reads back as his share. Screenshots of each state at phone and
desktop width go to test-artifacts/board/.
"""

import re
from pathlib import Path

from playwright.sync_api import expect

from hoinghi.voting import board_keys
from hoinghi.voting.models import Poll
from tests.voting_helpers import new_poll, running_meeting

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}
SHOTS = Path("test-artifacts/board")


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_three_phones_ready_the_vote_and_two_shares_count_it(open_as, world):
    meeting = running_meeting(world, present=[world.users[n] for n in ("chair", "member", "member2")])
    poll = new_poll(world, meeting, title="Giới thiệu nhân sự ứng cử Ban Chấp hành")
    board = f"/polls/{poll.pk}/board/"

    chair = open_as("chair", viewport=DESKTOP)
    chair.goto(f"/polls/{poll.pk}/console/")
    expect(chair.locator("#board-not-ready")).to_contain_text("3")
    expect(chair.locator("#poll-open")).to_be_disabled()
    shot(chair, "console-not-ready-1440")

    phones = {name: open_as(name, viewport=PHONE) for name in ("member", "member2", "chair")}
    for name, phone in phones.items():
        phone.goto(board)
        phone.click("#board-ready")
        expect(phone.locator("#board-message")).to_contain_text("sẵn sàng")
        if name == "member":
            shot(phone, "board-ready-390")
    chair.reload()
    expect(chair.locator("#board-ready-all")).to_be_visible()
    shot(chair, "console-ready-1440")
    chair.click("#poll-open")
    expect(chair.locator("#poll-close")).to_be_visible()

    # The chair's phone, left on the board page, follows the poll as it opens (the page reloads by itself), and
    # shows its share as a paper code: what the server reads back as his share.
    chairs_phone = phones["chair"]
    expect(chairs_phone.locator("#board-show-code")).to_be_visible()
    chairs_phone.click("#board-show-code")
    code = chairs_phone.locator("#board-code-value").inner_text()
    assert re.fullmatch(r"([A-Z2-7]{4}-){7}[A-Z2-7]{4}", code)
    seat = Poll.objects.get(pk=poll.pk).board.get(person=world.people["chair"])
    assert board_keys.is_genuine(poll.pk, board_keys.read_paper_code(poll.pk, code), seat.share_check)
    shot(chairs_phone, "board-paper-code-390")
    chairs_phone.click("#board-code-hide")
    expect(chairs_phone.locator("#board-code")).to_be_hidden()

    for name in ("member", "member2"):
        phone = phones[name]
        phone.goto(f"/polls/{poll.pk}/")
        phone.click("input[value='yes'] + label")
        phone.click("#cast")
        expect(phone.locator("#receipt-code")).to_be_visible()

    chair.click("#poll-close")
    chair.click("#poll-close-confirm")
    expect(chair.locator("#board-awaiting")).to_contain_text("0/2")
    shot(chair, "console-awaiting-1440")
    for n, name in enumerate(("member", "member2"), start=1):
        phone = phones[name]
        phone.goto(board)
        if n == 1:
            shot(phone, "board-give-390")
        phone.click("#board-give")
        if n == 1:
            expect(phone.locator(".board-given")).to_have_count(1)
            expect(chair.locator("#board-awaiting")).to_contain_text("1/2")
            shot(chair, "console-one-share-1440")
    expect(chair.locator(".result-outcome")).to_be_visible()
    expect(chair.locator("#board-counted")).to_be_visible()
    shot(chair, "console-counted-1440")
    # The first giver's page, still open, follows the count by itself.
    expect(phones["member"].locator("#board-message")).to_contain_text("đã được kiểm")
    shot(phones["member"], "board-counted-390")
    assert Poll.objects.get(pk=poll.pk).result["returned"] == 2

    # The same pages at the other width.
    phones["member2"].set_viewport_size(DESKTOP)
    phones["member2"].goto(board)
    shot(phones["member2"], "board-counted-1440")
    chair.set_viewport_size(PHONE)
    chair.goto(f"/polls/{poll.pk}/console/")
    shot(chair, "console-counted-390")
