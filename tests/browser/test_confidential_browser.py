"""In the browser, at a phone's and a desktop's width: a confidential PDF and DOCX read as page images with the
reader's name across every page, nothing of their text in the page to select or copy; a leader's and a unit's
view of a meeting with a confidential item. Screenshots go to $HOINGHI_SHOTS (or the test's folder) to be looked at.
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests import confidential_world
from tests.confidential_world import DIRECTIVE, SECRET
from tests.test_confidential_papers import SECRET_TEXT, long_docx

WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1440, "height": 900}}


@pytest.fixture
def room(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"
    settings.PAGES_DIR = tmp_path / "pages"
    return confidential_world.build(world, docx=long_docx())


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("HOINGHI_SHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def loaded_pages(page) -> list[int]:
    """The natural width of every page image once loaded (lazy images are scrolled into view first)."""
    for image in page.locator(".viewer-page img").all():
        image.scroll_into_view_if_needed()
        expect(image).to_have_js_property("complete", True)
    return page.eval_on_selector_all(".viewer-page img", "images => images.map(i => i.naturalWidth)")


def test_a_member_reads_confidential_papers_as_images_at_every_width(open_as, room, shots):
    papers = {"pdf": room.objects["document"]["secret"], "docx": room.objects["document"]["secret docx"]}
    for width, viewport in WIDTHS.items():
        member = open_as("member", viewport=viewport)
        for kind, paper in papers.items():
            member.goto(f"/meetings/documents/{paper.pk}/")
            assert set(loaded_pages(member)) == {1240}
            # Nothing of the paper's text is in the page: select all and copy gets the page's own words only.
            text = member.evaluate("document.body.innerText")
            assert "Zqdocx" not in text and SECRET_TEXT not in text and "Personnel file" not in text
            shown = member.locator(".viewer-page img").first.bounding_box()
            assert shown["width"] <= viewport["width"]  # the page, and its watermark, scale to the screen
            member.screenshot(path=str(shots / f"viewer-{kind}-{width}.png"), full_page=False)
            member.locator(".viewer-page img").first.screenshot(path=str(shots / f"page-{kind}-{width}.png"))


def test_a_leader_and_a_unit_see_the_place_of_the_confidential_item_and_nothing_of_it(open_as, room, shots):
    meeting = room.meeting
    for width, viewport in WIDTHS.items():
        for role in ("leader", "unit_secret"):
            reader = open_as(room.users[role].username, viewport=viewport)
            reader.goto(f"/meetings/{meeting.pk}/")
            text = reader.evaluate("document.body.innerText")
            assert "Nội dung mật" in text and confidential_world.NORMAL_TITLE in text
            assert not [marker for marker in SECRET.values() if marker in text]
            reader.screenshot(path=str(shots / f"meeting-{role}-{width}.png"), full_page=True)
        unit = open_as(room.users["unit_secret"].username, viewport=viewport)
        unit.goto(f"/directives/{room.objects['directive']['secret'].pk}/")
        text = unit.evaluate("document.body.innerText")
        assert DIRECTIVE in text and not [marker for marker in SECRET.values() if marker in text]
        unit.screenshot(path=str(shots / f"directive-unit-{width}.png"), full_page=True)
