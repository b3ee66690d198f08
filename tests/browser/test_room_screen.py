"""In the browser: the room screen of a yearly rating of every member fits one projector screen, a page at a time."""

from pathlib import Path

from playwright.sync_api import expect

from hoinghi.voting import services
from tests.voting_helpers import add_voters, new_poll, running_meeting

SHOTS = Path("render")
PROJECTORS = [{"width": 1440, "height": 900}, {"width": 1920, "height": 1080}]


def published_rating(world, members: int):
    voters = add_voters(world, members)
    seated = [world.users[name] for name in ("chair", "member", "member2")]
    meeting = running_meeting(world, present=[*seated, *voters])
    people = [seat.person for seat in meeting.participants.filter(is_member=True).select_related("person")]
    subjects = [(f"Tập thể {world.body.name}", None)] + [(person.full_name, person) for person in people]
    poll = new_poll(
        world, meeting, title="Đánh giá, xếp loại chất lượng năm 2026", kind="rating", method="paper", subjects=subjects
    )
    poll = services.check_open_poll(world.users["chair"], poll)
    returned = len(people)
    counts = {str(s.pk): {"excellent": 3, "good": returned - 4, "completed": 1} for s in poll.subjects.all()}
    services.check_enter_paper_tally(
        world.users["office"], poll, issued=returned, returned=returned, valid=returned, invalid=0, counts=counts
    )
    services.check_close_poll(world.users["chair"], poll)
    return services.check_publish_poll(world.users["chair"], poll), len(subjects)


def page_height(page) -> int:
    return page.evaluate("document.documentElement.scrollHeight")


def test_a_yearly_rating_of_every_member_fits_the_projector_a_page_at_a_time(open_as, world):
    poll, subjects = published_rating(world, 17)  # the collective and 20 members: 21 lines
    assert subjects == 21
    room = open_as("member")  # one sign-in: a second one within the same half-minute reuses its code
    for viewport in PROJECTORS:
        room.set_viewport_size(viewport)
        room.goto(f"/polls/{poll.pk}/room/")
        expect(room.locator(".room-subject")).to_have_count(8)
        assert page_height(room) <= viewport["height"], page_height(room)
        room.screenshot(path=str(SHOTS / f"room-rating-{viewport['width']}.png"), full_page=True)
        expect(room.locator(".pagination")).to_contain_text("Trang 1/3")
        room.click("a.page-link:has-text('Sau')")
        expect(room.locator(".pagination")).to_contain_text("Trang 2/3")
        room.click("a.page-link:has-text('Sau')")
        # The last screen: the remaining five, every one of the 21 shown once over the three screens.
        expect(room.locator(".room-subject")).to_have_count(5)
        assert page_height(room) <= viewport["height"]
    expect(room.locator(".room-subject").last).to_contain_text("Hoàn thành tốt nhiệm vụ")
    room.set_viewport_size({"width": 390, "height": 844})
    room.goto(f"/polls/{poll.pk}/room/")
    assert room.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scroll
    room.screenshot(path=str(SHOTS / "room-rating-390.png"), full_page=True)
