"""Who may do what with target figures: a unit reports only its own organization's targets; the office reports on a
unit's behalf, corrects, approves and changes definitions; a leader reads everything and writes nothing."""

import pytest
from django.urls import reverse

from hoinghi.targets import permissions as perm
from hoinghi.targets.models import Figure, Target, TargetRevision
from tests.clients import client_for
from tests.directive_helpers import pdf
from tests.factories import make_user
from tests.target_helpers import Q1, build_plan, figure


@pytest.fixture
def plan(world):
    return build_plan(world)


def test_a_unit_reports_its_own_organizations_targets_only(world, plan):
    unit = world.users["unit"]
    assert perm.can_report(unit, plan.services, world.department)
    assert not perm.can_report(unit, plan.elsewhere, world.department)  # its organization does not report it
    assert not perm.can_report(unit, plan.services, plan.district)  # another organization's figure
    assert perm.can_report(plan.district_staff, plan.services, plan.district)
    assert not perm.can_report(plan.district_staff, plan.firms, plan.district)


@pytest.mark.parametrize("role", ["office", "admin"])
def test_the_office_reports_for_the_organizations_that_report_a_target(world, plan, role):
    office = world.users[role]
    assert perm.can_report(office, plan.services, plan.district)
    assert perm.can_report(office, plan.elsewhere, world.government)
    assert not perm.can_report(office, plan.elsewhere, world.department)


@pytest.mark.parametrize("role", ["leader", "member", "chair", "invitee", "outsider"])
def test_no_one_else_reports(world, plan, role):
    assert not perm.can_report(world.users[role], plan.services, world.department)
    assert not perm.acts_for(world.users[role], world.department.pk)


def test_a_unit_staff_member_without_an_organization_acts_for_none(world, plan):
    adrift = make_user("adrift", "unit_staff")
    assert not perm.acts_for(adrift, None) and not perm.can_see(adrift, None)
    assert not perm.reportable_targets(adrift).exists()


@pytest.mark.parametrize(
    "role, corrects, watches",
    [
        ("office", True, True),
        ("admin", True, True),
        ("leader", False, True),
        ("unit", False, False),
        ("member", False, False),
        ("chair", False, False),
    ],
)
def test_who_corrects_and_who_watches(world, role, corrects, watches):
    user = world.users[role]
    assert perm.can_correct(user) is corrects
    assert perm.can_watch(user) is watches
    assert perm.can_see(user, world.government.pk) is watches


def test_a_unit_sees_its_own_figures(world, plan):
    assert perm.can_see(world.users["unit"], world.department.pk)
    assert not perm.can_see(world.users["unit"], plan.district.pk)


def test_the_targets_each_may_report(world, plan):
    own = {plan.services, plan.firms, plan.rank, plan.dossiers, plan.investment}
    assert set(perm.reportable_targets(world.users["unit"])) == own
    assert set(perm.reportable_targets(plan.district_staff)) == {plan.services, plan.dossiers}
    assert set(perm.reportable_targets(world.users["office"])) == set(Target.objects.all())
    for role in ("leader", "member"):
        assert not perm.reportable_targets(world.users[role]).exists()


# Through the pages.


def report_url(target, organization=None):
    query = f"?organization={organization.pk}" if organization else ""
    return reverse("targets:report_target", args=[target.pk]) + query


def test_a_unit_cannot_post_another_organizations_figure(world, plan):
    """The organization in the address is ignored for a unit: a figure it posts is its own organization's."""
    client = client_for(plan.district_staff)
    response = client.post(report_url(plan.firms, world.department), {"period": "2024-01-01", "value": "10"})
    assert response.status_code == 404 and not Figure.objects.exists()  # the district does not report it
    response = client.post(report_url(plan.services, world.department), {"period": "2024-01-01", "value": "10"})
    assert response.status_code == 302
    assert Figure.objects.get().organization == plan.district


def test_a_unit_cannot_open_a_target_it_does_not_report(world, plan):
    assert client_for(world.users["unit"]).get(report_url(plan.elsewhere)).status_code == 404


def test_a_leader_reads_and_cannot_write(world, plan):
    reported = figure(world, plan.services, Q1)
    leader = client_for(world.users["leader"])
    html = leader.get(report_url(plan.services, world.department)).content.decode()
    assert "62,5" in html and 'name="value"' not in html
    assert leader.get(reverse("targets:report"), {"organization": world.department.pk}).status_code == 200
    posted = {"period": "2024-04-01", "value": "70"}
    assert leader.post(report_url(plan.services, world.department), posted).status_code == 403
    assert leader.post(reverse("targets:approve", args=[reported.pk])).status_code == 403
    assert leader.post(reverse("targets:correct", args=[reported.pk]), {"value": "1", "reason": "x"}).status_code == 403
    revision = {"indicator": "Khác", "effective_on": "2024-01-01", "reason": "x"}
    assert leader.post(reverse("targets:revise", args=[plan.services.pk]), revision).status_code == 403
    reported.refresh_from_db()
    assert list(Figure.objects.values_list("pk", flat=True)) == [reported.pk] and reported.status == "reported"
    assert not TargetRevision.objects.exists()


def test_a_unit_cannot_correct_approve_or_change_a_definition(world, plan):
    reported = figure(world, plan.services, Q1)
    unit = client_for(world.users["unit"])
    assert unit.get(reverse("targets:correct", args=[reported.pk])).status_code == 403
    assert unit.post(reverse("targets:approve", args=[reported.pk])).status_code == 403
    assert unit.get(reverse("targets:revise", args=[plan.services.pk])).status_code == 403
    reported.refresh_from_db()
    assert reported.status == "reported"


def test_the_evidence_is_for_the_organization_and_the_watchers(world, plan, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    reported = figure(world, plan.services, Q1, evidence=pdf())
    url = reverse("targets:evidence", args=[reported.pk])
    assert client_for(plan.district_staff).get(url).status_code == 403
    for user in (world.users["unit"], world.users["leader"], world.users["office"]):
        response = client_for(user).get(url)
        assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize("role", ["member", "chair", "invitee"])
def test_no_reporting_page_without_an_organization_or_a_watch(world, role):
    assert client_for(world.users[role]).get(reverse("targets:report")).status_code == 403


def test_the_office_sees_a_target_only_with_an_organization_that_reports_it(world, plan):
    office = client_for(world.users["office"])
    assert office.get(report_url(plan.services)).status_code == 404
    assert office.get(report_url(plan.elsewhere, world.department)).status_code == 404
    assert office.get(report_url(plan.elsewhere, world.government)).status_code == 200
    assert office.get(reverse("targets:report"), {"organization": 999999}).status_code == 404
