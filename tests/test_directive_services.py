"""The follow-up's writes: what units report, extensions, the office's decisions. Each refusal saves nothing;
each write leaves one audit event naming who did what."""

import datetime
import os

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from hoinghi.core import audit
from hoinghi.directives import rules, services
from hoinghi.directives.models import DeadlineEntry, Directive, ExtensionRequest, ProgressReport, ReportAttachment
from tests.directive_helpers import EXE, PDF, directive, pdf, units

NOON = datetime.time(12, 0)

PDF_2 = PDF + b"% phu luc\n"


pytestmark = pytest.mark.usefixtures("english_messages")


@pytest.fixture
def staff(world):
    return units(world)


@pytest.fixture
def task(world):
    return directive(world)


def fresh(directive_):
    return Directive.objects.get(pk=directive_.pk)


def verbs(directive_) -> list[str]:
    return [event.verb for event in audit.history(directive_).order_by("pk")]


def stored_files(root) -> list[str]:
    return [name for _dir, _subdirs, names in os.walk(root) for name in names]


def message(error) -> str:
    return " ".join(error.value.messages)


def report(world, task, who="unit", **fields):
    return services.check_report_progress(
        world.users.get(who) or who, task, **({"text": "Đã họp triển khai."} | fields)
    )


# The status a report leaves, for every open status (all 16 cases, written out).

AFTER_REPORT = {
    # status: (not done, not done withdrawing an earlier "done", done)
    "not_started": ("in_progress", "in_progress", "reported_done"),
    "in_progress": ("in_progress", "in_progress", "reported_done"),
    "returned": ("in_progress", "in_progress", "reported_done"),
    "reported_done": ("reported_done", "in_progress", "reported_done"),
}


@pytest.mark.parametrize("status", sorted(AFTER_REPORT))
def test_the_status_a_report_leaves(status):
    plain, withdrawing, done = AFTER_REPORT[status]
    assert rules.status_after_report(status, False) == plain
    assert rules.status_after_report(status, False, withdraws_done=True) == withdrawing
    assert rules.status_after_report(status, True) == done == rules.status_after_report(status, True, True)
    for after in AFTER_REPORT[status]:
        assert after == status or after in rules.MOVES[status]


@pytest.mark.parametrize("status", ["done", "cancelled"])
def test_no_status_after_a_report_on_a_closed_directive(status):
    with pytest.raises(ValueError):
        rules.status_after_report(status, False)


# Reports.


def test_the_lead_unit_reports_progress(world, task):
    before = timezone.now()
    saved = report(world, task, percent=40)
    task = fresh(task)
    assert (saved.text, saved.percent, saved.reports_done, saved.replaces) == ("Đã họp triển khai.", 40, False, None)
    assert saved.organization == world.department and saved.author == world.users["unit"]
    assert task.status == "in_progress" and task.last_report_at == saved.created_at >= before
    event = audit.history(task).get(verb="directive.report")
    assert event.actor == world.users["unit"]
    assert event.detail == {
        "report": saved.pk,
        "percent": 40,
        "done": False,
        "files": [],
        "status": ["not_started", "in_progress"],
    }


def test_a_coordinating_unit_reports_too(world, task, staff):
    saved = report(world, task, staff["helper"])
    assert saved.organization == world.government and fresh(task).status == "in_progress"


@pytest.mark.parametrize("who", ["stranger", "office", "leader", "member", "chair", "admin"])
def test_only_the_units_given_the_directive_report(world, task, staff, who):
    actor = staff.get(who) or world.users[who]
    with pytest.raises(PermissionDenied) as error:
        report(world, task, actor, files=[pdf()])
    if who == "stranger":
        assert "Your organization was not given this directive." in str(error.value)
    assert not ProgressReport.objects.exists() and not ReportAttachment.objects.exists()
    assert fresh(task).status == "not_started" and fresh(task).last_report_at is None
    assert verbs(task) == ["directive.create"]


@pytest.mark.parametrize("percent", [0, 100, None])
def test_percent_is_optional_and_from_0_to_100(world, task, percent):
    assert report(world, task, percent=percent).percent == percent


