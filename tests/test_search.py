"""The search over the records: folding (diacritics, tone placement, đ/d), phrases, abbreviations both ways, words
anywhere in a record, ranking, the index kept current, `hoinghi reindex`, and the meetings list on the same engine.
Run on SQLite and on PostgreSQL (the same tests, each engine behind one interface)."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from hoinghi.meetings import services
from hoinghi.meetings.models import Confidentiality, Meeting, Opinion
from hoinghi.search import selectors
from hoinghi.search.models import Entry, Kind
from tests.clients import client_for

pytestmark = pytest.mark.django_db


def titles(user, text, **filters):
    """The titles found, best first; none when only near matches (for a typo) are offered."""
    results = selectors.search(user, text, **filters)
    return [] if results.near else [hit.entry.title for hit in results.hits]


@pytest.fixture
def records(world):
    meeting = world.meeting(
        number=37,
        title="Hội nghị Ban Thường vụ Tỉnh uỷ thường kỳ",
        starts_at=timezone.make_aware(datetime.datetime(2021, 3, 6, 8, 0)),
        place="Hội trường Đảng bộ tỉnh",
    )
    first = world.item(meeting, title="Báo cáo của UBND tỉnh về công tác phòng chống thiên tai")
    second = world.item(meeting, title="Tờ trình của Hội đồng nhân dân về kế hoạch đầu tư công")
    third = world.item(meeting, title="Quy chế làm việc của Ban Chấp hành Đảng bộ tỉnh")
    # Announced: opinions are taken before and during a meeting, and a leader sees it.
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.SCHEDULED)
    return {"meeting": meeting, "first": first, "second": second, "third": third}


@pytest.mark.parametrize("query", ["tinh uy", "Tỉnh uỷ", "Tỉnh ủy", "TỈNH ỦY", "tỉnh ủy"])
def test_diacritics_and_tone_placement_do_not_matter(world, records, query):
    assert titles(world.users["office"], query, kind=[Kind.MEETING]) == ["Hội nghị Ban Thường vụ Tỉnh uỷ thường kỳ"]


def test_d_finds_đ(world, records):
    found = titles(world.users["office"], "dang bo tinh", kind=[Kind.ITEM])
    assert found == ["Quy chế làm việc của Ban Chấp hành Đảng bộ tỉnh"]


def test_phrases_in_quotes_match_as_phrases(world, records):
    office = world.users["office"]
    assert titles(office, "dau tu cong", kind=[Kind.ITEM]) == ["Tờ trình của Hội đồng nhân dân về kế hoạch đầu tư công"]
    assert titles(office, '"cong dau tu"', kind=[Kind.ITEM]) == []
    assert titles(office, "cong dau tu", kind=[Kind.ITEM]) != []


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("HĐND", "Tờ trình của Hội đồng nhân dân về kế hoạch đầu tư công"),
        ("hdnd", "Tờ trình của Hội đồng nhân dân về kế hoạch đầu tư công"),
        ("Ủy ban nhân dân", "Báo cáo của UBND tỉnh về công tác phòng chống thiên tai"),
        ("uy ban nhan dan", "Báo cáo của UBND tỉnh về công tác phòng chống thiên tai"),
        ("BCH", "Quy chế làm việc của Ban Chấp hành Đảng bộ tỉnh"),
    ],
)
def test_abbreviations_find_their_full_forms_and_back(world, records, query, title):
    assert titles(world.users["office"], query, kind=[Kind.ITEM]) == [title]


def test_an_abbreviation_in_lower_case_that_is_also_a_word_stays_a_word(world, records):
    world.item(records["meeting"], title="Kế hoạch tự kiểm tra của TU")
    assert titles(world.users["office"], "TU", kind=[Kind.ITEM]) == ["Kế hoạch tự kiểm tra của TU"]
    assert titles(world.users["office"], '"tinh uy"', kind=[Kind.ITEM]) == ["Kế hoạch tự kiểm tra của TU"]


def test_words_need_not_be_adjacent_a_meeting_by_body_and_number(world, records):
    assert titles(world.users["office"], "thuong vu 37") == ["Hội nghị Ban Thường vụ Tỉnh uỷ thường kỳ"]
    assert titles(world.users["office"], "lần thứ 37 06/03/2021") == ["Hội nghị Ban Thường vụ Tỉnh uỷ thường kỳ"]
    assert titles(world.users["office"], "thuong vu 38") == []


def test_a_minus_leaves_out_and_or_takes_either(world, records):
    office = world.users["office"]
    assert titles(office, "tinh -dang", kind=[Kind.ITEM]) == ["Báo cáo của UBND tỉnh về công tác phòng chống thiên tai"]
    assert len(titles(office, "thien OR dau", kind=[Kind.ITEM])) == 2


def test_a_title_ranks_before_a_mention_in_the_text(world, records):
    item = records["first"]
    services.check_add_opinion(world.users["member"], item, text="Cần làm rõ trách nhiệm về ngập lụt đô thị.")
    world.item(records["meeting"], title="Phương án chống ngập lụt đô thị")
    found = selectors.search(world.users["office"], "ngap lut").hits
    assert [hit.entry.kind for hit in found] == [Kind.ITEM, Kind.OPINION]


def test_snippets_mark_the_words_found_on_the_original_text(world, records):
    services.check_add_opinion(
        world.users["member"], records["first"], text="Đề nghị bổ sung số liệu về thiệt hại do bão số 3 gây ra."
    )
    (hit,) = selectors.search(world.users["office"], "thiet hai", kind=[Kind.OPINION]).hits
    assert "<mark>thiệt</mark> <mark>hại</mark>" in hit.snippet
    assert hit.url == f"/meetings/items/{records['first'].pk}/"


def test_facets_count_what_matches_and_filters_narrow(world, records):
    results = selectors.search(world.users["office"], "tinh")
    kinds = {facet.value: facet.count for facet in results.facets["kind"]}
    assert kinds == {Kind.MEETING: 1, Kind.ITEM: 2}
    assert results.total == 3
    assert {f.value: f.count for f in results.facets["year"]} == {2021: 3}
    narrowed = selectors.search(world.users["office"], "tinh", kind=[Kind.ITEM], year=2021, body=world.body.pk)
    assert narrowed.total == 2
    assert {f.value: f.count for f in narrowed.facets["kind"]} == kinds  # each facet counted under the others
    assert selectors.search(world.users["office"], "tinh", year=2020).total == 0


def test_results_come_a_page_at_a_time(world, records):
    for n in range(25):
        world.item(records["meeting"], title=f"Nội dung phân trang số {n}")
    first = selectors.search(world.users["office"], "phan trang", per_page=20)
    second = selectors.search(world.users["office"], "phan trang", per_page=20, page=2)
    assert (first.total, len(first.hits), len(second.hits)) == (25, 20, 5)
    assert not {h.entry.pk for h in first.hits} & {h.entry.pk for h in second.hits}


def test_a_typo_finds_titles_close_to_it(world, records):
    results = selectors.search(world.users["office"], "thien taii")
    assert results.near
    assert "Báo cáo của UBND tỉnh về công tác phòng chống thiên tai" in [h.entry.title for h in results.hits]


def test_an_edit_is_found_at_once_and_the_old_words_no_longer(world, records):
    item = records["first"]
    services.check_update_item(world.users["office"], item, title="Báo cáo về chuyển đổi số", kind=item.kind)
    assert titles(world.users["office"], "chuyen doi so") == ["Báo cáo về chuyển đổi số"]
    assert titles(world.users["office"], "thien tai") == []


def test_a_deleted_record_is_no_longer_found(world, records):
    records["third"].delete()
    assert titles(world.users["office"], "quy che") == []
    records["meeting"].delete()
    assert not Entry.objects.exists()


def test_an_item_made_confidential_is_withdrawn_from_those_outside_its_room(world, records):
    item = records["first"]
    services.check_add_opinion(world.users["member"], item, text="Thiệt hại do thiên tai cần thống kê đủ.")
    leader, member = world.users["leader"], world.users["member"]
    assert len(titles(leader, "thien tai")) == 2
    services.check_update_item(
        world.users["office"], item, title=item.title, kind=item.kind, confidentiality=Confidentiality.SECRET
    )
    assert titles(leader, "thien tai") == []
    assert selectors.search(leader, "thien tai").total == 0
    assert len(titles(member, "thien tai")) == 2


def test_reindex_rebuilds_the_index(world, records):
    Entry.objects.all().delete()
    assert titles(world.users["office"], "thuong vu 37") == []
    call_command("reindex", stdout=open("/dev/null", "w"))
    assert titles(world.users["office"], "thuong vu 37") == ["Hội nghị Ban Thường vụ Tỉnh uỷ thường kỳ"]
    assert Entry.objects.filter(kind=Kind.ITEM).count() == 3


def test_the_meetings_list_searches_with_the_same_engine(world, records):
    response = client_for(world.users["office"]).get("/meetings/", {"q": "thuong vu 37"})
    assert "Hội nghị Ban Thường vụ Tỉnh uỷ thường kỳ" in response.content.decode()
    response = client_for(world.users["office"]).get("/meetings/", {"q": "thuong vu 38"})
    assert "Hội nghị Ban Thường vụ Tỉnh uỷ thường kỳ" not in response.content.decode()


def test_the_search_page_shows_results_with_their_snippets(world, records):
    response = client_for(world.users["office"]).get("/tim-kiem/", {"q": "hoi dong nhan dan"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<mark>Hội</mark> <mark>đồng</mark> <mark>nhân</mark> <mark>dân</mark>" in page  # in the title
    assert f'href="/meetings/items/{records["second"].pk}/"' in page


def test_a_broad_query_is_counted_up_to_the_cap_and_never_counts_what_is_withheld(world, records, monkeypatch):
    monkeypatch.setattr(selectors, "CAP", 4)
    for n in range(3):
        world.item(records["meeting"], title=f"Kế hoạch giới hạn số {n}")
    for n in range(3):
        world.item(records["meeting"], title=f"Kế hoạch giới hạn mật {n}", confidentiality=Confidentiality.SECRET)
    leader, member = world.users["leader"], world.users["member"]
    assert (selectors.search(leader, "gioi han").total, selectors.search(leader, "gioi han").more) == (3, False)
    seen = selectors.search(member, "gioi han")  # six: fewer than a page, every one counted as they are ranked
    assert (seen.total, seen.more, seen.page.paginator.num_pages, seen.sampled) == (4, True, 1, False)
    assert sum(facet.count for facet in seen.facets["kind"]) == 6
    assert selectors.search(member, "gioi han", kind=[Kind.ITEM]).more
    assert not selectors.search(member, "gioi han", kind=[Kind.MEETING]).total
    narrowed = selectors.search(member, "gioi han mat")  # three: under the cap, every facet counted
    assert (narrowed.total, narrowed.more, narrowed.sampled) == (3, False, False)
    page = client_for(member).get("/tim-kiem/", {"q": "gioi han"}).content.decode()
    assert "Hơn 4 kết quả cho “gioi han”" in page
    assert '<span class="badge text-bg-light border">6</span>' in page
    assert "Hơn" not in client_for(leader).get("/tim-kiem/", {"q": "gioi han"}).content.decode()
    # Pages of two: the six titles fill the first and pass the cap, so they are the facets' sample and no text is
    # counted (lower bounds); the leader's three are under it and counted in full.
    paged = selectors.search(member, "gioi han", per_page=2)
    assert (paged.total, paged.more, paged.sampled, sum(f.count for f in paged.facets["kind"])) == (4, True, True, 6)
    assert (selectors.search(leader, "gioi han", per_page=2).total, paged.page.paginator.num_pages) == (3, 2)
    assert selectors.search(member, "gioi han", per_page=2, kind=[Kind.ITEM]).total == 4  # counted again, capped


def test_a_query_found_in_texts_is_counted_up_to_the_cap(world, records, monkeypatch):
    monkeypatch.setattr(selectors, "CAP", 4)
    for n in range(7):
        Opinion.objects.create(
            item=records["first"], author=world.people["member"], text=f"Đề nghị rà soát phạm vi {n}"
        )
    member = world.users["member"]
    found = selectors.search(member, "pham vi ra soat")  # in no title: every match counted as they are ranked
    assert (found.total, found.more, found.sampled, sum(f.count for f in found.facets["kind"])) == (4, True, False, 7)
    assert {hit.entry.kind for hit in found.hits} == {Kind.OPINION}
    for n in range(2):
        world.item(records["meeting"], title=f"Phạm vi rà soát {n}")
    paged = selectors.search(member, "pham vi ra soat", per_page=2)  # two titles fill the page: the texts counted
    assert (paged.total, paged.more, paged.sampled, sum(f.count for f in paged.facets["kind"])) == (4, True, True, 5)
    assert [hit.entry.kind for hit in paged.hits] == [Kind.ITEM, Kind.ITEM]


def test_a_page_past_the_last_shows_the_last(world, records):
    for n in range(5):
        world.item(records["meeting"], title=f"Kế hoạch phân trang số {n}")
    found = selectors.search(world.users["office"], "phan trang", page=7, per_page=2)
    assert (found.page.number, [hit.entry.title for hit in found.hits]) == (3, ["Kế hoạch phân trang số 4"])
    assert selectors.search(world.users["office"], "phan trang", page="x", per_page=2).page.number == 1
    last = selectors.search(world.users["office"], "phan trang", page=0, per_page=2)  # the paginator's last page
    assert (last.page.number, [hit.entry.title for hit in last.hits]) == (3, ["Kế hoạch phân trang số 4"])


@pytest.mark.parametrize("query", ["thuong v", "Thường v", "ban thuong", "hoi nghi ban th", "Tỉnh u"])
def test_the_last_word_typed_on_finds_the_words_it_begins(world, records, query):
    assert titles(world.users["office"], query, kind=[Kind.MEETING]) == ["Hội nghị Ban Thường vụ Tỉnh uỷ thường kỳ"]


def test_a_finished_word_is_no_beginning(world, records):
    office = world.users["office"]
    assert titles(office, "thuong v ", kind=[Kind.MEETING]) == []  # a space after it: the word "v", not v...
    assert titles(office, '"thuong v"', kind=[Kind.MEETING]) == []
    assert titles(office, "v thuong", kind=[Kind.MEETING]) == []  # only the last word is typed on


def test_a_beginning_keeps_phrases_abbreviations_and_exclusions(world, records):
    office = world.users["office"]
    reported = world.item(records["meeting"], title="Báo cáo của HĐND huyện về chuyển đổi số")
    assert titles(office, "HĐN", kind=[Kind.ITEM]) == [reported.title]  # the abbreviation as the text writes it
    assert titles(office, "hđn", kind=[Kind.ITEM]) == [reported.title]
    assert titles(office, "chuyển đ", kind=[Kind.ITEM]) == [reported.title]
    assert titles(office, '"ke hoach dau t', kind=[Kind.ITEM]) == [records["second"].title]  # a phrase typed on
    assert titles(office, '"dau ke hoach t', kind=[Kind.ITEM]) == []  # still a phrase: its words in order
    assert titles(office, "bao cao -huyen c", kind=[Kind.ITEM]) == [records["first"].title]
    assert titles(office, "bao cao -huyen", kind=[Kind.ITEM]) == [records["first"].title]  # an exclusion stays whole
    assert sorted(titles(office, "HĐND", kind=[Kind.ITEM])) == sorted([records["second"].title, reported.title])


def test_a_beginning_finds_nothing_withheld(world, records):
    item = records["first"]
    services.check_add_opinion(world.users["member"], item, text="Thiệt hại do thiên tai cần thống kê đủ.")
    services.check_update_item(
        world.users["office"], item, title=item.title, kind=item.kind, confidentiality=Confidentiality.SECRET
    )
    leader, member = world.users["leader"], world.users["member"]
    assert selectors.search(leader, "thien t").total == 0
    assert len(titles(member, "thien t")) == 2
    # The meetings list finds the meeting through its items: not through one withheld.
    meeting = records["meeting"].title
    assert meeting not in client_for(leader).get("/meetings/", {"q": "phong ch"}).content.decode()
    assert meeting in client_for(member).get("/meetings/", {"q": "phong ch"}).content.decode()


def test_a_report_leaves_the_rows_of_the_directives_earlier_reports_as_they_are(world):
    """A report saves its directive's status and last report time, which the index does not hold: the directive's
    earlier reports are not indexed again (under the directive's lock, every report of it, each time); a change of
    its lead organization is (the rows' keys)."""
    from hoinghi.directives import services as directive_services
    from tests.directive_helpers import directive

    task = directive(world)
    for n in range(3):
        directive_services.check_report_progress(world.users["unit"], task, text=f"Báo cáo lần {n}", percent=10 * n)
    before = set(Entry.objects.filter(kind=Kind.REPORT).values_list("pk", flat=True))
    directive_services.check_report_progress(world.users["unit"], task, text="Báo cáo đột xuất", percent=40)
    after = set(Entry.objects.filter(kind=Kind.REPORT).values_list("pk", flat=True))
    assert before < after and len(after - before) == 1  # the new report's row, the others untouched
    found = selectors.search(world.users["office"], "dot xuat").hits
    assert [hit.entry.object_id for hit in found] == [task.reports.get(text="Báo cáo đột xuất").pk]
    task.lead_organization = world.government
    task.save(update_fields=["lead_organization"])  # as a transfer does
    assert Entry.objects.get(kind=Kind.DIRECTIVE, object_id=task.pk).organization_id == world.government.pk
    assert not before & set(Entry.objects.filter(kind=Kind.REPORT).values_list("pk", flat=True))
