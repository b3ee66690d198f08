"""The office's pages for organizations over time and for recording a reorganization: the lists of a day, the
form, the preview, the confirmation, the refusals in Vietnamese, the history."""

import datetime

import pytest
from django.urls import reverse

from hoinghi.core.models import AuditEvent
from hoinghi.directory.models import Organization, Reorganization
from tests.factories import make_user

pytestmark = pytest.mark.django_db

EFFECTIVE = datetime.date(2025, 7, 1)
FORM = reverse("directory:reorganization_create") + "?effective=01/07/2025"


@pytest.fixture
def office(world, client):
    client.force_login(world.users["office"])
    return client


@pytest.fixture
def provinces(world):
    """A second province's committee to merge with the world's, and the new city committee that succeeds both."""
    other = Organization.objects.create(name="Tỉnh ủy Đông Tây", kind="party", document_code="TU")
    city = Organization.objects.create(name="Thành ủy Bắc Nam", kind="party", document_code="TU", start=EFFECTIVE)
    return other, city


def merge_data(world, provinces, **changes) -> dict:
    other, city = provinces
    data = {
        "kind": "merge",
        "predecessors": [world.committee.pk, other.pk],
        "successors": [city.pk],
        "basis_number": "202/2025/QH15",
        "basis_date": "12/06/2025",
        "basis_title": "Nghị quyết về việc sắp xếp đơn vị hành chính cấp tỉnh",
        "note": "",
    }
    return data | changes


def test_the_office_adds_an_organization_with_its_days_and_edits_it(world, office):
    data = {"name": "Đảng ủy xã Tân Phong", "kind": "party", "level": "commune", "start": "01/07/2025", "end": ""}
    data |= {"short_name": "", "parent": world.committee.pk, "document_code": "ĐU", "place_name": "Tân Phong"}
    assert office.post(reverse("directory:organization_create"), data).status_code == 302
    commune = Organization.objects.get(name="Đảng ủy xã Tân Phong")
    assert commune.start == EFFECTIVE and commune.parent == world.committee
    edit = data | {"end": "31/12/2026"}
    assert office.post(reverse("directory:organization_edit", args=[commune.pk]), edit).status_code == 302
    created, changed = AuditEvent.objects.filter(verb__startswith="organization.").order_by("seq")
    assert created.verb == "organization.create" and created.actor_id == world.users["office"].pk
    assert changed.detail["changes"] == {"end": [None, "2026-12-31"]}
    refused = office.post(reverse("directory:organization_edit", args=[commune.pk]), edit | {"end": "30/06/2025"})
    assert refused.status_code == 400
    assert "Ngày kết thúc không thể trước ngày thành lập." in refused.content.decode()
    commune.refresh_from_db()
    assert commune.end == datetime.date(2026, 12, 31)


def test_the_list_shows_what_exists_on_the_day_and_the_ended_on_request(world, office):
    Organization.objects.create(
        name="Huyện ủy Nam Sách", kind="party", level="district", end=datetime.date(2025, 6, 30)
    )
    Organization.objects.create(name="Đảng ủy xã Nam Sách", kind="party", level="commune", start=EFFECTIVE)
    url = reverse("directory:organizations")
    today = office.get(url).content.decode()
    assert "Đảng ủy xã Nam Sách" in today and "Huyện ủy Nam Sách" not in today
    before = office.get(url, {"day": "30/06/2025"}).content.decode()
    assert "Huyện ủy Nam Sách" in before and "Đảng ủy xã Nam Sách" not in before
    asked = office.get(url, {"ended": "on"}).content.decode()
    assert "Huyện ủy Nam Sách" in asked and "đã kết thúc 30/06/2025" in asked
    bad = office.get(url, {"day": "31/02/2025"}).content.decode()
    assert "Nhập ngày theo dạng dd/mm/yyyy." in bad and "Đảng ủy xã Nam Sách" in bad


