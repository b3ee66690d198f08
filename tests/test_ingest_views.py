"""The office's archive pages through HTTP: who may open them, the upload of several files (one bad, one
seen before), the review screen's errors beside their fields in Vietnamese and English, accepting and
discarding, and an accepted article left read only."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from hoinghi.directives.models import Directive
from hoinghi.directory.models import Organization, Person
from hoinghi.ingest import services, tasks
from hoinghi.ingest.models import ArticleImport, ImportJob
from hoinghi.meetings.models import Meeting, VoteRecord
from hoinghi.targets.models import Target
from tests.clients import client_for

ARTICLES = Path("/work/shared/corpus/dev/articles")
UPLOAD = reverse("ingest:upload")
DRAFTS = reverse("ingest:drafts")

# A short article of the genre, written for these tests.
ARTICLE = """Hội nghị Ban Thường vụ Tỉnh ủy lần thứ 12

Ngày 14/3/2025, Ban Thường vụ Tỉnh ủy Bắc Nam họp phiên thường kỳ. Đồng chí Trần Văn Chủ, Bí thư Tỉnh ủy chủ trì.

Hội nghị cho ý kiến vào Đề án phát triển du lịch giai đoạn 2031 - 2035 do Ban cán sự đảng UBND tỉnh trình.

Ban Thường vụ Tỉnh ủy thống nhất thông qua Đề án. Giao UBND tỉnh hoàn thiện Đề án, ban hành kế hoạch thực hiện.
"""


def draft(world, text=ARTICLE, name="hoi-nghi.txt") -> ArticleImport:
    return services.check_import_article(world.users["office"], name=name, content=text.encode()).article


def review_url(article) -> str:
    return reverse("ingest:review", args=[article.pk])


def posted(client, article, **changes) -> dict:
    """What the review screen posts when nothing is touched, with `changes` (field name → value) typed in."""
    review = client.get(review_url(article)).context["form"]
    data = {}
    formsets = [formset for _key, formset, _heading, _in in review.lists] + [review.organizations]
    for formset in formsets:
        data.update({field.html_name: field.value() for field in formset.management_form})
    for form in review.forms():
        for field in form:
            value = field.field.prepare_value(field.value())
            if value not in (None, False):
                data[field.html_name] = value
    return {**data, **changes}


def unknown_as_new(data: dict) -> dict:
    """The reviewer's answer for every name the directory does not know: add it as a new organization."""
    rows = range(int(data["organizations-TOTAL_FORMS"]))
    return {
        **data,
        **{f"organizations-{n}-organization": "new" for n in rows if not data.get(f"organizations-{n}-organization")},
    }


@pytest.mark.parametrize("role", ["chair", "member", "invitee", "unit", "leader", "outsider"])
def test_only_the_office_opens_the_pages(world, role):
    article = draft(world)
    client = client_for(world.users[role])
    for url in [UPLOAD, DRAFTS, review_url(article)]:
        assert client.get(url).status_code == 403
    assert client.post(reverse("ingest:discard", args=[article.pk])).status_code == 403
    assert ArticleImport.objects.get().status == ArticleImport.Status.DRAFT


def test_anonymous_is_sent_to_log_in(world):
    response = Client().get(UPLOAD)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize("role", ["office", "admin"])
def test_office_and_admin_see_the_pages(world, role):
    article = draft(world)
    client = client_for(world.users[role])
    assert 'type="file"' in client.get(UPLOAD).content.decode()
    assert article.title in client.get(DRAFTS).content.decode()
    assert client.get(review_url(article)).status_code == 200


def test_the_office_finds_the_pages_in_the_menu(world):
    assert DRAFTS in client_for(world.users["office"]).get(reverse("meetings:list")).content.decode()
    assert DRAFTS not in client_for(world.users["member"]).get(reverse("meetings:list")).content.decode()


def test_a_post_without_the_csrf_token_is_refused(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["office"])
    response = client.post(UPLOAD, {"files": [SimpleUploadedFile("a.txt", ARTICLE.encode())]})
    assert response.status_code == 403
    assert not ArticleImport.objects.exists()