@pytest.mark.parametrize(
    "fields,field,says",
    [
        ({"percent": -1}, "percent", "from 0 to 100"),
        ({"percent": 101}, "percent", "from 0 to 100"),
        ({"text": "   "}, "text", "Write what has been done."),
        ({"done": True, "percent": 60}, "percent", "100 percent"),
    ],
)
def test_bad_reports_are_refused_and_nothing_is_saved(world, task, fields, field, says):
    with pytest.raises(ValidationError) as error:
        report(world, task, files=[pdf()], **fields)
    assert field in error.value.message_dict and says in message(error)
    assert not ProgressReport.objects.exists() and not ReportAttachment.objects.exists()
    assert verbs(task) == ["directive.create"]


def test_the_lead_unit_reports_it_done(world, task):
    saved = report(world, task, done=True, percent=100)
    assert saved.reports_done and fresh(task).status == "reported_done"
    assert verbs(task)[-1] == "directive.report_done"
    # A further report while the office has not answered leaves it reported done.
    report(world, task, text="Bổ sung biên bản.")
    assert fresh(task).status == "reported_done"


def test_only_the_lead_unit_reports_it_done(world, task, staff):
    with pytest.raises(ValidationError) as error:
        report(world, task, staff["helper"], done=True)
    assert "done" in error.value.message_dict and "Only the lead organization" in message(error)
    assert not ProgressReport.objects.exists()


@pytest.mark.parametrize("close", ["cancel", "confirm"])
def test_no_report_on_a_closed_directive(world, task, close):
    if close == "cancel":
        services.check_cancel_directive(world.users["office"], task, reason="Không còn phù hợp.")
        says = "cancelled"
    else:
        report(world, task, done=True)
        services.check_confirm_done(world.users["office"], task)
        says = "confirmed done"
    events = verbs(task)
    with pytest.raises(ValidationError) as error:
        report(world, task, text="Báo cáo muộn.")
    assert says in message(error)
    assert not ProgressReport.objects.filter(text="Báo cáo muộn.").exists() and verbs(task) == events


def test_a_report_after_the_directive_was_returned_takes_it_back_in_progress(world, task):
    report(world, task, done=True)
    services.check_return_to_unit(world.users["office"], task, reason="Thiếu số liệu.")
    assert fresh(task).status == "returned"
    report(world, task, text="Đang bổ sung số liệu.")
    assert fresh(task).status == "in_progress"


# Attachments.


def test_files_are_checked_and_kept_with_the_report(world, task, tmp_path):
    saved = report(world, task, files=[pdf("Báo cáo tiến độ.pdf"), pdf("phu-luc.pdf", PDF_2)])
    attachments = list(saved.attachments.order_by("id"))
    assert [a.original_name for a in attachments] == ["Báo cáo tiến độ.pdf", "phu-luc.pdf"]
    assert {(a.media_type, a.extension) for a in attachments} == {("application/pdf", ".pdf")}
    assert attachments[0].file.read() == PDF
    assert attachments[0].file.name.startswith(f"reports/{task.pk}/")
    assert audit.history(task).get(verb="directive.report").detail["files"] == ["Báo cáo tiến độ.pdf", "phu-luc.pdf"]
    assert len(stored_files(tmp_path)) == 2


def test_one_bad_file_refuses_the_whole_report(world, task, tmp_path):
    with pytest.raises(ValidationError) as error:
        report(world, task, files=[pdf(), pdf("chuong-trinh.pdf", EXE)])
    assert "files" in error.value.message_dict
    assert "chuong-trinh.pdf" in message(error) and "a program" in message(error)
    assert not ProgressReport.objects.exists() and not ReportAttachment.objects.exists()
    assert stored_files(tmp_path) == [] and fresh(task).status == "not_started"


def test_a_file_over_the_size_limit_is_refused(world, task, settings):
    settings.UPLOAD_MAX_BYTES = 10
    with pytest.raises(ValidationError) as error:
        report(world, task, files=[pdf()])
    assert "larger than" in message(error) and not ProgressReport.objects.exists()


