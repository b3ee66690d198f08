"""Directives: drafting them from a conclusion, then their follow-up (what units report, what the office
decides). Every write is recorded in the audit log; nothing a unit wrote is changed afterwards.

Each write has two parts, as the meetings' services: `check_*` checks that the acting person may, then calls
`do_*`, the action, which the import of articles and the demo loader call directly."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hoinghi.core import audit
from hoinghi.core.errors import invalid, require
from hoinghi.core.uploads import checked_file, save_with_file, upload_name
from hoinghi.meetings import rules as meeting_rules
from hoinghi.meetings.models import Meeting
from hoinghi.meetings.services import meeting_day

from . import permissions as follow
from . import rules
from .calendar import working_deadline
from .models import DeadlineEntry, Directive, ExtensionRequest, ProgressReport, ReportAttachment

FIELDS = [
    "lead_organization",
    "coordinating_organizations",
    "content",
    "deadline",
    "deadline_working_days",
    "period_end",
]


def _existed(organizations, day, field: str) -> None:
    """A directive of a meeting goes to organizations that existed on the meeting's day (a 2026 directive cannot go
    to a district People's Committee that ended on 30/06/2025)."""
    for organization in organizations:
        if organization.existed_on(day):
            continue
        ended = organization.end is not None and organization.end < day
        if ended:
            message = _("%(name)s ended on %(when)s: a directive of a meeting on %(day)s cannot be given to it.")
        else:
            message = _("%(name)s began on %(when)s: a directive of a meeting on %(day)s cannot be given to it.")
        when = organization.end if ended else organization.start
        invalid(message % {"name": organization, "when": f"{when:%d/%m/%Y}", "day": f"{day:%d/%m/%Y}"}, field)


def _check(directive: Directive, coordinating, kept=frozenset()) -> None:
    """Checks a drafted directive; a deadline given in working days becomes the date they end on. `kept`: the
    organizations it was already given (a successor it passed to began after the meeting, and stays)."""
    meeting = directive.conclusion.item.meeting
    day = meeting_day(meeting)
    if directive.lead_organization_id not in kept:
        _existed([directive.lead_organization], day, "lead_organization")
    _existed([org for org in coordinating if org.pk not in kept], day, "coordinating_organizations")
    if not directive.content.strip():
        invalid(_("The content of the directive is required."), "content")
    if directive.deadline_working_days is not None:
        if directive.deadline_working_days < 1:
            invalid(_("Give one working day or more."), "deadline_working_days")
        directive.deadline = working_deadline(day, directive.deadline_working_days)
    if directive.deadline and directive.deadline < day:
        invalid(_("The deadline cannot be before the meeting."), "deadline")
    if directive.period_end and directive.period_end < day:
        invalid(_("The resolution's period cannot end before the meeting."), "period_end")
    if directive.deadline and directive.period_end and directive.deadline > directive.period_end:
        invalid(_("The deadline is past the end of the resolution's period."), "deadline")
    if any(org.pk == directive.lead_organization_id for org in coordinating):
        invalid(_("The lead organization cannot also be a coordinating one."), "coordinating_organizations")


def _require_drafter(actor, conclusion) -> None:
    require(follow.can_draft(actor, conclusion.item.meeting), _("Only the chair or the office can draft directives."))


def _draftable(conclusion) -> None:
    meeting = Meeting.objects.get(pk=conclusion.item.meeting_id)
    if meeting.status not in meeting_rules.CONCLUSIONS_OPEN:
        invalid(_("Directives are drafted while the meeting runs or after it closes, before the notice is issued."))


def _keep_deadline(actor, directive: Directive, cause: str, reason: str = "") -> None:
    DeadlineEntry.objects.create(
        directive=directive,
        deadline=directive.deadline,
        cause=cause,
        reason=reason,
        set_by=actor,
        set_at=timezone.now(),
    )


def check_add_directive(actor, conclusion, **fields) -> Directive:
    _require_drafter(actor, conclusion)
    return do_add_directive(actor, conclusion, **fields)


@transaction.atomic
def do_add_directive(
    actor,
    conclusion,
    *,
    lead_organization,
    content,
    deadline=None,
    deadline_working_days=None,
    period_end=None,
    coordinating_organizations=(),
):
    _draftable(conclusion)
    directive = Directive(
        conclusion=conclusion,
        body_id=conclusion.item.meeting.body_id,
        lead_organization=lead_organization,
        content=content,
        deadline=deadline,
        deadline_working_days=deadline_working_days,
        period_end=period_end,
        created_by=actor,
    )
    _check(directive, coordinating_organizations)
    directive.save()
    directive.coordinating_organizations.set(coordinating_organizations)
    _keep_deadline(actor, directive, DeadlineEntry.Cause.SET)
    audit.record(actor, "directive.create", directive, **audit.snapshot(directive, FIELDS))
    return directive


