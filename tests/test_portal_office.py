"""The office's editorial pages: start an article from a meeting, edit it with or without the editor, move it
through its steps, schedule it; every revision kept and every change audited; nobody else may."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from hoinghi.core.models import AuditEvent
from hoinghi.portal.models import Article, Photo
from tests.portal_helpers import BROWSER, fresh_portal  # noqa: F401 (a fixture)

pytestmark = pytest.mark.usefixtures("fresh_portal")


@pytest.fixture
def office(client, world):
    client.force_login(world.users["office"])
    return client


@pytest.fixture
def held(world):
    meeting = world.meeting(title="Hội nghị Ban Thường vụ tháng 11", number=12)
    world.item(meeting, title="Báo cáo kinh tế - xã hội năm 2026")
    return meeting


@pytest.mark.django_db
def test_the_office_starts_an_article_from_a_meeting_edits_and_publishes_it(office, held, world):
    draft_page = office.get(reverse("records:news_draft", args=[held.pk])).content.decode()
    assert reverse("portal:office_article_from_meeting", args=[held.pk]) in draft_page
    response = office.post(reverse("portal:office_article_from_meeting", args=[held.pk]))
    article = Article.objects.get()
    assert response.url == reverse("portal:office_article", args=[article.pk])
    assert article.meeting == held and article.status == "draft"
    # Without scripts the text is a textarea of HTML; whatever it carries is sanitized.
    body = '<p>Nội dung đã biên tập.</p><script>alert(1)</script><p onclick="x()">Đoạn hai</p>'
    office.post(
        reverse("portal:office_article", args=[article.pk]),
        {"title": article.title, "summary": "Tóm tắt mới", "body": body},
    )
    article.refresh_from_db()
    assert article.body == "<p>Nội dung đã biên tập.</p><p>Đoạn hai</p>"
    for step in ("review", "published"):
        office.post(reverse("portal:office_article_move", args=[article.pk]), {"status": step})
    article.refresh_from_db()
    assert article.status == "published" and article.publish_at <= timezone.now()
    assert [r.status for r in article.revisions.order_by("number")] == ["draft", "draft", "review", "published"]
    verbs = list(
        AuditEvent.objects.filter(object_id=str(article.pk), verb__startswith="article.")
        .order_by("seq")
        .values_list("verb", flat=True)
    )
    assert verbs == ["article.create", "article.update", "article.review", "article.published"]
    assert office.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER).status_code == 200


@pytest.mark.django_db
def test_scheduling_needs_a_time_in_the_future(office, world):
    from tests.portal_helpers import write

    article = write(world.users["office"], "Bài hẹn giờ")
    move = reverse("portal:office_article_move", args=[article.pk])
    office.post(move, {"status": "review"})
    # Yesterday at 08:00: in the past whatever the hour the test runs.
    past = timezone.localtime() - datetime.timedelta(days=1)
    response = office.post(
        move, {"status": "scheduled", "publish_at_0": past.strftime("%d/%m/%Y"), "publish_at_1": "08:00"}, follow=True
    )
    assert "tương lai" in response.content.decode()
    article.refresh_from_db()
    assert article.status == "review"
    later = timezone.localtime() + datetime.timedelta(days=2)
    office.post(move, {"status": "scheduled", "publish_at_0": later.strftime("%d/%m/%Y"), "publish_at_1": "08:00"})
    article.refresh_from_db()
    assert article.status == "scheduled"
    assert timezone.localtime(article.publish_at).strftime("%d/%m/%Y %H:%M") == later.strftime("%d/%m/%Y 08:00")


@pytest.mark.django_db
def test_a_step_out_of_order_is_refused_with_the_reason(office, world):
    from tests.portal_helpers import write

    article = write(world.users["office"], "Bài chưa duyệt")
    response = office.post(
        reverse("portal:office_article_move", args=[article.pk]), {"status": "published"}, follow=True
    )
    assert "không thể chuyển từ" in response.content.decode()
    article.refresh_from_db()
    assert article.status == "draft"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["chair", "member", "invitee", "unit", "leader"])
def test_only_the_office_edits_the_portal(client, world, held, role):
    client.force_login(world.users[role])
    assert client.get(reverse("portal:desk")).status_code == 403
    assert client.post(reverse("portal:office_article_from_meeting", args=[held.pk])).status_code == 403
    assert client.post(reverse("portal:office_notice_new"), {"title": "x"}).status_code == 403
    assert not Article.objects.exists()


def jpeg(width, height) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(output, "JPEG")
    return output.getvalue()


@pytest.mark.django_db
def test_a_photo_is_resized_on_upload_and_its_original_kept(office, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    original = jpeg(3000, 2000)
    upload = SimpleUploadedFile("anh.jpg", original, content_type="image/jpeg")
    office.post(reverse("portal:office_photo_new"), {"caption": "Toàn cảnh hội nghị", "image": upload})
    photo = Photo.objects.get()
    assert (photo.width, photo.height) == (1280, 853)
    assert photo.original.read() == original
    shown = office.get(reverse("portal:photo_file", args=[photo.pk, "anh"]), HTTP_USER_AGENT=BROWSER)
    assert Image.open(io.BytesIO(b"".join(shown.streaming_content))).size == (1280, 853)


@pytest.mark.django_db
def test_a_file_that_is_not_an_image_is_refused_as_a_photo(office, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("anh.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")
    response = office.post(reverse("portal:office_photo_new"), {"caption": "x", "image": upload})
    assert response.status_code == 200 and not Photo.objects.exists()
