"""The office's pages for the archive: upload articles, list the drafts, review one and accept or discard it.

The rules are in `services` and `selectors`; these pages turn forms into their arguments and back.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hoinghi.core.errors import require
from hoinghi.core.forms import flash

from . import queue, selectors, services
from .forms import Review, UploadForm
from .models import ArticleImport, ImportJob
from .permissions import RULES
from .selectors import load_article
from .warning_text import translated

PAGE = 50


@RULES.guard("import")
def upload(request):
    """The files go to the worker, one job each; the page that follows them shows each one's step."""
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if form.is_valid():
        files = [
            # the upload handler kept nothing past the limit: the job says so
            (upload.name, None if upload.size > settings.UPLOAD_MAX_BYTES else upload.read())
            for upload in form.cleaned_data["files"]
        ]
        batch = queue.check_queue_imports(request.user, files, form.cleaned_data["url"])
        if not request.htmx:
            return redirect("ingest:progress", batch)
        return render(request, "ingest/_upload_panel.html", {"form": UploadForm(), **_following(batch)})
    if request.htmx:  # htmx swaps in only a successful answer: the refusal is shown in the panel
        return render(request, "ingest/_upload_panel.html", {"form": form})
    return render(request, "ingest/upload.html", {"form": form}, status=400 if form.errors else 200)


def _following(batch, jobs=None) -> dict:
    jobs = selectors.load_batch(batch) if jobs is None else jobs
    working = not all(job.finished for job in jobs)
    return {"jobs": jobs, "batch": batch, "working": working, "steps": len(ImportJob.STEPS)}


@RULES.guard("follow", selectors.load_batch)
def progress(request, jobs):
    """Each file's step while the worker reads them (htmx polls this; without scripts the page refreshes)."""
    context = _following(jobs[0].batch, jobs)
    return render(request, "ingest/_jobs.html" if request.htmx else "ingest/progress.html", context)


@RULES.guard("import")
def drafts(request):
    page = Paginator(selectors.drafts_for(request.user), PAGE).get_page(request.GET.get("page"))
    return render(request, "ingest/drafts.html", {"page": page})


def _review_form(article: ArticleImport, data=None) -> Review:
    record, saved = article.record, article.directory_choices
    body, bodies_not_then = selectors.body_matches(record)
    organizations = selectors.organization_matches(record)
    return Review(
        data,
        record=record,
        people=selectors.match_people(record),
        organizations=organizations,
        body=body,
        saved=saved,
        offers=selectors.successor_offers(
            record, organizations, saved.get("organizations") or {}, timezone.localdate()
        ),
        day=selectors.record_day(record),
        bodies_not_then=bodies_not_then,
    )


@RULES.guard("review", load_article)
def review(request, article):
    draft = article.status == ArticleImport.Status.DRAFT
    if request.method == "POST":
        require(draft, _("This article is no longer a draft."))
        form = _review_form(article, request.POST)
        if form.is_valid():
            try:
                article = services.check_save_review(request.user, article, form.record(), form.saved())
                if "accept" not in request.POST:
                    messages.success(request, _("The review is saved."))
                    return redirect("ingest:review", article.pk)
                meeting = services.check_accept(request.user, article, **form.accepting())
                messages.success(request, _("The meeting is created from the article."))
                return redirect("meetings:detail", meeting.pk)
            except ValidationError as error:
                form.show(error)
        status = 400
    else:
        form = _review_form(article)
        status = 200
    if not draft:
        form.disable()
    context = {
        "article": article,
        "form": form,
        "draft": draft,
        "refused": status == 400,
        "warnings": [translated(warning) for warning in article.record.get("warnings") or []],
    }
    return render(request, "ingest/review.html", context, status=status)


@require_POST
@RULES.guard("review", load_article)
def discard(request, article):
    try:
        services.check_discard(request.user, article)
    except ValidationError as error:
        flash(request, error)
        return redirect("ingest:review", article.pk)
    messages.success(request, _("The article is discarded; nothing was created from it."))
    return redirect("ingest:drafts")
