"""Figures imported from Excel: every kind of wrong row refused with its row, column and message; a file with one
wrong row leaves the database as it was; a dry run writes nothing; a second import of the same file is refused
as duplicates; the downloaded template, filled, imports back."""

import datetime
import io
import unicodedata
from decimal import Decimal

import pytest
import xlsxwriter
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from python_calamine import CalamineWorkbook

from hoinghi.core.models import AuditEvent
from hoinghi.core.spreadsheet import HEADER_ROW, KEY_ROW, NUMBER, Column, Sheet, workbook
from hoinghi.directory.models import Organization
from hoinghi.targets import importing, services
from hoinghi.targets.models import Figure
from tests.clients import client_for
from tests.figure_sheets import filled, read_sheet, written
from tests.target_helpers import Q1, Q2, Q3, build_plan, figure

FIRST_DATA_ROW = HEADER_ROW + 2  # as Excel numbers rows: under the title, notes, keys and headers


@pytest.fixture
def plan(world):
    return build_plan(world)


LAST_YEAR = datetime.date.today().year + 4  # the plan's resolution runs from 2021 to four years from now
OUTSIDE = f"The period is outside the resolution's years, 2021 to {LAST_YEAR}."


KEYS = ("target", "period", "organization", "value", "weight", "note")


def xlsx(rows) -> SimpleUploadedFile:
    """A hand-made figures sheet: the key columns only, under the template's key row and headers."""
    return SimpleUploadedFile("so-lieu.xlsx", written(KEYS, [key.title() for key in KEYS], rows))


def good_rows(world, plan) -> list[list]:
    department = world.department.pk
    return [
        [plan.services.pk, Q1, department, 62.5, None, "Theo báo cáo của Sở"],
        [plan.services.pk, Q2, department, 70, None, ""],
        [plan.firms.pk, datetime.date(2024, 1, 1), department, 412, None, ""],
        [plan.dossiers.pk, Q1, department, 81.2, 1500, ""],
    ]


def run(user, rows, **options) -> importing.Outcome:
    return importing.check_import_figures(user, xlsx(rows), **options)


def errors(outcome) -> set[tuple[int, str, str]]:
    return {(error.row, error.column, error.message) for error in outcome.errors}


def test_a_correct_file_is_written_whole_with_one_audit_event(world, plan):
    unit = world.users["unit"]
    outcome = run(unit, good_rows(world, plan))
    assert outcome.accepted and outcome.written and outcome.rows == 4
    assert {(target.pk, count) for target, count in outcome.new} == {
        (plan.services.pk, 2),
        (plan.firms.pk, 1),
        (plan.dossiers.pk, 1),
    }
    figures = {(f.target_id, f.period): f for f in Figure.objects.all()}
    assert len(figures) == 4
    first = figures[plan.services.pk, Q1]
    assert (first.value, first.weight, first.note) == (Decimal("62.5"), None, "Theo báo cáo của Sở")
    assert first.organization == world.department and first.reported_by == unit and first.is_current
    assert figures[plan.dossiers.pk, Q1].weight == Decimal(1500)
    assert set(Figure.objects.values_list("status", "is_current")) == {("reported", True)}
    event = AuditEvent.objects.get(verb="figure.import")
    assert AuditEvent.objects.filter(verb__startswith="figure.").count() == 1
    assert event.actor == unit and event.detail["file"] == "so-lieu.xlsx" and event.detail["rows"] == 4
    assert len(event.detail["sha256"]) == 64 and event.detail["resolutions"] == ["06-NQ/TU"]


def test_notes_are_kept_in_nfc(world, plan):
    rows = good_rows(world, plan)[:1]
    rows[0][5] = unicodedata.normalize("NFD", "  Số liệu của Sở  ")
    run(world.users["unit"], rows)
    assert Figure.objects.get().note == "Số liệu của Sở"


