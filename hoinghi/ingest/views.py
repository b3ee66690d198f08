"""The office's pages for the archive: upload articles, list the drafts, review one and accept or discard it.

The rules are in `services` and `selectors`; these pages turn forms into their arguments and back.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hoinghi.core.errors import require
from hoinghi.core.forms import flash
from hoinghi.core.uploads import max_upload_mb

from . import selectors, services
from .forms import Review, UploadForm
from .models import ArticleImport
from .permissions import RULES
from .selectors import load_article
from .warning_text import translated

PAGE = 50


@dataclass
class Row:
    """What became of one uploaded file."""

    name: str
    article: ArticleImport | None = None
    duplicate: bool = False
    errors: list[str] = field(default_factory=list)


def _import(actor, upload, url: str) -> Row:
    if upload.size > settings.UPLOAD_MAX_BYTES:  # the upload handler kept nothing past the limit
        return Row(upload.name, errors=[_("This file is larger than %(limit)s MB.") % {"limit": max_upload_mb()}])
    try:
        imported = services.check_import_article(actor, name=upload.name, content=upload.read(), url=url)
    except ValidationError as error:
        return Row(upload.name, errors=error.messages)
    return Row(upload.name, imported.article, imported.duplicate)


@RULES.guard("import")
def upload(request):
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    rows = []
    if form.is_valid():
        # One by one, each in its own transaction: a bad file is reported and the others are kept.
        rows = [_import(request.user, upload, form.cleaned_data["url"]) for upload in form.cleaned_data["files"]]
        form = UploadForm()
    if request.htmx:  # htmx swaps in only a successful answer: the refusal is shown in the panel
        return render(request, "ingest/_upload_panel.html", {"form": form, "rows": rows})
    return render(request, "ingest/upload.html", {"form": form, "rows": rows}, status=400 if form.errors else 200)


@RULES.guard("import")
def drafts(request):
    page = Paginator(selectors.drafts_for(request.user), PAGE).get_page(request.GET.get("page"))
    return render(request, "ingest/drafts.html", {"page": page})


def _review_form(article: ArticleImport, data=None) -> Review:
    record = article.record
    return Review(
        data,
        record=record,
        people=selectors.match_people(record),
        organizations=selectors.organization_matches(record),
        body=selectors.match_body(record),
        saved=article.directory_choices,
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