def test_an_empty_file_is_refused(world, task):
    with pytest.raises(ValidationError) as error:
        report(world, task, files=[SimpleUploadedFile("rong.pdf", b"")])
    assert "empty" in message(error) and not ProgressReport.objects.exists()


def test_too_many_files_are_refused(world, task):
    with pytest.raises(ValidationError) as error:
        report(world, task, files=[pdf(f"{n}.pdf") for n in range(services.MAX_FILES + 1)])
    assert "at most 10 files" in message(error) and not ProgressReport.objects.exists()


def test_a_failure_while_storing_leaves_no_file_behind(world, task, tmp_path, monkeypatch):
    original = ReportAttachment.save

    def fail_on_second(self, *args, **kwargs):
        if ReportAttachment.objects.exists():
            raise RuntimeError("disk full")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(ReportAttachment, "save", fail_on_second)
    with pytest.raises(RuntimeError):
        report(world, task, files=[pdf(), pdf("b.pdf", PDF_2)])
    assert stored_files(tmp_path) == [] and not ProgressReport.objects.exists()


# Corrections: new versions, the old kept.


def test_a_correction_is_a_new_version_and_the_old_one_is_kept(world, task):
    first = report(world, task, percent=30, files=[pdf("bien-ban.pdf")])
    correction = services.check_correct_report(
        world.users["unit"], first, text="Đã họp triển khai, ban hành kế hoạch.", percent=35
    )
    old = ProgressReport.objects.get(pk=first.pk)
    assert (old.text, old.percent) == ("Đã họp triển khai.", 30)
    assert old.attachments.count() == 1
    assert correction.replaces == old and correction.percent == 35 and old.replaced_by == correction
    # The new version carries the earlier files: the same stored file, not a copy.
    assert [a.file.name for a in correction.attachments.all()] == [a.file.name for a in old.attachments.all()]
    assert fresh(task).last_report_at == correction.created_at
    event = audit.history(task).get(verb="directive.report_correct")
    assert event.detail["replaces"] == first.pk and event.detail["files"] == ["bien-ban.pdf"]


def test_a_correction_adds_files_too(world, task):
    first = report(world, task, files=[pdf("a.pdf")])
    correction = services.check_correct_report(
        world.users["unit"], first, text="Thêm phụ lục.", files=[pdf("b.pdf", PDF_2)]
    )
    assert sorted(a.original_name for a in correction.attachments.all()) == ["a.pdf", "b.pdf"]


def test_only_the_latest_version_is_corrected(world, task):
    first = report(world, task)
    services.check_correct_report(world.users["unit"], first, text="Lần hai.")
    with pytest.raises(ValidationError) as error:
        services.check_correct_report(world.users["unit"], first, text="Lần ba.")
    assert "latest version" in message(error) and ProgressReport.objects.count() == 2


@pytest.mark.parametrize("who", ["helper", "stranger", "office", "leader"])
def test_only_the_authors_organization_corrects(world, task, staff, who):
    first = report(world, task)
    with pytest.raises(PermissionDenied):
        services.check_correct_report(staff.get(who) or world.users[who], first, text="Sửa hộ.")
    assert ProgressReport.objects.count() == 1 and verbs(task)[-1] == "directive.report"


def test_a_colleague_of_the_same_unit_may_correct(world, task):
    from tests.factories import make_user

    colleague = make_user("unit_colleague", "unit_staff", organization=world.department)
    first = report(world, task)
    assert services.check_correct_report(colleague, first, text="Sửa lỗi chính tả.").author == colleague


def test_withdrawing_done_takes_the_directive_back_in_progress(world, task):
    done = report(world, task, done=True)
    services.check_correct_report(world.users["unit"], done, text="Chưa xong, còn thiếu báo cáo.", percent=80)
    assert fresh(task).status == "in_progress"