def test_the_office_records_a_merge_through_the_form_the_preview_and_the_confirmation(world, office, provinces):
    other, city = provinces
    staff = make_user("committee_staff", "unit_staff", organization=world.committee)
    # The day first; the form then offers the predecessors of the day before and the successors of the day.
    assert "effective" in office.get(reverse("directory:reorganization_create")).content.decode()
    form = office.get(FORM).context["form"]
    offered = {name: [label for value, label in form.fields[name].choices] for name in ("predecessors", "successors")}
    assert "Thành ủy Bắc Nam" not in offered["predecessors"] and "Tỉnh ủy Bắc Nam" in offered["predecessors"]
    assert offered["successors"] == [
        "Sở Khoa học và Công nghệ",
        "Thành ủy Bắc Nam",
        "Tỉnh ủy Bắc Nam",
        "Tỉnh ủy Đông Tây",
        "UBND tỉnh Bắc Nam",
    ]

    preview = office.post(FORM, merge_data(world, provinces))
    page = preview.content.decode()
    assert preview.status_code == 200 and "Ban Thường vụ Tỉnh ủy" in page and "3 ghế" in page
    assert "committee_staff" in page and not Reorganization.objects.exists()

    back = office.post(FORM, merge_data(world, provinces) | {"back": "1"})
    assert back.context["form"]["basis_number"].value() == "202/2025/QH15"

    done = office.post(FORM, merge_data(world, provinces) | {"confirm": "1"})
    assert done.status_code == 302
    change = Reorganization.objects.get()
    assert set(change.predecessors.all()) == {world.committee, other} and change.entered_by == world.users["office"]
    staff.refresh_from_db()
    assert staff.organization == city
    history = office.get(reverse("directory:organization", args=[world.committee.pk])).content.decode()
    assert "Hợp nhất" in history and "202/2025/QH15" in history and "12/06/2025" in history
    assert "Thành ủy Bắc Nam" in history and "đã kết thúc 30/06/2025" in history
    listing = office.get(reverse("directory:reorganizations")).content.decode()
    assert "Tỉnh ủy Đông Tây" in listing and "01/07/2025" in listing


@pytest.mark.parametrize(
    "changes, says",
    [
        ({"successors": "world.committee"}, "Một tổ chức không thể kế thừa chính nó."),
        ({"predecessors": "one"}, "Số tổ chức tiền nhiệm không phù hợp với hình thức sắp xếp này"),
        ({"basis_date": "02/07/2025", "confirm": "1"}, "Ngày ban hành văn bản không thể sau ngày có hiệu lực."),
    ],
)
def test_a_refused_reorganization_is_said_on_the_form_and_nothing_is_written(world, office, provinces, changes, says):
    resolved = {"world.committee": [world.committee.pk], "one": [world.committee.pk]}
    data = merge_data(world, provinces) | {key: resolved.get(value, value) for key, value in changes.items()}
    response = office.post(FORM, data)
    assert response.status_code == 400
    assert says in response.content.decode()
    assert not Reorganization.objects.exists()
    world.committee.refresh_from_db()
    assert world.committee.end is None


def test_a_successor_not_yet_begun_is_refused_and_the_page_offers_to_create_it(world, office, provinces):
    other, _city = provinces
    later = Organization.objects.create(name="Thành ủy mới", kind="party", start=datetime.date(2025, 8, 1))
    response = office.post(FORM, merge_data(world, provinces, successors=[later.pk]))
    assert response.status_code == 400
    assert "Thành ủy mới chưa hoạt động vào ngày 01/07/2025: hãy nhập ngày thành lập." in response.content.decode()
    link = response.context["new_successor"]
    assert link.startswith(reverse("directory:organization_create")) and "start=01%2F07%2F2025" in link
    created = office.get(link)
    assert created.context["form"]["start"].value() == "01/07/2025"
    data = {"name": "Thành ủy Hải Phòng", "kind": "party", "level": "province", "start": "01/07/2025"}
    data |= {"end": "", "short_name": "", "parent": "", "document_code": "TU", "place_name": ""}
    back = office.post(link, data)
    assert back.status_code == 302 and back.url == FORM


def test_a_dissolution_with_two_successors_asks_where_each_account_moves(world, office):
    first = Organization.objects.create(name="Sở Nội vụ", kind="government")
    second = Organization.objects.create(name="Sở Tài chính", kind="government")
    data = {"kind": "dissolution", "predecessors": [world.department.pk], "successors": [first.pk, second.pk]}
    data |= {"basis_number": "15/NQ-HĐND", "basis_date": "20/06/2025", "basis_title": "", "note": ""}
    preview = office.post(FORM, data)
    moves = preview.context["moves"]
    assert list(moves.fields) == [f"move_{world.users['unit'].pk}"]
    unplaced = office.post(FORM, data | {"confirm": "1"})
    assert unplaced.status_code == 400 and "Trường này là bắt buộc." in unplaced.content.decode()
    assert not Reorganization.objects.exists()
    done = office.post(FORM, data | {"confirm": "1", f"move_{world.users['unit'].pk}": second.pk})
    assert done.status_code == 302
    world.users["unit"].refresh_from_db()
    assert world.users["unit"].organization == second


@pytest.mark.parametrize("role", ["member", "chair", "invitee", "unit", "leader"])
def test_only_the_office_reaches_the_organization_pages(world, client, provinces, role):
    client.force_login(world.users[role])
    pages = [
        reverse("directory:organizations"),
        reverse("directory:organization", args=[world.committee.pk]),
        reverse("directory:organization_create"),
        reverse("directory:organization_edit", args=[world.committee.pk]),
        reverse("directory:reorganizations"),
        FORM,
    ]
    for url in pages:
        assert client.get(url).status_code == 403
    assert client.post(FORM, merge_data(world, provinces) | {"confirm": "1"}).status_code == 403
    assert not Reorganization.objects.exists()