def check_update_directive(actor, directive: Directive, **fields) -> Directive:
    _require_drafter(actor, directive.conclusion)
    return do_update_directive(actor, directive, **fields)


@transaction.atomic
def do_update_directive(actor, directive: Directive, **fields) -> Directive:
    _draftable(directive.conclusion)
    before = audit.snapshot(directive, FIELDS)
    kept = {directive.lead_organization_id, *directive.coordinating_organizations.values_list("pk", flat=True)}
    coordinating = fields.pop("coordinating_organizations", None)
    for name, value in fields.items():
        setattr(directive, name, value)
    _check(directive, coordinating if coordinating is not None else directive.coordinating_organizations.all(), kept)
    directive.save()
    if coordinating is not None:
        directive.coordinating_organizations.set(coordinating)
    after = audit.snapshot(directive, FIELDS)
    if after["deadline"] != before["deadline"]:
        _keep_deadline(actor, directive, DeadlineEntry.Cause.CORRECTION)
    if changes := audit.diff(before, after):
        audit.record(actor, "directive.update", directive, changes=changes)
    return directive


# Follow-up: units report, ask for more time; the office decides.

MAX_FILES = 10
ONLY_OFFICE = gettext_lazy("Only the office can do this.")


def _locked(directive: Directive) -> Directive:
    """The directive as stored, locked until the transaction ends: two writers take turns."""
    return Directive.objects.select_for_update().select_related("conclusion__item__meeting").get(pk=directive.pk)


def _move(directive: Directive, target: str) -> None:
    if target not in rules.MOVES[directive.status]:
        invalid(
            _("This is not possible while the directive is %(status)s.")
            % {"status": directive.get_status_display().lower()}
        )
    directive.status = target


def _still_open(directive: Directive) -> None:
    if directive.status == rules.CANCELLED:
        invalid(_("This directive is cancelled: nothing can be reported or asked on it any more."))
    if directive.status == rules.DONE:
        invalid(_("This directive is confirmed done: nothing can be reported or asked on it any more."))


def _check_report(organization_id, directive: Directive, text: str, percent, done: bool) -> None:
    if not (text or "").strip():
        invalid(_("Write what has been done."), "text")
    if percent is not None and not 0 <= percent <= 100:
        invalid(_("The percent done is a number from 0 to 100."), "percent")
    if done and percent is not None and percent < 100:
        invalid(_("A task reported done is 100 percent done."), "percent")
    if done and organization_id != directive.lead_organization_id:
        invalid(_("Only the lead organization can report the directive done."), "done")


def _checked_files(files) -> list:
    """Every file checked (content and size) before anything is stored: a report keeps all of them or none."""
    files = [uploaded for uploaded in files if uploaded]
    if len(files) > MAX_FILES:
        invalid(_("Attach at most %(count)s files to one report.") % {"count": MAX_FILES}, "files")
    checked = []
    for uploaded in files:
        try:
            checked.append((uploaded, *checked_file(uploaded)))
        except ValidationError as refusal:
            invalid(f"{upload_name(uploaded, '')}: {' '.join(refusal.messages)}", "files")
    return checked


def _attach(report: ProgressReport, checked) -> list[str]:
    stored = []
    try:
        for uploaded, file_type, sha256 in checked:
            attachment = ReportAttachment(
                report=report,
                original_name=upload_name(uploaded, file_type.extension),
                media_type=file_type.media_type,
                extension=file_type.extension,
                size=uploaded.size,
                sha256=sha256,
            )
            save_with_file(attachment, "file", attachment.original_name, uploaded)
            stored.append(attachment)
    except Exception:
        # The report is rolled back: leave no orphan file behind.
        for attachment in stored:
            attachment.file.delete(save=False)
        raise
    return [attachment.original_name for attachment in stored]


def _write_report(actor, directive, *, organization_id, text, percent, done, files, replaces=None) -> ProgressReport:
    _still_open(directive)
    _check_report(organization_id, directive, text, percent, done)
    checked = _checked_files(files)
    before = directive.status
    after = rules.status_after_report(before, done, withdraws_done=replaces is not None and replaces.reports_done)
    if after != before:
        _move(directive, after)
    now = timezone.now()
    report = ProgressReport.objects.create(
        directive=directive,
        organization_id=organization_id,
        author=actor,
        text=text,
        percent=percent,
        reports_done=done,
        replaces=replaces,
        created_at=now,
    )
    names = _attach(report, checked)
    if replaces is not None:
        # The new version is complete: it keeps the files of the one it corrects (which keeps them too).
        for old in replaces.attachments.all():
            old.pk, old.report = None, report
            old.save()
            names.append(old.original_name)
    directive.last_report_at = now
    directive.save(update_fields=["status", "last_report_at"])
    detail = {"report": report.pk, "percent": percent, "done": done, "files": names}
    if replaces is not None:
        detail["replaces"] = replaces.pk
    if directive.status != before:
        detail["status"] = [before, directive.status]
    verb = "directive.report_correct" if replaces else "directive.report_done" if done else "directive.report"
    audit.record(actor, verb, directive, **detail)
    return report


