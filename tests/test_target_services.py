"""Writing figures and target definitions: every rule a figure must pass (the same `check_figure` the import uses),
each refusal saving nothing, corrections that keep the original and say who and why, and the audit log."""

import datetime
import os
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from hoinghi.core import audit
from hoinghi.core.models import AuditEvent
from hoinghi.targets import services, validation
from hoinghi.targets.models import Figure, TargetRevision
from tests.directive_helpers import EXE, PDF
from tests.target_helpers import Q1, Q2, build_plan, figure

NEXT_YEAR = datetime.date(timezone.localdate().year + 1, 1, 1)


pytestmark = pytest.mark.usefixtures("english_messages")


@pytest.fixture
def plan(world):
    return build_plan(world)


def messages(error) -> str:
    return " ".join(error.value.messages)


def stored_files(root) -> list[str]:
    return [name for _dir, _subdirs, names in os.walk(root) for name in names]


def verbs() -> list[str]:
    return list(AuditEvent.objects.order_by("pk").values_list("verb", flat=True))


# The rules, as the import calls them: loaded once, then checked in memory.


@pytest.fixture
def known(plan, world):
    return validation.FigureRules.load([t.pk for t in (plan.services, plan.firms, plan.rank, plan.dossiers)])


def check(known, world, target, period=Q1, value=50, weight=None, organization=None):
    organization_id = (organization or world.department).pk
    return validation.check_figure(known, target.pk, organization_id, period, value, weight)


