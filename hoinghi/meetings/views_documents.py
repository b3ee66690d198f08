"""Papers: uploads, the viewer and its page images (a confidential paper's with the reader's name burnt in),
downloads of normal papers, the opening log.

Refusals (PermissionDenied) go to the 403 page with their message; bad uploads come back to the
item page as messages.
"""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.http import parse_etags, quote_etag
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from hoinghi.core.forms import attempt
from hoinghi.directory.sessions import passive

from . import documents, pages, viewer
from . import permissions as perm
from .models import Document, DocumentVersion
from .permissions import RULES
from .selectors import load_document, load_item

OPENED = "opened_documents"


def _number(request) -> int | None:
    value = request.GET.get("v", "")
    return int(value) if value.isdigit() else None


def _found(version):
    if version is None:
        raise Http404(_("This version does not exist."))
    return version


def _record_open(request, document: Document, version) -> None:
    documents.record_open(request.user, document, version)
    opened = set(request.session.get(OPENED, []))
    if document.pk not in opened:
        request.session[OPENED] = sorted(opened | {document.pk})


def _normal_content(version) -> dict:
    """Page images for PDF and images, sanitized HTML for DOCX and XLSX; nothing for a file that cannot be shown."""
    pages = viewer.page_count(version)
    if viewer.is_paged(version):
        # Its text too, for a screen reader (and whoever prefers it to page images).
        return {"pages": range(1, pages + 1), "widths": viewer.WIDTHS, "text": version.extracted_text}
    if viewer.too_long_for_html(version):
        return {"too_long": True}
    try:
        return {"html": viewer.render_html(version) if pages else ""}
    except viewer.Unreadable:
        return {"html": ""}


def _confidential_content(version) -> dict:
    """The page images the worker drew (asked for now if nobody asked yet), or where they stand."""
    if version.pages == DocumentVersion.Pages.NONE:
        documents.request_pages(version)
    if version.pages != DocumentVersion.Pages.READY:
        return {"preparing": version.pages == DocumentVersion.Pages.PENDING, "pages_state": version.pages}
    shown = version.pages_drawn
    return {"pages": range(1, shown + 1), "pages_cut": (version.page_count or shown) > shown}


@require_POST
@RULES.guard("manage_item", load_item)
def document_upload(request, item):
    upload = {
        "title": request.POST.get("title", ""),
        "kind": request.POST.get("kind", ""),
        "confidentiality": request.POST.get("confidentiality", ""),
        "uploaded_file": request.FILES.get("file"),
    }
    attempt(request, lambda: documents.check_upload_document(request.user, item, **upload), _("The paper is added."))
    return redirect("meetings:item", item.pk)


@require_POST
@RULES.guard("manage_document", load_document)
def document_version_upload(request, document):
    attempt(
        request,
        lambda: documents.check_add_version(request.user, document, request.FILES.get("file")),
        lambda version: _("Version %(number)s is added.") % {"number": version.number},
    )
    return redirect("meetings:item", document.item_id)


@require_GET
@never_cache
@RULES.guard("open_document", load_document)
def document_view(request, document):
    version = _found(documents.open_version(request.user, document, _number(request)))
    content = _confidential_content(version) if document.is_confidential else _normal_content(version)
    if not content.get("preparing"):  # an opening is a paper shown: not the wait while its pages are drawn
        _record_open(request, document, version)
    context = {"document": document, "item": document.item, "version": version, "versions": document.versions.all()}
    return render(request, "meetings/documents/view.html", context | content)


@require_GET
@RULES.guard("open_document", load_document)
def document_page(request, document, number, page):
    """One page as an image; permission is checked on every request. A confidential paper's page has the reader's
    name in its pixels and is never stored by the browser. A normal paper's is sized to the screen (`?w=`), in
    WebP where the browser takes it, and kept by the browser, which asks again each time (the permission is
    checked, the opening recorded) and gets "not modified" without the image while the paper is the same."""
    version = _found(documents.open_version(request.user, document, number))
    if not (document.is_confidential or viewer.is_paged(version)):
        raise Http404
    # A page fetched without the viewer page is an opening too.
    if document.pk not in request.session.get(OPENED, []):
        _record_open(request, document, version)
    if document.is_confidential:
        try:
            png = pages.page_png(version, page, pages.watermark_text(request.user))
        except pages.Missing:
            raise Http404(_("This page cannot be shown.")) from None
        response = HttpResponse(png, content_type="image/png")
        response["Content-Disposition"] = f'inline; filename="page-{page}.png"'
        add_never_cache_headers(response)
        return response
    width = int(request.GET["w"]) if request.GET.get("w") in {str(w) for w in viewer.WIDTHS} else viewer.PAGE_WIDTH
    webp = "image/webp" in request.headers.get("Accept", "")
    tag = quote_etag(f"{version.sha256}-{page}-{width}-{'webp' if webp else 'png'}")
    if tag in parse_etags(request.headers.get("If-None-Match", "")):
        response = HttpResponseNotModified()
    else:
        try:
            image = viewer.render_page(version, page, width, webp)
        except viewer.Unreadable:
            raise Http404(_("This page cannot be shown.")) from None
        response = HttpResponse(image, content_type="image/webp" if webp else "image/png")
        response["Content-Disposition"] = f'inline; filename="page-{page}.{"webp" if webp else "png"}"'
    response["ETag"] = tag
    response["Cache-Control"] = "private, no-cache"
    patch_vary_headers(response, ["Accept", "Cookie"])
    return response


@require_GET
@never_cache
@RULES.guard("download_document", load_document)
def document_download(request, document):
    version = _found(documents.version_to_download(request.user, document, _number(request)))
    return FileResponse(
        version.file.open("rb"), as_attachment=True, filename=version.original_name, content_type=version.media_type
    )


@passive
@login_not_required
@require_GET
@never_cache
@RULES.guard("poll_document_access")
def document_access_check(request, pk):
    """Polled by the open viewer: nothing to do while access lasts, else the viewer is replaced.

    Open without a session: an ended session must blank the viewer, not load the sign-in page into it.
    """
    document = Document.objects.select_related("item__meeting").filter(pk=pk).first()
    if document is not None and perm.can_open_document(request.user, document):
        return HttpResponse(status=204)
    return render(request, "meetings/documents/_access_gone.html")


@require_GET
@never_cache
@RULES.guard("read_access_log", load_document)
def document_access_log(request, document):
    events = Paginator(documents.access_log(request.user, document), 100).get_page(request.GET.get("page"))
    context = {"document": document, "item": document.item, "events": events}
    return render(request, "meetings/documents/access_log.html", context)