def check_report_progress(actor, directive: Directive, **report) -> ProgressReport:
    require(follow.can_report(actor, directive), _("Your organization was not given this directive."))
    return do_report_progress(actor, directive, organization_id=follow.unit_of(actor), **report)


@transaction.atomic
def do_report_progress(
    actor, directive: Directive, *, organization_id, text, percent=None, done=False, files=()
) -> ProgressReport:
    """A report by `actor` in the name of the organization, which the directive was given to (lead or helping)."""
    directive = _locked(directive)
    if not follow.assigned(directive, organization_id):
        invalid(_("Your organization was not given this directive."))
    return _write_report(
        actor, directive, organization_id=organization_id, text=text, percent=percent, done=done, files=files
    )


def check_correct_report(actor, report: ProgressReport, **corrected) -> ProgressReport:
    require(
        follow.can_report(actor, report.directive) and follow.unit_of(actor) == report.organization_id,
        _("Only the organization that wrote a report can correct it."),
    )
    return do_correct_report(actor, report, **corrected)


@transaction.atomic
def do_correct_report(actor, report: ProgressReport, *, text, percent=None, done=False, files=()) -> ProgressReport:
    """A new version of the report, in its organization's name; the one it corrects is kept as it was."""
    directive = _locked(report.directive)
    report = ProgressReport.objects.get(pk=report.pk)
    if ProgressReport.objects.filter(replaces=report).exists():
        invalid(_("This report was corrected already: correct its latest version."))
    return _write_report(
        actor,
        directive,
        organization_id=report.organization_id,
        text=text,
        percent=percent,
        done=done,
        files=files,
        replaces=report,
    )


def _check_new_deadline(directive: Directive, deadline) -> None:
    if directive.deadline is None:
        invalid(_("This directive has no deadline to extend."))
    if deadline is None:
        invalid(_("Enter the new deadline."), "deadline")
    if deadline <= directive.deadline:
        invalid(
            _("The new deadline must be after the current one, %(date)s.") % {"date": f"{directive.deadline:%d/%m/%Y}"},
            "deadline",
        )
    if deadline < meeting_day(directive.conclusion.item.meeting):
        invalid(_("The deadline cannot be before the meeting."), "deadline")
    if directive.period_end and deadline > directive.period_end:
        invalid(
            _("The new deadline is past the resolution's period, which ends on %(date)s.")
            % {"date": f"{directive.period_end:%d/%m/%Y}"},
            "deadline",
        )


def check_request_extension(actor, directive: Directive, **asked) -> ExtensionRequest:
    require(follow.is_lead(actor, directive), _("Only the lead organization can ask for an extension."))
    return do_request_extension(actor, directive, **asked)


@transaction.atomic
def do_request_extension(actor, directive: Directive, *, deadline, reason) -> ExtensionRequest:
    directive = _locked(directive)
    _still_open(directive)
    if not (reason or "").strip():
        invalid(_("Give the reason for the extension."), "reason")
    _check_new_deadline(directive, deadline)
    if directive.extension_requests.filter(decision=ExtensionRequest.Decision.PENDING).exists():
        invalid(_("An extension request is already awaiting the office's decision."))
    request = ExtensionRequest.objects.create(
        directive=directive, requested_by=actor, requested_deadline=deadline, reason=reason
    )
    audit.record(
        actor,
        "directive.extension_request",
        directive,
        request=request.pk,
        deadline=deadline.isoformat(),
        reason=reason,
    )
    return request


def _decide(actor, request: ExtensionRequest, decision: str, note: str) -> None:
    request.decision = decision
    request.decided_by = actor
    request.decided_at = timezone.now()
    request.decision_note = note
    request.save(update_fields=["decision", "decided_by", "decided_at", "decision_note"])


def check_decide_extension(actor, extension_request: ExtensionRequest, **decision) -> ExtensionRequest:
    require(follow.can_follow_up(actor), _("Only the office decides on extensions."))
    return do_decide_extension(actor, extension_request, **decision)


