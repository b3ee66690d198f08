"""The reporting pages through HTTP: a unit's targets and what it still has to report, the form to report a figure
(Vietnamese numbers and errors by default), the office's corrections, approvals and definition changes, the
admin where the office defines resolutions, and a constant number of queries whatever the data."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from hoinghi.core import audit
from hoinghi.directory.models import User
from hoinghi.targets import services
from hoinghi.targets.models import Figure, Resolution, Target
from tests.clients import client_for, page
from tests.directive_helpers import EXE, PDF
from tests.target_helpers import Q1, Q2, build_plan, figure

REPORT = reverse("targets:report")


@pytest.fixture
def plan(world):
    return build_plan(world)


def target_url(target, organization=None) -> str:
    query = f"?organization={organization.pk}" if organization else ""
    return reverse("targets:report_target", args=[target.pk]) + query


def quarters_so_far(today: datetime.date) -> int:
    return (today.year - 2021) * 4 + (today.month - 1) // 3 + 1


# The unit's page.


def test_a_unit_sees_its_targets_and_what_is_left_to_report(world, plan, english):
    figure(world, plan.services, Q1, 62.5)
    html = page(client_for(world.users["unit"]), REPORT)
    assert "Figures of Sở Khoa học và Công nghệ" in html and "06-NQ/TU" in html
    for target in (plan.services, plan.firms, plan.rank, plan.dossiers, plan.investment):
        assert target.indicator in html
    assert plan.elsewhere.indicator not in html
    services_row = html[html.index(f'id="target-{plan.services.pk}"') : html.index(f'id="target-{plan.firms.pk}"')]
    assert "62.5%" in services_row and "Quarter I/2024" in services_row and "Reported" in services_row
    assert f"{quarters_so_far(timezone.localdate()) - 1} periods to report" in services_row
    assert 'href="/targets/import/"' in html


def test_a_unit_cannot_look_at_another_organizations_page(world, plan, english):
    html = page(client_for(plan.district_staff), REPORT, organization=world.department.pk)
    assert "Figures of UBND huyện Đông Sơn" in html and plan.firms.indicator not in html


@pytest.mark.parametrize("role", ["office", "leader"])
def test_the_office_and_leaders_choose_an_organization(world, plan, role, english):
    client = client_for(world.users[role])
    chooser = page(client, REPORT)
    assert "Choose an organization to see its figures." in chooser
    for organization in (world.department, plan.district, world.government):
        assert f'<option value="{organization.pk}">{organization.name}</option>' in chooser
    assert f'<option value="{world.committee.pk}">' not in chooser
    html = page(client, REPORT, organization=plan.district.pk)
    assert "Figures of UBND huyện Đông Sơn" in html
    assert plan.services.indicator in html and plan.firms.indicator not in html
    assert f'href="{target_url(plan.services, plan.district)}"' in html
    assert ("Import from Excel" in html) is (role == "office")


def test_the_targets_periods_with_htmx_and_as_a_page(world, plan, english):
    figure(world, plan.services, Q1, 62.5, note="Theo hệ thống một cửa điện tử.")
    client = client_for(world.users["unit"])
    panel = client.get(target_url(plan.services), HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in panel and f'id="panel-{plan.services.pk}"' in panel
    assert "Theo hệ thống một cửa điện tử." in panel and "Quarter I/2024" in panel
    # The form offers the periods without a figure only, and no base for a target that is not weighted.
    assert '<option value="2024-04-01">Quarter II/2024</option>' in panel
    assert '<option value="2024-01-01">' not in panel and 'name="weight"' not in panel
    full = page(client, target_url(plan.services))
    assert "<html" in full and plan.services.indicator in full
    weighted = client.get(target_url(plan.dossiers), HTTP_HX_REQUEST="true").content.decode()
    assert 'name="weight"' in weighted


# Reporting through the form.


def post(client, target, data, organization=None, **extra):
    return client.post(target_url(target, organization), data, **extra)


def test_a_figure_typed_the_vietnamese_way(world, plan, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = client_for(world.users["unit"])
    data = {"period": "2024-04-01", "value": "81,25", "weight": "1.500", "note": "Quý II."}
    data["evidence"] = SimpleUploadedFile("Báo cáo quý II.pdf", PDF)
    response = post(client, plan.dossiers, data)
    assert response.status_code == 302
    assert response["Location"] == f"{REPORT}#target-{plan.dossiers.pk}"
    saved = Figure.objects.get()
    assert (saved.period, saved.value, saved.weight) == (Q2, Decimal("81.25"), Decimal("1.5"))
    assert saved.evidence_name == "Báo cáo quý II.pdf" and saved.reported_by == world.users["unit"]
    panel = page(client, target_url(plan.dossiers))
    assert "81,25%" in panel and reverse("targets:evidence", args=[saved.pk]) in panel


def test_errors_are_in_vietnamese_by_default(world, plan):
    client = client_for(world.users["unit"])
    response = post(client, plan.services, {"period": "2024-04-01", "value": "sáu mươi"})
    assert response.status_code == 400
    assert "Nhập một số." in response.content.decode() and not Figure.objects.exists()
    response = post(client, plan.services, {"period": "2024-04-01", "value": ""})
    assert "Trường này là bắt buộc." in response.content.decode()


@pytest.mark.parametrize(
    "target, data, message",
    [
        ("services", {"period": "2024-04-01", "value": "150"}, "A percentage is a number from 0 to 100."),
        ("firms", {"period": "2024-01-01", "value": "12.5"}, "A count is a whole number."),
        ("rank", {"period": "2024-01-01", "value": "0"}, "A rank is a whole number from 1 up."),
        (
            "dossiers",
            {"period": "2024-04-01", "value": "80"},
            "Give the base of the share: the province figure is weighted by it.",
        ),
        ("services", {"period": "2020-01-01", "value": "50"}, "The period is outside the resolution"),
        ("services", {"period": "2024-01-01", "value": "50"}, "A figure for this period is already there"),
        ("services", {"period": "2024-02-01", "value": "50"}, "This is not the first day of a period"),
        ("services", {"period": "tháng 2", "value": "50"}, "Unknown period: give the first day of the period."),
    ],
)
def test_a_refused_figure_comes_back_with_its_error(world, plan, english, target, data, message):
    figure(world, plan.services, Q1)
    response = post(client_for(world.users["unit"]), getattr(plan, target), data)
    assert response.status_code == 400 and message in response.content.decode()
    assert Figure.objects.count() == 1


def test_a_program_as_evidence_comes_back_refused(world, plan, english):
    data = {"period": "2024-04-01", "value": "50", "evidence": SimpleUploadedFile("bao-cao.pdf", EXE)}
    response = post(client_for(world.users["unit"]), plan.services, data)
    assert response.status_code == 400
    assert "its content is a program" in response.content.decode() and not Figure.objects.exists()


def test_the_office_reports_for_a_unit(world, plan, english):
    response = post(
        client_for(world.users["office"]), plan.services, {"period": "2024-01-01", "value": "40"}, plan.district
    )
    assert response["Location"] == f"{REPORT}?organization={plan.district.pk}#target-{plan.services.pk}"
    saved = Figure.objects.get()
    assert saved.organization == plan.district and saved.reported_by == world.users["office"]


# The office's corrections, approvals and definition changes.


def test_the_office_corrects_a_figure_and_the_page_says_who_and_why(world, plan, english):
    original = figure(world, plan.services, Q1, 60)
    office = client_for(world.users["office"])
    url = reverse("targets:correct", args=[original.pk])
    form = office.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in form and 'value="60"' in form
    assert office.post(url, {"value": "64", "reason": ""}).status_code == 400
    response = office.post(url, {"value": "64", "reason": "Cộng nhầm hồ sơ tháng 3."})
    assert response["Location"] == target_url(plan.services, world.department)
    html = page(office, target_url(plan.services, world.department))
    assert "64%" in html and "Corrected by office" in html and "Cộng nhầm hồ sơ tháng 3." in html
    assert "1 earlier version" in html and "<s>60%</s>" in html
    # The unit sees the correction too, with no button to correct or approve.
    unit_view = page(client_for(world.users["unit"]), target_url(plan.services))
    assert "Cộng nhầm hồ sơ tháng 3." in unit_view and "/approve/" not in unit_view and "/correct/" not in unit_view


def test_the_office_approves_with_htmx(world, plan, english):
    reported = figure(world, plan.services, Q1)
    office = client_for(world.users["office"])
    url = reverse("targets:approve", args=[reported.pk])
    panel = office.post(url, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in panel and "Approved" in panel and "approved by office" in panel
    again = office.post(url, HTTP_HX_REQUEST="true").content.decode()
    assert "This figure is approved already." in again
    response = office.post(url)
    assert response.status_code == 302 and response["Location"] == target_url(plan.services, world.department)


def test_the_office_changes_a_targets_definition(world, plan, english):
    office = client_for(world.users["office"])
    url = reverse("targets:revise", args=[plan.services.pk])
    assert "Change the target's definition" in page(office, url)
    refused = office.post(url, {"indicator": "Mới", "effective_on": "01/01/2019", "reason": "Theo quy định mới."})
    assert refused.status_code == 400 and "within the resolution&#x27;s years" in refused.content.decode()
    data = {"indicator": "Tỷ lệ thủ tục toàn trình", "effective_on": "01/01/2023", "reason": "Theo Nghị định 42."}
    assert office.post(url, data)["Location"] == reverse("targets:target", args=[plan.services.pk])
    plan.services.refresh_from_db()
    assert plan.services.indicator == "Tỷ lệ thủ tục toàn trình"
    html = page(office, url)
    assert "From 01/01/2023" in html and "Theo Nghị định 42." in html
    panel = page(client_for(world.users["unit"]), target_url(plan.services))
    assert "Definition changes" in panel and "<s>Tỷ lệ dịch vụ công trực tuyến toàn trình</s>" in panel


# The admin, where the office defines resolutions.


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("root", password="Mật-khẩu-thử-9", role="admin")


def test_the_admin_pages_render(world, plan, superuser):
    client = client_for(superuser)
    for url in (
        reverse("admin:targets_resolution_changelist"),
        reverse("admin:targets_resolution_add"),
        reverse("admin:targets_resolution_change", args=[plan.resolution.pk]),
        reverse("admin:targets_target_change", args=[plan.services.pk]),
    ):
        assert client.get(url).status_code == 200, url


def test_the_indicator_is_fixed_in_the_admin_once_figures_measure_it(world, plan, superuser):
    client = client_for(superuser)
    url = reverse("admin:targets_target_change", args=[plan.services.pk])
    assert not re.search(r'<textarea name="indicator"[^>]* disabled', client.get(url).content.decode())
    figure(world, plan.services, Q1)
    html = client.get(url).content.decode()
    assert reverse("targets:revise", args=[plan.services.pk]) in html
    assert re.search(r'<textarea name="indicator"[^>]* disabled', html)


def test_a_target_saved_in_the_admin_is_audited(world, plan, superuser):
    client = client_for(superuser)
    url = reverse("admin:targets_target_change", args=[plan.firms.pk])
    data = {
        "resolution": plan.resolution.pk,
        "group": "",
        "order": 2,
        "indicator": plan.firms.indicator,
        "unit": "doanh nghiệp",
        "kind": "count",
        "direction": "at_least",
        "baseline_value": "",
        "baseline_year": "",
        "scope_level": "province",
        "frequency": "yearly",
        "rollup": "sum",
        "reporters": [world.department.pk, plan.district.pk],
        "milestones-TOTAL_FORMS": "1",
        "milestones-INITIAL_FORMS": "0",
        "milestones-0-year": "2025",
        "milestones-0-value": "700",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    event = audit.history(plan.firms).get()
    assert event.verb == "target.update" and set(event.detail["fields"]) == {"rollup", "reporters", "milestone"}
    assert list(plan.firms.milestones.values_list("year", "value")) == [(2025, Decimal("700"))]


def test_a_rank_at_least_is_refused_in_the_admin(world, plan, superuser):
    client = client_for(superuser)
    url = reverse("admin:targets_target_change", args=[plan.rank.pk])
    data = {
        "resolution": plan.resolution.pk,
        "order": 3,
        "indicator": plan.rank.indicator,
        "unit": "hạng",
        "kind": "rank",
        "direction": "at_least",
        "scope_level": "province",
        "frequency": "yearly",
        "rollup": "none",
        "milestones-TOTAL_FORMS": "0",
        "milestones-INITIAL_FORMS": "0",
    }
    html = client.post(url, data).content.decode()
    with translation.override("vi"):  # the admin speaks Vietnamese too
        assert translation.gettext("A rank is better when lower: its direction is “at most”.") in html
    plan.rank.refresh_from_db()
    assert plan.rank.direction == "at_most"


# A constant number of queries.


def queries(client, url, **extra) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, **extra).status_code == 200
    return len(captured)


def more_data(world, plan, n: int) -> None:
    """Another resolution with `n` more targets for the department, and figures on every target."""
    resolution = Resolution.objects.create(
        number=f"{n:02d}-NQ/TU",
        title="Nghị quyết khác",
        body=world.body,
        issued_on=datetime.date(2022, 1, 1),
        period_start=2022,
        period_end=2030,
    )
    for k in range(n):
        target = Target.objects.create(resolution=resolution, order=k, indicator=f"Chỉ tiêu {k}", unit="%")
        target.reporters.set([world.department])
        figure(world, target, Q1, 10 + k)
    for period in (Q2, datetime.date(2024, 7, 1), datetime.date(2024, 10, 1)):
        figure(world, plan.services, period)
        original = figure(world, plan.dossiers, period, 70, weight=100)
        services.check_correct_figure(world.users["office"], original, value=71, weight=100, reason="Rà soát.")


@pytest.mark.parametrize("role", ["unit", "office"])
def test_the_reporting_pages_cost_the_same_queries_however_much_data(world, plan, english, role):
    client = client_for(world.users[role])
    figure(world, plan.services, Q1)
    query = {"organization": world.department.pk} if role == "office" else {}
    overview = queries(client, REPORT, data=query)
    panel = queries(client, target_url(plan.dossiers, world.department if query else None))
    more_data(world, plan, 8)
    assert queries(client, REPORT, data=query) == overview
    assert queries(client, target_url(plan.dossiers, world.department if query else None)) == panel
