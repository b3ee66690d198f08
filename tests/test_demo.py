"""The demo: the seed meetings loaded as the 2021 records of the Hải Dương committees, the reorganization of
01/07/2025 and the merged city's office that inherited their open work; one login per role, usable only in demo
mode."""

import datetime
from collections import Counter

import pytest
from django.core import mail
from django.db import transaction
from django.test import RequestFactory, override_settings
from django.urls import reverse
from django.utils import timezone

from hoinghi.core.models import AuditEvent
from hoinghi.demo import follow_up, targets_demo
from hoinghi.demo import seed_meetings as data
from hoinghi.demo.loader import load_demo
from hoinghi.directives import rules
from hoinghi.directives.models import DeadlineEntry, Directive, ExtensionRequest, ProgressReport, Reminder, Transfer
from hoinghi.directives.permissions import visible
from hoinghi.directives.review import review
from hoinghi.directives.tasks import send_reminders
from hoinghi.directives.transfer import holder_on
from hoinghi.directory.models import Body, Membership, Organization, Reorganization, User
from hoinghi.directory.selectors import successors_on
from hoinghi.meetings import permissions as perm
from hoinghi.meetings import services
from hoinghi.meetings.models import Conclusion, Document, Meeting, Opinion, VoteRecord
from hoinghi.records.models import IssuedDocument
from hoinghi.records.news import news_draft
from hoinghi.targets import rules as target_rules
from hoinghi.targets import selectors
from hoinghi.targets.models import Figure, Resolution, Target
from hoinghi.voting import services as voting
from hoinghi.voting.device import Board
from hoinghi.voting.models import Ballot, CountedBallot, Poll, VoterRoll

