"""Importing archive articles through the services: drafts, duplicates, review, accept, permissions."""

import datetime
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from hoinghi.core.models import AuditEvent
from hoinghi.directives.models import Directive
from hoinghi.directory.models import Organization, Person
from hoinghi.ingest import selectors, services
from hoinghi.ingest.models import ArticleImport
from hoinghi.ingest.permissions import can_import
from hoinghi.ingest.record import item_kind
from hoinghi.meetings.models import Meeting, Participant, VoteRecord
from hoinghi.targets.models import Resolution

# The record's one organization the directory does not know, added as new by the reviewer's choice.
NEW = {"Ban Tổ chức Tỉnh ủy": None}
SEED = Path("/work/shared/corpus/dev/articles/seed000.txt")

# An article in the genre, written for these tests (the world's body and people).
ARTICLE = """Ban Thường vụ Tỉnh ủy họp phiên thường kỳ tháng 5

15/05/2024 10:20

Sáng 14/5, Ban Thường vụ Tỉnh ủy họp cho ý kiến về nhiều nội dung. Đồng chí Trần Văn Chủ, Bí thư Tỉnh ủy chủ trì.
"""


def _html(text: str) -> bytes:
    paragraphs = "".join(f"<p>{line}</p>\n" for line in text.split("\n"))
    page = f"<html><head><title>x</title></head><body><div class='menu'></div>{paragraphs}</body></html>"
    return page.encode("utf-8")


def _import(world, content: bytes | None = None, name="bai.txt", url=""):
    content = ARTICLE.encode() if content is None else content
    return services.check_import_article(world.users["office"], name=name, content=content, url=url)


def _record(**meeting) -> dict:
    """A reviewed record for the world's body: two items, a conclusion with a directive, a vote."""
    facts = {
        "body": "Ban Thường vụ Tỉnh ủy",
        "organization": "Bắc Nam",
        "term": "XVII",
        "session_number": 12,
        "date": "2024-05-14",
        "chairs": [{"name": "Trần Văn Chủ", "positions": ["Bí thư Tỉnh ủy"]}],
        "attendees": [
            {"name": "Lê Thị Uỷ", "positions": ["Uỷ viên Ban Thường vụ"]},
            {"name": "Hoàng Văn Mới", "positions": ["Giám đốc Sở Tài chính"]},
        ],
    }
    facts.update(meeting)
    return {
        "source": "bai.txt",
        "meeting": facts,
        "agenda_items": [
            {"title": "Đề án phát triển du lịch tỉnh giai đoạn 2024 - 2030", "presenter": "UBND tỉnh"},
            {"title": "Công tác cán bộ", "presenter": "Ban Tổ chức Tỉnh ủy"},
        ],
        "conclusions": [
            {
                "item": "Đề án phát triển du lịch",
                "outcome": "basically_approved",
                "text": "Ban Thường vụ Tỉnh ủy cơ bản đồng ý với Đề án phát triển du lịch, giao UBND tỉnh hoàn thiện "
                "đề án trước khi ban hành.",
            }
        ],
        "directives": [
            {"assignee": "UBND tỉnh", "content": "hoàn thiện đề án trước khi ban hành", "deadline": "2024-06-30"},
            {"assignee": "Ban Tổ chức Tỉnh ủy", "content": "rà soát quy hoạch cán bộ", "deadline": None},
        ],
        "votes": [
            {
                "subject": "giới thiệu nhân sự công tác cán bộ",
                "method": "secret",
                "result_text": "100% Ủy viên Ban Thường vụ dự họp đồng ý",
                "percent_for": 100,
            }
        ],
        "targets": [],
        "warnings": [],
    }


def _reviewed(world, **meeting) -> ArticleImport:
    article = _import(world).article
    return services.check_save_review(world.users["office"], article, _record(**meeting))


def _verbs() -> list[str]:
    return list(AuditEvent.objects.values_list("verb", flat=True))


# --- importing ------------------------------------------------------------------------------


def test_a_seed_article_becomes_a_draft_with_its_source(world):
    imported = _import(world, SEED.read_bytes(), name="seed000.txt", url="https://example.org/tin/1")
    article = imported.article
    assert not imported.duplicate
    assert article.status == ArticleImport.Status.DRAFT
    assert article.source_name == "seed000.txt" and article.source_url == "https://example.org/tin/1"
    assert "Xem với cỡ chữ" in article.original and "Xem với cỡ chữ" not in article.text
    assert article.title.startswith("Ban Thường vụ Tỉnh uỷ")
    assert article.fingerprint == services.fingerprint(article.text)
    assert article.record == article.extracted and article.extracted["meeting"]["body"] == "Ban Thường vụ Tỉnh ủy"
    assert article.imported_by == world.users["office"]
    assert "ingest.import" in _verbs()


