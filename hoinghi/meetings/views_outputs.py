"""Pages and downloads of what the office issues: the conclusion notice and the news draft."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from hoinghi.core.errors import require

from . import permissions as perm
from .models import IssuedDocument, Meeting
from .outputs import issue, news

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _docx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _meeting(pk: int) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("body__organization", "term"), pk=pk)


@login_required
@require_GET
def notice_preview(request, pk):
    meeting = _meeting(pk)
    return _docx(issue.preview_conclusion_notice(request.user, meeting), f"TB-du-thao-{meeting.pk}.docx")


@login_required
@require_POST
def notice_issue(request, pk):
    meeting = _meeting(pk)
    try:
        issued = issue.issue_conclusion_notice(request.user, meeting)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        # "Số 12-TB/TU" is the number line as the document prints it, not interface text.
        messages.success(request, _("Notice %(reference)s issued.") % {"reference": f"Số {issued.reference}"})
    return redirect("meetings:detail", meeting.pk)


@login_required
@require_GET
def notice_download(request, pk):
    issued = get_object_or_404(IssuedDocument.objects.select_related("meeting", "organization"), pk=pk)
    require(issue.can_download(request.user, issued))
    filename = issued.reference.replace("/", "-") + ".docx"
    return FileResponse(issued.file.open("rb"), as_attachment=True, filename=filename, content_type=DOCX)


def _office_draft(request, pk) -> tuple[Meeting, dict]:
    meeting = _meeting(pk)
    require(perm.is_office(request.user), _("Only the office writes the news."))
    return meeting, news.news_draft(meeting)


@login_required
@require_GET
def news_draft(request, pk):
    meeting, draft = _office_draft(request, pk)
    return render(request, "meetings/outputs/news_draft.html", {"meeting": meeting, "draft": draft})


@login_required
@require_GET
def news_draft_docx(request, pk):
    meeting, draft = _office_draft(request, pk)
    return _docx(news.news_docx(draft), f"tin-hoi-nghi-{meeting.pk}.docx")
