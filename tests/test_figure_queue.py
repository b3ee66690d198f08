"""The office's queue of figures waiting for approval across every unit: one page, the longest waiting first, each
with its unit and period, approved or returned with the reason from there. A returned figure is kept, no longer
current: the unit sees why and reports the period again. Only the office reaches the queue and its actions; a
duplicate or out-of-range period is refused with its reason in Vietnamese."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hoinghi.core import audit
from hoinghi.targets import services
from hoinghi.targets.models import Figure
from tests.clients import client_for, page
from tests.target_helpers import Q1, Q2, build_plan, figure

QUEUE = reverse("targets:queue")


@pytest.fixture
def plan(world):
    return build_plan(world)


def waiting(world, plan) -> list[Figure]:
    """Three figures of two units, and one approved already (not in the queue)."""
    first = figure(world, plan.services, Q1, 61)
    second = figure(world, plan.services, Q1, 55, who=plan.district_staff, organization=plan.district)
    third = figure(world, plan.firms, Q1.replace(year=2023), 120)
    approved = figure(world, plan.services, Q2, 63)
    services.check_approve_figure(world.users["office"], approved)
    return [first, second, third]


def queue_ids(html: str) -> list[int]:
    return [int(part.split('"')[0]) for part in html.split('id="figure-')[1:]]


def test_the_queue_lists_every_units_figures_waiting_the_longest_first(world, plan):
    first, second, third = waiting(world, plan)
    html = page(client_for(world.users["office"]), QUEUE)
    assert queue_ids(html) == [first.pk, second.pk, third.pk]
    assert "Sở Khoa học và Công nghệ" in html and "UBND huyện Đông Sơn" in html
    assert "Quý I/2024" in html and "Năm 2023" in html
    assert "Số liệu chờ duyệt" in html


@pytest.mark.parametrize("who", ["unit", "leader", "chair", "member"])
def test_only_the_office_reaches_the_queue_and_its_actions(world, plan, who):
    first, *_ = waiting(world, plan)
    client = client_for(world.users[who])
    assert client.get(QUEUE).status_code == 403
    response = client.post(reverse("targets:return", args=[first.pk]), {"reason": "Sai số liệu", "from": "queue"})
    assert response.status_code == 403
    assert client.post(reverse("targets:approve", args=[first.pk]), {"from": "queue"}).status_code == 403
    first.refresh_from_db()
    assert first.status == Figure.Status.REPORTED and first.is_current


def test_the_office_approves_from_the_queue_and_comes_back_to_it(world, plan):
    first, second, third = waiting(world, plan)
    office = client_for(world.users["office"])
    response = office.post(reverse("targets:approve", args=[second.pk]), {"from": "queue", "page": "1"})
    assert response.status_code == 302 and response.url == QUEUE + "?page=1"
    second.refresh_from_db()
    assert second.status == Figure.Status.APPROVED and second.approved_by == world.users["office"]
    assert queue_ids(page(office, QUEUE)) == [first.pk, third.pk]


def test_a_returned_figure_is_kept_and_the_unit_reports_the_period_again(world, plan):
    first, *_ = waiting(world, plan)
    office = client_for(world.users["office"])
    response = office.post(
        reverse("targets:return", args=[first.pk]), {"reason": "Số liệu chưa khớp báo cáo quý", "from": "queue"}
    )
    assert response.status_code == 302 and response.url == QUEUE
    first.refresh_from_db()
    assert (first.status, first.is_current, first.return_reason) == ("returned", False, "Số liệu chưa khớp báo cáo quý")
    assert first.pk not in queue_ids(page(office, QUEUE))
    [event] = [e for e in audit.history(first) if e.verb == "figure.return"]
    assert event.actor_id == world.users["office"].pk and event.detail["reason"] == "Số liệu chưa khớp báo cáo quý"

    # The unit sees why, and the period is open to it again.
    unit = client_for(world.users["unit"])
    panel = page(unit, reverse("targets:report_target", args=[plan.services.pk]))
    assert "Số liệu chưa khớp báo cáo quý" in panel and "Văn phòng trả lại" in panel
    response = unit.post(
        reverse("targets:report_target", args=[plan.services.pk]), {"period": "2024-01-01", "value": "62"}
    )
    assert response.status_code == 302
    current = Figure.objects.get(target=plan.services, organization=world.department, period=Q1, is_current=True)
    assert current.value == 62 and current.status == Figure.Status.REPORTED


@pytest.mark.parametrize(
    "reason, status, message",
    [
        ("", "reported", "Nêu lý do trả lại số liệu."),
        ("Sai", "approved", "Chỉ trả lại được số liệu đang chờ duyệt."),
    ],
)
def test_a_return_without_reason_or_of_an_approved_figure_is_refused(world, plan, reason, status, message):
    first, *_ = waiting(world, plan)
    if status == "approved":
        services.check_approve_figure(world.users["office"], first)
    office = client_for(world.users["office"])
    response = office.post(reverse("targets:return", args=[first.pk]), {"reason": reason, "from": "queue"}, follow=True)
    assert message in response.content.decode()
    first.refresh_from_db()
    assert first.status == status and first.is_current


def test_a_returned_figure_cannot_be_approved_returned_or_corrected(world, plan):
    first, *_ = waiting(world, plan)
    office = world.users["office"]
    services.check_return_figure(office, first, reason="Sai đơn vị tính")
    for action in (
        lambda: services.check_approve_figure(office, first),
        lambda: services.check_return_figure(office, first, reason="Lần nữa"),
        lambda: services.check_correct_figure(office, first, value=60, reason="Sửa"),
    ):
        with pytest.raises(ValidationError, match="đã được trả lại đơn vị"):
            action()
    first.refresh_from_db()
    assert first.status == "returned" and not first.is_current


@pytest.mark.parametrize("who", ["unit", "office"])
@pytest.mark.parametrize(
    "period, message",
    [("2024-01-01", "Kỳ báo cáo này đã có số liệu"), ("2020-01-01", "ngoài thời kỳ của nghị quyết")],
)
def test_a_duplicate_or_out_of_range_period_gets_its_reason_in_vietnamese(world, plan, who, period, message):
    """The unit, or the office reporting on its behalf, while its figure waits in the queue."""
    waiting(world, plan)
    url = reverse("targets:report_target", args=[plan.services.pk])
    if who == "office":
        url += f"?organization={world.department.pk}"
    response = client_for(world.users[who]).post(url, {"period": period, "value": "50"})
    html = response.content.decode()
    assert response.status_code == 400 and message in html
    assert "Hãy chọn một lựa chọn hợp lệ" not in html
