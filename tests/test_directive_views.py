"""The follow-up pages through HTTP: the inbox, a directive's page, the forms units and the office post, and
who gets what. Messages are checked in English except where the Vietnamese default is the point."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hoinghi.directives import services
from hoinghi.directives.models import Directive, ExtensionRequest, ProgressReport
from hoinghi.meetings import documents
from tests.clients import client_for, page
from tests.directive_helpers import EXE, PDF, directive, pdf, running_item, units


@pytest.fixture
def staff(world):
    return units(world)


@pytest.fixture
def task(world):
    return directive(world)


def detail_url(task):
    return reverse("directives:detail", args=[task.pk])


INBOX = reverse("directives:inbox")


# The inbox.


def test_a_unit_sees_its_own_directives_lead_and_coordinating_marked(world, english):
    item = running_item(world)
    led = directive(world, item, content="Chủ trì xây dựng kế hoạch.")
    helped = directive(
        world,
        item,
        content="Phối hợp rà soát quy hoạch.",
        lead_organization=world.government,
        coordinating_organizations=[world.department],
    )
    directive(
        world, item, content="Việc của cơ quan khác.", lead_organization=world.committee, coordinating_organizations=[]
    )
    services.check_set_priority(world.users["office"], helped, True)
    html = page(client_for(world.users["unit"]), INBOX)
    assert "Directives of Sở Khoa học và Công nghệ" in html
    assert "Việc của cơ quan khác." not in html
    # Priority first: the directive the unit coordinates comes before the one it leads.
    assert html.index("Phối hợp rà soát quy hoạch.") < html.index("Chủ trì xây dựng kế hoạch.")
    helped_row = html[html.index("Priority") : html.index("Phối hợp rà soát quy hoạch.")]
    assert "Coordinating" in helped_row and "Lead: UBND tỉnh Bắc Nam" in html
    led_row = html[html.index("Phối hợp rà soát quy hoạch.") : html.index("Chủ trì xây dựng kế hoạch.")]
    assert ">Lead<" in led_row
    assert led.pk and "2 directives" in html


def test_overdue_directives_show_days_late_and_no_deadline_is_said(world, english):
    past = running_item(world, days_from_now=-40)
    directive(
        world, past, content="Hoàn thành báo cáo tổng kết.", deadline=timezone.localdate() - datetime.timedelta(days=12)
    )
    directive(world, past, content="Theo dõi thường xuyên.", deadline=None)
    html = page(client_for(world.users["unit"]), INBOX)
    assert "Overdue: 12 days late" in html
    assert "No deadline" in html and html.count("Overdue:") == 1


def test_the_status_filter(world, task, english):
    other = directive(world, task.conclusion.item, content="Việc đã bắt đầu.")
    services.check_report_progress(world.users["unit"], other, text="Đang làm.")
    html = page(client_for(world.users["unit"]), INBOX, status="in_progress")
    assert "Việc đã bắt đầu." in html and task.content not in html
    # htmx asks for the rows only.
    response = client_for(world.users["unit"]).get(INBOX, {"status": "not_started"}, HTTP_HX_REQUEST="true")
    rows = response.content.decode()
    assert "<html" not in rows and task.content in rows and "Việc đã bắt đầu." not in rows


def test_a_unit_cannot_look_into_another_units_inbox(world, task, staff, english):
    html = page(client_for(staff["stranger"]), INBOX, organization=world.department.pk)
    assert "Directives of Tỉnh ủy Bắc Nam" in html and task.content not in html


@pytest.mark.parametrize("role", ["office", "leader", "admin"])
def test_the_office_and_leaders_see_any_organizations_inbox(world, task, role, english):
    client = client_for(world.users[role])
    html = page(client, INBOX, organization=world.government.pk)
    assert "Directives of UBND tỉnh Bắc Nam" in html and task.content in html  # it coordinates
    assert task.content not in page(client, INBOX, organization=world.committee.pk)
    everything = page(client, INBOX)
    assert "All directives" in everything and task.content in everything
    # Choosing another organization with htmx swaps the rows, and the title and export link out of band.
    rows = client.get(INBOX, {"organization": world.government.pk}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in rows and 'hx-swap-oob="true"' in rows and "Directives of UBND tỉnh Bắc Nam" in rows
    assert f"organization={world.government.pk}" in rows


@pytest.mark.parametrize("role", ["member", "chair", "invitee", "outsider"])
def test_no_inbox_without_a_unit(world, role):
    assert client_for(world.users[role]).get(INBOX).status_code == 403


def test_the_inbox_costs_the_same_queries_however_many_directives(world, english):
    item = running_item(world)
    directive(world, item)
    client = client_for(world.users["unit"])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(INBOX).status_code == 200
        return len(captured)

    before = queries()
    for n in range(6):
        more = directive(
            world,
            item,
            content=f"Chỉ đạo số {n}",
            lead_organization=world.government,
            coordinating_organizations=[world.department, world.committee],
        )
        services.check_report_progress(world.users["unit"], more, text="Đã nhận.")
    assert queries() == before


# A directive's page.


@pytest.mark.parametrize(
    "who,status",
    [
        ("office", 200),
        ("admin", 200),
        ("leader", 200),
        ("unit", 200),
        ("helper", 200),
        ("stranger", 403),
        ("member", 403),
        ("chair", 403),
        ("outsider", 403),
    ],
)
def test_the_directive_page_by_role(world, task, staff, who, status):
    user = staff.get(who) or world.users[who]
    assert client_for(user).get(detail_url(task)).status_code == status


def test_the_page_shows_where_the_directive_comes_from_and_respects_confidential_papers(world, english):
    item = running_item(world)
    normal = documents.check_upload_document(
        world.users["office"], item, title="Tờ trình", kind="report", confidentiality="normal", uploaded_file=pdf()
    )
    secret = documents.check_upload_document(
        world.users["office"],
        item,
        title="Báo cáo mật",
        kind="report",
        confidentiality="secret",
        uploaded_file=pdf("mat.pdf", PDF + b"%2\n"),
    )
    task = directive(world, item)
    for who in ["unit", "office"]:
        html = page(client_for(world.users[who]), detail_url(task))
        assert "Đồng ý, giao Sở Khoa học và Công nghệ chủ trì." in html and item.title in html
        assert reverse("meetings:document_view", args=[normal.pk]) in html
        assert reverse("meetings:document_view", args=[secret.pk]) not in html
        # The office keeps its papers in view; a unit does not learn the title of a secret paper.
        assert ("Báo cáo mật" in html) == (who == "office")
        assert ("You may not open this paper." in html) == (who == "office")
        assert ("Confidential paper" in html) == (who == "unit")
    # The link leads to a paper the unit may indeed open.
    assert client_for(world.users["unit"]).get(reverse("meetings:document_view", args=[normal.pk])).status_code == 200


def test_a_coordinating_unit_opens_the_items_papers(world, staff, english):
    item = running_item(world)
    normal = documents.check_upload_document(
        world.users["office"], item, title="Tờ trình", kind="report", confidentiality="normal", uploaded_file=pdf()
    )
    task = directive(world, item)
    helper = client_for(staff["helper"])
    assert reverse("meetings:document_view", args=[normal.pk]) in page(helper, detail_url(task))
    assert helper.get(reverse("meetings:document_view", args=[normal.pk])).status_code == 200


def test_forms_are_offered_by_role(world, task, staff, english):
    lead = page(client_for(world.users["unit"]), detail_url(task))
    assert "Report progress" in lead and 'name="done"' in lead and "Ask for an extension" in lead
    assert "Confirm done" not in lead and "Flag as priority" not in lead
    helper = page(client_for(staff["helper"]), detail_url(task))
    assert "Report progress" in helper and 'name="done"' not in helper and "Ask for an extension" not in helper
    leader = page(client_for(world.users["leader"]), detail_url(task))
    assert "Report progress" not in leader and "Cancel the directive" not in leader and "Flag as priority" not in leader
    office = page(client_for(world.users["office"]), detail_url(task))
    assert "Report progress" not in office and "Cancel the directive" in office and "Flag as priority" in office
    assert "Confirm done" not in office  # not reported done yet


# Reporting.


def test_a_unit_reports_with_files_and_those_who_see_the_directive_download_them(world, task, staff, english):
    client = client_for(world.users["unit"])
    response = client.post(
        reverse("directives:report", args=[task.pk]),
        {
            "text": "Đã ban hành kế hoạch.",
            "percent": "30",
            "files": [pdf("ke-hoach.pdf"), pdf("phu-luc.pdf", PDF + b"%p\n")],
        },
    )
    assert response.status_code == 302 and response["Location"] == detail_url(task)
    saved = ProgressReport.objects.get()
    assert saved.percent == 30 and saved.attachments.count() == 2
    html = page(client, detail_url(task))
    assert "Đã ban hành kế hoạch." in html and "ke-hoach.pdf" in html and "Your report is sent." in html
    assert "reported progress" in html  # the history
    url = reverse("directives:attachment", args=[saved.attachments.first().pk])
    for who in ["office", "leader", "helper"]:
        download = client_for(staff.get(who) or world.users[who]).get(url)
        assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
        assert "attachment" in download["Content-Disposition"]
    assert client_for(staff["stranger"]).get(url).status_code == 403


def test_a_refused_report_comes_back_with_its_errors_and_nothing_saved(world, task, english):
    client = client_for(world.users["unit"])
    response = client.post(
        reverse("directives:report", args=[task.pk]), {"text": "Có tệp lạ.", "files": [pdf("chuong-trinh.pdf", EXE)]}
    )
    html = response.content.decode()
    assert response.status_code == 400 and "chuong-trinh.pdf" in html and "a program" in html
    assert "Có tệp lạ." in html  # the text typed is kept on the form
    response = client.post(reverse("directives:report", args=[task.pk]), {"text": "Xong.", "percent": "150"})
    assert response.status_code == 400 and "less than or equal to 100" in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_errors_are_in_vietnamese_by_default(world, task, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    client = client_for(world.users["unit"])
    html = client.post(reverse("directives:report", args=[task.pk]), {"text": ""}).content.decode()
    assert "Trường này là bắt buộc." in html and "Thời hạn" in html
    response = client.post(
        reverse("directives:extension", args=[task.pk]), {"deadline": "32/13/2030", "reason": "Lý do"}
    )
    assert response.status_code == 400 and "Nhập ngày theo dạng dd/mm/yyyy." in response.content.decode()
    assert not ProgressReport.objects.exists() and not ExtensionRequest.objects.exists()


def test_a_refusal_not_about_a_field_is_shown_at_the_top(world, task, english):
    services.check_cancel_directive(world.users["office"], task, reason="Không còn phù hợp.")
    response = client_for(world.users["unit"]).post(reverse("directives:report", args=[task.pk]), {"text": "Muộn."})
    assert response.status_code == 400 and "This directive is cancelled" in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_a_unit_not_given_the_directive_cannot_post(world, task, staff):
    response = client_for(staff["stranger"]).post(reverse("directives:report", args=[task.pk]), {"text": "Xen vào."})
    assert response.status_code == 403 and not ProgressReport.objects.exists()


def test_correcting_a_report(world, task, english):
    client = client_for(world.users["unit"])
    first = services.check_report_progress(world.users["unit"], task, text="Bản đầu.", percent=20)
    url = reverse("directives:correct_report", args=[first.pk])
    assert url in page(client, detail_url(task))
    inline = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in inline and "Bản đầu." in inline and 'value="20"' in inline
    assert "<html" in page(client, url)
    response = client.post(url, {"text": "Bản sửa.", "percent": "25"})
    assert response.status_code == 302
    html = page(client, detail_url(task))
    assert "Bản sửa." in html and "1 earlier version" in html and "Bản đầu." in html
    # The earlier version cannot be corrected again; the refusal is on the form.
    again = client.post(url, {"text": "Lần ba."})
    assert again.status_code == 400 and "latest version" in again.content.decode()
    assert ProgressReport.objects.count() == 2


def test_only_the_authors_unit_opens_the_correction_form(world, task, staff):
    first = services.check_report_progress(world.users["unit"], task, text="Bản đầu.")
    url = reverse("directives:correct_report", args=[first.pk])
    for user in [staff["helper"], world.users["office"], staff["stranger"]]:
        assert client_for(user).get(url).status_code == 403


# Extensions and the office's decisions.


def test_an_extension_asked_and_granted(world, task, english):
    new = task.deadline + datetime.timedelta(days=30)
    unit = client_for(world.users["unit"])
    response = unit.post(
        reverse("directives:extension", args=[task.pk]), {"deadline": f"{new:%d/%m/%Y}", "reason": "Chờ ý kiến Bộ."}
    )
    assert response.status_code == 302
    asked = ExtensionRequest.objects.get()
    office = client_for(world.users["office"])
    html = page(office, detail_url(task))
    assert "Awaiting the office" in html and "Record the decision" in html
    refused = office.post(reverse("directives:decide_extension", args=[asked.pk]), {"grant": "0", "note": ""})
    assert refused.status_code == 400 and "Say why the extension is refused." in refused.content.decode()
    assert office.post(reverse("directives:decide_extension", args=[asked.pk]), {"grant": "1"}).status_code == 302
    assert Directive.objects.get(pk=task.pk).deadline == new
    html = page(unit, detail_url(task))
    assert f"{new:%d/%m/%Y}" in html and "Extension granted" in html and "Chờ ý kiến Bộ." in html


def test_an_extension_past_the_period_is_refused_on_the_form(world, task, english):
    Directive.objects.filter(pk=task.pk).update(period_end=task.deadline + datetime.timedelta(days=5))
    response = client_for(world.users["unit"]).post(
        reverse("directives:extension", args=[task.pk]),
        {"deadline": f"{task.deadline + datetime.timedelta(days=6):%Y-%m-%d}", "reason": "Lý do"},
    )
    assert response.status_code == 400 and "past the resolution&#x27;s period" in response.content.decode()


def test_the_office_confirms_returns_and_cancels(world, task, english):
    services.check_report_progress(world.users["unit"], task, text="Đã xong.", done=True)
    office = client_for(world.users["office"])
    html = page(office, detail_url(task))
    assert "Confirm done" in html and "Return to the unit" in html
    refused = office.post(reverse("directives:return", args=[task.pk]), {"return-reason": ""})
    assert refused.status_code == 400 and Directive.objects.get(pk=task.pk).status == "reported_done"
    assert (
        office.post(reverse("directives:return", args=[task.pk]), {"return-reason": "Thiếu số liệu."}).status_code
        == 302
    )
    assert Directive.objects.get(pk=task.pk).status == "returned"
    assert "Thiếu số liệu." in page(client_for(world.users["unit"]), detail_url(task))
    services.check_report_progress(world.users["unit"], task, text="Đã bổ sung.", done=True)
    assert office.post(reverse("directives:confirm", args=[task.pk]), {"note": "Đạt."}).status_code == 302
    assert Directive.objects.get(pk=task.pk).status == "done"
    other = directive(world, task.conclusion.item, content="Việc sẽ hủy.")
    assert (
        office.post(reverse("directives:cancel", args=[other.pk]), {"cancel-reason": "Trùng lặp."}).status_code == 302
    )
    assert Directive.objects.get(pk=other.pk).status == "cancelled"


@pytest.mark.parametrize("who", ["leader", "unit"])
def test_leaders_and_units_cannot_take_the_offices_decisions(world, task, who):
    services.check_report_progress(world.users["unit"], task, text="Đã xong.", done=True)
    client = client_for(world.users[who])
    for name, data in [
        ("confirm", {}),
        ("return", {"return-reason": "X"}),
        ("cancel", {"cancel-reason": "X"}),
        ("priority", {"priority": "1"}),
    ]:
        assert client.post(reverse(f"directives:{name}", args=[task.pk]), data).status_code == 403
    task = Directive.objects.get(pk=task.pk)
    assert (task.status, task.priority) == ("reported_done", False)


def test_the_priority_flag_toggles_in_place(world, task, english):
    office = client_for(world.users["office"])
    response = office.post(reverse("directives:priority", args=[task.pk]), {"priority": "1"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html and "Remove the priority flag" in html
    assert Directive.objects.get(pk=task.pk).priority
    assert office.post(reverse("directives:priority", args=[task.pk]), {"priority": "0"}).status_code == 302
    assert not Directive.objects.get(pk=task.pk).priority


def test_anonymous_is_sent_to_login(world, task):
    for url in [INBOX, detail_url(task)]:
        response = Client().get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_navigation_links_the_inbox_for_units_and_the_office(world):
    for role, shown in [("unit", True), ("office", True), ("member", False)]:
        html = client_for(world.users[role]).get(reverse("meetings:list")).content.decode()
        assert (f'href="{INBOX}"' in html) == shown, role


def test_the_directive_page_costs_the_same_queries_however_many_reports(world, task, staff, english):
    client = client_for(world.users["office"])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(detail_url(task)).status_code == 200
        return len(captured)

    first = services.check_report_progress(world.users["unit"], task, text="Lần đầu.", files=[pdf()])
    before = queries()
    services.check_correct_report(world.users["unit"], first, text="Sửa.", files=[pdf("b.pdf", PDF + b"%b\n")])
    for n in range(4):
        services.check_report_progress(
            staff["helper"], task, text=f"Báo cáo {n}", files=[pdf(f"{n}.pdf", PDF + b"%" + bytes([48 + n]))]
        )
    services.check_decide_extension(
        world.users["office"],
        services.check_request_extension(
            world.users["unit"], task, deadline=task.deadline + datetime.timedelta(days=9), reason="Lý do"
        ),
        grant=True,
    )
    assert queries() == before