def test_the_same_file_twice_is_one_article(world):
    first = _import(world, SEED.read_bytes()).article
    again = _import(world, SEED.read_bytes(), name="copy.txt")
    assert again.duplicate and again.article.pk == first.pk
    assert ArticleImport.objects.count() == 1


def test_the_same_text_saved_as_a_page_is_a_duplicate(world):
    first = _import(world).article
    again = _import(world, _html(ARTICLE), name="bai.html")
    assert again.duplicate and again.article.pk == first.pk


def test_the_same_address_is_a_duplicate_even_when_the_page_changed(world):
    first = _import(world, url="https://example.org/tin/7").article
    again = _import(world, (ARTICLE + "\nCập nhật lúc 11 giờ.").encode(), url="https://example.org/tin/7")
    assert again.duplicate and again.article.pk == first.pk


def test_utf16_and_legacy_encodings_are_read(world):
    article = _import(world, ARTICLE.encode("utf-16"), name="bai-utf16.txt").article
    assert article.text.startswith("Ban Thường vụ Tỉnh ủy")


def test_reimport_keeps_the_reviewers_edits_and_refreshes_the_rest(world):
    office = world.users["office"]
    article = _import(world).article
    record = dict(article.record, meeting=dict(article.record["meeting"], date="2024-05-13"))
    services.check_save_review(office, article, record)
    # The draft was read by an older extractor that missed the body: the next import fills it in.
    stale = dict(article.record, meeting=dict(article.record["meeting"], date="2024-05-13", body=None))
    ArticleImport.objects.filter(pk=article.pk).update(record=stale)

    imported = _import(world, _html(ARTICLE), name="bai.html")
    again = imported.article
    assert imported.duplicate and again.pk == article.pk
    assert again.record["meeting"]["date"] == "2024-05-13"
    assert again.record["meeting"]["body"] == again.extracted["meeting"]["body"] == "Ban Thường vụ Tỉnh ủy"
    assert again.edited == ["meeting.date"]


@pytest.mark.parametrize(
    "content",
    [b"", b"   \n\t ", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, b"<html><body></body></html>"],
    ids=["empty", "blank", "binary", "empty-page"],
)
def test_files_without_an_article_are_refused_and_nothing_saved(world, content):
    with pytest.raises(ValidationError) as refused:
        _import(world, content, name="x.bin")
    assert "x.bin" in refused.value.message_dict["content"][0]
    assert not ArticleImport.objects.exists() and not AuditEvent.objects.filter(verb="ingest.import").exists()


def test_a_readable_page_that_is_no_meeting_article_is_kept_with_warnings_for_the_reviewer(world):
    article = _import(world, b"The council met on Tuesday and agreed on the budget.", name="english.txt").article
    assert article.status == ArticleImport.Status.DRAFT
    assert any("Vietnamese" in warning for warning in article.record["warnings"])


def test_a_bad_address_is_refused(world):
    with pytest.raises(ValidationError) as refused:
        _import(world, url="javascript:alert(1)")
    assert "url" in refused.value.message_dict
    assert not ArticleImport.objects.exists()


# --- review ---------------------------------------------------------------------------------


def test_review_stores_the_record_and_lists_the_edited_paths(world):
    article = _reviewed(world)
    assert article.record["directives"][0]["deadline"] == "2024-06-30"
    assert "meeting.session_number" in article.edited and "directives.0.deadline" in article.edited
    assert "meeting.body" not in article.edited  # the extractor read it right: not an edit
    assert article.reviewed_by == world.users["office"] and article.reviewed_at is not None
    event = AuditEvent.objects.get(verb="ingest.review")
    assert event.detail["changes"]["meeting.session_number"] == [None, 12]


def test_review_errors_name_the_field_and_nothing_is_stored(world):
    article = _import(world).article
    record = _record(date="14/5/2024", chairs=[{"name": " ", "positions": []}])
    record["conclusions"][0]["outcome"] = "maybe"
    record["directives"].append({"assignee": "UBND tỉnh", "content": "báo cáo", "deadline": "cuối tháng"})
    record["votes"][0]["percent_for"] = "150"
    with pytest.raises(ValidationError) as refused:
        services.check_save_review(world.users["office"], article, record)
    assert set(refused.value.message_dict) == {
        "meeting.date",
        "meeting.chairs.0.name",
        "conclusions.0.outcome",
        "directives.2.deadline",
        "votes.0.percent_for",
    }
    article.refresh_from_db()
    assert article.record == article.extracted and article.edited == []