def test_a_figure_reported_while_the_file_was_checked_refuses_it_whole(world, plan, monkeypatch):
    """The checks saw no figure for a period; one was saved before the writing: nothing of the file is."""
    real_check = importing._check

    def check_then_someone_reports(*args):
        real_check(*args)
        services.check_report_figure(
            world.users["unit"], plan.firms, organization=world.department, period=datetime.date(2024, 1, 1), value=5
        )

    monkeypatch.setattr(importing, "_check", check_then_someone_reports)
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        run(world.users["unit"], good_rows(world, plan))
    assert refused.value.message_dict == {
        "file": ["Some of these figures were reported while the file was being checked: upload it again."]
    }
    assert list(Figure.objects.values_list("target", "value")) == [(plan.firms.pk, Decimal(5))]
    assert not AuditEvent.objects.filter(verb="figure.import").exists()


def test_rows_left_empty_are_skipped(world, plan):
    rows = good_rows(world, plan)
    rows.insert(1, [plan.services.pk, Q3, world.department.pk, None, None, None])
    rows.insert(2, [None] * 6)
    outcome = run(world.users["unit"], rows)
    assert outcome.written and outcome.rows == 4 and Figure.objects.count() == 4


# Each kind of wrong row, put second among correct ones: (the row, the column that is wrong, the message).
def refusals(world, plan, other_unit):
    services, department = plan.services.pk, world.department.pk
    return {
        "unknown target": ([99999, Q3, department, 50], "Target code", "Unknown target."),
        "target code as text": (["chỉ tiêu 1", Q3, department, 50], "Target code", "Unknown target."),
        "unknown organization": ([services, Q3, 99999, 50], "Organization code", "Unknown organization."),
        "unknown period": (
            [services, "quý 3", department, 50],
            "Period starts",
            "Unknown period: give the first day of the period.",
        ),
        "not the first day of a period": (
            [services, datetime.date(2024, 8, 15), department, 50],
            "Period starts",
            "This is not the first day of a period: the target is reported quarterly.",
        ),
        "period outside the resolution": (
            [services, datetime.date(2020, 10, 1), department, 50],
            "Period starts",
            OUTSIDE,
        ),
        "text where a number belongs": ([services, Q3, department, "năm mươi"], "Value", "The value must be a number."),
        "a percentage over 100": (
            [services, Q3, department, 120],
            "Value",
            "A percentage is a number from 0 to 100.",
        ),
        "a note without a value": ([services, Q3, department, None, None, "chưa có số"], "Value", "Enter the value."),
        "a weighted share without its base": (
            [plan.dossiers.pk, Q3, department, 80],
            "Base (for a weighted share)",
            "Give the base of the share: the province figure is weighted by it.",
        ),
        "an organization that does not report the target": (
            [plan.elsewhere.pk, datetime.date(2024, 1, 1), department, 50],
            "Organization code",
            "This organization does not report this target.",
        ),
        "an organization the user may not report for": (
            [services, Q3, plan.district.pk, 50],
            "Organization code",
            "You may not report figures for this organization.",
        ),
        "an organization that is not the user's and does not report the target": (
            [services, Q3, other_unit.pk, 50],
            "Organization code",
            "You may not report figures for this organization.",
        ),
        "a figure twice in the file": (
            [services, Q1, department, 63],
            "Period starts",
            "The same figure is on row 5 too.",
        ),
    }


@pytest.fixture
def other_unit():
    return Organization.objects.create(name="Sở Y tế", kind="government")


@pytest.mark.parametrize(
    "kind",
    [
        "unknown target",
        "target code as text",
        "unknown organization",
        "unknown period",
        "not the first day of a period",
        "period outside the resolution",
        "text where a number belongs",
        "a percentage over 100",
        "a note without a value",
        "a weighted share without its base",
        "an organization that does not report the target",
        "an organization the user may not report for",
        "an organization that is not the user's and does not report the target",
        "a figure twice in the file",
    ],
)
def test_each_kind_of_wrong_row_refuses_the_file_naming_its_row(world, plan, other_unit, kind):
    row, column, message = refusals(world, plan, other_unit)[kind]
    rows = good_rows(world, plan)
    rows.insert(1, row + [None] * (6 - len(row)))
    with translation.override("en"):
        outcome = run(world.users["unit"], rows)
    assert not outcome.accepted and not outcome.written
    assert errors(outcome) == {(FIRST_DATA_ROW + 1, column, message)}
    assert Figure.objects.count() == 0 and not AuditEvent.objects.filter(verb="figure.import").exists()


