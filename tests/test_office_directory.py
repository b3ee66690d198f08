"""The office's own pages for bodies, terms and resolutions: rules, validation in Vietnamese, audit."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from hoinghi.core.models import AuditEvent
from hoinghi.directory import services
from hoinghi.directory.models import Body, Term
from hoinghi.targets.models import Resolution
from hoinghi.targets.services_resolutions import check_save_resolution

BODY = {
    "name": "Thường trực HĐND huyện Nam Sách",
    "kind": "council",
    "signature_heading": "TM. THƯỜNG TRỰC HĐND",
    "quorum_numerator": "2",
    "quorum_denominator": "3",
}
PAGES = [
    ("directory:bodies", []),
    ("directory:body_create", []),
    ("directory:body_edit", ["body"]),
    ("directory:term_create", ["body"]),
    ("directory:term_edit", ["term"]),
    ("targets:manage", []),
    ("targets:resolution_create", []),
]


def resolution_data(world, **changes) -> dict:
    data = {
        "body": world.body.pk,
        "number": "06-NQ/TU",
        "title": "Nghị quyết chuyên đề về chuyển đổi số giai đoạn 2021-2025",
        "issued_on": "2021-03-22",
        "period_start": "2021",
        "period_end": "2030",
        "meeting": "",
    }
    return data | changes


def test_the_office_adds_and_edits_a_body_and_its_terms(world, client):
    client.force_login(world.users["office"])
    response = client.post(reverse("directory:body_create"), BODY | {"organization": world.committee.pk})
    assert response.status_code == 302
    body = Body.objects.get(name=BODY["name"])
    assert body.kind == "council" and body.organization == world.committee

    response = client.post(
        reverse("directory:term_create", args=[body.pk]),
        {"body": body.pk, "ordinal": "xxi", "start": "01/07/2021", "end": ""},
    )
    assert response.status_code == 302
    term = Term.objects.get(body=body)
    assert term.ordinal == "XXI" and term.start == datetime.date(2021, 7, 1)

    edit = BODY | {"organization": world.committee.pk, "quorum_numerator": "1", "quorum_denominator": "2"}
    assert client.post(reverse("directory:body_edit", args=[body.pk]), edit).status_code == 302
    listing = client.get(reverse("directory:bodies")).content.decode()
    assert BODY["name"] in listing and "Khóa XXI · 01/07/2021" in listing and "1/2" in listing

    created, changed = AuditEvent.objects.filter(verb__in=["body.create", "body.update"]).order_by("seq")
    assert created.actor_id == world.users["office"].pk and created.detail["changes"]["name"] == [None, BODY["name"]]
    assert changed.detail["changes"] == {"quorum_numerator": [2, 1], "quorum_denominator": [3, 2]}
    assert AuditEvent.objects.get(verb="term.create").detail["changes"]["ordinal"] == [None, "XXI"]


@pytest.mark.parametrize(
    "data, field, says",
    [
        ({"ordinal": "17"}, "ordinal", "Khóa phải ghi bằng số La Mã, ví dụ XVII."),
        ({"ordinal": "xvii"}, "ordinal", "Ban Thường vụ Tỉnh ủy đã có khóa XVII."),
        ({"end": "30/09/2020"}, "end", "Ngày kết thúc khóa không được trước ngày bắt đầu."),
        ({"start": "2021-13-40"}, "start", "Nhập ngày theo dạng dd/mm/yyyy."),
    ],
)
def test_a_bad_term_is_refused_in_vietnamese_and_nothing_is_kept(world, client, data, field, says):
    client.force_login(world.users["office"])
    posted = {"body": world.body.pk, "ordinal": "XVIII", "start": "01/10/2025", "end": ""} | data
    response = client.post(reverse("directory:term_create", args=[world.body.pk]), posted)
    assert response.status_code == 400
    assert says in [str(e) for e in response.context["form"].errors.get(field, [])], response.context["form"].errors
    assert says in response.content.decode()
    assert list(Term.objects.values_list("ordinal", flat=True)) == ["XVII"]
    assert not AuditEvent.objects.filter(verb="term.create").exists()


def test_the_office_adds_and_edits_a_resolution(world, client):
    client.force_login(world.users["office"])
    assert client.post(reverse("targets:resolution_create"), resolution_data(world)).status_code == 302
    resolution = Resolution.objects.get()
    assert resolution.created_by == world.users["office"] and resolution.period_end == 2030
    edit = resolution_data(world, title="Nghị quyết về chuyển đổi số", period_end="2025")
    assert client.post(reverse("targets:resolution_edit", args=[resolution.pk]), edit).status_code == 302
    resolution.refresh_from_db()
    assert resolution.title == "Nghị quyết về chuyển đổi số" and resolution.period_end == 2025
    changes = AuditEvent.objects.get(verb="resolution.update").detail["changes"]
    assert set(changes) == {"title", "period_end"} and changes["period_end"] == [2030, 2025]
    listing = client.get(reverse("targets:manage")).content.decode()
    assert "06-NQ/TU" in listing and "22/03/2021" in listing and "2021–2025" in listing


@pytest.mark.parametrize(
    "changes, field, says",
    [
        ({"period_end": "2020"}, "period_end", "Năm kết thúc không được trước năm bắt đầu."),
        ({"issued_on": "2031-01-02"}, "issued_on", "Ngày ban hành nghị quyết phải trước khi kết thúc thời kỳ"),
        ({"number": "05-NQ/TU"}, "number", "đã có nghị quyết số 05-NQ/TU"),
        ({"title": ""}, "title", "Trường này là bắt buộc."),
    ],
)
def test_a_bad_resolution_is_refused_in_vietnamese(world, client, changes, field, says):
    check_save_resolution(
        world.users["office"],
        body=world.body,
        number="05-NQ/TU",
        title="Nghị quyết khác",
        issued_on=datetime.date(2021, 1, 5),
        period_start=2021,
        period_end=2025,
        meeting=None,
    )
    client.force_login(world.users["office"])
    response = client.post(reverse("targets:resolution_create"), resolution_data(world, **changes))
    assert response.status_code == 400
    assert any(says in str(e) for e in response.context["form"].errors[field])
    assert Resolution.objects.count() == 1


@pytest.mark.parametrize("role", ["member", "chair", "invitee", "unit", "outsider"])
def test_only_the_office_reaches_the_pages_and_a_forged_post_changes_nothing(world, client, role):
    term = world.term
    objects = {"body": world.body.pk, "term": term.pk}
    client.force_login(world.users[role])
    for name, args in PAGES:
        url = reverse(name, args=[objects[a] for a in args])
        assert client.get(url).status_code == 403, url
        if name not in ("directory:bodies", "targets:manage"):  # the lists are read only (405 to a POST)
            assert client.post(url, BODY | {"organization": world.committee.pk}).status_code == 403, url
    assert client.post(reverse("targets:resolution_create"), resolution_data(world)).status_code == 403
    assert Body.objects.count() == 1 and Term.objects.count() == 1 and not Resolution.objects.exists()
    world.body.refresh_from_db()
    assert world.body.name != BODY["name"]
    with pytest.raises(PermissionDenied):
        services.check_save_body(world.users[role], world.body, name="Đổi tên")


def test_a_closed_account_of_the_office_is_sent_to_sign_in(world, client):
    office = world.users["office"]
    client.force_login(office)
    office.is_active = False
    office.save()
    response = client.post(reverse("directory:body_create"), BODY | {"organization": world.committee.pk})
    assert response.status_code in (302, 403) and "/login/" in response.get("Location", "/login/")
    assert not Body.objects.filter(name=BODY["name"]).exists()