def test_a_bad_correction_saves_nothing(world, task):
    first = report(world, task)
    with pytest.raises(ValidationError):
        services.check_correct_report(world.users["unit"], first, text="", files=[pdf()])
    with pytest.raises(ValidationError):
        services.check_correct_report(world.users["unit"], first, text="Sửa", files=[pdf("x.pdf", EXE)])
    assert ProgressReport.objects.count() == 1 and not ReportAttachment.objects.exists()


def test_no_correction_on_a_cancelled_directive(world, task):
    first = report(world, task)
    services.check_cancel_directive(world.users["office"], task, reason="Thôi thực hiện.")
    with pytest.raises(ValidationError):
        services.check_correct_report(world.users["unit"], first, text="Sửa")
    assert ProgressReport.objects.count() == 1


# Extensions.


def later(task, days):
    return task.deadline + datetime.timedelta(days=days)


def ask(world, task, days=30, who="unit", reason="Chờ ý kiến của Bộ."):
    return services.check_request_extension(
        world.users.get(who) or who, task, deadline=later(task, days), reason=reason
    )


def test_the_lead_unit_asks_for_an_extension(world, task):
    request = ask(world, task)
    assert request.decision == "pending" and request.requested_deadline == later(task, 30)
    assert request.requested_by == world.users["unit"] and fresh(task).deadline == task.deadline
    event = audit.history(task).get(verb="directive.extension_request")
    assert event.detail == {
        "request": request.pk,
        "deadline": later(task, 30).isoformat(),
        "reason": "Chờ ý kiến của Bộ.",
    }


@pytest.mark.parametrize("who", ["helper", "stranger", "office", "leader"])
def test_only_the_lead_unit_asks(world, task, staff, who):
    with pytest.raises(PermissionDenied):
        ask(world, task, who=staff.get(who) or world.users[who])
    assert not ExtensionRequest.objects.exists()


@pytest.mark.parametrize(
    "days,reason,says",
    [
        (0, "Lý do", "must be after the current one"),
        (-5, "Lý do", "must be after the current one"),
        (30, "  ", "Give the reason"),
    ],
)
def test_bad_extension_requests(world, task, days, reason, says):
    with pytest.raises(ValidationError) as error:
        ask(world, task, days=days, reason=reason)
    assert says in message(error) and not ExtensionRequest.objects.exists()
    assert verbs(task) == ["directive.create"]


def test_no_extension_past_the_resolutions_period(world, task):
    Directive.objects.filter(pk=task.pk).update(period_end=later(task, 20))
    task = fresh(task)
    with pytest.raises(ValidationError) as error:
        ask(world, task, days=21)
    assert "past the resolution's period" in message(error) and "deadline" in error.value.message_dict
    assert not ExtensionRequest.objects.exists()
    assert ask(world, task, days=20).requested_deadline == task.period_end


def test_no_extension_before_the_meeting(world, task):
    # A deadline set before the meeting by older data: the new one must still fall on or after the meeting.
    meeting_day = timezone.localdate(task.conclusion.item.meeting.starts_at)
    Directive.objects.filter(pk=task.pk).update(deadline=meeting_day - datetime.timedelta(days=5))
    task = fresh(task)
    with pytest.raises(ValidationError) as error:
        ask(world, task, days=2)
    assert "before the meeting" in message(error)


def test_no_extension_without_a_deadline_or_a_date(world):
    task = directive(world, deadline=None)
    with pytest.raises(ValidationError) as error:
        services.check_request_extension(world.users["unit"], task, deadline=timezone.localdate(), reason="Lý do")
    assert "no deadline" in message(error)
    dated = directive(world, content="Báo cáo kết quả.")
    with pytest.raises(ValidationError) as error:
        services.check_request_extension(world.users["unit"], dated, deadline=None, reason="Lý do")
    assert "Enter the new deadline" in message(error)


def test_one_pending_request_at_a_time(world, task):
    ask(world, task)
    with pytest.raises(ValidationError) as error:
        ask(world, task, days=40)
    assert "already awaiting" in message(error) and ExtensionRequest.objects.count() == 1


def test_no_extension_on_a_closed_directive(world, task):
    services.check_cancel_directive(world.users["office"], task, reason="Thôi.")
    with pytest.raises(ValidationError):
        ask(world, task)