def test_every_wrong_row_is_listed_and_nothing_is_saved(world, plan, other_unit):
    """All the kinds at once, one per row among the correct ones: each reported on its own row."""
    cases = refusals(world, plan, other_unit)
    del cases["a figure twice in the file"]  # (its row number depends on the layout)
    rows = good_rows(world, plan)
    expected = set()
    for row, column, message in cases.values():
        rows.append(row + [None] * (6 - len(row)))
        expected.add((FIRST_DATA_ROW + len(rows) - 1, column, message))
    with translation.override("en"):
        outcome = run(world.users["unit"], rows)
    assert errors(outcome) == expected
    assert len(outcome.by_row()) == len(cases)
    assert Figure.objects.count() == 0


def test_a_row_can_be_wrong_in_several_columns(world, plan):
    rows = [[plan.services.pk, datetime.date(2019, 1, 1), world.department.pk, 150, None, ""]]
    with translation.override("en"):
        outcome = run(world.users["unit"], rows)
    assert {(error.column, error.message) for error in outcome.errors} == {
        ("Period starts", OUTSIDE),
        ("Value", "A percentage is a number from 0 to 100."),
    }
    assert outcome.by_row() == [(FIRST_DATA_ROW, outcome.errors)]


def test_a_dry_run_writes_nothing_and_says_what_would_change(world, plan):
    outcome = run(world.users["unit"], good_rows(world, plan), dry_run=True)
    assert outcome.accepted and not outcome.written
    assert sum(count for _target, count in outcome.new) == 4
    assert Figure.objects.count() == 0 and not AuditEvent.objects.filter(verb="figure.import").exists()


def test_a_second_import_of_the_same_file_is_refused_as_duplicates(world, plan):
    unit = world.users["unit"]
    run(unit, good_rows(world, plan))
    with translation.override("en"):
        again = run(unit, good_rows(world, plan))
        dry = run(unit, good_rows(world, plan), dry_run=True)
    assert not again.accepted and Figure.objects.count() == 4
    duplicate = "A figure for this period is already there: ask the office to correct it."
    assert errors(again) == {(FIRST_DATA_ROW + n, "Period starts", duplicate) for n in range(4)}
    assert AuditEvent.objects.filter(verb="figure.import").count() == 1
    # The dry run lists which saved figures the rows repeat, with the value saved.
    listed = {(d.row, d.target.pk, d.organization, d.period, d.value) for d in dry.duplicates}
    assert (FIRST_DATA_ROW, plan.services.pk, world.department, Q1, Decimal("62.5")) in listed
    assert len(listed) == 4 and dry.new == []


def test_the_office_imports_any_units_figures(world, plan):
    rows = good_rows(world, plan) + [[plan.services.pk, Q1, plan.district.pk, 55, None, ""]]
    outcome = run(world.users["office"], rows)
    assert outcome.written and Figure.objects.filter(organization=plan.district).count() == 1


@pytest.mark.parametrize("role", ["leader", "member", "outsider"])
def test_only_the_office_and_units_import(world, plan, role):
    with pytest.raises(PermissionDenied):
        run(world.users[role], good_rows(world, plan))


def test_a_file_that_is_not_the_template_is_refused_at_once(world, plan):
    plain = Sheet("Tờ 1", "Số liệu", [], [Column("Chỉ tiêu", 10), Column("Giá trị", 10, NUMBER)], [["a", 1]])
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        importing.check_import_figures(world.users["unit"], SimpleUploadedFile("khac.xlsx", workbook([plain])))
    assert refused.value.message_dict == {
        "file": ["This is not the figures template: download the template, fill it and upload it."]
    }
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        importing.check_import_figures(world.users["unit"], SimpleUploadedFile("a.xlsx", b"%PDF-1.4\n%%EOF\n"))
    assert "file" in refused.value.message_dict
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        run(world.users["unit"], [[plan.services.pk, Q1, world.department.pk, None, None, None]])
    assert refused.value.message_dict == {"file": ["The file holds no figures: type them in the Value column."]}