def test_a_good_figure_passes_without_a_query(known, world, plan, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert check(known, world, plan.services, Q2, 62.5) == []
        assert check(known, world, plan.services, Q2, 0) == check(known, world, plan.services, Q2, 100) == []
        assert check(known, world, plan.firms, datetime.date(2024, 1, 1), 735) == []
        assert check(known, world, plan.rank, datetime.date(2024, 1, 1), 19) == []
        assert check(known, world, plan.dossiers, Q1, Decimal("81.25"), 1500) == []
        assert check(known, world, plan.services, Q1, 50, organization=plan.district) == []


def test_loading_the_rules_costs_five_queries_however_many_figures(plan, world, django_assert_num_queries):
    targets = [plan.services.pk, plan.dossiers.pk]
    with django_assert_num_queries(5):  # targets, reporters with their lifetimes, re-scopes (two), figures
        validation.FigureRules.load(targets)
    for period in (Q1, Q2):
        figure(world, plan.services, period)
        figure(world, plan.services, period, organization=plan.district, who=plan.district_staff)
    with django_assert_num_queries(5):
        known = validation.FigureRules.load(targets)
    assert len(known.current) == 4 and known.targets[plan.dossiers.pk].reporters == {
        world.department.pk,
        plan.district.pk,
    }


@pytest.mark.parametrize(
    "period, message",
    [
        (datetime.date(2024, 2, 1), "This is not the first day of a period: the target is reported quarterly."),
        (datetime.date(2024, 4, 15), "This is not the first day of a period: the target is reported quarterly."),
        (datetime.date(2020, 10, 1), "The period is outside the resolution's years, 2021 to"),
        (NEXT_YEAR, "This period has not begun yet."),
        ("Q1/2024", "Unknown period: give the first day of the period."),
        (None, "Unknown period: give the first day of the period."),
    ],
)
def test_a_period_that_is_not_one(known, world, plan, period, message):
    (error,) = check(known, world, plan.services, period)
    assert error.startswith(message)


def test_a_period_past_the_resolution(world, plan):
    last = plan.resolution.period_end
    known = validation.FigureRules.load([plan.services.pk], today=datetime.date(last + 2, 1, 1))
    assert check(known, world, plan.services, datetime.date(last, 10, 1)) == []
    (error,) = check(known, world, plan.services, datetime.date(last + 1, 1, 1))
    assert error == f"The period is outside the resolution's years, 2021 to {last}."


def test_an_excel_date_and_time_is_its_day(known, world, plan):
    assert check(known, world, plan.services, datetime.datetime(2024, 4, 1)) == []


def test_unknown_target_and_organization(known, world, plan):
    assert validation.check_figure(known, None, world.department.pk, Q1, 50) == ["Unknown target."]
    assert validation.check_figure(known, plan.investment.pk, world.department.pk, Q1, 50) == ["Unknown target."]
    assert validation.check_figure(known, plan.services.pk, None, Q1, 50) == ["Unknown organization."]


def test_an_organization_that_does_not_report_the_target(world, plan):
    known = validation.FigureRules.load([plan.elsewhere.pk])
    errors = validation.check_figure(known, plan.elsewhere.pk, world.department.pk, datetime.date(2024, 1, 1), 50)
    assert errors == ["This organization does not report this target."]
    assert validation.check_figure(known, plan.elsewhere.pk, world.government.pk, datetime.date(2024, 1, 1), 50) == []


@pytest.mark.parametrize(
    "target, value, message",
    [
        ("services", 100.01, "A percentage is a number from 0 to 100."),
        ("services", 150, "A percentage is a number from 0 to 100."),
        ("services", -1, "A percentage is a number from 0 to 100."),
        ("rank", 0, "A rank is a whole number from 1 up."),
        ("rank", 2.5, "A rank is a whole number from 1 up."),
        ("firms", 12.5, "A count is a whole number."),
        ("firms", -3, "This figure cannot be negative."),
        ("services", "62,5", "The value must be a number."),
        ("services", "khoảng 60", "The value must be a number."),
        ("services", True, "The value must be a number."),
        ("services", float("nan"), "The value must be a number."),
        ("services", float("inf"), "The value must be a number."),
        ("firms", 10**17, "This number is too large."),
        ("firms", Decimal("1e40"), "This number is too large."),
        ("services", None, "Enter the value."),
        ("services", "", "Enter the value."),
    ],
)
def test_a_value_that_cannot_be(known, world, plan, target, value, message):
    target = getattr(plan, target)
    period = Q1 if target.frequency == "quarterly" else datetime.date(2024, 1, 1)
    assert check(known, world, target, period, value) == [message]


def test_an_amount_is_not_negative(world, plan):
    known = validation.FigureRules.load([plan.investment.pk])
    assert check(known, world, plan.investment, datetime.date(2024, 7, 1), 0) == []
    assert check(known, world, plan.investment, datetime.date(2024, 7, 1), -5) == ["This figure cannot be negative."]
    assert check(known, world, plan.investment, datetime.date(2024, 4, 1), 5) == [
        "This is not the first day of a period: the target is reported half-yearly."
    ]


@pytest.mark.parametrize(
    "weight, message",
    [
        (None, "Give the base of the share: the province figure is weighted by it."),
        (0, "The base must be greater than 0."),
        (-10, "The base must be greater than 0."),
        ("1.500", "The base must be a number."),
    ],
)
def test_a_weighted_share_needs_its_base(known, world, plan, weight, message):
    assert check(known, world, plan.dossiers, Q1, 80, weight) == [message]


def test_a_base_given_for_another_target_is_checked_too(known, world, plan):
    assert check(known, world, plan.services, Q1, 80, 200) == []
    assert check(known, world, plan.services, Q1, 80, -1) == ["The base must be greater than 0."]


def test_a_figure_already_there_is_a_duplicate_and_every_error_is_listed(plan, world):
    figure(world, plan.services, Q1)
    known = validation.FigureRules.load([plan.services.pk])
    assert check(known, world, plan.services, Q1, 150) == [
        "A figure for this period is already there: ask the office to correct it.",
        "A percentage is a number from 0 to 100.",
    ]
    # Another organization's figure for the same period is no duplicate.
    assert check(known, world, plan.services, Q1, 50, organization=plan.district) == []


NUMBERS = st.decimals(min_value=-(10**15), max_value=10**15, places=6, allow_nan=False, allow_infinity=False)


@given(value=NUMBERS)
def test_a_percentage_passes_exactly_from_0_to_100(value):
    refused = validation.value_problems("percent", "none", value)
    assert (refused == []) is (0 <= value <= 100)


@given(value=NUMBERS)
def test_a_rank_passes_exactly_when_a_whole_number_from_1(value):
    refused = validation.value_problems("rank", "none", value)
    assert (refused == []) is (value >= 1 and value == int(value))


@given(value=NUMBERS, weight=NUMBERS)
def test_a_checked_number_is_stored_within_the_models_digits(value, weight):
    if validation.value_problems("amount", "weighted", value, weight) == []:
        for number in (validation.as_stored(value), validation.as_stored(weight)):
            assert number.as_tuple().exponent == -4 and abs(number) < validation.LIMIT
            assert validation.as_stored(number) == number


def test_stored_values_keep_four_decimal_places():
    assert validation.as_stored(33.333333) == Decimal("33.3333")
    assert validation.as_stored(0.1) == Decimal("0.1000")
    assert validation.as_stored(Decimal("2.00005")) == Decimal("2.0001")
    assert validation.as_stored(None) is None


# Reporting a figure.


def test_a_unit_reports_a_figure(world, plan):
    before = timezone.now()
    saved = figure(world, plan.dossiers, Q2, Decimal("81.25"), weight=1500, note="  Theo hệ thống quản lý văn bản.  ")
    saved.refresh_from_db()
    assert (saved.target, saved.organization, saved.period) == (plan.dossiers, world.department, Q2)
    assert (saved.value, saved.weight, saved.note) == (
        Decimal("81.25"),
        Decimal("1500"),
        "Theo hệ thống quản lý văn bản.",
    )
    assert saved.reported_by == world.users["unit"] and saved.reported_at >= before
    assert saved.status == "reported" and saved.is_current and saved.replaces is None and not saved.evidence
    event = audit.history(saved).get()
    assert event.verb == "figure.report" and event.actor == world.users["unit"]
    assert event.detail == {
        "target": plan.dossiers.pk,
        "organization": "Sở Khoa học và Công nghệ",
        "period": "2024-04-01",
        "value": "81.25",
        "weight": "1500",
        "evidence": "",
    }


def test_a_value_is_stored_rounded_to_four_places(world, plan):
    assert figure(world, plan.services, Q1, 33.333333).value == Decimal("33.3333")


def test_the_evidence_file_is_kept_with_its_name_and_fingerprint(world, plan, tmp_path):
    saved = figure(world, plan.services, Q1, evidence=SimpleUploadedFile("Báo cáo quý I.pdf", PDF))
    saved.refresh_from_db()
    assert saved.evidence_name == "Báo cáo quý I.pdf" and saved.extension == ".pdf"
    assert len(saved.sha256) == 64 and saved.evidence.name.endswith(".pdf")
    with saved.evidence.open("rb") as stored:
        assert stored.read() == PDF
    assert audit.history(saved).get().detail["evidence"] == "Báo cáo quý I.pdf"


def test_a_program_as_evidence_is_refused_and_nothing_is_kept(world, plan, tmp_path):
    with pytest.raises(ValidationError) as error:
        figure(world, plan.services, Q1, evidence=SimpleUploadedFile("bao-cao.pdf", EXE))
    assert error.value.message_dict["evidence"] == [
        "This file is not a PDF, DOCX, XLSX or image: its content is a program."
    ]
    assert not Figure.objects.exists() and stored_files(tmp_path) == [] and verbs() == []


@pytest.mark.parametrize(
    "fields, field, message",
    [
        ({"period": datetime.date(2020, 1, 1)}, "period", "The period is outside the resolution's years"),
        ({"period": datetime.date(2024, 5, 1)}, "period", "This is not the first day of a period"),
        ({"period": NEXT_YEAR}, "period", "This period has not begun yet."),
        ({"value": 120}, "value", "A percentage is a number from 0 to 100."),
        ({"value": "sáu mươi"}, "value", "The value must be a number."),
        ({"value": None}, "value", "Enter the value."),
    ],
)
def test_a_refused_figure_saves_nothing_not_even_its_file(world, plan, tmp_path, fields, field, message):
    with pytest.raises(ValidationError) as error:
        figure(world, plan.services, **({"evidence": SimpleUploadedFile("bao-cao.pdf", PDF)} | fields))
    assert error.value.message_dict[field][0].startswith(message)
    assert not Figure.objects.exists() and stored_files(tmp_path) == [] and verbs() == []


def test_a_target_the_unit_does_not_report(world, plan):
    with pytest.raises(ValidationError) as error:
        figure(world, plan.elsewhere, datetime.date(2024, 1, 1))
    assert messages(error) == "This organization does not report this target."
    assert not Figure.objects.exists()


def test_a_figure_for_another_organization_is_refused(world, plan):
    with pytest.raises(PermissionDenied) as error:
        figure(world, plan.services, Q1, organization=plan.district)
    assert str(error.value) == "You may report figures for your own organization only."
    assert not Figure.objects.exists() and verbs() == []


def test_the_office_reports_on_a_units_behalf(world, plan):
    saved = figure(world, plan.services, Q1, who="office", organization=plan.district)
    assert saved.organization == plan.district and saved.reported_by == world.users["office"]


@pytest.mark.parametrize("who", ["leader", "member", "chair"])
def test_no_one_else_reports(world, plan, who):
    with pytest.raises(PermissionDenied):
        figure(world, plan.services, Q1, who=who)
    assert not Figure.objects.exists()


def test_a_second_figure_for_the_period_is_refused_and_the_first_is_untouched(world, plan):
    first = figure(world, plan.services, Q1, 60)
    with pytest.raises(ValidationError) as error:
        figure(world, plan.services, Q1, 65)
    assert error.value.message_dict["period"] == [
        "A figure for this period is already there: ask the office to correct it."
    ]
    assert list(Figure.objects.values_list("pk", "value", "is_current")) == [(first.pk, Decimal("60"), True)]
    assert verbs() == ["figure.report"]


def test_a_duplicate_saved_meanwhile_by_another_writer_is_refused_and_its_file_removed(
    world, plan, tmp_path, monkeypatch
):
    """An import does not take the target's lock: the database's constraint still refuses the second figure."""
    first = figure(world, plan.services, Q1, 60)
    load = validation.FigureRules.load.__func__

    def blind(cls, *args, **kwargs):
        known = load(cls, *args, **kwargs)
        known.current.clear()  # as if the check ran before the other writer saved
        return known

    monkeypatch.setattr(validation.FigureRules, "load", classmethod(blind))
    with pytest.raises(ValidationError) as error:
        figure(world, plan.services, Q1, 65, evidence=SimpleUploadedFile("bc.pdf", PDF))
    assert error.value.message_dict["period"] == [
        "A figure for this period is already there: ask the office to correct it."
    ]
    assert list(Figure.objects.values_list("pk", flat=True)) == [first.pk]
    assert stored_files(tmp_path) == [] and verbs() == ["figure.report"]


# Corrections by the office.


def correct(world, original, who="office", **fields):
    return services.check_correct_figure(
        world.users[who], original, **({"value": 64, "reason": "Sai số liệu quý."} | fields)
    )


def test_a_correction_keeps_the_original_and_says_who_and_why(world, plan):
    original = figure(world, plan.services, Q1, 60, note="Số liệu sơ bộ.", evidence=SimpleUploadedFile("bc.pdf", PDF))
    corrected = correct(world, original, value=Decimal("64.5"), reason="  Cộng nhầm hồ sơ của tháng 3.  ")
    original.refresh_from_db()
    assert (original.value, original.is_current, original.reported_by) == (Decimal("60"), False, world.users["unit"])
    assert corrected.replaces == original and corrected.is_current and corrected.value == Decimal("64.5")
    assert (
        corrected.reported_by == world.users["office"] and corrected.correction_reason == "Cộng nhầm hồ sơ của tháng 3."
    )
    # The office checked the number it wrote: approved at once; the note and evidence carry over.
    assert corrected.status == "approved" and corrected.approved_by == world.users["office"]
    assert (corrected.note, corrected.evidence.name, corrected.sha256) == (
        original.note,
        original.evidence.name,
        original.sha256,
    )
    event = audit.history(corrected).get()
    assert event.verb == "figure.correct" and event.actor == world.users["office"]
    assert event.detail == {
        "replaces": original.pk,
        "reason": "Cộng nhầm hồ sơ của tháng 3.",
        "changes": {"value": ["60", "64.5"]},
    }


def test_a_correction_of_the_base_is_recorded(world, plan):
    original = figure(world, plan.dossiers, Q1, 80, weight=1200)
    corrected = correct(world, original, value=80, weight=1250)
    assert audit.history(corrected).get().detail["changes"] == {"value": ["80", "80"], "weight": ["1200", "1250"]}


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"reason": "   "}, "Say why the figure is corrected."),
        ({"value": 101}, "A percentage is a number from 0 to 100."),
        ({"value": 60}, "The corrected figure is the same as the one reported."),
    ],
)
def test_a_refused_correction_changes_nothing(world, plan, fields, message):
    original = figure(world, plan.services, Q1, 60)
    with pytest.raises(ValidationError) as error:
        correct(world, original, **fields)
    assert messages(error) == message
    assert list(Figure.objects.values_list("pk", "is_current")) == [(original.pk, True)]
    assert verbs() == ["figure.report"]