def test_several_files_one_bad_one_seen_before(world, django_capture_on_commit_callbacks):
    seen = draft(world)
    client = client_for(world.users["office"], "en")
    files = [
        SimpleUploadedFile("seed000.txt", (ARTICLES / "seed000.txt").read_bytes()),
        SimpleUploadedFile("empty.txt", b""),
        SimpleUploadedFile("again.txt", ARTICLE.encode()),
        SimpleUploadedFile("seed002.txt", (ARTICLES / "seed002.txt").read_bytes()),
    ]
    with django_capture_on_commit_callbacks(execute=True):  # the worker: the tests' backend runs jobs at once
        response = client.post(UPLOAD, {"files": files})
    assert response.status_code == 302  # to the page that follows the files
    response = client.get(response.url)
    page = response.content.decode()
    outcomes = response.context["jobs"]
    assert [(row.name, bool(row.errors), row.duplicate) for row in outcomes] == [
        ("seed000.txt", False, False),
        ("empty.txt", True, False),
        ("again.txt", False, True),
        ("seed002.txt", False, False),
    ]
    assert not response.context["working"] and "hx-trigger" not in page and 'http-equiv="refresh"' not in page
    assert ArticleImport.objects.count() == 3
    assert "empty.txt is empty." in page
    assert "Already imported" in page and review_url(seen) in page
    for row in outcomes[:1] + outcomes[3:]:
        assert review_url(row.article) in page
    assert not any(job.content for job in ImportJob.objects.all())  # the files are in the drafts, not kept twice