def test_the_office_grants_an_extension_and_the_history_keeps_both_deadlines(world, task):
    first = task.deadline
    request = services.check_decide_extension(world.users["office"], ask(world, task), grant=True, note="Đồng ý.")
    task = fresh(task)
    assert task.deadline == first + datetime.timedelta(days=30)
    assert (request.decision, request.decided_by, request.decision_note) == (
        "granted",
        world.users["office"],
        "Đồng ý.",
    )
    history = list(task.deadline_history.values_list("deadline", "cause", "reason"))
    assert history == [(first, "set", ""), (task.deadline, "extension", "Chờ ý kiến của Bộ.")]
    event = audit.history(task).get(verb="directive.extension_grant")
    assert event.detail["changes"] == {"deadline": [first.isoformat(), task.deadline.isoformat()]}
    # Another request may follow once this one is answered.
    assert ask(world, task, days=10).decision == "pending"


def test_the_office_refuses_with_a_note(world, task):
    request = ask(world, task)
    with pytest.raises(ValidationError) as error:
        services.check_decide_extension(world.users["office"], request, grant=False)
    assert "note" in error.value.message_dict
    assert ExtensionRequest.objects.get().decision == "pending"
    refused = services.check_decide_extension(world.users["office"], request, grant=False, note="Không có căn cứ.")
    assert refused.decision == "refused" and fresh(task).deadline == task.deadline
    assert task.deadline_history.count() == 1 and verbs(task)[-1] == "directive.extension_refuse"
    with pytest.raises(ValidationError) as error:
        services.check_decide_extension(world.users["office"], request, grant=True)
    assert "decided already" in message(error)


@pytest.mark.parametrize("who", ["leader", "unit", "chair"])
def test_only_the_office_decides_extensions(world, task, who):
    request = ask(world, task)
    with pytest.raises(PermissionDenied):
        services.check_decide_extension(world.users[who], request, grant=True)
    assert ExtensionRequest.objects.get().decision == "pending" and fresh(task).deadline == task.deadline


def test_a_grant_past_a_period_set_since_is_refused(world, task):
    request = ask(world, task)
    Directive.objects.filter(pk=task.pk).update(period_end=later(task, 10))
    with pytest.raises(ValidationError) as error:
        services.check_decide_extension(world.users["office"], request, grant=True)
    assert "past the resolution's period" in message(error) and fresh(task).deadline == task.deadline


# The office's decisions.


def test_the_office_confirms_done_against_the_deadline_then_in_force(world, task):
    extended = later(task, 30)
    services.check_decide_extension(world.users["office"], ask(world, task), grant=True)
    report(world, task, done=True)
    closed = services.check_confirm_done(world.users["office"], task, note="Đạt yêu cầu.")
    task = fresh(task)
    assert (task.status, task.status_reason) == ("done", "Đạt yêu cầu.")
    assert task.closed_at == closed.closed_at and task.deadline_at_close == extended
    event = audit.history(task).get(verb="directive.confirm_done")
    assert event.actor == world.users["office"] and event.detail["status"] == ["reported_done", "done"]


def test_done_on_time_stays_on_time_however_late_the_office_confirms(world, task, client):
    """The unit reported it done two days before its deadline; the office confirmed it years later."""
    report(world, task, done=True)
    reported_at = timezone.make_aware(datetime.datetime.combine(task.deadline - datetime.timedelta(days=2), NOON))
    ProgressReport.objects.filter(directive=task).update(created_at=reported_at)
    services.check_confirm_done(world.users["office"], task)
    Directive.objects.filter(pk=task.pk).update(closed_at=reported_at + datetime.timedelta(days=1894))
    task = fresh(task)
    assert task.done_on == task.deadline - datetime.timedelta(days=2)
    assert rules.split(task.status, task.deadline, task.done_on, task.deadline_at_close, timezone.localdate()) == (
        rules.DONE_ON_TIME
    )
    client.force_login(world.users["office"])
    page = client.get(f"/directives/{task.pk}/").content.decode()
    assert "đúng hạn" in page and "1894 ngày sau báo cáo của đơn vị" in page and "quá hạn" not in page.lower()


