"""Resolution targets across the reorganization: figures stop at an organization's end (service, Excel import,
the periods and pickers offered); the office alone re-scopes a target, kept as a definition change the chart
marks; a merged organization's earlier figures are derived from its predecessors' where the indicator adds up."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hoinghi.core.models import AuditEvent
from hoinghi.directory.models import Organization
from hoinghi.directory.reorganization import do_record_reorganization
from hoinghi.targets import importing, reporting, selectors, services, succession
from hoinghi.targets.models import Figure, Target, TargetRevision
from tests.clients import client_for
from tests.factories import make_user
from tests.figure_sheets import written
from tests.reorganized_targets import MERGED, Q2_2025, Q3_2025, QUARTERS, REASON, build_merge, rescope

pytestmark = pytest.mark.django_db


@pytest.fixture
def merged(world):
    return build_merge(world)


def refusal(call) -> str:
    with pytest.raises(ValidationError) as refused:
        call()
    return " ".join(refused.value.messages)


# Figures stop at the reorganization


def test_a_figure_for_a_period_after_the_end_is_refused_naming_the_organization_and_its_last_day(world, merged):
    office = world.users["office"]
    message = refusal(
        lambda: services.check_report_figure(
            office, merged.firms, organization=merged.hai_duong, period=Q3_2025, value=160
        )
    )
    assert "UBND tỉnh Hải Dương" in message and "30/06/2025" in message
    assert not Figure.objects.filter(organization=merged.hai_duong, period=Q3_2025).exists()


def test_the_last_period_before_the_end_may_still_be_reported_and_stored_figures_stay(world, merged):
    office = world.users["office"]
    services.check_report_figure(office, merged.firms, organization=merged.old_hai_phong, period=Q2_2025, value=250)
    assert Figure.objects.filter(organization=merged.hai_duong).count() == 3 * len(QUARTERS) + 1


def test_the_successor_reports_no_period_before_it_began(world, merged):
    rescope(world, merged, merged.firms)
    message = refusal(
        lambda: services.check_report_figure(
            world.users["office"], merged.firms, organization=merged.hai_phong, period=Q2_2025, value=1
        )
    )
    assert "UBND thành phố Hải Phòng" in message and "01/07/2025" in message


def test_the_excel_import_refuses_the_rows_of_an_ended_organization(world, merged):
    keys = ("target", "period", "organization", "value", "weight", "note")
    rows = [
        [merged.firms.pk, Q3_2025, merged.hai_duong.pk, 170, None, ""],
        [merged.firms.pk, Q2_2025, merged.old_hai_phong.pk, 250, None, ""],
    ]
    upload = SimpleUploadedFile("so-lieu.xlsx", written(keys, [key.title() for key in keys], rows))
    outcome = importing.check_import_figures(world.users["office"], upload)
    assert not outcome.written
    assert [(error.row, "30/06/2025" in error.message) for error in outcome.errors] == [(outcome.errors[0].row, True)]
    assert "UBND tỉnh Hải Dương" in outcome.errors[0].message
    assert not Figure.objects.filter(period__gte=Q2_2025, organization=merged.old_hai_phong).exists()


def test_the_periods_offered_stop_at_the_end(world, merged):
    today = datetime.date(2026, 12, 7)
    ended = reporting.unit_periods(merged.firms, merged.hai_duong, today)
    assert ended[0].period == Q2_2025  # the latest period offered is its last
    rescope(world, merged, merged.firms)
    successor = reporting.unit_periods(merged.firms, merged.hai_phong, today)
    assert successor[-1].period == Q3_2025  # the first is the merge's quarter


def test_the_pickers_put_ended_organizations_apart(world, merged):
    rescope(world, merged, merged.firms)
    existing, ended = selectors.reporting_organizations(datetime.date(2026, 1, 1))
    assert merged.hai_phong in existing and merged.hai_duong not in existing
    assert {merged.hai_duong, merged.old_hai_phong} <= set(ended)
    client = client_for(world.users["office"])
    page = client.get(reverse("targets:report")).content.decode()
    assert "(kết thúc 30/06/2025)" in page
    ended_page = client.get(reverse("targets:report") + f"?organization={merged.hai_duong.pk}").content.decode()
    assert "đã kết thúc hoạt động ngày 30/06/2025" in ended_page


# Re-scope


def test_the_office_rescopes_a_target_with_its_date_reason_and_author(world, merged):
    revision = rescope(world, merged, merged.firms)
    assert revision.rescopes and revision.effective_on == MERGED and revision.reason == REASON
    assert set(revision.reporters_before.all()) == {merged.hai_duong, merged.old_hai_phong}
    assert list(revision.reporters_after.all()) == [merged.hai_phong]
    assert revision.changed_by == world.users["office"]
    assert merged.firms.reporters.filter(pk=merged.hai_phong.pk).exists()
    event = AuditEvent.objects.get(verb="target.rescope")
    assert event.detail["reason"] == REASON
    # From the date the new scope is asked: the successor reports the merge's quarter.
    services.check_report_figure(
        world.users["office"], merged.firms, organization=merged.hai_phong, period=Q3_2025, value=330
    )


def test_a_rescope_refuses_an_organization_that_did_not_exist_on_the_day_and_needs_a_reason(world, merged):
    office = world.users["office"]
    message = refusal(
        lambda: services.check_rescope_target(
            office, merged.firms, scope="province", reporters=[merged.hai_duong], effective_on=MERGED, reason=""
        )
    )
    assert "UBND tỉnh Hải Dương" in message and "01/07/2025" in message
    assert not TargetRevision.objects.exists()


def test_an_organization_still_existing_but_out_of_the_new_scope_is_refused_after_the_date(world):
    merged = build_merge(world, merge=False)  # both still exist
    rescope_day = datetime.date(2024, 7, 1)
    services.check_rescope_target(
        world.users["office"],
        merged.firms,
        scope="province",
        reporters=[merged.hai_duong],
        effective_on=rescope_day,
        reason="Giao Hải Dương báo cáo chung",
    )
    Figure.objects.filter(period__gte=rescope_day, organization=merged.old_hai_phong).delete()
    message = refusal(
        lambda: services.check_report_figure(
            world.users["office"], merged.firms, organization=merged.old_hai_phong, period=rescope_day, value=1
        )
    )
    assert "01/07/2024" in message and "UBND thành phố Hải Phòng (cũ)" in message


@pytest.mark.parametrize("who", ["unit", "leader", "member"])
def test_only_the_office_rescopes(world, merged, who):
    with pytest.raises(PermissionDenied):
        services.check_rescope_target(
            world.users[who],
            merged.firms,
            scope="province",
            reporters=[merged.hai_phong],
            effective_on=MERGED,
            reason="x",
        )
    response = client_for(world.users[who]).get(reverse("targets:rescope", args=[merged.firms.pk]))
    assert response.status_code == 403


def test_the_rescope_page_offers_only_organizations_existing_on_the_day_and_records_the_change(world, merged):
    client = client_for(world.users["office"])
    url = reverse("targets:rescope", args=[merged.firms.pk])
    page = client.get(url + "?on=01/07/2025").content.decode()
    assert "UBND thành phố Hải Phòng<" in page and "UBND tỉnh Hải Dương<" not in page
    before = client.get(url + "?on=01/01/2025").content.decode()
    assert "UBND tỉnh Hải Dương<" in before
    response = client.post(
        url + "?on=2025-07-01",
        {"effective_on": "01/07/2025", "scope": "province", "reporters": [merged.hai_phong.pk], "reason": REASON},
    )
    assert response.status_code == 302
    assert TargetRevision.objects.get().reporters_after.get() == merged.hai_phong


def test_the_chart_marks_the_rescope_with_its_reason_and_the_table_says_so(world, merged):
    rescope(world, merged, merged.rank)
    services.do_report_figure(
        world.users["office"], merged.rank, organization=merged.hai_phong, period=Q3_2025, value=12
    )
    page = client_for(world.users["leader"]).get(reverse("targets:target", args=[merged.rank.pk]))
    series = page.context["chart"]["series"]
    [mark] = series["marks"]
    assert mark["reason"] == REASON and "01/07/2025" in mark["label"]
    assert [line["label"].split(" — ")[1] for line in series["series"]] == [
        "UBND thành phố Hải Phòng (cũ), UBND tỉnh Hải Dương",
        "UBND thành phố Hải Phòng",
    ]
    changes = [between for _figure, between in page.context["changes"] if between]
    assert len(changes) == 1 and changes[0][0].rescopes
    assert "Phạm vi thay đổi từ 01/07/2025" in page.content.decode()


# Roll-up of the predecessors' figures


def test_a_sum_is_derived_for_each_period_both_predecessors_reported(world, merged):
    found = succession.lineage_of(merged.firms, merged.hai_phong)
    derived = {row.period: row.derived.value for row in found.derived}
    assert derived == {period: 300 + 20 * n for n, period in enumerate(QUARTERS)}
    [incomplete] = [row for row in found.rows if not row.derived.derived]
    assert incomplete.period == Q2_2025 and incomplete.missing == ["UBND thành phố Hải Phòng (cũ)"]


def test_a_share_is_weighted_by_the_stated_weight(world, merged):
    found = succession.lineage_of(merged.share, merged.hai_phong)
    first = found.derived[-1]  # the latest first
    assert first.period == QUARTERS[0]
    assert first.derived.value == pytest.approx((40 * 1_900_000 + 70 * 2_100_000) / 4_000_000)
    assert "dân số" in found.rule


def test_an_indicator_that_does_not_add_up_derives_nothing_and_says_why(world, merged):
    found = succession.lineage_of(merged.rank, merged.hai_phong)
    assert not found.rows and found.refusal and "không" in found.refusal or "does not" in found.refusal


def test_the_successor_page_draws_the_derived_points_with_the_rule(world, merged):
    rescope(world, merged, merged.firms)
    url = reverse("targets:target", args=[merged.firms.pk]) + f"?organization={merged.hai_phong.pk}"
    page = client_for(world.users["leader"]).get(url)
    derived = page.context["chart"]["series"]["derived"]
    assert [value for value in derived["values"] if value is not None] == [300 + 20 * n for n in range(len(QUARTERS))]
    assert "tổng" in derived["rule"] or "sum" in derived["rule"]
    assert derived["rule"] in page.content.decode()


def test_a_unit_staff_sees_the_derived_figures_of_its_own_merged_organization(world, merged):
    staff = make_user("haiphong", "unit_staff", organization=merged.hai_phong)
    rescope(world, merged, merged.firms)
    page = client_for(staff).get(reverse("targets:target", args=[merged.firms.pk]))
    assert page.context["lineage"].organization == merged.hai_phong
    assert page.context["chart"]["series"]["derived"] is not None


def test_a_province_sum_goes_on_from_the_districts_to_the_communes_after_the_rescope(world):
    office = world.users["office"]
    merged = build_merge(world, merge=False)
    districts = [Organization.objects.create(name=f"UBND huyện {n}", kind="government", level="district") for n in "AB"]
    communes = [
        Organization.objects.create(name=f"UBND xã {n}", kind="government", level="commune", start=MERGED)
        for n in "CDE"
    ]
    target = Target.objects.create(
        resolution=merged.resolution,
        order=9,
        indicator="Số điểm truy cập Internet công cộng",
        kind="count",
        rollup="sum",
    )
    target.reporters.set(districts)
    for n, district in enumerate(districts):
        services.do_report_figure(office, target, organization=district, period=Q2_2025, value=10 + n)
    do_record_reorganization(
        office,
        kind="dissolution",
        predecessors=districts,
        successors=communes,
        effective=MERGED,
        basis_number="1656/NQ-UBTVQH15",
        basis_date=datetime.date(2025, 6, 16),
    )
    services.check_rescope_target(
        office, target, scope="commune", reporters=communes, effective_on=MERGED, reason="Không tổ chức cấp huyện"
    )
    for n, commune in enumerate(communes[:2]):
        services.do_report_figure(office, target, organization=commune, period=Q3_2025, value=5 + n)
    status = selectors.statuses([target], selectors.View(), datetime.date(2026, 1, 10))[target.pk]
    assert [(p.period, p.value, p.definition) for p in status.points] == [(Q2_2025, 21, 0), (Q3_2025, 11, 1)]
    panel = selectors.districts(target, selectors.View(), None)
    # The communes of the latest quarter; the one that did not report is missing, the ended districts are not.
    assert [(bar.name, bar.value) for bar in panel["bars"]] == [("UBND xã C", 5), ("UBND xã D", 6), ("UBND xã E", None)]
    selectors.with_scopes(target, status.revisions)
    assert selectors.definitions(status)[1].endswith("UBND xã C, UBND xã D, UBND xã E")