def test_rows_are_numbered_as_excel_numbers_them_wherever_the_table_starts(world, plan):
    """No title, the key row lower down and the first column empty: the wrong row is still named right."""
    output = io.BytesIO()
    book = xlsxwriter.Workbook(output)
    sheet = book.add_worksheet()
    for col, key in enumerate(KEYS[:4], start=2):
        sheet.write_string(5, col, key)
        sheet.write_string(6, col, key.title())
    sheet.write_row(7, 2, [plan.services.pk, "2024-07-01", world.department.pk, 101])
    book.close()
    with translation.override("en"):
        outcome = importing.check_import_figures(
            world.users["unit"], SimpleUploadedFile("lech.xlsx", output.getvalue())
        )
    assert errors(outcome) == {(8, "Value", "A percentage is a number from 0 to 100.")}


def test_dates_typed_as_text_and_codes_as_text_are_read(world, plan):
    rows = [[str(plan.services.pk), "01/04/2024", str(world.department.pk), 70, None, ""]]
    outcome = run(world.users["unit"], rows)
    assert outcome.written and Figure.objects.get().period == Q2


@pytest.mark.parametrize(
    ("language", "typed", "read"),
    [("vi", "85,5", Decimal("85.5")), ("vi", " 62 ", Decimal(62)), ("en", "85.5", Decimal("85.5"))],
)
def test_numbers_typed_as_text_are_read_as_the_form_reads_them(world, plan, language, typed, read):
    rows = [[plan.services.pk, "2024-04-01", world.department.pk, typed, None, ""]]
    with translation.override(language):
        outcome = run(world.users["unit"], rows)
    assert outcome.written and Figure.objects.get().value == read


def test_text_that_is_no_number_is_still_refused(world, plan):
    rows = [[plan.services.pk, "2024-04-01", world.department.pk, "85,5%", None, ""]]
    with translation.override("en"):
        outcome = run(world.users["unit"], rows)
    assert errors(outcome) == {(5, "Value", "The value must be a number.")} and not Figure.objects.exists()


# The template, downloaded, filled and imported back through the pages.


def test_the_template_lists_the_units_targets_and_periods_with_what_is_reported(world, plan, today):
    figure(world, plan.firms, period=datetime.date(2023, 1, 1), value=380)
    client = Client()
    client.force_login(world.users["unit"])
    response = client.get(reverse("targets:template"))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    rows = read_sheet(response.content)
    keys = rows[KEY_ROW]
    body = [dict(zip(keys, row, strict=True)) for row in rows[HEADER_ROW + 1 :]]
    # The department's targets (not the one UBND tỉnh reports), each period from 2021 to the current one.
    mine = {plan.services, plan.firms, plan.rank, plan.dossiers, plan.investment}
    assert {row["target"] for row in body} == {target.pk for target in mine}
    years = today.year - 2021
    quarters, halves = years * 4 + (today.month - 1) // 3 + 1, years * 2 + (today.month - 1) // 6 + 1
    assert len(body) == 2 * quarters + 2 * (years + 1) + halves
    assert {row["organization"] for row in body} == {world.department.pk}
    firms = [row for row in body if row["target"] == plan.firms.pk]
    assert [row["period"] for row in firms] == [datetime.date(year, 1, 1) for year in range(2021, today.year + 1)]
    assert [row["reported"] for row in firms] == ["", "", 380] + [""] * (years - 2)
    assert {row["value"] for row in body} == {""}
    assert firms[0]["resolution"] == "06-NQ/TU" and firms[0]["indicator"] == "Số doanh nghiệp công nghệ số"
    assert len(CalamineWorkbook.from_filelike(io.BytesIO(response.content)).sheet_names) == 2  # and the instructions