def test_without_history_the_deadline_at_close_is_the_deadline(world, task):
    DeadlineEntry.objects.filter(directive=task).delete()
    report(world, task, done=True)
    assert services.check_confirm_done(world.users["office"], task).deadline_at_close == task.deadline


@pytest.mark.parametrize("status", ["not_started", "in_progress", "returned"])
def test_only_a_directive_reported_done_is_confirmed_or_returned(world, task, status):
    Directive.objects.filter(pk=task.pk).update(status=status)
    for action in (
        services.check_confirm_done,
        lambda actor, d: services.check_return_to_unit(actor, d, reason="Thiếu."),
    ):
        with pytest.raises(ValidationError):
            action(world.users["office"], task)
    assert fresh(task).status == status and fresh(task).closed_at is None


@pytest.mark.parametrize("who", ["leader", "unit", "chair", "member"])
def test_only_the_office_decides(world, task, who):
    report(world, task, done=True)
    actor = world.users[who]
    with pytest.raises(PermissionDenied):
        services.check_confirm_done(actor, task)
    with pytest.raises(PermissionDenied):
        services.check_return_to_unit(actor, task, reason="X")
    with pytest.raises(PermissionDenied):
        services.check_cancel_directive(actor, task, reason="X")
    with pytest.raises(PermissionDenied):
        services.check_set_priority(actor, task, True)
    task = fresh(task)
    assert (task.status, task.priority) == ("reported_done", False) and verbs(task)[-1] == "directive.report_done"


def test_returning_to_the_unit_needs_a_reason(world, task):
    report(world, task, done=True)
    with pytest.raises(ValidationError) as error:
        services.check_return_to_unit(world.users["office"], task, reason=" ")
    assert "reason" in error.value.message_dict and fresh(task).status == "reported_done"
    services.check_return_to_unit(world.users["office"], task, reason="Thiếu số liệu quý III.")
    task = fresh(task)
    assert (task.status, task.status_reason, task.closed_at) == ("returned", "Thiếu số liệu quý III.", None)
    assert audit.history(task).get(verb="directive.return").detail["reason"] == "Thiếu số liệu quý III."


@pytest.mark.parametrize("status", ["not_started", "in_progress", "reported_done", "returned"])
def test_any_open_directive_may_be_cancelled_with_a_reason(world, task, status):
    Directive.objects.filter(pk=task.pk).update(status=status)
    with pytest.raises(ValidationError):
        services.check_cancel_directive(world.users["office"], task, reason="")
    assert fresh(task).status == status
    services.check_cancel_directive(world.users["office"], task, reason="Nội dung đã được thay thế.")
    task = fresh(task)
    assert (task.status, task.status_reason) == ("cancelled", "Nội dung đã được thay thế.") and task.closed_at
    assert audit.history(task).get(verb="directive.cancel").detail["status"] == [status, "cancelled"]


@pytest.mark.parametrize("status", ["done", "cancelled"])
def test_a_closed_directive_cannot_be_cancelled(world, task, status):
    Directive.objects.filter(pk=task.pk).update(status=status)
    with pytest.raises(ValidationError) as error:
        services.check_cancel_directive(world.users["office"], task, reason="Lý do")
    assert "not possible" in message(error) and verbs(task) == ["directive.create"]


def test_closing_answers_the_pending_extension_request(world, task):
    request = ask(world, task)
    services.check_cancel_directive(world.users["office"], task, reason="Thôi.")
    request.refresh_from_db()
    assert request.decision == "refused" and request.decided_by == world.users["office"]


def test_the_office_flags_priority(world, task):
    services.check_set_priority(world.users["office"], task, True)
    services.check_set_priority(world.users["admin"], task, True)
    assert fresh(task).priority and verbs(task).count("directive.priority_set") == 1
    services.check_set_priority(world.users["office"], task, False)
    assert not fresh(task).priority and verbs(task)[-1] == "directive.priority_unset"