def test_review_normalizes_numbers_and_positions(world):
    article = _import(world).article
    record = _record(session_number="12", term="xvii")
    record["meeting"]["attendees"][0]["positions"] = "Ủy viên Ban Thường vụ; Trưởng Ban Tổ chức Tỉnh ủy"
    record["votes"][0]["percent_for"] = "99,5"
    article = services.check_save_review(world.users["office"], article, record)
    assert article.record["meeting"]["session_number"] == 12 and article.record["meeting"]["term"] == "XVII"
    assert article.record["meeting"]["attendees"][0]["positions"] == [
        "Ủy viên Ban Thường vụ",
        "Trưởng Ban Tổ chức Tỉnh ủy",
    ]
    assert article.record["votes"][0]["percent_for"] == 99.5


def test_only_a_draft_is_reviewed_or_discarded(world):
    office = world.users["office"]
    article = services.check_discard(office, _import(world).article)
    assert article.status == ArticleImport.Status.DISCARDED and "ingest.discard" in _verbs()
    with pytest.raises(ValidationError):
        services.check_save_review(office, article, _record())
    with pytest.raises(ValidationError):
        services.check_discard(office, article)


# --- matching -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Lê Thị Uỷ", "Lê Thị Ủy", "LÊ THỊ ỦY", " Lê  Thị Ủy "])
def test_a_person_matches_whatever_the_spelling(world, name):
    for form in (name, unicodedata.normalize("NFD", name)):
        record = {"meeting": {"chairs": [], "attendees": [{"name": form, "positions": []}]}}
        [match] = selectors.match_people(record)
        assert match.person == world.people["member"] and match.role == "attendee"


def test_names_apart_only_in_diacritics_are_candidates_not_matches(world):
    hung = Person.objects.create(full_name="Nguyễn Văn Hùng")
    [match] = selectors.match_people({"meeting": {"chairs": [{"name": "Nguyễn Văn Hưng", "positions": []}]}})
    assert match.person is None and match.candidates == [hung]


def test_a_name_shared_by_two_people_is_left_to_the_reviewer(world):
    twin = Person.objects.create(full_name="Lê Thị Uỷ")
    [match] = selectors.match_people({"meeting": {"chairs": [{"name": "Lê Thị Ủy", "positions": []}], "attendees": []}})
    assert match.person is None and set(match.candidates) == {twin, world.people["member"]}


def test_a_presenter_named_among_the_people_is_no_organization(world):
    record = _record()
    record["agenda_items"][1]["presenter"] = "Hoàng Văn Mới"
    assert [m.text for m in selectors.organization_matches(record)] == ["UBND tỉnh", "Ban Tổ chức Tỉnh ủy"]
    article = services.check_save_review(world.users["office"], _import(world).article, record)
    meeting = services.check_accept(world.users["office"], article, body=world.body, organizations=NEW)
    item = meeting.items.get(title="Công tác cán bộ")
    assert item.presenter_person.full_name == "Hoàng Văn Mới" and item.presenter_organization is None


def test_body_and_organizations_are_matched(world):
    record = _record()
    assert selectors.match_body(record) == world.body
    found = {m.text: m.organization for m in selectors.organization_matches(record)}
    assert found == {"UBND tỉnh": world.government, "Ban Tổ chức Tỉnh ủy": None}
    assert selectors.match_organization("Sở khoa học và công nghệ") == world.department


# --- accepting ------------------------------------------------------------------------------


