"""Importing an article across the reorganization: its names match the organizations of its day, and the office
may pass the directives of an organization ended since to its successor, in the same review."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hoinghi.core.models import AuditEvent
from hoinghi.directives.models import Directive, Transfer
from hoinghi.directives.transfer import holder_on
from hoinghi.directory.models import Organization
from hoinghi.ingest import selectors, services
from hoinghi.ingest.models import ArticleImport
from hoinghi.meetings.models import Meeting
from tests.clients import client_for
from tests.succession_helpers import EFFECTIVE, province, record_2021, reviewed_2021
from tests.test_ingest_views import posted, review_url

pytestmark = pytest.mark.django_db


def _on(day: str, *assignees: str, place="Hải Dương") -> dict:
    record = record_2021(date=day, organization=place)
    record["directives"] = [{"assignee": name, "content": "báo cáo", "deadline": None} for name in assignees]
    return record


def _matched(record: dict) -> dict:
    return {m.text: (m.organization, m.not_then) for m in selectors.organization_matches(record)}


@pytest.fixture
def town():
    """One short name over three periods: a district until 2019, a town until 2025, a ward since."""
    names = [
        ("UBND huyện Kinh Môn", None, datetime.date(2019, 11, 30)),
        ("UBND thị xã Kinh Môn", datetime.date(2019, 12, 1), datetime.date(2025, 6, 30)),
        ("Ủy ban nhân dân phường Kinh Môn", EFFECTIVE, None),
    ]
    return [
        Organization.objects.create(name=name, short_name="UBND Kinh Môn", kind="government", start=start, end=end)
        for name, start, end in names
    ]


def test_of_several_of_the_same_name_the_one_existing_on_the_day_wins(world, town):
    district, old_town, ward = town
    for day, expected in [("2018-03-01", district), ("2021-01-27", old_town), ("2026-02-10", ward)]:
        found, not_then = _matched(_on(day, "UBND Kinh Môn"))["UBND Kinh Môn"]
        assert found == expected, day
        assert set(not_then) == set(town) - {expected}
    # the gazetteer's short forms: "Ủy ban nhân dân" is "UBND", as the extractor reads it
    assert selectors.match_organization("UBND phường Kinh Môn", datetime.date(2026, 1, 1)) == ward
    assert selectors.match_organization("Uỷ ban nhân dân thị xã Kinh Môn", datetime.date(2021, 1, 1)) == old_town
    assert selectors.match_organization("UBND thị xã Kinh Môn", datetime.date(2026, 1, 1)) is None


def test_an_organization_ended_before_the_day_or_begun_after_it_is_not_used_and_said(world):
    hd = province(world)
    # a 2026 article names the district that ended in 2025; a 2021 article the commune that began in 2025
    found, not_then = _matched(_on("2026-02-10", "UBND huyện Nam Sách"))["UBND huyện Nam Sách"]
    assert found is None and not_then == [hd.nam_sach]
    [match] = selectors.organization_matches(_on("2021-01-27", "UBND xã Nam Sách"))
    assert match.organization is None and match.not_then == [hd.commune]
    assert hd.commune not in match.candidates  # the closest names offered existed then
    assert hd.nam_sach in match.candidates
    # the one existing on the day is matched, in the province the article names when several are
    assert _matched(_on("2021-01-27", "UBND tỉnh"))["UBND tỉnh"][0] == hd.government
    assert _matched(_on("2021-01-27", "UBND tỉnh", place="Bắc Nam"))["UBND tỉnh"][0] == world.government
    assert _matched(_on("2026-02-10", "UBND tỉnh", place="Bắc Nam"))["UBND tỉnh"] == (world.government, [])
    # a 2026 article of Hải Dương: its government had ended, and Bắc Nam's is not it
    assert _matched(_on("2026-02-10", "UBND tỉnh"))["UBND tỉnh"] == (None, [hd.government])


def test_the_body_is_the_one_of_the_meetings_day(world):
    hd = province(world)
    assert selectors.body_matches(record_2021()) == (hd.body, [])
    assert selectors.body_matches(record_2021(date="2026-02-10")) == (None, [hd.body])
    assert selectors.body_matches(record_2021(date="2026-02-10", organization="")) == (world.body, [hd.body])


def test_a_body_or_organization_of_another_time_is_refused_on_accept(world):
    hd = province(world)
    office = world.users["office"]
    article = reviewed_2021(world)
    with pytest.raises(ValidationError) as refused:
        services.check_accept(office, reviewed_2021(world, date="2026-02-10"), body=hd.body)
    assert "body" in refused.value.error_dict
    article.record["directives"][0]["assignee"] = "UBND xã Nam Sách"  # began in 2025: not of the 2021 meeting
    article.save(update_fields=["record"])
    with pytest.raises(ValidationError) as refused:
        services.check_accept(office, article, body=hd.body, organizations={"UBND xã Nam Sách": hd.commune.pk})
    assert "organizations.ubnd xã nam sách" in refused.value.error_dict
    assert not Meeting.objects.exists() and not Directive.objects.exists()


def test_the_successor_is_offered_for_each_directive_of_an_organization_ended_since(world):
    hd = province(world)
    record = record_2021()
    matches = selectors.organization_matches(record)
    offers = selectors.successor_offers(record, matches, {}, timezone.localdate())
    assert [(o.organization, o.successors) for o in offers] == [
        (hd.nam_sach, [hd.commune]),
        (hd.thanh_ha, hd.split),
        (hd.government, [hd.successor]),
    ]
    # an organization the reviewer chose instead, still existing: nothing to offer
    chosen = {"ubnd tỉnh": str(world.government.pk)}
    assert selectors.successor_offers(record, matches, chosen, timezone.localdate())[2] is None
    # before the reorganization nothing had ended
    assert selectors.successor_offers(record, matches, {}, EFFECTIVE - datetime.timedelta(days=1)) == [None] * 3


def test_the_import_keeps_history_unless_the_office_passes_a_directive_on(world):
    hd = province(world)
    meeting = services.check_accept(world.users["office"], reviewed_2021(world), body=hd.body, transfers={0: None})
    leads = dict(
        Directive.objects.filter(conclusion__item__meeting=meeting).values_list("content", "lead_organization")
    )
    assert leads == {
        "hoàn thiện hồ sơ đô thị Thanh Quang": hd.commune.pk,  # passed on
        "rà soát quy hoạch vùng vải": hd.thanh_ha.pk,  # kept as history, under the name of its day
        "trình hồ sơ lên Bộ Xây dựng": hd.government.pk,
    }
    [transfer] = Transfer.objects.all()
    assert (transfer.from_organization, transfer.to_organization) == (hd.nam_sach, hd.commune)
    assert transfer.reorganization.predecessors.get() == hd.nam_sach and transfer.day == EFFECTIVE
    passed = transfer.directive
    assert holder_on(passed, datetime.date(2021, 1, 27)) == hd.nam_sach.pk  # the 2021 meeting's record stays so
    assert holder_on(passed, timezone.localdate()) == hd.commune.pk
    event = AuditEvent.objects.get(verb="directive.transfer")
    assert event.object_id == str(passed.pk) and event.detail["basis"] == "202/2025/QH15"
    assert AuditEvent.objects.get(verb="ingest.accept").detail["passed_on"] == [passed.pk]


def test_several_successors_none_chosen_is_refused_and_nothing_written(world):
    hd = province(world)
    office = world.users["office"]
    article = reviewed_2021(world)
    with pytest.raises(ValidationError) as refused:
        services.check_accept(office, article, body=hd.body, transfers={1: None})
    assert list(refused.value.error_dict) == ["directives.1.successor"]
    assert "UBND huyện Thanh Hà có nhiều tổ chức kế thừa" in str(refused.value)  # said in Vietnamese
    article.refresh_from_db()
    assert article.status == ArticleImport.Status.DRAFT
    assert not Meeting.objects.exists() and not Directive.objects.exists() and not Transfer.objects.exists()
    # a successor of another organization is no choice either
    with pytest.raises(ValidationError) as refused:
        services.check_accept(office, article, body=hd.body, transfers={1: hd.commune.pk})
    assert list(refused.value.error_dict) == ["directives.1.successor"]
    # an organization still existing has nothing to pass on
    with pytest.raises(ValidationError) as refused:
        services.check_accept(
            office, article, body=hd.body, organizations={"UBND tỉnh": world.government.pk}, transfers={2: None}
        )
    assert list(refused.value.error_dict) == ["directives.2.pass_on"]
    assert not Meeting.objects.exists()
    services.check_accept(office, article, body=hd.body, transfers={1: hd.split[1].pk})
    assert Directive.objects.get(content="rà soát quy hoạch vùng vải").lead_organization == hd.split[1]


# --- the review page ------------------------------------------------------------------------


def test_the_review_shows_the_names_of_the_day_and_offers_the_successor(world):
    hd = province(world)
    article = reviewed_2021(world)
    article.record["directives"].append({"assignee": "UBND xã Nam Sách", "content": "báo cáo", "deadline": None})
    article.save(update_fields=["record"])
    page = client_for(world.users["office"]).get(review_url(article))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'id="directives-0-succession"' in html and 'id="directives-2-succession"' in html
    assert 'id="directives-3-succession"' not in html  # its name matched nothing of 2021: nothing to offer
    assert hd.commune.name in html and hd.successor.name in html
    assert 'name="directives-0-pass_on"' in html and 'name="directives-0-successor"' not in html  # one successor
    assert 'name="directives-1-successor"' in html  # a split: the reviewer chooses
    assert "checked" not in html.split('id="directives-0-succession"')[1].split("</div>\n</div>")[0]
    # the commune of 2025 named by the 2021 article: said so beside its row, and never offered as a choice
    assert html.count("js-not-then") == 1
    organizations = page.context["form"].organizations
    row = next(form for form in organizations if form["text"].value() == "UBND xã Nam Sách")
    offered = [value for group, options in row.fields["organization"].choices[2:] for value, _name in options]
    assert str(hd.commune.pk) not in offered and str(hd.nam_sach.pk) in offered


def test_the_office_passes_a_directive_on_from_the_review(world):
    hd = province(world)
    article = reviewed_2021(world)
    client = client_for(world.users["office"])
    data = posted(client, article, **{"directives-2-pass_on": "on", "accept": "1"})
    response = client.post(review_url(article), data)
    assert response.status_code == 302, response.context["form"].refusals
    passed = Directive.objects.get(content="trình hồ sơ lên Bộ Xây dựng")
    assert passed.lead_organization == hd.successor
    assert passed.transfers.get().from_organization == hd.government
    assert Directive.objects.get(content="rà soát quy hoạch vùng vải").lead_organization == hd.thanh_ha


def test_a_split_without_a_chosen_successor_is_refused_on_the_page(world):
    hd = province(world)
    article = reviewed_2021(world)
    client = client_for(world.users["office"])
    response = client.post(
        review_url(article), posted(client, article, **{"directives-1-pass_on": "on", "accept": "1"})
    )
    assert response.status_code == 400
    form = response.context["form"]
    rows = next(formset for key, formset, _heading, _in in form.lists if key == "directives").forms
    assert rows[1].errors["successor"]
    assert not Meeting.objects.exists() and not Transfer.objects.exists()
    # Save keeps the tick and the choice for the next visit
    data = posted(client, article, **{"directives-1-pass_on": "on", "directives-1-successor": str(hd.split[0].pk)})
    assert client.post(review_url(article), data).status_code == 302
    again = client.get(review_url(article)).context["form"]
    row = next(formset for key, formset, _heading, _in in again.lists if key == "directives").forms[1]
    assert row["pass_on"].value() is True and row["successor"].value() == str(hd.split[0].pk)