def test_only_the_latest_version_is_corrected(world, plan):
    original = figure(world, plan.services, Q1, 60)
    corrected = correct(world, original)
    with pytest.raises(ValidationError) as error:
        correct(world, original, value=70)
    assert messages(error) == "This figure was corrected already: correct its latest version."
    again = correct(world, corrected, value=66, reason="Theo số liệu rà soát lại.")
    assert again.replaces == corrected and Figure.objects.filter(is_current=True).get() == again


@pytest.mark.parametrize("who", ["unit", "leader", "member"])
def test_only_the_office_corrects(world, plan, who):
    original = figure(world, plan.services, Q1, 60)
    with pytest.raises(PermissionDenied):
        correct(world, original, who=who)
    assert Figure.objects.get().pk == original.pk


# Approval.


def test_the_office_approves_a_figure_once(world, plan):
    reported = figure(world, plan.services, Q1)
    approved = services.check_approve_figure(world.users["office"], reported)
    approved.refresh_from_db()
    assert approved.status == "approved" and approved.approved_by == world.users["office"] and approved.approved_at
    assert audit.history(approved).latest("pk").verb == "figure.approve"
    with pytest.raises(ValidationError) as error:
        services.check_approve_figure(world.users["admin"], approved)
    assert messages(error) == "This figure is approved already."