def test_htmx_upload_answers_with_the_panel_only(world, django_capture_on_commit_callbacks):
    client = client_for(world.users["office"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            UPLOAD, {"files": [SimpleUploadedFile("a.txt", ARTICLE.encode())]}, headers={"HX-Request": "true"}
        )
    page = response.content.decode()
    assert page.startswith('<div id="upload-panel">') and "<html" not in page
    assert 'id="upload-results"' in page  # the files' steps, under the form
    # A refused form comes back as a success too: htmx swaps in nothing else.
    response = client.post(UPLOAD, {}, headers={"HX-Request": "true"})
    assert response.status_code == 200 and "invalid-feedback" in response.content.decode()


def test_the_page_shows_each_files_step_while_the_worker_reads_it(world):
    """Issue 15: the bar jumped to 100% and waited; now the worker's steps are shown, polled or refreshed."""
    client = client_for(world.users["office"])
    response = client.post(UPLOAD, {"files": [SimpleUploadedFile("a.txt", ARTICLE.encode())]})  # no worker yet
    job = ImportJob.objects.get()
    assert response.url == reverse("ingest:progress", args=[job.batch]) and job.step == ImportJob.Step.QUEUED
    page = client.get(response.url).content.decode()
    assert "Đang chờ xử lý" in page and 'data-outcome="working"' in page
    assert 'hx-trigger="every 1s"' in page  # htmx asks again...
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in page  # ...or the page refreshes

    ImportJob.objects.filter(pk=job.pk).update(step=ImportJob.Step.MEETING)
    part = client.get(response.url, headers={"HX-Request": "true"}).content.decode()
    assert part.startswith('<section id="upload-results"') and "Bước 3/7: Tìm cuộc họp" in part

    steps = []
    services.do_import_article(world.users["office"], name="b.txt", content=ARTICLE.encode(), progress=steps.append)
    assert steps == ["reading", "text", "meeting", "people", "agenda", "tasks", "saving"]
    assert [str(step) for step in ImportJob.STEPS] == steps  # every step the page counts, in order

    tasks.import_file.call(job.pk)  # the worker's job: the duplicate of the article just imported
    part = client.get(response.url, headers={"HX-Request": "true"}).content.decode()
    assert 'data-outcome="duplicate"' in part and "hx-trigger" not in part


def test_only_the_office_follows_an_upload(world):
    client = client_for(world.users["office"])
    response = client.post(UPLOAD, {"files": [SimpleUploadedFile("a.txt", ARTICLE.encode())]})
    for role in ["chair", "member", "unit", "leader"]:
        assert client_for(world.users[role]).get(response.url).status_code == 403
    assert client.get(reverse("ingest:progress", args=["00000000-0000-0000-0000-000000000000"])).status_code == 404


def test_a_source_address_goes_with_one_file_only(world):
    client = client_for(world.users["office"], "en")
    files = [SimpleUploadedFile(f"{n}.txt", ARTICLE.encode()) for n in range(2)]
    response = client.post(UPLOAD, {"files": files, "url": "https://example.vn/tin/1"})
    assert response.status_code == 400
    assert "Give a source address with one file only." in response.content.decode()
    assert not ArticleImport.objects.exists()


def test_drafts_list_the_imported_articles(world):
    article = draft(world)
    page = client_for(world.users["office"], "en").get(DRAFTS).content.decode()
    assert review_url(article) in page and "hoi-nghi.txt" in page and "Draft" in page


def test_review_shows_the_article_beside_its_record(world):
    article = draft(world)
    response = client_for(world.users["office"]).get(review_url(article))
    page = response.content.decode()
    assert "Giao UBND tỉnh hoàn thiện Đề án" in page  # the article's text
    assert 'value="Trần Văn Chủ"' in page  # a chair, editable
    assert response.context["form"].meeting["directory_body"].value() == world.body.pk
    # The chair is matched to the directory's person of that name.
    assert response.context["form"].lists[0][1].forms[0]["person"].value() == world.people["chair"].pk


def test_save_keeps_the_reviewers_edit(world):
    article = draft(world)
    client = client_for(world.users["office"])
    data = posted(client, article, **{"meeting-session_number": "13", "directives-0-deadline": "2031-06-30"})
    response = client.post(review_url(article), {**data, "save": ""})
    assert response.status_code == 302 and response.url == review_url(article)
    article.refresh_from_db()
    assert article.record["meeting"]["session_number"] == 13
    assert article.record["directives"][0]["deadline"] == "2031-06-30"
    assert "meeting.session_number" in article.edited


def test_removed_rows_and_added_rows(world):
    article = draft(world)
    client = client_for(world.users["office"])
    data = posted(client, article)
    total = int(data["votes-TOTAL_FORMS"])
    extra = {
        "directives-0-DELETE": "on",
        "votes-TOTAL_FORMS": str(total + 2),  # one row filled in, one added and left blank
        f"votes-{total}-subject": "giới thiệu nhân sự",
        f"votes-{total}-method": "secret",
        f"votes-{total}-result_text": "100% đồng ý",
        f"votes-{total}-percent_for": "100",
    }
    directives = len(article.record["directives"])
    assert client.post(review_url(article), {**data, **extra, "save": ""}).status_code == 302
    article.refresh_from_db()
    assert len(article.record["directives"]) == directives - 1
    assert article.record["votes"][-1] == {
        "subject": "giới thiệu nhân sự",
        "method": "secret",
        "result_text": "100% đồng ý",
        "percent_for": 100,
    }


@pytest.mark.parametrize(
    ("language", "date_error", "required"),
    [
        ("vi", "Nhập ngày theo dạng dd/mm/yyyy.", "Trường này là bắt buộc."),
        ("en", "Enter the date as dd/mm/yyyy.", "This field is required."),
    ],
)
def test_errors_are_shown_beside_their_fields(world, language, date_error, required):
    article = draft(world)
    client = client_for(world.users["office"], language)
    before = article.record

    # The form's own check: a date it cannot read.
    response = client.post(
        review_url(article), {**posted(client, article, **{"meeting-date": "31/02/2031"}), "save": ""}
    )
    assert response.status_code == 400
    assert response.context["form"].meeting.errors["date"] == [date_error]
    assert date_error in response.content.decode()

    # The service's check, keyed by its path in the record ("targets.0.unit"): shown on that row's field.
    data = posted(client, article)
    total = int(data["targets-TOTAL_FORMS"])
    target = {"targets-TOTAL_FORMS": str(total + 1), f"targets-{total}-indicator": "xã đạt chuẩn nông thôn mới"}
    target[f"targets-{total}-value"] = "90"
    response = client.post(review_url(article), {**data, **target, "save": ""})
    assert response.status_code == 400
    row = response.context["form"].lists[-1][1].forms[total]
    assert row.errors["unit"] == [required]
    article.refresh_from_db()
    assert article.record == before  # nothing half-saved


def test_accept_creates_the_meeting_and_goes_to_it(world):
    article = draft(world)
    client = client_for(world.users["office"])
    data = unknown_as_new(posted(client, article, **{"directives-0-deadline": "2031-06-30"}))
    response = client.post(review_url(article), {**data, "accept": "1"})
    article.refresh_from_db()
    assert article.status == ArticleImport.Status.ACCEPTED
    assert response.status_code == 302 and response.url == reverse("meetings:detail", args=[article.meeting.pk])
    assert article.meeting.body == world.body and article.meeting.term == world.term
    directive = Directive.objects.get(conclusion__item__meeting=article.meeting)
    assert str(directive.deadline) == "2031-06-30"
    assert directive.lead_organization == world.government  # "UBND tỉnh", matched in the directory

    # Accepted: read only, with the way to its meeting.
    response = client.get(review_url(article))
    page = response.content.decode()
    assert reverse("meetings:detail", args=[article.meeting.pk]) in page
    assert 'name="accept"' not in page and "disabled" in page
    assert client.post(review_url(article), {**data, "save": ""}).status_code == 403


# A deferral, a personnel action and a vote without a share (issue 19), written for this test.
DEFERRED = """Hội nghị Ban Thường vụ Tỉnh ủy lần thứ 14

Ngày 20/3/2025, Ban Thường vụ Tỉnh ủy Bắc Nam họp phiên thường kỳ. Đồng chí Trần Văn Chủ, Bí thư Tỉnh ủy chủ trì.

Hội nghị đã thông qua Kế hoạch kiểm tra năm 2025. Riêng Đề án sắp xếp các trường học lùi sang phiên họp sau.

Hội nghị biểu quyết miễn nhiệm chức vụ Phó Trưởng Ban Tổ chức Tỉnh ủy đối với ông Lê Văn Khánh.
"""


def test_a_deferral_a_personnel_action_and_a_vote_without_a_share_are_reviewed_and_accepted(world):
    article = draft(world, DEFERRED)
    client = client_for(world.users["office"])
    form = client.get(review_url(article)).context["form"]
    rows = {key: formset.forms for key, formset, _heading, _in in form.lists}
    assert [(r["title"].value(), r["kind"].value()) for r in rows["agenda_items"]] == [
        ("Kế hoạch kiểm tra năm 2025", "other"),
        ("Miễn nhiệm chức vụ Phó Trưởng Ban Tổ chức Tỉnh ủy đối với ông Lê Văn Khánh", "personnel"),
    ]
    assert [r["outcome"].value() for r in rows["conclusions"]] == ["approved", "other"]
    [vote] = rows["votes"]
    assert vote["subject"].value().startswith("miễn nhiệm") and vote["percent_for"].value() is None

    client.post(review_url(article), {**unknown_as_new(posted(client, article)), "accept": "1"})
    article.refresh_from_db()
    items = {item.title: item for item in article.meeting.items.all()}
    assert items["Miễn nhiệm chức vụ Phó Trưởng Ban Tổ chức Tỉnh ủy đối với ông Lê Văn Khánh"].kind == "personnel"
    assert items["Đề án sắp xếp các trường học"].conclusion.outcome == "other"
    assert VoteRecord.objects.get(item__meeting=article.meeting).percent_for is None


def test_the_reviewer_says_an_assignee_is_a_new_organization(world):
    article = draft(world)
    client = client_for(world.users["office"])
    data = posted(client, article)
    row = next(
        n for n in range(int(data["organizations-TOTAL_FORMS"])) if data[f"organizations-{n}-text"] == "UBND tỉnh"
    )
    assert data[f"organizations-{row}-organization"] == str(world.government.pk)
    data = unknown_as_new({**data, f"organizations-{row}-organization": ""})
    client.post(review_url(article), {**data, "accept": "1"})
    directive = Directive.objects.get()
    assert directive.lead_organization != world.government and directive.lead_organization.name == "UBND tỉnh"


def test_accept_needs_a_body_and_a_day(world):
    article = draft(world)
    client = client_for(world.users["office"], "en")
    data = posted(client, article, **{"meeting-directory_body": "", "meeting-date": ""})
    response = client.post(review_url(article), {**data, "accept": "1"})
    assert response.status_code == 400
    assert response.context["form"].meeting.errors["directory_body"] == [
        "Choose the body in the directory that held the meeting."
    ]
    data["meeting-directory_body"] = str(world.body.pk)
    response = client.post(review_url(article), {**data, "accept": "1"})
    assert response.context["form"].meeting.errors["date"] == [
        "The record has no meeting date: enter the day the meeting was held."
    ]
    article.refresh_from_db()
    assert article.status == ArticleImport.Status.DRAFT and article.meeting is None


def test_discard(world):
    article = draft(world)
    client = client_for(world.users["office"])
    response = client.post(reverse("ingest:discard", args=[article.pk]))
    assert response.status_code == 302 and response.url == DRAFTS
    article.refresh_from_db()
    assert article.status == ArticleImport.Status.DISCARDED
    page = client.get(review_url(article)).content.decode()
    assert 'name="save"' not in page
    # Discarding twice says why it cannot.
    response = client.post(reverse("ingest:discard", args=[article.pk]), follow=True)
    assert response.redirect_chain[-1][0] == review_url(article)
    assert len(list(response.context["messages"])) == 1


def test_the_targets_go_under_the_resolution_number_the_reviewer_gives(world):
    article = draft(world, ARTICLE + "\nPhấn đấu đến năm 2030, 80% số xã đạt chuẩn nông thôn mới nâng cao.\n")
    client = client_for(world.users["office"])
    data = unknown_as_new(posted(client, article, **{"meeting-resolution_number": "12-NQ/TU"}))
    assert data["targets-TOTAL_FORMS"] == 1  # the extractor found the goal
    response = client.post(review_url(article), {**data, "accept": "1"})
    assert response.status_code == 302
    target = Target.objects.select_related("resolution").get()
    assert target.resolution.number == "12-NQ/TU" and target.resolution.meeting == Meeting.objects.get()
    assert [(m.year, m.value) for m in target.milestones.all()] == [(2030, 80)]


def _row(data: dict, text: str) -> int:
    rows = range(int(data["organizations-TOTAL_FORMS"]))
    return next(n for n in rows if data[f"organizations-{n}-text"] == text)


def test_save_keeps_the_directory_choices_and_accept_then_succeeds(world):
    """Issue 15: Save dropped the chosen body and the organizations; accepting then failed until chosen again."""
    article = draft(world)
    client = client_for(world.users["office"])
    # A body as written that the directory does not know: the reviewer chooses it by hand.
    data = posted(client, article, **{"meeting-body": "Thường trực Tỉnh ủy", "meeting-directory_body": ""})
    presenter = _row(data, "Ban cán sự đảng UBND tỉnh")
    data |= {
        "meeting-directory_body": str(world.body.pk),
        "meeting-directory_term": str(world.term.pk),
        f"organizations-{presenter}-organization": str(world.committee.pk),
        "chairs-0-person": "",  # the chair, matched in the directory, said to be a new person
        "save": "",
    }
    assert client.post(review_url(article), data).status_code == 302

    shown = posted(client, article)  # the page after Save, untouched
    assert shown["meeting-body"] == "Thường trực Tỉnh ủy"
    assert shown["meeting-directory_body"] == world.body.pk
    assert shown["meeting-directory_term"] == world.term.pk
    assert shown[f"organizations-{_row(shown, 'Ban cán sự đảng UBND tỉnh')}-organization"] == str(world.committee.pk)
    assert "chairs-0-person" not in shown  # "New person", kept

    response = client.post(review_url(article), {**shown, "accept": "1"})
    assert response.status_code == 302
    article.refresh_from_db()
    meeting = article.meeting
    assert (
        meeting.body == world.body
        and meeting.items.get(title__startswith="Đề án phát triển").presenter_organization == world.committee
    )
    assert Person.objects.filter(full_name="Trần Văn Chủ").count() == 2  # the chair, a new person as chosen


def test_an_assignee_the_directory_does_not_know_is_offered_its_closest_names_or_refused(world):
    """Issue 15: "UBND huyện" was created as an organization of that name; now the reviewer must choose."""
    near = Organization.objects.create(name="UBND huyện Tứ Kỳ")
    other = Organization.objects.create(name="Ủy ban nhân dân huyện Gia Lộc", short_name="UBND huyện Gia Lộc")
    article = draft(world, ARTICLE.replace("Giao UBND tỉnh", "Giao UBND huyện"))
    client = client_for(world.users["office"])
    response = client.get(review_url(article))
    form = response.context["form"]
    row = next(r for r in form.organizations if r["text"].value() == "UBND huyện")
    closest = {str(label): options for label, options in row.fields["organization"].choices}[
        "Tên gần nhất trong danh mục"
    ]
    assert {label for _pk, label in closest[:2]} == {near.name, other.name}  # any spelling, "UBND" or in full
    assert row["organization"].value() == ""  # nothing chosen for the reviewer

    data = posted(client, article)
    data = {**data, f"organizations-{_row(data, 'Ban cán sự đảng UBND tỉnh')}-organization": "new"}
    response = client.post(review_url(article), {**data, "accept": "1"})
    assert response.status_code == 400
    errors = response.context["form"].organizations.forms[_row(data, "UBND huyện")].errors["organization"]
    assert "“UBND huyện” không có trong danh mục" in errors[0]
    assert not Organization.objects.filter(name="UBND huyện").exists() and not Meeting.objects.exists()
    assert "“UBND huyện” không có trong danh mục" in response.content.decode()

    data[f"organizations-{_row(data, 'UBND huyện')}-organization"] = str(near.pk)
    assert client.post(review_url(article), {**data, "accept": "1"}).status_code == 302
    assert Directive.objects.get().lead_organization == near
    assert not Organization.objects.filter(name="UBND huyện").exists()


def test_a_removed_item_takes_its_conclusion_and_vote_along_or_the_reviewer_is_asked(world):
    """Issue 15: removing an item moved its conclusion and vote, silently, to another item sharing its words."""
    article = draft(world)
    client = client_for(world.users["office"], "en")
    data = posted(client, article)
    assert data["agenda_items-0-title"] == "Đề án phát triển du lịch giai đoạn 2031 - 2035"
    data |= {  # a second item of a like title, a vote on the first; then the first removed
        "agenda_items-TOTAL_FORMS": 2,
        "agenda_items-1-title": "Đề án phát triển nông nghiệp giai đoạn 2031 - 2035",
        "votes-TOTAL_FORMS": 1,
        "votes-0-subject": "thông qua Đề án phát triển du lịch giai đoạn 2031 - 2035",
        "votes-0-percent_for": "100",
        "agenda_items-0-DELETE": "on",
    }
    before = ArticleImport.objects.get().record
    response = client.post(review_url(article), {**data, "save": ""})
    assert response.status_code == 400
    rows = {key: formset.forms for key, formset, _heading, _in in response.context["form"].lists}
    asked = (
        "Its item “Đề án phát triển du lịch giai đoạn 2031 - 2035” is removed: remove this row too, or keep the item."
    )
    assert rows["conclusions"][0].non_field_errors() == [asked]
    assert rows["votes"][0].non_field_errors() == [asked]
    assert not rows["conclusions"][1].errors  # "Đề án" alone goes on the item that stays
    assert rows["agenda_items"][0].non_field_errors()
    assert asked in response.content.decode()
    assert ArticleImport.objects.get().record == before  # nothing saved

    # Removed along with their item: saved, then accepted; nothing lands on the other item.
    data |= {"conclusions-0-DELETE": "on", "votes-0-DELETE": "on"}
    assert client.post(review_url(article), {**data, "save": ""}).status_code == 302
    record = ArticleImport.objects.get().record
    assert [item["title"] for item in record["agenda_items"]] == ["Đề án phát triển nông nghiệp giai đoạn 2031 - 2035"]
    assert [c["item"] for c in record["conclusions"]] == ["Đề án"] and record["votes"] == []
    response = client.post(review_url(article), {**unknown_as_new(posted(client, article)), "accept": "1"})
    assert response.status_code == 302
    meeting = ArticleImport.objects.get().meeting
    assert not meeting.items.filter(title__contains="du lịch").exists()
    assert not VoteRecord.objects.exists()
