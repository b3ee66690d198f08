"""The office edits a notice, an engagement of the weekly schedule and a library document through the forms it
adds them with: every edit audited with what it changed, shown on the public pages at once (their cached parts
are dropped), refused with a reason when wrong and leaving nothing half-written; nobody else may edit."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from hoinghi.core import audit
from hoinghi.core.models import AuditEvent
from hoinghi.portal import services_library
from hoinghi.portal.models import Notice, PublicDocument, ScheduleEntry
from tests.portal_helpers import BROWSER, PDF, document, fresh_portal  # noqa: F401 (a fixture)

pytestmark = pytest.mark.usefixtures("fresh_portal")
OTHERS = ["chair", "member", "invitee", "unit", "leader"]


@pytest.fixture
def office(client, world):
    client.force_login(world.users["office"])
    return client


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def public_page(client, name, *args) -> str:
    return client.get(reverse(name, args=args), HTTP_USER_AGENT=BROWSER).content.decode()


def events(verb):
    return list(AuditEvent.objects.filter(verb=verb).order_by("seq"))


def notice(world, title="Thông báo lịch tiếp công dân"):
    return services_library.check_add_notice(world.users["office"], title=title, body="Nội dung")


def entry(world, day=None, leader="Đồng chí Bí thư"):
    day = day or timezone.localdate()
    made = services_library.check_add_schedule_entry(
        world.users["office"], day=day, time=datetime.time(8), leader=leader, content="Làm việc với Sở Tài chính"
    )
    services_library.check_publish_week(world.users["office"], made.schedule)
    return made


def pdf(name, content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def document_fields(found: PublicDocument, **changed) -> dict:
    fields = {
        "number": found.number, "issued_on": found.issued_on.strftime("%d/%m/%Y"), "issuer": found.issuer,
        "doc_type": found.doc_type, "summary": found.summary, "is_public": "on" if found.is_public else "",
    }  # fmt: skip
    return fields | changed


@pytest.mark.django_db
def test_the_office_edits_a_notice_and_the_public_sees_it_at_once(
    office, client, world, django_capture_on_commit_callbacks
):
    posted = notice(world)
    assert "Thông báo lịch tiếp công dân" in public_page(client, "portal:notices")  # now in the cache
    edit_url = reverse("portal:office_notice", args=[posted.pk])
    assert "Thông báo lịch tiếp công dân" in office.get(edit_url).content.decode()  # the form, filled in
    with django_capture_on_commit_callbacks(execute=True):
        response = office.post(edit_url, {"title": "Thông báo lịch tiếp công dân tháng 12", "body": "Nội dung"})
    assert response.url == reverse("portal:desk")
    posted.refresh_from_db()
    assert posted.title == "Thông báo lịch tiếp công dân tháng 12"
    assert "Thông báo lịch tiếp công dân tháng 12" in public_page(client, "portal:notices")
    (event,) = events("notice.update")
    assert event.actor == world.users["office"]
    assert event.detail["changes"] == {
        "title": ["Thông báo lịch tiếp công dân", "Thông báo lịch tiếp công dân tháng 12"]
    }


@pytest.mark.django_db
def test_a_notice_cannot_end_before_it_is_shown_and_nothing_changes(office, world):
    posted = notice(world)
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).strftime("%d/%m/%Y")
    response = office.post(
        reverse("portal:office_notice", args=[posted.pk]), {"title": "Tiêu đề mới", "expires_on": yesterday}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["expires_on"]
    assert Notice.objects.get().title == "Thông báo lịch tiếp công dân"
    assert not events("notice.update")


@pytest.mark.django_db
def test_an_edit_that_changes_nothing_is_not_logged(world):
    posted = notice(world)
    services_library.check_update_notice(world.users["office"], posted, title=posted.title, body="Nội dung")
    assert not events("notice.update")


@pytest.mark.django_db
def test_the_office_corrects_an_engagement_of_a_published_week(
    office, client, world, django_capture_on_commit_callbacks
):
    made = entry(world)
    assert "Đồng chí Bí thư" in public_page(client, "portal:schedule")
    edit_url = reverse("portal:office_entry", args=[made.pk])
    assert (
        reverse("portal:office_entry", args=[made.pk])
        in office.get(reverse("portal:office_week", args=[made.schedule_id])).content.decode()
    )
    data = {"day": made.day.strftime("%d/%m/%Y"), "time": "14:30", "leader": "Đồng chí Phó Bí thư Thường trực",
            "content": "Làm việc với Sở Tài chính", "place": "Phòng họp số 2", "chair": ""}  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        response = office.post(edit_url, data)
    assert response.url == reverse("portal:office_week", args=[made.schedule_id])
    made.refresh_from_db()
    assert (made.leader, made.time, made.place) == (
        "Đồng chí Phó Bí thư Thường trực",
        datetime.time(14, 30),
        "Phòng họp số 2",
    )
    assert "Đồng chí Phó Bí thư Thường trực" in public_page(client, "portal:schedule")
    (event,) = events("schedule.update_entry")
    assert event.detail["changes"]["time"] == ["08:00:00", "14:30:00"]
    assert set(event.detail["changes"]) == {"time", "leader", "place"}


@pytest.mark.django_db
def test_an_engagement_moved_to_another_week_goes_to_that_weeks_schedule(world):
    made = entry(world)
    first_week = made.schedule
    later = made.day + datetime.timedelta(days=7)
    fields = {"day": later, "time": made.time, "leader": made.leader, "content": made.content, "place": "", "chair": ""}
    services_library.check_update_schedule_entry(world.users["office"], made, **fields)
    made.refresh_from_db()
    assert made.schedule != first_week
    assert (made.schedule.year, made.schedule.week) == later.isocalendar()[:2]
    assert made.schedule.published_at is None  # a new week is published by the office when it is ready
    assert not first_week.entries.exists()


@pytest.mark.django_db
def test_the_office_edits_a_document_and_replaces_its_file(office, world, media, django_capture_on_commit_callbacks):
    found = document(world.users["office"], "12/QĐ-UBND", public=True)
    old_path = found.file.path
    edit_url = reverse("portal:office_document", args=[found.pk])
    page = office.get(edit_url).content.decode()
    assert "12/QĐ-UBND" in page and "qd.pdf" in page
    new_content = PDF.replace(b"1 0 obj", b"2 0 obj")
    with django_capture_on_commit_callbacks(execute=True):
        response = office.post(
            edit_url, document_fields(found, number="12/QĐ-UBND-sửa", file=pdf("qd-moi.pdf", new_content))
        )
    assert response.url == reverse("portal:desk")
    found.refresh_from_db()
    assert found.number == "12/QĐ-UBND-sửa" and found.original_name == "qd-moi.pdf"
    assert found.file.read() == new_content and found.size == len(new_content)
    assert "sua" in found.search_key  # found by the new number, with or without diacritics
    assert not (media / old_path).exists()
    (event,) = events("document.update")
    assert event.detail["changes"]["file"] == ["qd.pdf", "qd-moi.pdf"]
    assert event.detail["changes"]["number"] == ["12/QĐ-UBND", "12/QĐ-UBND-sửa"]


@pytest.mark.django_db
def test_a_document_edited_without_a_file_keeps_its_own(office, world, media):
    found = document(world.users["office"], "12/QĐ-UBND", public=True)
    office.post(reverse("portal:office_document", args=[found.pk]), document_fields(found, summary="Tóm tắt mới"))
    found.refresh_from_db()
    assert found.summary == "Tóm tắt mới" and found.file.read() == PDF
    (event,) = events("document.update")
    assert set(event.detail["changes"]) == {"summary"}


@pytest.mark.django_db
def test_a_wrong_file_is_refused_and_the_document_stays_as_it_was(office, world, media):
    found = document(world.users["office"], "12/QĐ-UBND", public=True)
    files_before = sorted(media.rglob("*"))
    response = office.post(
        reverse("portal:office_document", args=[found.pk]),
        document_fields(found, number="Số khác", file=pdf("anh.pdf", b"GIF89a not a document")),
    )
    assert response.status_code == 200 and response.context["form"].errors["file"]
    found.refresh_from_db()
    assert found.number == "12/QĐ-UBND" and found.file.read() == PDF
    assert sorted(media.rglob("*")) == files_before
    assert not events("document.update")


@pytest.mark.django_db
def test_a_failure_after_the_new_file_is_stored_leaves_neither_it_nor_the_change(world, media, monkeypatch):
    found = document(world.users["office"], "12/QĐ-UBND", public=True)
    files_before = sorted(media.rglob("*"))

    def broken(*args, **kwargs):
        raise RuntimeError("the log is unavailable")

    monkeypatch.setattr(audit, "record", broken)
    fields = {"number": "Số mới", "issued_on": found.issued_on, "issuer": found.issuer, "doc_type": found.doc_type,
              "summary": found.summary, "is_public": True}  # fmt: skip
    with pytest.raises(RuntimeError):
        services_library.check_update_document(world.users["office"], found, pdf("moi.pdf"), **fields)
    assert sorted(media.rglob("*")) == files_before
    stored = PublicDocument.objects.get()
    assert stored.number == "12/QĐ-UBND" and stored.file.read() == PDF


@pytest.mark.django_db
@pytest.mark.parametrize("role", OTHERS)
def test_only_the_office_edits_notices_engagements_and_documents(client, world, media, role):
    posted, made = notice(world), entry(world)
    found = document(world.users["office"], "12/QĐ-UBND", public=True)
    client.force_login(world.users[role])
    pages = {
        reverse("portal:office_notice", args=[posted.pk]): {"title": "Sửa trái phép"},
        reverse("portal:office_entry", args=[made.pk]): {"day": "07/12/2026", "leader": "X", "content": "Y"},
        reverse("portal:office_document", args=[found.pk]): document_fields(found, number="Sửa trái phép"),
    }
    for url, data in pages.items():
        assert client.get(url).status_code == 403
        assert client.post(url, data).status_code == 403
    with pytest.raises(PermissionDenied):
        services_library.check_update_notice(world.users[role], posted, title="Sửa trái phép")
    assert Notice.objects.get().title == posted.title
    assert ScheduleEntry.objects.get().leader == made.leader
    assert PublicDocument.objects.get().number == "12/QĐ-UBND"
    assert not AuditEvent.objects.filter(
        verb__in=["notice.update", "schedule.update_entry", "document.update"]
    ).exists()
