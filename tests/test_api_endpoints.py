"""What the API's lists give and take: pages and filters, the portal's live articles (public, with a key or
without), a unit reporting progress on its directive through the same service as its page."""

import datetime

import pytest
from django.utils import timezone

from hoinghi.core.models import AuditEvent
from hoinghi.directives import services as follow_up
from hoinghi.directives.models import ProgressReport
from tests.api_helpers import ApiClient, api_as, key_for
from tests.directive_helpers import directive, running_item
from tests.portal_helpers import every_status


def test_meetings_come_in_pages_with_the_count_of_the_whole_list(world):
    office = api_as(world.users["office"])
    for day in range(5):
        world.meeting(title=f"Hội nghị số {day}", starts_at=timezone.now() + datetime.timedelta(days=day))
    first = office.get("meetings", page_size=2).json()
    assert (first["count"], first["page"], first["page_size"], len(first["items"])) == (5, 1, 2, 2)
    last = office.get("meetings", page_size=2, page=3).json()
    assert [m["title"] for m in last["items"]] == ["Hội nghị số 0"]  # the latest first
    assert office.get("meetings", page=9).json()["items"] == []


@pytest.mark.parametrize("params", [{"page": 0}, {"page_size": 101}, {"page": "một"}, {"year": 10**20}, {"q": "a\x00"}])
def test_parameters_out_of_bounds_are_a_422_naming_the_field(world, params):
    response = api_as(world.users["office"]).get("meetings", **params)
    assert response.status_code == 422
    said = response.json()
    assert said["detail"] == "Một số thông tin gửi lên không hợp lệ."
    assert [error["field"] for error in said["errors"]] == list(params)


def test_meetings_are_filtered_by_status_year_and_words_with_or_without_diacritics(world):
    office = api_as(world.users["office"])
    world.meeting(title="Hội nghị chuyển đổi số")
    world.meeting(title="Hội nghị kinh tế", starts_at=timezone.make_aware(datetime.datetime(2021, 5, 4, 8)))
    titles = lambda **params: [m["title"] for m in office.get("meetings", **params).json()["items"]]  # noqa: E731
    assert titles(q="chuyen doi so") == titles(q="Chuyển đổi số") == ["Hội nghị chuyển đổi số"]
    assert titles(year=2021) == ["Hội nghị kinh tế"]
    assert titles(status="closed") == []
    assert len(titles(status="draft")) == 2


def test_directives_are_filtered_as_the_follow_up_pages(world):
    given = directive(world)
    follow_up.check_set_priority(world.users["office"], given, True)
    other = directive(
        world,
        running_item(world),
        content="Báo cáo tiến độ giải ngân",
        lead_organization=world.government,
        coordinating_organizations=[],
    )
    office = api_as(world.users["office"])
    ids = lambda **params: [d["id"] for d in office.get("directives", **params).json()["items"]]  # noqa: E731
    assert sorted(ids()) == sorted([given.pk, other.pk])
    assert ids(priority=True) == [given.pk]
    assert ids(organization=world.government.pk) == [other.pk]
    assert ids(status="done") == []
    assert office.get("directives", status="finished").status_code == 422


def test_a_unit_reports_progress_through_the_api_as_on_its_page(world):
    given = directive(world)
    unit = api_as(world.users["unit"])
    response = unit.post(f"directives/{given.pk}/reports", {"text": "Đã hoàn thành 60% khối lượng.", "percent": 60})
    assert response.status_code == 201, response.content
    assert response.json()["percent"] == 60 and response.json()["organization"]["id"] == world.department.pk
    report = ProgressReport.objects.get()
    assert report.author == world.users["unit"] and report.organization == world.department
    assert AuditEvent.objects.filter(verb="directive.report", actor_username="unit").exists()
    said = unit.get(f"directives/{given.pk}").json()
    assert said["status"] == "in_progress" and said["reports"][0]["text"] == "Đã hoàn thành 60% khối lượng."


def test_a_report_the_service_refuses_is_a_400_and_writes_nothing(world):
    given = directive(world)
    response = ApiClient(key_for(world.users["unit"])).post(
        f"directives/{given.pk}/reports", {"text": "Xong", "percent": 50, "done": True}
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "percent", "message": "Nhiệm vụ báo cáo hoàn thành phải có tỷ lệ hoàn thành 100%."}
    ]
    assert not ProgressReport.objects.exists()


@pytest.mark.parametrize("who", ["office", "leader", "member"])
def test_only_the_directives_units_report_on_it(world, who):
    given = directive(world)
    response = api_as(world.users[who]).post(f"directives/{given.pk}/reports", {"text": "Đã làm."})
    assert response.status_code == 403
    assert not ProgressReport.objects.exists()


def test_only_live_articles_are_given_with_a_key_or_without(world):
    articles = every_status(world.users["office"])
    for client in (ApiClient(), api_as(world.users["unit"])):
        listed = client.get("articles").json()
        assert [a["slug"] for a in listed["items"]] == [articles["live"].slug]
        assert client.get(f"articles/{articles['live'].slug}").json()["body"] == articles["live"].body
        for hidden in ("draft", "review", "future", "withdrawn"):
            assert client.get(f"articles/{articles[hidden].slug}").status_code == 404, hidden
    assert ApiClient("hn_abcdefgh_" + "x" * 43).get("articles").status_code == 401


def test_a_path_naming_no_endpoint_is_a_json_404(world):
    for client in (ApiClient(), api_as(world.users["office"]), ApiClient(language="en")):
        response = client.get("khong-co/gi/ca")
        assert response.status_code == 404 and response["Content-Type"].startswith("application/json")
    assert response.json()["detail"] == "Not found, or not shown to you."


def test_the_docs_page_and_the_schema_are_served_from_the_site(world, client):
    schema = client.get("/api/openapi.json").json()
    assert {"/api/meetings", "/api/directives/{directive_id}/reports", "/api/articles"} <= set(schema["paths"])
    page = client.get("/api/docs")
    assert page.status_code == 200
    said = page.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in said and "cdn" not in said.lower()
    assert "script-src 'self'" in page["Content-Security-Policy"]


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "31/12/2021"])
@pytest.mark.parametrize(
    "path,name", [("directives", "period_to"), ("directives", "period_from"), ("articles", "since")]
)
def test_a_day_out_of_range_is_a_422_not_a_server_error(world, path, name, day):
    response = api_as(world.users["office"]).get(path, **{name: day})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == name