@transaction.atomic
def do_decide_extension(actor, extension_request: ExtensionRequest, *, grant: bool, note="") -> ExtensionRequest:
    directive = _locked(extension_request.directive)
    request = ExtensionRequest.objects.get(pk=extension_request.pk)
    if request.decision != ExtensionRequest.Decision.PENDING:
        invalid(_("This request is decided already."))
    if not grant:
        if not (note or "").strip():
            invalid(_("Say why the extension is refused."), "note")
        _decide(actor, request, ExtensionRequest.Decision.REFUSED, note)
        audit.record(actor, "directive.extension_refuse", directive, request=request.pk, note=note)
        return request
    _check_new_deadline(directive, request.requested_deadline)
    before = directive.deadline
    directive.deadline = request.requested_deadline
    # The deadline is now a date the office granted, no longer "N working days from the meeting".
    directive.deadline_working_days = None
    directive.save(update_fields=["deadline", "deadline_working_days"])
    _keep_deadline(actor, directive, DeadlineEntry.Cause.EXTENSION, request.reason)
    _decide(actor, request, ExtensionRequest.Decision.GRANTED, note)
    audit.record(
        actor,
        "directive.extension_grant",
        directive,
        request=request.pk,
        changes={"deadline": [before.isoformat(), directive.deadline.isoformat()]},
        note=note,
    )
    return request


def _office_step(actor, directive: Directive, target: str, reason: str, reason_required: bool) -> tuple:
    """The directive moved to `target` by the office (not yet saved), and the status it had."""
    directive = _locked(directive)
    if reason_required and not (reason or "").strip():
        invalid(_("Give the reason."), "reason")
    before = directive.status
    _move(directive, target)
    directive.status_reason = reason
    if target in rules.CLOSED_STATUSES:
        directive.closed_at = timezone.now()
        # A request nobody will grant any more: closed with the directive.
        for request in directive.extension_requests.filter(decision=ExtensionRequest.Decision.PENDING):
            _decide(actor, request, ExtensionRequest.Decision.REFUSED, _("The directive was closed."))
    return directive, before


def check_confirm_done(actor, directive: Directive, *, note="") -> Directive:
    require(follow.can_follow_up(actor), ONLY_OFFICE)
    return do_confirm_done(actor, directive, note=note)


@transaction.atomic
def do_confirm_done(actor, directive: Directive, *, note="") -> Directive:
    """Closes the directive. Whether it was done on time is judged on the day the unit reported it done, against
    the deadline in force that day: the office's own delay in confirming does not make the unit late."""
    directive, before = _office_step(actor, directive, rules.DONE, note, reason_required=False)
    reported = directive.reports.filter(reports_done=True).order_by("-created_at", "-pk").first()
    reported_at = reported.created_at if reported else directive.closed_at
    history = list(directive.deadline_history.values_list("set_at", "deadline"))
    directive.done_on = timezone.localdate(reported_at)
    directive.deadline_at_close = rules.deadline_in_force(history, reported_at) if history else directive.deadline
    directive.save(update_fields=["status", "status_reason", "closed_at", "done_on", "deadline_at_close"])
    audit.record(
        actor,
        "directive.confirm_done",
        directive,
        status=[before, directive.status],
        done_on=directive.done_on.isoformat(),
        deadline_at_close=directive.deadline_at_close.isoformat() if directive.deadline_at_close else None,
        note=note,
    )
    return directive


def check_return_to_unit(actor, directive: Directive, *, reason) -> Directive:
    require(follow.can_follow_up(actor), ONLY_OFFICE)
    return do_return_to_unit(actor, directive, reason=reason)


@transaction.atomic
def do_return_to_unit(actor, directive: Directive, *, reason) -> Directive:
    directive, before = _office_step(actor, directive, rules.RETURNED, reason, reason_required=True)
    directive.save(update_fields=["status", "status_reason"])
    audit.record(actor, "directive.return", directive, status=[before, directive.status], reason=reason)
    return directive


def check_cancel_directive(actor, directive: Directive, *, reason) -> Directive:
    require(follow.can_follow_up(actor), ONLY_OFFICE)
    return do_cancel_directive(actor, directive, reason=reason)


@transaction.atomic
def do_cancel_directive(actor, directive: Directive, *, reason) -> Directive:
    directive, before = _office_step(actor, directive, rules.CANCELLED, reason, reason_required=True)
    directive.save(update_fields=["status", "status_reason", "closed_at"])
    audit.record(actor, "directive.cancel", directive, status=[before, directive.status], reason=reason)
    return directive


def check_set_priority(actor, directive: Directive, priority: bool) -> Directive:
    require(follow.can_follow_up(actor), _("Only the office can flag priorities."))
    return do_set_priority(actor, directive, priority)


@transaction.atomic
def do_set_priority(actor, directive: Directive, priority: bool) -> Directive:
    directive = _locked(directive)
    if directive.priority != priority:
        directive.priority = priority
        directive.save(update_fields=["priority"])
        audit.record(actor, "directive.priority_set" if priority else "directive.priority_unset", directive)
    return directive
