"""The public pages are kept whole in the cache (pages.cached_page): what the office changes shows at once, a
scheduled article goes live at its time with the page in the cache, each view still gets its own counter figures,
and nothing of a signed-in person is ever kept."""

import datetime
import time

import pytest
from django.urls import reverse
from django.utils import timezone

from hoinghi.portal import services
from tests.portal_helpers import BROWSER, fresh_portal, published, write  # noqa: F401 (a fixture)

pytestmark = pytest.mark.usefixtures("fresh_portal")


def page(client, path) -> str:
    response = client.get(path, HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_an_edit_of_a_published_article_shows_at_once(client, world, django_capture_on_commit_callbacks):
    office = world.users["office"]
    article = published(office, "Hội nghị tổng kết năm")
    assert "Hội nghị tổng kết năm" in page(client, reverse("portal:home"))
    assert "Nội dung bài viết" in page(client, article.get_absolute_url())  # both pages now in the cache
    with django_capture_on_commit_callbacks(execute=True):
        services.check_save_article(
            office, article, title="Hội nghị tổng kết năm 2026", summary="Tóm tắt", body="<p>Nội dung đã sửa.</p>"
        )
    assert "Hội nghị tổng kết năm 2026" in page(client, reverse("portal:home"))
    assert "Nội dung đã sửa." in page(client, article.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        services.check_move_article(office, article, "withdrawn")
    assert client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER).status_code == 404
    assert "Hội nghị tổng kết năm 2026" not in page(client, reverse("portal:home"))


@pytest.mark.django_db
@pytest.mark.parametrize("wait", [30, 50])
def test_a_scheduled_article_goes_live_at_its_time_while_the_page_is_cached(client, world, monkeypatch, wait):
    """The page is kept no longer than until the next scheduled article's time: at that time plus a second, with
    nothing cleared, the article is on the home page (the cache's clock and the site's both moved on)."""
    office = world.users["office"]
    article = write(office, "Bài hẹn giờ công bố")
    services.check_move_article(office, article, "review")
    start, clock = timezone.now(), time.time()
    services.check_move_article(office, article, "scheduled", start + datetime.timedelta(seconds=wait))
    assert "Bài hẹn giờ công bố" not in page(client, reverse("portal:home"))
    just_before = wait - 2
    monkeypatch.setattr(timezone, "now", lambda: start + datetime.timedelta(seconds=just_before))
    monkeypatch.setattr(time, "time", lambda: clock + just_before)
    assert "Bài hẹn giờ công bố" not in page(client, reverse("portal:home"))
    later = wait + 1
    monkeypatch.setattr(timezone, "now", lambda: start + datetime.timedelta(seconds=later))
    monkeypatch.setattr(time, "time", lambda: clock + later)
    assert "Bài hẹn giờ công bố" in page(client, reverse("portal:home"))
    assert "Bài hẹn giờ công bố" in page(client, article.get_absolute_url())


@pytest.mark.django_db
def test_each_view_of_a_cached_page_gets_its_own_counter_figures(client, world):
    published(world.users["office"], "Tin đầu tiên")
    counts = []
    for visitor in ("a" * 32, "b" * 32, "c" * 32):
        client.cookies["hn_khach"] = visitor
        text = page(client, reverse("portal:home"))
        counts.append(text.count('class="visits"'))
        assert "portal:visits" not in text  # the slot is always filled
    assert counts == [1, 1, 1]
    today = [page(client, reverse("portal:home")).split("<dd>")[2].split("</dd>")[0]]
    client.cookies["hn_khach"] = "d" * 32
    today.append(page(client, reverse("portal:home")).split("<dd>")[2].split("</dd>")[0])
    assert int(today[1]) == int(today[0]) + 1  # a new person's visit counted, the same page still in the cache


@pytest.mark.django_db
def test_a_page_first_seen_by_a_signed_in_person_keeps_nothing_of_him(client, world):
    published(world.users["office"], "Tin đầu tiên")
    client.force_login(world.users["office"])
    signed_in = page(client, reverse("portal:home"))
    client.logout()
    anonymous = page(client, reverse("portal:home"))
    office = world.users["office"]
    for text in (signed_in, anonymous):
        assert "csrfmiddlewaretoken" not in text and office.username not in text
        assert not office.get_full_name() or office.get_full_name() not in text
    assert signed_in.split("<main")[1].split("</main>")[0] == anonymous.split("<main")[1].split("</main>")[0]


@pytest.mark.django_db
def test_pages_anyone_can_ask_for_by_any_number_are_not_kept(client, world, monkeypatch):
    """Were every ?trang= and every week of every year kept, a visitor could fill the cache and push the pages
    people read out of it: past the first pages and the years around this one, pages are rendered, not kept."""
    from hoinghi.portal import pages

    kept = []
    keep = pages.cache.set
    monkeypatch.setattr(pages.cache, "set", lambda key, *args: kept.append(key) or keep(key, *args))
    published(world.users["office"], "Tin hội nghị")
    this_year = timezone.localdate().year
    for path in [f"{reverse('portal:articles')}?trang=5000", reverse("portal:schedule_week", args=[9999, 1])]:
        page(client, path)
    for path in [f"{reverse('portal:notices')}?trang=51", reverse("portal:schedule_week", args=[this_year - 3, 1])]:
        page(client, path)
    assert kept == []
    assert "Tin hội nghị" in page(client, f"{reverse('portal:articles')}?trang=50")  # the last page, shown
    page(client, reverse("portal:schedule_week", args=[this_year + 2, 1]))
    assert [key.split(":")[4] for key in kept] == ["articles", "schedule"]
