"""Excel exports of the follow-up lists, opened again and read: headers, title, rows, dates, Vietnamese text."""

import datetime
import io
import zipfile

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from python_calamine import CalamineWorkbook

from hoinghi.core.spreadsheet import HEADER_ROW, XLSX
from hoinghi.directives import export, rules, selectors
from hoinghi.directives.models import Directive
from hoinghi.meetings.models import Conclusion

TODAY = timezone.localdate


@pytest.fixture
def conclusion(world):
    meeting = world.meeting(
        starts_at=timezone.make_aware(datetime.datetime(2025, 1, 6, 8, 0)), title="Hội nghị Ban Thường vụ tháng 1"
    )
    item = world.item(meeting)
    return Conclusion.objects.create(
        item=item, outcome="approved", text="Đồng ý, giao Sở Khoa học và Công nghệ chủ trì."
    )


def make(conclusion, organization, content, days_late, **fields):
    return Directive.objects.create(
        conclusion=conclusion,
        body_id=conclusion.item.meeting.body_id,
        lead_organization=organization,
        content=content,
        deadline=TODAY() - datetime.timedelta(days=days_late),
        **fields,
    )


def sheets(response) -> dict[str, list[list]]:
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"].startswith("attachment") and ".xlsx" in response["Content-Disposition"]
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def office(world) -> Client:
    client = Client()
    client.force_login(world.users["office"])
    return client


def test_the_overdue_list_in_excel(world, conclusion):
    make(conclusion, world.department, "Hoàn thiện đề án chuyển đổi số; báo cáo Ủy ban kiểm tra.", 3, priority=True)
    most_late = make(conclusion, world.government, '=HYPERLINK("http://x") rà soát quy hoạch', 40)
    most_late.coordinating_organizations.set([world.department, world.committee])
    make(conclusion, world.department, "Chưa đến hạn", -5)
    make(conclusion, world.department, "Đã xong", 10, status=rules.DONE)
    response = office(world).get(
        reverse("directives:export"), {"list": "overdue", "priority": "", "body": world.body.pk}
    )
    ((name, rows),) = sheets(response).items()
    with translation.override("vi"):
        assert name == rows[0][0] == gettext("Overdue directives")
        expected = [gettext(h) for h in ("Meeting date", "Days late", "Last report", "Yes")]
    assert "Ban Thường vụ Tỉnh ủy" in rows[1][0] and TODAY().strftime("%d/%m/%Y") in rows[1][0]
    headers = rows[HEADER_ROW]
    # The headers are Vietnamese (those already in the catalogue are checked word for word).
    assert headers[:7] == [
        expected[0],
        "Hội nghị",
        "Cơ quan",
        "Chỉ đạo",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Thời hạn",
    ]
    assert headers[7] == "Trạng thái" and headers[9:11] == expected[1:3]
    first, second = rows[HEADER_ROW + 1 :]
    assert first[4] == "UBND tỉnh Bắc Nam" and second[4] == "Sở Khoa học và Công nghệ"
    # A text starting with "=" stays text: no formula runs in the office's Excel.
    assert first[3] == '=HYPERLINK("http://x") rà soát quy hoạch'
    assert second[3] == "Hoàn thiện đề án chuyển đổi số; báo cáo Ủy ban kiểm tra."
    assert first[5] == "Sở Khoa học và Công nghệ; Tỉnh ủy Bắc Nam" and second[5] == ""
    # Dates are dates (calamine reads them so only when the cell holds a date number with a date format).
    assert first[0] == datetime.date(2025, 1, 6)
    assert first[6] == TODAY() - datetime.timedelta(days=40)
    assert [first[9], second[9]] == [40, 3]  # the most days late first
    assert (first[11], second[11]) == ("", expected[3])  # priority


def test_dates_are_shown_day_first(world, conclusion):
    make(conclusion, world.department, "Báo cáo", 2)
    content = export.directives_workbook("Chỉ đạo", Directive.objects.all(), selectors.Filters(), TODAY())
    # The number format of dates, as stored in the workbook's styles.
    styles = zipfile.ZipFile(io.BytesIO(content)).read("xl/styles.xml").decode()
    assert 'formatCode="dd/mm/yyyy"' in styles


def test_a_units_inbox_holds_what_it_coordinates(world, conclusion):
    led = make(conclusion, world.department, "Chủ trì xây dựng kế hoạch", -10)
    helped = make(conclusion, world.government, "Phối hợp rà soát", -10)
    helped.coordinating_organizations.set([world.department])
    make(conclusion, world.committee, "Việc của cơ quan khác", -10)
    unit = Client()
    unit.force_login(world.users["unit"])
    # Asking for another organization's inbox gives one's own.
    response = unit.get(reverse("directives:export"), {"list": "inbox", "organization": world.committee.pk})
    (rows,) = sheets(response).values()
    assert "Sở Khoa học và Công nghệ" in rows[0][0]
    contents = {row[3] for row in rows[HEADER_ROW + 1 :]}
    assert contents == {led.content, helped.content}
    # The office gets any organization's inbox, or every directive without one.
    everything = sheets(office(world).get(reverse("directives:export"), {"list": "inbox"}))
    assert len(next(iter(everything.values()))) == HEADER_ROW + 1 + 3


def test_the_dashboard_tables_in_excel(world, conclusion):
    make(conclusion, world.department, "Quá hạn", 5)
    make(
        conclusion,
        world.department,
        "Đúng hạn",
        5,
        status=rules.DONE,
        closed_at=timezone.now() - datetime.timedelta(days=6),
        deadline_at_close=TODAY() - datetime.timedelta(days=5),
    )
    make(conclusion, world.government, "Đã hủy", 5, status=rules.CANCELLED)
    with translation.override("vi"):
        books = sheets(office(world).get(reverse("directives:export"), {"list": "dashboard"}))
    by_body, by_organization = books.values()
    headers = by_body[HEADER_ROW]
    assert headers[0] == "Cơ quan"
    body_row, total = by_body[HEADER_ROW + 1 :]
    assert body_row[0] == "Ban Thường vụ Tỉnh ủy" and body_row[1:3] == [3, 1]
    assert body_row[-1] == 1  # one unit holds overdue work
    assert total[1] == 3
    names = [row[0] for row in by_organization[HEADER_ROW + 1 :]]
    assert names[0] == "Sở Khoa học và Công nghệ" and len(names) == 3  # the most overdue first, then the total
    department = by_organization[HEADER_ROW + 1]
    on_time_share = department[len(rules.SPLIT) + 3]
    assert on_time_share == 1.0


def test_an_unknown_list_is_not_found(world):
    assert office(world).get(reverse("directives:export"), {"list": "everything"}).status_code == 404