def test_accept_builds_the_meeting_through_the_services(world):
    office = world.users["office"]
    article = _reviewed(world)
    with translation.override("en"):  # the generated titles, in the msgids
        meeting = services.check_accept(office, article, body=world.body, organizations=NEW)

    article.refresh_from_db()
    assert article.status == ArticleImport.Status.ACCEPTED and article.meeting == meeting
    assert meeting.status == Meeting.Status.CLOSED and meeting.number == 12 and meeting.term == world.term
    assert meeting.title == "Meeting of the Ban Thường vụ Tỉnh ủy no. 12"
    assert timezone.localdate(meeting.starts_at) == datetime.date(2024, 5, 14)
    items = list(meeting.items.order_by("order"))
    assert [i.title for i in items] == [
        "Đề án phát triển du lịch tỉnh giai đoạn 2024 - 2030",
        "Công tác cán bộ",
        "Other tasks assigned at the meeting",
    ]
    assert items[0].kind == "scheme" and items[1].kind == "personnel"
    assert items[0].presenter_organization == world.government
    assert items[1].presenter_organization.name == "Ban Tổ chức Tỉnh ủy"  # new, created for the import
    assert items[0].conclusion.outcome == "basically_approved"
    lead = {d.content: d.lead_organization for d in Directive.objects.filter(conclusion__item__meeting=meeting)}
    assert lead == {
        "hoàn thiện đề án trước khi ban hành": world.government,
        "rà soát quy hoạch cán bộ": items[1].presenter_organization,
    }
    assert Directive.objects.get(lead_organization=world.government).conclusion.item == items[0]
    vote = VoteRecord.objects.get()
    assert vote.item == items[1] and vote.method == "secret" and vote.percent_for == 100
    roles = {p.person.full_name: p.role for p in meeting.participants.select_related("person")}
    assert roles["Trần Văn Chủ"] == Participant.Role.CHAIR
    assert roles["Lê Thị Ủy"] == Participant.Role.MEMBER
    assert roles["Hoàng Văn Mới"] == Participant.Role.INVITEE
    newcomer = Person.objects.get(full_name="Hoàng Văn Mới")
    assert list(newcomer.positions.values_list("title", flat=True)) == ["Giám đốc Sở Tài chính"]
    assert Person.objects.filter(name_key__in=["le thi uy", "tran van chu"]).count() == 2  # no double
    verbs = _verbs()
    for verb in [
        "meeting.create",
        "item.create",
        "participant.add",
        "meeting.record_held",
        "conclusion.create",
        "directive.create",
        "vote.record",
        "person.create",
        "organization.create",
        "ingest.accept",
    ]:
        assert verb in verbs, verb


def test_the_reviewer_picks_people_and_organizations(world):
    office = world.users["office"]
    article = _reviewed(world)
    chosen_people = {2: world.people["invitee"].pk, 1: None}  # "Hoàng Văn Mới" is the invitee; "Lê Thị Uỷ" new
    meeting = services.check_accept(
        office,
        article,
        body=world.body,
        people=chosen_people,
        organizations={"Ban Tổ chức Tỉnh ủy": world.committee.pk},
    )
    names = set(meeting.participants.values_list("person__full_name", flat=True))
    assert "Đỗ Minh Khách" in names and "Hoàng Văn Mới" not in names
    assert Person.objects.filter(name_key="le thi uy").count() == 2
    assert meeting.items.get(title="Công tác cán bộ").presenter_organization == world.committee
    assert not Organization.objects.filter(name="Ban Tổ chức Tỉnh ủy").exists()


def test_targets_go_under_the_resolution_the_reviewer_numbers(world):
    office = world.users["office"]
    record = _record()
    record["agenda_items"][0]["title"] = "Dự thảo Nghị quyết về phát triển du lịch giai đoạn 2024 - 2030"
    record["conclusions"][0]["item"] = "Dự thảo Nghị quyết về phát triển du lịch"
    record["targets"] = [
        {"indicator": "khách du lịch lưu trú", "value": "1.500", "unit": "nghìn lượt", "year": 2026, "scope": None},
        {"indicator": "khách du lịch lưu trú", "value": 3000, "unit": "nghìn lượt", "year": 2030, "scope": None},
        {"indicator": "xã có điểm du lịch cộng đồng", "value": "12,5", "unit": "%", "year": None, "scope": "cấp xã"},
    ]
    article = services.check_save_review(office, _import(world).article, record)
    meeting = services.check_accept(office, article, body=world.body, organizations=NEW, resolution_number=" 07-NQ/TU ")
    resolution = Resolution.objects.get()
    assert resolution.number == "07-NQ/TU" and resolution.meeting == meeting
    assert resolution.title == "Nghị quyết về phát triển du lịch giai đoạn 2024 - 2030"
    assert resolution.conclusion == meeting.items.get(order=1).conclusion
    assert (resolution.period_start, resolution.period_end) == (2024, 2030)
    visitors, communes = resolution.targets.order_by("order")
    assert [(m.year, m.value) for m in visitors.milestones.all()] == [(2026, 1500), (2030, 3000)]
    assert communes.kind == "percent" and communes.scope_level == "commune"
    assert [(m.year, m.value) for m in communes.milestones.all()] == [(2030, Decimal("12.5"))]
    assert "resolution.create" in _verbs()


def test_without_a_resolution_number_the_targets_stay_in_the_record(world):
    record = _record()
    record["targets"] = [{"indicator": "hộ nghèo", "value": 2, "unit": "%", "year": 2025, "scope": None}]
    article = services.check_save_review(world.users["office"], _import(world).article, record)
    services.check_accept(world.users["office"], article, body=world.body, organizations=NEW)
    article.refresh_from_db()
    assert not Resolution.objects.exists() and article.record["targets"] == record["targets"]