def test_the_template_round_trips(world, plan):
    """Download the template, fill two values (copying every cell as it came), upload it: both are saved."""
    client = Client()
    client.force_login(world.users["unit"])
    template = client.get(reverse("targets:template")).content
    values = {(plan.services.pk, Q2): (66.6, None), (plan.dossiers.pk, Q3): (90, 2000)}
    content, _rows = filled(template, values)
    response = client.post(reverse("targets:import"), {"file": SimpleUploadedFile("mau-da-dien.xlsx", content)})
    assert response.status_code == 200
    saved = {(f.target_id, f.period): (f.value, f.weight) for f in Figure.objects.all()}
    assert saved == {
        (plan.services.pk, Q2): (Decimal("66.6"), None),
        (plan.dossiers.pk, Q3): (Decimal(90), Decimal(2000)),
    }
    assert "mau-da-dien.xlsx" in response.content.decode()


def test_the_page_lists_every_wrong_row_and_saves_nothing(world, plan):
    rows = good_rows(world, plan)
    rows[1][3] = "bảy mươi"
    rows[2][0] = 99999
    response = client_for(world.users["unit"], "en").post(reverse("targets:import"), {"file": xlsx(rows)})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="import-refused"' in page and 'id="row-6"' in page and 'id="row-7"' in page
    assert "The value must be a number." in page and "Unknown target." in page
    assert 'id="import-added"' not in page  # (what it would add is for a dry run)
    assert Figure.objects.count() == 0


def test_the_page_shows_a_dry_run_and_the_duplicates_it_would_make(world, plan):
    unit = client_for(world.users["unit"], "en")
    unit.post(reverse("targets:import"), {"file": xlsx(good_rows(world, plan)[:1])})
    response = unit.post(reverse("targets:import"), {"file": xlsx(good_rows(world, plan)), "dry_run": "on"})
    page = response.content.decode()
    assert response.status_code == 400 and 'id="import-duplicates"' in page and "saved as 62.5%" in page
    assert 'id="import-added"' in page  # the three rows that would be new
    assert Figure.objects.count() == 1
    response = unit.post(reverse("targets:import"), {"file": xlsx(good_rows(world, plan)[1:]), "dry_run": "on"})
    assert response.status_code == 200 and 'id="import-dry-run"' in response.content.decode()
    assert Figure.objects.count() == 1


def test_a_file_refused_whole_comes_back_on_the_form(world, plan):
    response = client_for(world.users["unit"], "en").post(
        reverse("targets:import"), {"file": SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n")}
    )
    assert response.status_code == 400 and "Upload the figures template" in response.content.decode()


def test_who_may_open_the_import_and_download_a_template(world, plan):
    assert client_for(world.users["leader"], "en").get(reverse("targets:import")).status_code == 403
    assert client_for(world.users["leader"], "en").get(reverse("targets:template")).status_code == 403
    office = client_for(world.users["office"], "en")
    page = office.get(reverse("targets:import")).content.decode()
    assert f'value="{plan.district.pk}"' in page and f'value="{world.department.pk}"' in page
    page = office.get(reverse("targets:import"), {"organization": plan.district.pk}).content.decode()
    assert f'value="{plan.district.pk}" selected' in page  # (coming from the district's reporting page)
    assert office.get(reverse("targets:template")).status_code == 404  # the office names the organization
    response = office.get(reverse("targets:template"), {"organization": plan.district.pk})
    rows = read_sheet(response.content)
    organizations = {row[rows[KEY_ROW].index("organization")] for row in rows[HEADER_ROW + 1 :]}
    assert organizations == {plan.district.pk}
    # A unit's staff get their own organization's, whatever they ask for.
    response = client_for(world.users["unit"], "en").get(
        reverse("targets:template"), {"organization": plan.district.pk}
    )
    rows = read_sheet(response.content)
    assert {row[rows[KEY_ROW].index("organization")] for row in rows[HEADER_ROW + 1 :]} == {world.department.pk}
