"""The public portal shows only what is live and public: on every page, the feed and the sitemap."""

import datetime
import importlib

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from hoinghi.portal import services_library
from tests.portal_helpers import BROWSER, document, every_status, fresh_portal  # noqa: F401 (a fixture)

PUBLIC_PAGES = ["home", "articles", "notices", "schedule", "documents", "photos", "feed", "sitemap"]
LISTING_ARTICLES = {"home", "articles", "feed", "sitemap"}


pytestmark = pytest.mark.usefixtures("fresh_portal")


def get(client, path, **headers):
    return client.get(path, HTTP_USER_AGENT=BROWSER, **headers)


@pytest.mark.django_db
def test_no_page_feed_or_sitemap_shows_an_article_that_is_not_live(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    articles = every_status(world.users["office"])
    live = articles.pop("live")
    for name in PUBLIC_PAGES:
        text = get(client, reverse(f"portal:{name}")).content.decode()
        assert name not in LISTING_ARTICLES or live.slug in text, name
        for hidden in articles.values():
            assert hidden.title not in text and hidden.slug not in text, (name, hidden.status)
    assert get(client, live.get_absolute_url()).status_code == 200
    for hidden in articles.values():
        assert get(client, reverse("portal:article", args=[hidden.slug])).status_code == 404


@pytest.mark.django_db
def test_only_public_documents_are_listed_or_downloadable(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    office = world.users["office"]
    shown = document(office, "12/QĐ-UBND", public=True)
    kept = document(office, "99/QĐ-UBND", public=False, summary="Quyết định nội bộ")
    page = get(client, reverse("portal:documents")).content.decode()
    assert shown.number in page and kept.number not in page
    assert get(client, reverse("portal:document_file", args=[shown.pk])).status_code == 200
    assert get(client, reverse("portal:document_file", args=[kept.pk])).status_code == 404
    services_library.check_set_document_public(office, kept, True)
    assert kept.number in get(client, reverse("portal:documents")).content.decode()


@pytest.mark.django_db
def test_documents_are_found_with_or_without_diacritics_and_filtered(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    office = world.users["office"]
    document(office, "12/QĐ-UBND", public=True, summary="Quyết định về chuyển đổi số")
    document(office, "7/KH-UBND", public=True, summary="Kế hoạch phòng chống thiên tai")
    url = reverse("portal:documents")
    page = get(client, url, QUERY_STRING="q=chuyen+doi").content.decode()
    assert "12/QĐ-UBND" in page and "7/KH-UBND" not in page
    page = get(client, url + "?nam=2020").content.decode()
    assert "12/QĐ-UBND" not in page
    page = get(client, url + "?nam=abc").content.decode()
    assert "12/QĐ-UBND" in page and 'role="alert"' in page  # the bad filter is named, the others still apply


@pytest.mark.django_db
def test_a_published_article_appears_at_once_and_a_withdrawn_one_goes(
    client, world, django_capture_on_commit_callbacks
):
    from hoinghi.portal import services
    from tests.portal_helpers import published

    office = world.users["office"]
    assert "Tin mới" not in get(client, reverse("portal:home")).content.decode()  # the part is now cached
    with django_capture_on_commit_callbacks(execute=True):
        article = published(office, "Tin mới về kỳ họp")
    assert article.title in get(client, reverse("portal:home")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.check_move_article(office, article, "withdrawn")
    assert article.title not in get(client, reverse("portal:home")).content.decode()


@pytest.mark.django_db
def test_a_scheduled_article_goes_live_at_its_time_with_the_cache_in_between(client, world, monkeypatch):
    from hoinghi.portal import services

    office = world.users["office"]
    from tests.portal_helpers import write

    article = write(office, "Bài hẹn giờ")
    services.check_move_article(office, article, "review")
    at = timezone.now() + datetime.timedelta(minutes=30)
    services.check_move_article(office, article, "scheduled", at)
    assert article.title not in get(client, reverse("portal:home")).content.decode()
    later = at + datetime.timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    cache.clear()  # the part's lifetime ends at the scheduled time (pages.seconds_to_next_schedule)
    assert article.title in get(client, reverse("portal:home")).content.decode()
    assert get(client, article.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_the_schedule_of_a_week_shows_once_published(client, world, django_capture_on_commit_callbacks):
    office = world.users["office"]
    today = timezone.localdate()
    entry = services_library.check_add_schedule_entry(
        office, day=today, time=datetime.time(8), leader="Đồng chí Bí thư", content="Làm việc với Sở Y tế",
        place="Phòng họp số 1", chair="Đồng chí Bí thư",
    )  # fmt: skip
    assert "Làm việc với Sở Y tế" not in get(client, reverse("portal:schedule")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services_library.check_publish_week(office, entry.schedule)
    page = get(client, reverse("portal:schedule")).content.decode()
    assert "Làm việc với Sở Y tế" in page and "Phòng họp số 1" in page
    printed = get(client, reverse("portal:schedule") + "?ban-in=1").content.decode()
    assert "Làm việc với Sở Y tế" in printed and 'class="menu"' not in printed


@pytest.mark.django_db
def test_notices_show_from_their_time_until_their_last_day(client, world):
    office = world.users["office"]
    now = timezone.now()
    services_library.check_add_notice(office, title="Thông báo tuyển dụng", publish_at=now)
    services_library.check_add_notice(
        office, title="Thông báo cũ", publish_at=now - datetime.timedelta(days=9),
        expires_on=timezone.localdate() - datetime.timedelta(days=1),
    )  # fmt: skip
    services_library.check_add_notice(office, title="Thông báo tuần sau", publish_at=now + datetime.timedelta(days=7))
    page = get(client, reverse("portal:notices")).content.decode()
    assert "Thông báo tuyển dụng" in page
    assert "Thông báo cũ" not in page and "Thông báo tuần sau" not in page


@pytest.mark.django_db
def test_the_article_page_has_its_title_description_tools_and_other_news(client, world):
    from tests.portal_helpers import published

    office = world.users["office"]
    first = published(office, "Hội nghị lần thứ nhất")
    second = published(office, "Hội nghị lần thứ hai")
    page = get(client, second.get_absolute_url() + "?co-chu=lon").content.decode()
    assert f"<title>{second.title} · " in page
    assert f'<meta name="description" content="Tóm tắt {second.title}">' in page
    assert 'class="portal font-large"' in page and "?ban-in=1" in page
    assert "facebook.com/sharer" in page and first.title in page  # other news
    printed = get(client, second.get_absolute_url() + "?ban-in=1").content.decode()
    assert second.title in printed and "facebook.com/sharer" in printed and 'class="menu"' not in printed


@pytest.mark.django_db
def test_the_public_pages_need_no_sign_in_and_the_desk_is_the_offices(client, world):
    assert get(client, reverse("portal:home")).status_code == 200
    assert get(client, reverse("portal:desk")).status_code == 302  # to the sign-in
    client.force_login(world.users["member"])
    assert get(client, reverse("portal:desk")).status_code == 403
    client.force_login(world.users["office"])
    assert get(client, reverse("portal:desk")).status_code == 200


@pytest.mark.django_db
def test_the_emc_script_is_on_the_pages_only_when_configured(client, settings):
    assert "<script" not in get(client, reverse("portal:home")).content.decode()
    settings.PORTAL_EMC_SCRIPT_URL = "https://emc.example.gov.vn/js/emc.js"
    settings.PORTAL_EMC_SITE_ID = "12345"
    cache.clear()
    page = get(client, reverse("portal:home")).content.decode()
    assert '<script src="https://emc.example.gov.vn/js/emc.js" data-site-id="12345" async></script>' in page


def test_the_csp_allows_the_emc_host_only_when_configured(monkeypatch):
    def script_sources():
        product = importlib.reload(importlib.import_module("hoinghi.settings"))
        return product.CONTENT_SECURITY_POLICY["DIRECTIVES"]["script-src"]

    try:
        assert script_sources() == ["'self'"]
        monkeypatch.setenv("HOINGHI_EMC_SCRIPT_URL", "https://emc.example.gov.vn/js/emc.js")
        assert script_sources() == ["'self'", "https://emc.example.gov.vn"]
    finally:
        monkeypatch.undo()
        script_sources()


@pytest.mark.django_db
def test_with_the_cache_down_the_pages_render_and_a_publication_is_saved(
    client, world, settings, django_capture_on_commit_callbacks, caplog
):
    """Redis stopped (real Redis clients, to a port where nothing listens): pages are rendered without the cache and
    without the visit counter's figures, the office's publication is saved and its news logged, not raised after
    the commit."""
    down = "redis://127.0.0.1:9/0"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": down}}
    settings.REDIS_URL = down
    office = world.users["office"]
    entry = services_library.check_add_schedule_entry(
        office, day=timezone.localdate(), time=datetime.time(8), leader="Đồng chí Bí thư",
        content="Làm việc với Sở Y tế", place="Phòng họp số 1", chair="Đồng chí Bí thư",
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        services_library.check_publish_week(office, entry.schedule)
    for name in PUBLIC_PAGES:
        assert get(client, reverse(f"portal:{name}")).status_code == 200, name
    assert "Làm việc với Sở Y tế" in get(client, reverse("portal:schedule")).content.decode()
    assert "the portal's cache cannot be reached" in caplog.text
    assert "the visit counter cannot reach Redis" in caplog.text