ROLES = {role for role, *_ in data.ACCOUNTS}


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The demo, loaded once for the module in a transaction rolled back at its end: each test runs in a savepoint
    of it (pytest-django's `db`), so what one test changes is undone before the next."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_demo()
        transaction.set_rollback(True)


@pytest.fixture
def demo(loaded, db):
    return loaded


def meeting(spec) -> Meeting:
    return Meeting.objects.get(title=spec["title"])


def item(spec, key):
    return meeting(spec).items.get(title=spec["items"][key]["title"])


def name(key) -> str:
    return data.PEOPLE[key][0]


def org(key) -> str:
    return (data.ORGANIZATIONS | data.SUCCESSOR_ORGANIZATIONS)[key][0]


def organization(key) -> Organization:
    """The organization of the demo's key: of 2021, or the successor (the former and the new city committees share
    their names, their days tell them apart)."""
    specs = data.SUCCESSOR_ORGANIZATIONS if key in data.SUCCESSOR_ORGANIZATIONS else data.ORGANIZATIONS
    found = Organization.objects.filter(name=specs[key][0])
    return found.get(start=data.MERGE_DAY) if key in data.SUCCESSOR_ORGANIZATIONS else found.get(start=None)


def test_the_seed_meetings_are_the_2021_records_of_the_hai_duong_committees(demo):
    assert demo.loaded and demo.meetings == 5
    for spec in data.SEED_MEETINGS:
        held = meeting(spec)
        assert held.status == Meeting.Status.CLOSED and held.starts_at.year == 2021
        assert held.body.organization.name == "Tỉnh ủy Hải Dương" and held.term.ordinal == "XVII"
    assert (meeting(data.SEED_001).number, meeting(data.SEED_002).number) == (36, 4)
    assert meeting(data.SEED_001).body.name == "Ban Thường vụ Tỉnh ủy"
    assert meeting(data.SEED_002).body.signature_heading == "T/M TỈNH ỦY"
    assert meeting(data.SEED_000).body.organization.document_code == "TU"
    # The committees, their bodies and terms ended the day before the merge.
    for body in Body.objects.filter(organization__name="Tỉnh ủy Hải Dương"):
        assert body.end == body.organization.end == data.LAST_DAY
        assert {term.end for term in body.terms.all()} == {data.LAST_DAY}


def test_the_successors_committee_meets_now_in_a_term_of_its_own(demo):
    recent, upcoming = meeting(data.RECENT), meeting(data.UPCOMING)
    assert recent.status == Meeting.Status.NOTICE_ISSUED and recent.starts_at < timezone.now()
    assert upcoming.status == Meeting.Status.SCHEDULED and upcoming.starts_at > timezone.now()
    assert recent.body == upcoming.body and recent.body.name == "Ban Thường vụ Thành ủy"
    assert recent.body.organization == organization("thanh_uy")
    assert (recent.term.ordinal, recent.term.start, recent.term.end) == ("I", data.MERGE_DAY, None)
    # Its notice numbers begin at 1: the series is the new committee's and its term's.
    (notice,) = IssuedDocument.objects.all()
    assert (notice.meeting, notice.number, notice.organization) == (recent, 1, organization("thanh_uy"))


def test_agendas_match_the_seeds(demo):
    counts = {spec["key"]: meeting(spec).items.count() for spec in data.MEETINGS}
    assert counts == {"seed000": 9, "seed001": 7, "seed002": 4, "recent": 1, "upcoming": 3}
    # Seed 000: every item has its presenting body; seed 002: the two reports are read by people.
    assert not meeting(data.SEED_000).items.filter(presenter_organization=None).exists()
    presenters = Counter(meeting(data.SEED_000).items.values_list("presenter_organization__name", flat=True))
    assert presenters[org("bcsd_ubnd")] == 4 and presenters[org("bcd_qpan")] == 2
    assert item(data.SEED_002, "kiem_diem").presenter_person.full_name == name("son")
    assert item(data.SEED_002, "chuyen_doi_so").presenter_person.full_name == name("ban")
    assert item(data.SEED_002, "chuyen_doi_so").kind == "draft_resolution"


def test_participants_chairs_and_attendance(demo):
    seed_002 = meeting(data.SEED_002)
    chairs = set(seed_002.participants.filter(role="chair").values_list("person__full_name", flat=True))
    assert chairs == {name("thang"), name("hieu"), name("hung")}
    invitees = seed_002.participants.filter(role="invitee")
    assert set(invitees.values_list("person__full_name", flat=True)) == {name("hien"), name("thai")}
    assert not invitees.filter(is_member=True).exists()
    assert seed_002.participants.filter(attendance="present").count() == 12
    # Seed 000 reports the Standing Committee's members in attendance, with one named guest.
    seed_000 = meeting(data.SEED_000)
    present = seed_000.participants.filter(attendance="present")
    assert present.filter(is_member=True).count() == seed_000.participants.filter(is_member=True).count() == 6
    assert set(present.filter(is_member=False).values_list("person__full_name", flat=True)) == {name("thai")}


def test_memberships_follow_the_titles_and_end_with_their_committee(demo):
    seats = Membership.objects.filter(term__body__organization__name="Tỉnh ủy Hải Dương")
    standing = seats.filter(term__body__kind="standing_committee")
    executive = seats.filter(term__body__kind="executive_committee")
    assert standing.count() == 6 and executive.count() == 10
    assert standing.get(role="chair").person.full_name == name("thang")
    for seat in standing.exclude(role="chair").exclude(role="deputy"):
        assert seat.person.positions.filter(title="Ủy viên Ban Thường vụ Tỉnh ủy").exists()
    for seat in executive.exclude(person__in=standing.values("person")):
        assert seat.person.positions.filter(title="Tỉnh ủy viên").exists()
    assert {seat.end for seat in seats} == {data.LAST_DAY}
    # The successor's Standing Committee: its own seats from the merge.
    new = Membership.objects.filter(term__body__organization=organization("thanh_uy"))
    assert new.count() == len(data.members("btv_tp")) == 6
    assert {(seat.start, seat.end) for seat in new} == {(data.MERGE_DAY, None)}


def test_conclusions_and_directives_as_the_seeds_state_them(demo):
    def outcomes(spec):
        return Counter(Conclusion.objects.filter(item__meeting=meeting(spec)).values_list("outcome", flat=True))

    assert outcomes(data.SEED_000) == {"approved": 1, "basically_approved": 1, "returned": 2, "noted": 2}
    assert outcomes(data.SEED_001) == {"approved_with_revisions": 1, "basically_approved": 2, "noted": 4}
    assert outcomes(data.SEED_002) == {"approved": 1}

    # Addressed, at the sitting, to the units of the time, whoever holds them now.
    def leads(spec):
        given = timezone.localdate(meeting(spec).starts_at)
        directives = Directive.objects.filter(conclusion__item__meeting=meeting(spec)).prefetch_related("transfers")
        return Counter(Organization.objects.get(pk=holder_on(d, given)).name for d in directives)

    assert leads(data.SEED_000) == {org("ubnd"): 3, org("bcd_covid"): 2, org("bchqs"): 1}
    assert leads(data.SEED_001) == {org("bcsd_ubnd"): 2}
    assert item(data.SEED_000, "chuyen_doi_so").conclusion.text.startswith(
        "Ban Thường vụ Tỉnh uỷ cơ bản đồng ý với Dự thảo Nghị quyết chuyên đề về chuyển đổi số"
    )


def directive_of(spec, key) -> Directive:
    return Directive.objects.get(conclusion__item=item(spec, key))


def local(moment) -> datetime.date | None:
    return timezone.localdate(moment) if moment else None


def from_today(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


PASSED_ON = [("seed000", "hong_duc"), ("seed000", "phu_quy"), ("seed000", "chuyen_doi_so"), ("seed001", "kinh_te")]


def passed_on(key) -> Directive:
    specs = {spec["key"]: spec for spec in data.MEETINGS}
    return directive_of(specs[key[0]], key[1])


def test_every_directive_is_followed_with_a_demo_deadline_after_its_meeting(demo):
    assert Directive.objects.count() == len(data.FOLLOW_UP) == 9
    for directive in Directive.objects.select_related("conclusion__item__meeting"):
        given = local(directive.conclusion.item.meeting.starts_at)
        assert directive.deadline > given and local(directive.created_at) == given


def test_the_follow_up_shows_every_state(demo):
    today = timezone.localdate()
    statuses = Counter(Directive.objects.values_list("status", flat=True))
    assert statuses == {"done": 4, "in_progress": 2, "returned": 1, "reported_done": 1, "not_started": 1}
    splits = Counter(
        rules.split(d.status, d.deadline, local(d.closed_at), d.deadline_at_close, today)
        for d in Directive.objects.all()
    )
    assert splits == {rules.DONE_ON_TIME: 3, rules.DONE_LATE: 1, rules.OPEN_OVERDUE: 1, rules.OPEN_IN_TIME: 4}
    late = directive_of(data.SEED_000, "phong_thu")
    assert (local(late.closed_at), late.deadline_at_close) == (datetime.date(2021, 5, 18), datetime.date(2021, 4, 30))
    # The directive passed on with a new deadline that the city's government let pass is weeks late, not years.
    overdue = passed_on(PASSED_ON[0])
    assert overdue.status == "in_progress" and rules.days_late(overdue.deadline, today) == 40
    returned = passed_on(PASSED_ON[1])
    assert returned.status == "returned" and returned.status_reason.endswith(data.FOLLOW_UP_NOTE)
    assert passed_on(PASSED_ON[3]).status == "reported_done"


def test_the_directives_done_before_the_merge_stayed_with_their_2021_units(demo):
    done = Directive.objects.filter(status="done").select_related("lead_organization")
    assert done.count() == 4
    for directive in done:
        assert local(directive.closed_at) < data.MERGE_DAY and not directive.transfers.exists()
        assert directive.lead_organization.end == data.LAST_DAY
    assert {d.lead_organization.name for d in done} == {org("bcd_covid"), org("bchqs"), org("bcsd_ubnd")}


def test_the_successor_holds_the_open_directives_passed_on_at_the_merge(demo):
    transfers = Transfer.objects.select_related("directive", "from_organization", "to_organization", "reorganization")
    assert sorted(t.directive_id for t in transfers) == sorted(passed_on(key).pk for key in PASSED_ON)
    office = User.objects.get(username="vanphong")
    for transfer in transfers:
        assert (transfer.day, transfer.role, transfer.by, local(transfer.at)) == (
            data.MERGE_DAY,
            Transfer.Role.LEAD,
            office,
            data.MERGE_DAY,
        )
        assert transfer.from_organization in transfer.reorganization.predecessors.all()
        assert transfer.directive.lead_organization == transfer.to_organization
        assert transfer.to_organization.start == data.MERGE_DAY and transfer.to_organization.end is None
        # Led by the 2021 unit before the day, by the successor from it.
        before = data.LAST_DAY
        assert holder_on(transfer.directive, before) == transfer.from_organization.pk
        assert holder_on(transfer.directive, data.MERGE_DAY) == transfer.to_organization.pk
    assert Counter(t.to_organization.name for t in transfers) == {org("ubnd_tp"): 3, org("dang_uy_ubnd"): 1}
    # Each was given a new deadline in the same step, recorded in its history.
    new = DeadlineEntry.objects.filter(cause=DeadlineEntry.Cause.TRANSFER)
    assert {(e.directive, e.deadline, local(e.set_at), e.reason) for e in new} == {
        (passed_on(PASSED_ON[0]), from_today(-40), data.MERGE_DAY, "202/2025/QH15"),
        (passed_on(PASSED_ON[1]), from_today(10), data.MERGE_DAY, "202/2025/QH15"),
        (passed_on(PASSED_ON[2]), from_today(24), data.MERGE_DAY, "202/2025/QH15"),
        (passed_on(PASSED_ON[3]), from_today(14), data.MERGE_DAY, "202/2025/QH15"),
    }


def test_the_extension_granted_is_in_the_deadline_history(demo):
    extended = directive_of(data.SEED_000, "chuyen_doi_so")
    history = [(entry.deadline, entry.cause, local(entry.set_at)) for entry in extended.deadline_history.all()]
    assert history == [
        (datetime.date(2021, 6, 30), DeadlineEntry.Cause.SET, datetime.date(2021, 3, 6)),
        (datetime.date(2021, 10, 29), DeadlineEntry.Cause.EXTENSION, datetime.date(2021, 6, 24)),
        (from_today(24), DeadlineEntry.Cause.TRANSFER, data.MERGE_DAY),
    ]
    request = extended.extension_requests.get()
    assert request.decision == "granted" and local(request.requested_at) == datetime.date(2021, 6, 21)
    assert extended.deadline == from_today(24) and extended.status == "in_progress"


def test_the_units_reports_are_dated_after_their_meetings_and_marked_as_demo_data(demo):
    reports = ProgressReport.objects.select_related("directive__conclusion__item__meeting", "author")
    assert reports.count() == 20
    for report in reports.prefetch_related("directive__transfers"):
        directive = report.directive
        day = local(report.created_at)
        assert local(directive.conclusion.item.meeting.starts_at) < day <= timezone.localdate()
        assert report.text.endswith(data.FOLLOW_UP_NOTE)
        # Made by the unit that led the directive on the day: Hải Dương's before the merge, the successor's after.
        assert report.author.role == "unit_staff" and report.organization_id == holder_on(directive, day)
        assert report.organization.existed_on(day)
    # Every account of an ended unit moved to its successor.
    assert not User.objects.filter(organization__end__isnull=False).exists()
    followed = Directive.objects.exclude(last_report_at=None)
    assert followed.count() == 8
    assert all(d.last_report_at == d.reports.order_by("-created_at").first().created_at for d in followed)
    # The units without a demo login reported through accounts that cannot log in (no password yet).
    others = User.objects.filter(role="unit_staff").exclude(username="donvi")
    assert others.exists() and not any(user.has_usable_password() for user in others)


def test_the_demo_unit_has_directives_in_its_inbox(demo, client):
    unit = User.objects.get(username="donvi")
    mine = visible(unit, Directive.objects.all())
    assert {d.conclusion.item_id for d in mine} == {
        item(data.SEED_000, key).pk for key in ("hong_duc", "phu_quy", "chuyen_doi_so")
    }
    client.force_login(unit)
    with override_settings(DEMO_MODE=True):
        response = client.get(reverse("directives:inbox"))
    assert response.status_code == 200
    inbox = response.content.decode()
    assert "Cụm công nghiệp Hồng Đức" in inbox and "Goldenland" in inbox


def test_the_upcoming_meeting_reviews_what_its_body_gave_and_what_it_inherited(demo):
    """Its body's own directive since the last meeting, and the 2021 Standing Committee's that passed to the city
    and are still open (its body succeeded that one)."""
    result = review(meeting(data.UPCOMING))
    assert result.since == meeting(data.RECENT)
    *inherited, own = [line.directive for line in result.lines]
    assert own == directive_of(data.RECENT, "tiep_nhan")
    assert sorted(d.pk for d in inherited) == sorted(passed_on(key).pk for key in PASSED_ON)


def test_the_demo_starts_with_no_mail_its_reminders_sent_on_their_days(demo):
    """The reminders due by today were sent on the day the job would have sent them: none goes out at start."""
    assert send_reminders.call() == {"sent": 0, "skipped": 0, "failed": 0}
    assert mail.outbox == []
    (reminder,) = Reminder.objects.select_related("directive")
    assert (reminder.directive, reminder.kind) == (passed_on(PASSED_ON[0]), "overdue")
    assert local(reminder.sent_at) == reminder.deadline + datetime.timedelta(days=1) < timezone.localdate()
    assert reminder.recipients == "donvi@demo.invalid"


def test_the_follow_up_plan_dates_the_story_before_the_merge_and_from_today_after():
    today = datetime.date(2030, 1, 15)
    plan = follow_up.plan(today)
    assert plan.keys() == data.FOLLOW_UP.keys()
    for key, spec in data.FOLLOW_UP.items():
        planned = plan[key]
        assert [event[1] for event in planned["before"] + planned["after"]] == [
            day if isinstance(day, datetime.date) else today + datetime.timedelta(days=day)
            for _kind, day, *_ in spec["events"]
        ]
        assert all(event[1] <= data.LAST_DAY for event in planned["before"])
        assert all(data.MERGE_DAY <= event[1] < today for event in planned["after"])
        assert planned["passes_on"] == ("new_deadline" in spec)
    assert [key[:2] for key, spec in plan.items() if spec["passes_on"]] == PASSED_ON
    assert plan[("seed000", "hong_duc", 0)]["new_deadline"] == datetime.date(2029, 12, 6)


def test_the_digital_resolution_is_one_matter_across_meetings(demo):
    earlier, later = item(data.SEED_000, "chuyen_doi_so"), item(data.SEED_002, "chuyen_doi_so")
    assert earlier.matter_id is not None and earlier.matter_id == later.matter_id
    assert item(data.UPCOMING, "chuyen_doi_so").matter_id == earlier.matter_id


def test_the_fourth_conference_voted_in_published_secret_polls(demo):
    polls = Poll.objects.filter(meeting=meeting(data.SEED_002))
    assert polls.count() == 2 and set(polls.values_list("status", "method")) == {("published", "secret")}
    # The polls replace the results recorded as text: nothing is reported twice.
    assert not VoteRecord.objects.exists()
    day = timezone.localdate(meeting(data.SEED_002).starts_at)
    assert {timezone.localdate(p.closed_at) for p in polls} == {day}


def test_every_member_present_nominated_the_chair(demo):
    nomination = Poll.objects.get(item=item(data.SEED_002, "kien_toan"))
    assert nomination.kind == "candidates" and nomination.subjects.get().person.full_name == name("thang")
    result = nomination.result
    assert (result["base"], result["convened"], result["present"], result["returned"]) == ("convened", 10, 10, 10)
    (candidate,) = result["subjects"]
    assert candidate["counts"] == {"yes": 10, "no": 0} and candidate["percent"]["yes"] == 100 and candidate["passed"]
    line = "Đồng chí Phạm Xuân Thăng: 10/10 phiếu đồng ý (100,00% tổng số thành viên được triệu tập) — thông qua."
    assert line in nomination.summary_lines() and line in news_draft(meeting(data.SEED_002))["body"]


def test_the_standing_committee_rated_itself_as_the_article_states(demo):
    rating = Poll.objects.get(item=item(data.SEED_002, "kiem_diem"))
    # Only the Standing Committee's six members voted, and the levels are counted over their ballots.
    assert (rating.result["base"], rating.result["returned"]) == ("returned", 6)
    subjects = {str(s.pk): s for s in rating.subjects.all()}
    levels = {subjects[entry["id"]].label: entry["level"] for entry in rating.result["subjects"]}
    assert levels.pop("Tập thể Ban Thường vụ Tỉnh ủy") == "good"
    assert Counter(levels.values()) == {"excellent": 3, "good": 3}
    assert set(levels) == {name(key) for key in data.members("btv")}


def test_one_draft_poll_to_try_once_the_meeting_is_open(demo):
    upcoming = meeting(data.UPCOMING)
    poll = Poll.objects.get(meeting=upcoming)
    assert poll.meeting.body.organization == organization("thanh_uy")
    assert (poll.status, poll.kind, poll.method) == ("draft", "question", "secret")
    assert poll.item == item(data.UPCOMING, "chuyen_doi_so")
    chair = User.objects.get(username="chutri")
    services.check_take_step(chair, upcoming, "start")
    # Its counting board is three members whose logins the demo prints: their phones get ready, then it opens.
    assert {seat.person.user.username for seat in poll.board.all()} == {"uyvien", "uyvien2", "uyvien3"}
    Board(poll).get_ready()
    assert voting.check_open_poll(chair, poll).status == "open"


def test_five_speakers_opinions_in_the_articles_order(demo):
    opinions = Opinion.objects.filter(item=item(data.SEED_002, "chuyen_doi_so")).order_by("at")
    assert [o.author.full_name for o in opinions] == [name(k) for k in ("cao_thang", "hoan", "doan", "phuc", "yen")]
    assert {timezone.localdate(o.at) for o in opinions} == {timezone.localdate(meeting(data.SEED_002).starts_at)}
    assert all(o.document is not None for o in opinions)
    assert Opinion.objects.count() == 5


def test_papers_include_one_confidential_for_members_only(demo):
    assert Document.objects.count() == 3
    secret = Document.objects.get(confidentiality="secret")
    assert secret.item.meeting == meeting(data.UPCOMING)
    assert secret.current.extension == ".docx" and secret.current.size > 0
    member, invitee = User.objects.get(username="uyvien"), User.objects.get(username="daibieu")
    assert perm.can_open_document(member, secret)
    assert not perm.can_open_document(invitee, secret)
    invited_paper = item(data.UPCOMING, "chuyen_doi_so").documents.get()
    assert perm.can_open_document(invitee, invited_paper)


def test_built_through_the_services(demo):
    verbs = Counter(AuditEvent.objects.values_list("verb", flat=True))
    assert verbs["meeting.create"] == 5 and verbs["meeting.close"] == 4
    assert verbs["conclusion.create"] == Conclusion.objects.count()
    assert verbs["directive.create"] == Directive.objects.count()
    assert verbs["directive.report"] + verbs["directive.report_done"] == ProgressReport.objects.count()
    assert (verbs["directive.confirm_done"], verbs["directive.return"], verbs["directive.extension_grant"]) == (4, 2, 1)
    assert verbs["reorganization.record"] == len(data.REORGANIZATIONS) and verbs["directive.transfer"] == 4
    # The accounts of the 2021 units (the office of 2021, the units' reporters) moved to their successors.
    moved_ids = AuditEvent.objects.filter(verb="account.move").values_list("object_id", flat=True)
    moved = User.objects.filter(pk__in=[int(pk) for pk in moved_ids])
    assert moved.filter(username="vanphong.haiduong").exists() and moved.count() == verbs["account.move"] > 10
    assert all(account.organization.start == data.MERGE_DAY for account in moved)
    assert verbs["opinion.create"] == 5 and verbs["item.link"] == 2
    assert verbs["poll.create"] == 3 and verbs["poll.open"] == verbs["poll.publish"] == 2
    # 10 members nominated, 6 rated: each voter is on the roll, and his ballot fills one slot of the box.
    assert VoterRoll.objects.count() == CountedBallot.objects.count() == 16


def test_one_demo_login_per_role(demo):
    assert {login.role for login in demo.logins} == ROLES
    users = User.objects.filter(username__in=[login.username for login in demo.logins])
    assert {u.role for u in users} == ROLES and all(u.is_demo for u in users)
    assert users.get(role="chair").person.full_name == data.SUCCESSOR_PEOPLE["a"][0]
    assert users.get(role="unit_staff").organization == organization("ubnd_tp")
    assert users.get(role="unit_staff").email == "donvi@demo.invalid"
    assert users.get(role="admin").is_superuser
    assert len({login.password for login in demo.logins}) == len(demo.logins)


def test_demo_logins_work_only_in_demo_mode(demo, client):
    for number, login in enumerate(demo.logins, start=1):
        # The lock-out needs the request; one address per account keeps it from counting refusals together.
        request = RequestFactory().post("/login/", REMOTE_ADDR=f"192.0.2.{number}")
        credentials = {"request": request, "username": login.username, "password": login.password}
        with override_settings(DEMO_MODE=False):
            assert client.login(**credentials) is False
        with override_settings(DEMO_MODE=True):
            assert client.login(**credentials) is True
        client.logout()


def test_loading_twice_adds_nothing_and_renews_passwords(demo):
    tables = (Organization, Meeting, Directive, ProgressReport, ExtensionRequest, Opinion, Document, Poll, Ballot, User)
    before = {model: model.objects.count() for model in tables}
    again = load_demo()
    assert not again.loaded
    assert {model: model.objects.count() for model in tables} == before
    old = {login.username: login.password for login in demo.logins}
    assert all(login.password != old[login.username] for login in again.logins)
    office = next(login for login in again.logins if login.role == "office")
    assert not User.objects.get(username=office.username).check_password(old[office.username])


# The resolution targets of seed 002


def digital_resolution() -> Resolution:
    return Resolution.objects.get(number=targets_demo.RESOLUTION["number"])


def demo_target(key) -> Target:
    return Target.objects.get(resolution=digital_resolution(), order=list(targets_demo.TARGETS).index(key) + 1)


def test_the_digital_resolution_of_the_fourth_conference(demo):
    resolution = digital_resolution()
    assert resolution.title == (
        "Nghị quyết chuyên đề về chuyển đổi số tỉnh Hải Dương giai đoạn 2021-2025, định hướng đến năm 2030"
    )
    assert resolution.body.name == "Ban Chấp hành Đảng bộ tỉnh" and resolution.meeting == meeting(data.SEED_002)
    assert (resolution.period_start, resolution.period_end) == (2021, 2030)
    assert resolution.issued_on == timezone.localdate(meeting(data.SEED_002).starts_at)
    groups = list(resolution.groups.values_list("title", flat=True))
    assert len(groups) == 8 and groups[3] == "Xây dựng chính quyền số, hình thành các đô thị thông minh."


def test_every_target_of_the_article_with_its_milestones_and_baselines(demo):
    milestones = {key: dict(demo_target(key).milestones.values_list("year", "value")) for key in targets_demo.TARGETS}
    assert milestones == {
        "rank": {2025: 20, 2030: 15},
        "rank_it": {},
        "rank_egov": {},
        "dvc": {2025: 80},
        "dossiers_province": {2025: 90},
        "dossiers_district": {2025: 80},
        "dossiers_commune": {2025: 70},
        "digital_economy": {2025: 20},
        "enterprises": {2025: 700},
        "mobile": {2025: 100},
        "payments": {2025: 50},
    }
    levels = [demo_target(key).scope_level for key in ("dossiers_province", "dossiers_district", "dossiers_commune")]
    assert levels == ["province", "district", "commune"]
    ranks = Target.objects.filter(resolution=digital_resolution(), kind="rank")
    assert ranks.count() == 3 and set(ranks.values_list("direction", flat=True)) == {"at_most"}
    baselines = set(ranks.exclude(baseline_value=None).values_list("indicator", "baseline_value", "baseline_year"))
    assert baselines == {
        ("Xếp hạng ứng dụng và phát triển công nghệ thông tin", 19, 2020),
        ("Xếp hạng xây dựng chính quyền điện tử", 18, 2020),
    }
    assert demo_target("enterprises").rollup == "sum" and demo_target("payments").rollup == "weighted"


def test_the_districts_report_their_figures_up_to_the_merge_and_the_province_offices_theirs(demo):
    districts = Organization.objects.filter(level="district", parent__name=org("ubnd"))
    assert districts.count() == 12 and {d.end for d in districts} == {data.LAST_DAY}
    for key in ("dossiers_district", "dossiers_commune", "enterprises", "payments"):
        target = demo_target(key)
        assert set(target.reporters.all()) == set(districts)
        reported = Figure.objects.filter(target=target, is_current=True)
        assert reported.values("organization").distinct().count() == 12
        periods = targets_demo.reported_periods(target.frequency, timezone.localdate())
        before = [p for p in periods if selectors.period_end(p, target.frequency) <= data.LAST_DAY]
        assert reported.count() == 12 * len(before) and len(before) < len(periods)
    # The province's offices up to the merge, the city's that succeeded them since.
    for key, (before, after) in {"dvc": ("so_tttt", "so_khcn_tp"), "digital_economy": ("ubnd", "ubnd_tp")}.items():
        target = demo_target(key)
        for figure in target.figures.select_related("organization"):
            ended = selectors.period_end(figure.period, target.frequency)
            assert figure.organization == organization(before if ended <= data.LAST_DAY else after)
        assert target.figures.filter(organization=organization(after)).exists()
    assert not Figure.objects.filter(target__in=[demo_target("rank_it"), demo_target("rank_egov")]).exists()


def test_every_figure_is_marked_demo_data_and_dated_after_its_period(demo):
    figures = Figure.objects.filter(target__resolution=digital_resolution()).select_related("target", "reported_by")
    assert figures.count() > 500
    for figure in figures:
        assert figure.note == targets_demo.FIGURE_NOTE
        assert figure.reported_at.date() > selectors.period_end(figure.period, figure.target.frequency)
        assert figure.reported_by.role in ("unit_staff", "office") and 2021 <= figure.period.year
        assert figure.reported_at.date() <= timezone.localdate()
        assert (figure.status == "approved") == (
            targets_demo.is_approved(figure.period, figure.target.frequency, timezone.localdate())
            or figure.replaces_id is not None
        )
    reporters = {figure.reported_by for figure in figures.filter(reported_by__role="unit_staff")}
    assert not any(user.has_usable_password() for user in reporters if user.username != "donvi")
    (correction,) = figures.filter(replaces__isnull=False)
    assert correction.correction_reason.endswith(data.FOLLOW_UP_NOTE) and not correction.replaces.is_current
    assert correction.value == correction.replaces.value + 4


def test_the_services_change_of_definition_is_marked_on_the_chart(demo):
    dvc = demo_target("dvc")
    (revision,) = dvc.revisions.all()
    assert revision.effective_on == datetime.date(2023, 1, 1) and "mức độ 4" in revision.indicator_before
    assert "toàn trình" in revision.indicator_after == dvc.indicator and revision.reason.endswith(data.FOLLOW_UP_NOTE)
    status = selectors.statuses(
        [Target.objects.select_related("resolution").get(pk=dvc.pk)], selectors.View(), timezone.localdate()
    )[dvc.pk]
    quarters = len(targets_demo.reported_periods(dvc.frequency, timezone.localdate()))
    assert [p.definition for p in status.points] == [0] * 8 + [1] * (quarters - 8)
    chart = selectors.series_chart(status)
    assert len(chart["series"]) == 2 and len(chart["marks"]) == 1


@override_settings(DEMO_MODE=True)
def test_the_demo_dashboards_show_every_standing_to_the_leader(demo, client):
    client.force_login(User.objects.get(username="lanhdao"))
    resolution = digital_resolution()
    response = client.get(reverse("targets:resolution", args=[resolution.pk]))
    assert response.status_code == 200
    counts = response.context["board"].counts
    assert sum(counts.values()) == len(targets_demo.TARGETS)
    # The 2025 milestones are past: achieved or missed; the 2030 ones still on their way.
    assert counts[target_rules.ACHIEVED] and counts[target_rules.MISSED] and counts[target_rules.ON_TRACK]
    assert counts[selectors.NOT_JUDGED] == 2
    for target in resolution.targets.all():
        assert client.get(reverse("targets:target", args=[target.pk])).status_code == 200
    assert client.get(reverse("targets:resolutions")).status_code == 200


@override_settings(DEMO_MODE=True)
def test_the_demo_unit_sees_the_targets_of_the_provincial_government(demo, client):
    client.force_login(User.objects.get(username="donvi"))
    board = client.get(reverse("targets:resolution", args=[digital_resolution().pk])).context["board"]
    assert [status.target for status in board.statuses] == [
        demo_target("dossiers_province"),
        demo_target("digital_economy"),
    ]


def test_the_targets_demo_went_through_the_services(demo):
    verbs = Counter(AuditEvent.objects.values_list("verb", flat=True))
    figures = Figure.objects.filter(target__resolution=digital_resolution())
    assert verbs["figure.report"] == figures.filter(replaces=None).count()
    assert verbs["figure.approve"] == figures.filter(replaces=None, status="approved").count()
    assert (verbs["figure.correct"], verbs["target.revise"]) == (1, 1)


# The reorganization of 01/07/2025


def test_the_merge_is_recorded_on_its_basis_and_every_2021_organization_ended(demo):
    assert Reorganization.objects.count() == len(data.REORGANIZATIONS)
    merge = Reorganization.objects.get(successors=organization("thanh_uy"), kind="merge")
    predecessors = set(merge.predecessors.all())
    assert predecessors == {organization("tinh_uy"), Organization.objects.get(name="Thành ủy Hải Phòng", start=None)}
    assert (merge.effective, merge.basis_number, merge.basis_date) == (
        data.MERGE_DAY,
        "202/2025/QH15",
        datetime.date(2025, 6, 12),
    )
    assert merge.entered_by.username == "vanphong"
    # Every organization of 2021 and Hải Phòng's former committees ended the day before; only the successors exist.
    today = timezone.localdate()
    assert set(Organization.objects.filter(start=None).values_list("end", flat=True)) == {data.LAST_DAY}
    assert {o.name for o in Organization.objects.existing_on(today)} == {
        spec[0] for spec in data.SUCCESSOR_ORGANIZATIONS.values()
    }
    assert successors_on(organization("tinh_uy"), today) == [organization("thanh_uy")]
    # The district level ended: its duties passed to the city's government.
    districts = Reorganization.objects.get(predecessors=organization("nam_sach"))
    assert districts.kind == "dissolution" and list(districts.successors.all()) == [organization("ubnd_tp")]
    assert districts.predecessors.count() == 12


@override_settings(DEMO_MODE=True)
def test_demo_logins_land_on_the_successors_pages(demo, client):
    upcoming = meeting(data.UPCOMING)
    # The office, the chair and the members: their first page leads to the new committee's next sitting.
    for username in ("vanphong", "chutri", "uyvien", "daibieu"):
        client.force_login(User.objects.get(username=username))
        home = client.get("/", follow=True)
        assert home.status_code == 200 and reverse("meetings:detail", args=[upcoming.pk]) in home.content.decode()
    page = client.get(reverse("meetings:detail", args=[upcoming.pk])).content.decode()
    assert "Ban Thường vụ Thành ủy khóa I" in page
    # The unit: the work its Hải Dương predecessor passed on.
    client.force_login(User.objects.get(username="donvi"))
    inbox = client.get(reverse("directives:inbox")).content.decode()
    assert "Chỉ đạo giao UBND thành phố Hải Phòng" in inbox and "Cụm công nghiệp Hồng Đức" in inbox
    # The leader: the dashboard counts the successor's committee beside the 2021 one.
    client.force_login(User.objects.get(username="lanhdao"))
    dashboard = client.get(reverse("directives:dashboard")).content.decode()
    assert "Ban Thường vụ Thành ủy" in dashboard and "UBND thành phố Hải Phòng" in dashboard


def test_a_2021_record_names_the_units_of_its_time(demo):
    draft = news_draft(meeting(data.SEED_000))["body"]
    assert "Hải Phòng" not in draft


def test_the_portal_publishes_the_held_meetings_news_and_the_weeks_schedule(demo, client):
    from django.core.cache import cache

    from hoinghi.portal.models import Photo, PublicDocument
    from hoinghi.portal.selectors import live_articles, published_week

    held = Meeting.objects.filter(status__in=("closed", "notice_issued"))
    articles = list(live_articles())
    assert articles and {a.meeting for a in articles} <= set(held)
    assert all(a.publish_at.date() > a.meeting.starts_at.date() for a in articles)
    year, week, _day = timezone.localdate().isocalendar()
    assert published_week(year, week).entries.count() == 5
    assert PublicDocument.objects.filter(is_public=True).count() == 3 and Photo.objects.count() == 2
    cache.clear()  # the public pages' parts other tests left (their publications were never committed)
    page = client.get("/cong-thong-tin/").content.decode()
    assert articles[0].title in page and "Giao ban Thường trực Thành ủy" in page
    assert "08-CV/VPTU" not in client.get("/cong-thong-tin/van-ban/").content.decode()