def test_a_corrected_figure_is_not_approved(world, plan):
    original = figure(world, plan.services, Q1, 60)
    correct(world, original)
    with pytest.raises(ValidationError) as error:
        services.check_approve_figure(world.users["office"], original)
    assert messages(error) == "This figure was corrected: approve its latest version."


@pytest.mark.parametrize("who", ["unit", "leader"])
def test_only_the_office_approves(world, plan, who):
    reported = figure(world, plan.services, Q1)
    with pytest.raises(PermissionDenied):
        services.check_approve_figure(world.users[who], reported)
    reported.refresh_from_db()
    assert reported.status == "reported"


# A target's definition changes.

NEW = "Tỷ lệ dịch vụ công trực tuyến toàn trình trên tổng số thủ tục hành chính"


def revise(world, target, who="office", **fields):
    fields = {
        "indicator": NEW,
        "effective_on": datetime.date(2023, 1, 1),
        "reason": "Theo Nghị định 42/2022/NĐ-CP.",
    } | fields
    return services.check_revise_target(world.users[who], target, **fields)


def test_a_definition_change_is_kept_with_its_date_and_reason(world, plan):
    before = plan.services.indicator
    revision = revise(world, plan.services)
    plan.services.refresh_from_db()
    assert plan.services.indicator == NEW
    assert (revision.indicator_before, revision.indicator_after) == (before, NEW)
    assert (revision.effective_on, revision.reason, revision.changed_by) == (
        datetime.date(2023, 1, 1),
        "Theo Nghị định 42/2022/NĐ-CP.",
        world.users["office"],
    )
    event = audit.history(plan.services).get()
    assert event.verb == "target.revise"
    assert event.detail == {
        "effective_on": "2023-01-01",
        "reason": "Theo Nghị định 42/2022/NĐ-CP.",
        "changes": {"indicator": [before, NEW]},
    }


