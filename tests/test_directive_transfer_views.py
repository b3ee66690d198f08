"""The office's pages for passing directives to a successor: the reorganizations with work left, a preview with a
choice per directive where there are several successors, the transfer in one step, refusals shown on the page."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hoinghi.core.models import AuditEvent
from hoinghi.directives.models import Directive, Transfer
from hoinghi.directory.models import Organization, Reorganization
from tests.clients import client_for, page
from tests.directive_helpers import directive
from tests.test_directive_transfer import reorganize

pytestmark = pytest.mark.django_db

LIST = reverse("directives:transfers")


@pytest.fixture
def split(world):
    """The Department split in two; it led one open directive (UBND tỉnh coordinating)."""
    task = directive(world, content="Rà soát mục tiêu chuyển đổi số năm 2026.")
    first = Organization.objects.create(name="Sở Khoa học, Công nghệ và Chuyển đổi số", kind="government")
    second = Organization.objects.create(name="Sở Thông tin và Truyền thông mới", kind="government")
    change = reorganize(world, Reorganization.Kind.SPLIT, [world.department], [first, second])
    return task, first, second, change


def url(change):
    return reverse("directives:transfer", args=[change.pk])


def test_the_list_shows_the_reorganizations_with_work_left_and_is_in_the_office_menu(world, split):
    _task, _first, _second, change = split
    html = page(client_for(world.users["office"]), LIST)
    assert "01/NQ-TU" in html and "1 nhiệm vụ cần chuyển giao" in html
    assert f'href="{url(change)}"' in html
    assert f'href="{LIST}"' in page(client_for(world.users["office"]), reverse("directives:inbox"))


def test_the_preview_shows_each_line_with_a_choice_and_no_default(world, split):
    task, first, second, change = split
    html = page(client_for(world.users["office"]), url(change))
    assert task.content in html and task.deadline.strftime("%d/%m/%Y") in html
    assert world.department.name in html
    assert f'name="successor_{task.pk}"' in html and f'name="deadline_{task.pk}"' in html
    options = html.split(f'name="successor_{task.pk}"')[1].split("</select>")[0]
    assert 'value="" selected>— chọn tổ chức kế thừa —' in options and options.count("selected") == 1
    assert first.name in html and second.name in html


def test_posting_the_preview_passes_the_directives_and_links_to_the_successor(world, split):
    task, first, second, change = split
    new_deadline = change.effective + datetime.timedelta(days=45)
    office = client_for(world.users["office"])
    response = office.post(
        url(change),
        {
            "previewed": str(task.pk),
            f"successor_{task.pk}": second.pk,
            f"deadline_{task.pk}": f"{new_deadline:%d/%m/%Y}",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == LIST
    html = response.content.decode()
    assert "Đã chuyển giao 1 nhiệm vụ" in html
    assert f'href="{reverse("directives:inbox")}?organization={second.pk}"' in html
    task = Directive.objects.get(pk=task.pk)
    assert (task.lead_organization, task.deadline) == (second, new_deadline)
    # The directive's page tells where it came from, and the history labels the step.
    detail = page(office, reverse("directives:detail", args=[task.pk]))
    assert f"Chuyển từ {world.department.name} sang {second.name} từ ngày {change.effective:%d/%m/%Y}" in detail
    assert "căn cứ văn bản số 01/NQ-TU" in detail
    assert f"{world.department.name} → {second.name}" in detail


def test_a_refusal_comes_back_on_the_page_and_writes_nothing(world, split):
    task, _first, _second, change = split
    too_early = change.effective - datetime.timedelta(days=1)
    office = client_for(world.users["office"])
    before = AuditEvent.objects.count()
    response = office.post(url(change), {"previewed": str(task.pk), f"deadline_{task.pk}": f"{too_early:%d/%m/%Y}"})
    assert response.status_code == 400
    html = response.content.decode()
    assert f"Nhiệm vụ #{task.pk}: hãy chọn tổ chức kế thừa nhận nhiệm vụ." in html
    assert f"Nhiệm vụ #{task.pk}: thời hạn mới không thể trước ngày chuyển giao" in html
    assert f'value="{too_early:%d/%m/%Y}"' in html  # what the office typed stays
    assert not Transfer.objects.exists() and AuditEvent.objects.count() == before
    assert Directive.objects.get(pk=task.pk).lead_organization == world.department


@pytest.mark.parametrize("who", ["chair", "member", "unit", "leader"])
def test_only_the_office_opens_or_posts_the_pages(world, split, who):
    task, first, _second, change = split
    client = client_for(world.users[who])
    assert client.get(LIST).status_code == 403
    assert client.get(url(change)).status_code == 403
    assert client.post(url(change), {"previewed": str(task.pk), f"successor_{task.pk}": first.pk}).status_code == 403
    assert not Transfer.objects.exists()


def test_a_plan_changed_since_the_preview_is_refused_then_shown_as_it_is_now(world, split):
    task, first, _second, change = split
    # While the office had the preview open, another open directive became the Department's (corrected to it).
    late = directive(world, content="Báo cáo chuyển đổi số quý IV.", lead_organization=world.committee)
    Directive.objects.filter(pk=late.pk).update(lead_organization=world.department)
    office = client_for(world.users["office"])
    response = office.post(url(change), {"previewed": str(task.pk), f"successor_{task.pk}": first.pk})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Danh sách nhiệm vụ cần chuyển đã thay đổi" in html
    assert f'name="previewed" value="{task.pk},{late.pk}"' in html
    assert not Transfer.objects.exists()
    choices = {f"successor_{task.pk}": first.pk, f"successor_{late.pk}": first.pk}
    assert office.post(url(change), {"previewed": f"{task.pk},{late.pk}", **choices}).status_code == 302
    assert Transfer.objects.filter(to_organization=first).count() == 2


def test_the_list_counts_many_reorganizations_in_the_same_few_queries(world, split):
    office = client_for(world.users["office"])
    page(office, LIST)  # the session and the menu's first reads
    with CaptureQueriesContext(connection) as one:
        page(office, LIST)
    for n in range(3):
        ended = Organization.objects.create(name=f"UBND huyện {n}", kind="government", level="district")
        directive(world, lead_organization=ended, coordinating_organizations=[])
        merged = Organization.objects.create(name=f"UBND xã mới {n}", kind="government", level="commune")
        reorganize(world, Reorganization.Kind.DISSOLUTION, [ended], [merged])
    with CaptureQueriesContext(connection) as four:
        html = page(office, LIST)
    assert html.count("Xem trước và chuyển giao") == 4
    assert len(four) == len(one)


def test_the_office_is_told_on_the_directive_page_that_it_waits_for_a_transfer(world, split):
    task, first, _second, change = split
    office = client_for(world.users["office"])
    detail = reverse("directives:detail", args=[task.pk])
    html = page(office, detail)
    assert 'id="awaited-by"' in html and f'href="{url(change)}"' in html
    assert 'id="awaited-by"' not in page(client_for(world.users["leader"]), detail)
    office.post(url(change), {"previewed": str(task.pk), f"successor_{task.pk}": first.pk})
    assert 'id="awaited-by"' not in page(office, detail)
