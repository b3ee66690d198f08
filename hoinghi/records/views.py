"""Pages and downloads of what the office issues: the conclusion notice, the news draft, the vote-count record."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hoinghi.core.forms import form_errors
from hoinghi.meetings.selectors import load_meeting
from hoinghi.voting.selectors import load_poll

from . import issue, news
from .forms import NoticeForm
from .notice import default_options, earlier_directives, heading_choices
from .outline import load_record
from .permissions import RULES
from .selectors import load_issued
from .vote_count import COUNTED, build_count_record

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _docx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _notice_page(request, meeting, form, status=200):
    context = {
        "meeting": meeting,
        "form": form,
        "can_issue": issue.may_issue(meeting, timezone.localdate()),
        "ended": issue.ended_issuer(meeting, timezone.localdate()),
        "earlier": len(earlier_directives(meeting, timezone.localdate())),
    }
    return render(request, "records/notice_form.html", context, status=status)


def _posted_form(request, meeting) -> NoticeForm:
    return NoticeForm(request.POST, headings=heading_choices(load_record(meeting)))


@require_GET
@RULES.guard("issue_notice", load_meeting)
def notice_form(request, meeting):
    """The office chooses the notice's date, signer, recipients and sections, then previews or issues it."""
    options = default_options(meeting, timezone.localdate())
    return _notice_page(request, meeting, NoticeForm.proposing(options, heading_choices(load_record(meeting))))


@require_http_methods(["GET", "POST"])
@RULES.guard("issue_notice", load_meeting)
def notice_preview(request, meeting):
    """GET: the notice as proposed; POST: as the form chose it."""
    if request.method == "GET":
        return _docx(issue.preview_conclusion_notice(meeting), f"TB-du-thao-{meeting.pk}.docx")
    form = _posted_form(request, meeting)
    if not form.is_valid():
        return _notice_page(request, meeting, form, status=400)
    try:
        content = issue.preview_conclusion_notice(meeting, form.options())
    except ValidationError as error:
        form_errors(form, error)
        return _notice_page(request, meeting, form, status=400)
    return _docx(content, f"TB-du-thao-{meeting.pk}.docx")


@require_POST
@RULES.guard("issue_notice", load_meeting)
def notice_issue(request, meeting):
    form = _posted_form(request, meeting)
    if not form.is_valid():
        return _notice_page(request, meeting, form, status=400)
    try:
        issued = issue.check_issue_conclusion_notice(request.user, meeting, form.options())
    except ValidationError as error:
        form_errors(form, error)
        return _notice_page(request, meeting, form, status=400)
    messages.success(request, _("Notice %(reference)s issued.") % {"reference": issued.reference})
    return redirect("meetings:detail", meeting.pk)


@require_GET
@RULES.guard("download_notice", load_issued)
def notice_download(request, issued):
    filename = issued.reference.replace("/", "-") + ".docx"
    return FileResponse(issued.file.open("rb"), as_attachment=True, filename=filename, content_type=DOCX)


@require_GET
@RULES.guard("write_news", load_meeting)
def news_draft(request, meeting):
    return render(request, "records/news_draft.html", {"meeting": meeting, "draft": news.news_draft(meeting)})


@require_GET
@RULES.guard("write_news", load_meeting)
def news_draft_docx(request, meeting):
    return _docx(news.news_docx(news.news_draft(meeting)), f"tin-hoi-nghi-{meeting.pk}.docx")


@require_GET
@RULES.guard("read_count_record", load_poll)
def vote_count_record(request, poll):
    """The vote-count record (biên bản kiểm phiếu); before publication only for those who run the poll."""
    if poll.status not in COUNTED or poll.result is None:  # a secret poll awaiting its board is not counted yet
        raise Http404
    return _docx(build_count_record(poll), f"bien-ban-kiem-phieu-{poll.pk}.docx")