@pytest.mark.parametrize(
    "fields, field, message",
    [
        ({"indicator": "  "}, "indicator", "Write the new definition of the target."),
        (
            {"indicator": "Tỷ lệ dịch vụ công trực tuyến toàn trình"},
            "indicator",
            "This is the definition in force already.",
        ),
        ({"effective_on": None}, "effective_on", "Enter the date the new definition applies from."),
        (
            {"effective_on": datetime.date(2020, 12, 31)},
            "effective_on",
            "The date must be within the resolution's years",
        ),
        ({"reason": ""}, "reason", "Give the reason for the change."),
    ],
)
def test_a_refused_definition_change_changes_nothing(world, plan, fields, field, message):
    with pytest.raises(ValidationError) as error:
        revise(world, plan.services, **fields)
    assert error.value.message_dict[field][0].startswith(message)
    assert not TargetRevision.objects.exists() and verbs() == []
    plan.services.refresh_from_db()
    assert plan.services.indicator == "Tỷ lệ dịch vụ công trực tuyến toàn trình"


def test_changes_follow_each_other_in_time(world, plan):
    revise(world, plan.services)
    with pytest.raises(ValidationError) as error:
        revise(world, plan.services, indicator="Một định nghĩa khác", effective_on=datetime.date(2023, 1, 1))
    assert messages(error) == "The definition last changed on 01/01/2023: a new change applies from a later date."
    revise(world, plan.services, indicator="Một định nghĩa khác", effective_on=datetime.date(2024, 7, 1))
    assert list(plan.services.revisions.values_list("indicator_before", flat=True)) == [
        "Tỷ lệ dịch vụ công trực tuyến toàn trình",
        NEW,
    ]


@pytest.mark.parametrize("who", ["unit", "leader"])
def test_only_the_office_changes_a_definition(world, plan, who):
    with pytest.raises(PermissionDenied):
        revise(world, plan.services, who=who)
    assert not TargetRevision.objects.exists()
