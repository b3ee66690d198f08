"""Issuing the conclusion notice: numbered per committee and term, no gap, no number used twice."""

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from hoinghi.core import audit
from hoinghi.core.errors import invalid, require
from hoinghi.core.uploads import store
from hoinghi.directory.models import Organization
from hoinghi.meetings import services
from hoinghi.meetings.models import Meeting

from . import permissions as perm
from . import wording
from .models import IssuedDocument
from .notice import NoticeOptions, build_notice_docx, default_options

NOTICE = IssuedDocument.Type.CONCLUSION_NOTICE


def placeholder_reference(organization: Organization) -> str:
    """The number line of a preview, left blank to be filled at issue: "Số   -TB/TU"."""
    return f"  -{NOTICE}/{organization.document_code}"


def preview_conclusion_notice(meeting: Meeting, options: NoticeOptions | None = None) -> bytes:
    options = options or default_options(meeting, timezone.localdate())
    check_notice_date(meeting, options)
    return build_notice_docx(meeting, placeholder_reference(meeting.body.organization), options)


def check_notice_date(meeting: Meeting, options: NoticeOptions) -> None:
    """A notice reports what a meeting concluded: it cannot be dated before the meeting."""
    day = services.meeting_day(meeting)
    if options.dated < day:
        message = _("The notice cannot be dated before its meeting (%(day)s).")
        invalid(message % {"day": wording.deadline_date(day)}, "dated")


def ended_issuer(meeting: Meeting, day) -> str:
    """Why no notice can be issued on `day` in the name of the meeting's organization: it has ended ("" if not).
    Its earlier records keep its name; a new number in an ended series would be a document it never issued."""
    organization = meeting.body.organization
    if organization.end is None or day <= organization.end:
        return ""
    return _("%(organization)s ended on %(day)s: no notice can be issued in its name any more.") % {
        "organization": organization.name,
        "day": wording.deadline_date(organization.end),
    }


def may_issue(meeting: Meeting, day) -> bool:
    return meeting.status == Meeting.Status.CLOSED and not ended_issuer(meeting, day)


def check_issue_conclusion_notice(actor, meeting: Meeting, options: NoticeOptions | None = None) -> IssuedDocument:
    require(perm.can_issue_notice(actor, meeting), _("Only the office can issue the notice."))
    return do_issue_conclusion_notice(actor, meeting, options or default_options(meeting, timezone.localdate()))


def do_issue_conclusion_notice(actor, meeting: Meeting, options: NoticeOptions) -> IssuedDocument:
    # The lock in _issue queues issuers; a number clash means a writer that bypassed it: retry once.
    for _attempt in range(2):
        try:
            return _issue(actor, meeting, options)
        except IntegrityError:
            continue
    invalid(_("Another document took this number at the same time. Please try again."))


@transaction.atomic
def _issue(actor, meeting: Meeting, options: NoticeOptions) -> IssuedDocument:
    meeting = Meeting.objects.select_for_update().select_related("body__organization", "term").get(pk=meeting.pk)
    if meeting.status != Meeting.Status.CLOSED:
        invalid(_("The notice is issued once, after the meeting is closed."))
    if not meeting.items.filter(conclusion__isnull=False).exists():
        invalid(_("Record at least one conclusion before issuing the notice."))
    check_notice_date(meeting, options)
    if ended := ended_issuer(meeting, timezone.localdate()):
        invalid(ended)
    # Locking the issuing organization's row queues concurrent issuers on PostgreSQL; SQLite's
    # IMMEDIATE transactions already admit one writer at a time.
    organization = Organization.objects.select_for_update().get(pk=meeting.body.organization_id)
    series = {"organization": organization, "term_ordinal": meeting.term.ordinal, "doc_type": NOTICE}
    number = (IssuedDocument.objects.filter(**series).aggregate(last=Max("number"))["last"] or 0) + 1
    issued = IssuedDocument(**series, number=number, meeting=meeting, issued_by=actor)
    content = build_notice_docx(meeting, issued.reference, options, issued=True)
    store(issued.file, f"{NOTICE}-{number}-{meeting.pk}.docx", ContentFile(content))
    try:
        issued.save()
        services.do_take_step(actor, meeting, "issue_notice")
        audit.record(
            actor,
            "notice.issue",
            issued,
            meeting=str(meeting),
            reference=issued.reference,
            dated=options.dated.isoformat(),
            signer=f"{options.heading} {options.signer_title} {options.signer_name}",
            recipients=list(options.recipients),
            review=options.include_review,
        )
    except Exception:
        # The rollback undoes the rows; the file on disk is ours to remove.
        issued.file.delete(save=False)
        raise
    return issued