def test_accept_without_a_date_is_refused(world):
    article = _reviewed(world, date=None)
    with pytest.raises(ValidationError) as refused:
        services.check_accept(world.users["office"], article, body=world.body, organizations=NEW)
    assert "meeting.date" in refused.value.message_dict
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(
    "existing, field",
    [({"number": 12}, "meeting.session_number"), ({"number": None}, "meeting.date")],
    ids=["same-number", "same-day"],
)
def test_accept_refuses_a_meeting_already_there(world, existing, field):
    starts_at = timezone.make_aware(datetime.datetime(2024, 5, 14 if existing["number"] is None else 2, 15))
    world.meeting(starts_at=starts_at, **existing)
    article = _reviewed(world)
    with pytest.raises(ValidationError) as refused:
        services.check_accept(world.users["office"], article, body=world.body, organizations=NEW)
    assert field in refused.value.message_dict
    assert Meeting.objects.count() == 1 and not Person.objects.filter(full_name="Hoàng Văn Mới").exists()
    article.refresh_from_db()
    assert article.status == ArticleImport.Status.DRAFT


def test_a_date_outside_the_term_is_refused_on_the_date(world):
    article = _reviewed(world, date="2019-03-01")
    with pytest.raises(ValidationError) as refused:
        services.check_accept(world.users["office"], article, body=world.body, term=world.term, organizations=NEW)
    assert list(refused.value.message_dict) == ["meeting.date"]
    article = services.check_save_review(world.users["office"], article, _record(date="2019-03-01", term=None))
    with pytest.raises(ValidationError) as refused:
        services.check_accept(
            world.users["office"], article, body=world.body, organizations=NEW
        )  # no term of the body covers 2019
    assert list(refused.value.message_dict) == ["term"]


def test_accept_only_a_draft(world):
    office = world.users["office"]
    article = _reviewed(world)
    services.check_accept(office, article, body=world.body, organizations=NEW)
    with pytest.raises(ValidationError):
        services.check_accept(office, article, body=world.body, organizations=NEW)
    assert Meeting.objects.count() == 1


def test_a_service_refusal_is_keyed_to_the_record_and_rolls_back(world):
    article = _reviewed(world)
    record = _record()
    record["directives"][0]["deadline"] = "2024-05-01"  # before the meeting
    article = services.check_save_review(world.users["office"], article, record)
    with pytest.raises(ValidationError) as refused:
        services.check_accept(world.users["office"], article, body=world.body, organizations=NEW)
    assert "directives.0.deadline" in refused.value.message_dict
    assert not Meeting.objects.exists() and not VoteRecord.objects.exists()


# --- permissions ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role, allowed",
    [
        ("office", True),
        ("admin", True),
        ("chair", False),
        ("member", False),
        ("invitee", False),
        ("unit", False),
        ("leader", False),
        ("outsider", False),
    ],
)
def test_only_the_office_imports(world, role, allowed):
    user = world.users[role]
    assert can_import(user) is allowed
    if allowed:
        article = services.check_import_article(user, name="bai.txt", content=ARTICLE.encode()).article
        assert list(selectors.drafts_for(user)) == [article]
        return
    with pytest.raises(PermissionDenied):
        services.check_import_article(user, name="bai.txt", content=ARTICLE.encode())
    article = _import(world).article
    assert not selectors.drafts_for(user).exists()
    for write in (
        lambda: services.check_save_review(user, article, _record()),
        lambda: services.check_accept(user, article, body=world.body, organizations=NEW),
        lambda: services.check_discard(user, article),
    ):
        with pytest.raises(PermissionDenied):
            write()
    article.refresh_from_db()
    assert article.status == ArticleImport.Status.DRAFT


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Dự thảo Nghị quyết về việc miễn nhiệm Phó Chủ tịch UBND huyện", "draft_resolution"),
        ("Tờ trình về công tác cán bộ", "submission"),
        ("Bầu bổ sung Ủy viên UBND xã nhiệm kỳ 2021 - 2026", "personnel"),
        ("Miễn nhiệm chức danh Phó Chủ tịch HĐND huyện", "personnel"),
        ("Cho thôi làm nhiệm vụ đại biểu HĐND tỉnh", "personnel"),
        ("Xác nhận kết quả bầu Chủ tịch UBND xã", "personnel"),
        ("Công tác cán bộ", "personnel"),
        ("Kế hoạch kiểm tra năm 2025", "other"),
        ("Báo cáo bầu cử", "report"),
    ],
)
def test_an_items_kind_is_read_from_its_title_personnel_actions_included(title, kind):
    assert item_kind(title) == kind
