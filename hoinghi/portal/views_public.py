"""The public portal's pages: open to everybody, showing only what is live and public. Their main part is
rendered once and cached (pages.cached_part); the visit counter is counted and drawn around it."""

import datetime

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import links, selectors
from .forms import DocumentFilters
from .models import PublicDocument
from .pages import cached_part
from .permissions import RULES
from .visits import counted

PER_PAGE = 10
FONT_SIZES = {"nho": "small", "vua": "normal", "lon": "large", "rat-lon": "x-large"}


def public(view):
    """A public GET page: no sign-in, the rule `read`, counted as a visit."""
    return login_not_required(require_GET(RULES.guard("read")(counted(view))))


def page_number(request) -> int:
    try:
        return max(1, int(request.GET.get("trang", "1")))
    except ValueError:
        return 1


def paginated(queryset, number):
    return Paginator(queryset, PER_PAGE).get_page(number)


def this_week(today=None) -> tuple[int, int]:
    year, week, _day = (today or timezone.localdate()).isocalendar()
    return year, week


@public
def home(request):
    year, week = this_week()

    def context():
        articles = list(selectors.live_articles()[:8])
        return {
            "lead": articles[:1],
            "latest": articles[1:4],
            "others": articles[4:],
            "notices": selectors.current_notices()[:5],
            "schedule": selectors.published_week(year, week),
            "services": links.PUBLIC_SERVICES,
            "photos": selectors.public_photos()[:4],
        }

    part = cached_part("home", "portal/parts/home.html", context, year, week)
    return render(
        request,
        "portal/page.html",
        {"part": part, "description": _("News, notices, the leaders' weekly schedule and documents of the office.")},
    )


@public
def articles(request):
    number = page_number(request)

    def context():
        return {"page": paginated(selectors.live_articles(), number)}

    part = cached_part("articles", "portal/parts/articles.html", context, number)
    return render(
        request,
        "portal/page.html",
        {"part": part, "title": _("News"), "description": _("News of the meetings and work of the committee.")},
    )


@public
def article(request, slug):
    found = selectors.load_live_article(slug)
    print_view = request.GET.get("ban-in") == "1"
    font = FONT_SIZES.get(request.GET.get("co-chu", ""), "normal")
    url = request.build_absolute_uri(found.get_absolute_url())

    def context():
        return {
            "article": found,
            "others": selectors.other_articles(found),
            "shares": links.share_links(url, found.title),
            "font_sizes": FONT_SIZES,
        }

    part = cached_part("article", "portal/parts/article.html", context, found.pk, found.updated_at.timestamp(), url)
    template = "portal/print.html" if print_view else "portal/page.html"
    context = {"part": part, "title": found.title, "description": found.summary, "font": font, "canonical": url}
    return render(request, template, context | {"article": found})


@public
def notices(request):
    number = page_number(request)
    part = cached_part(
        "notices", "portal/parts/notices.html", lambda: {"page": paginated(selectors.current_notices(), number)}, number
    )
    return render(
        request, "portal/page.html", {"part": part, "title": _("Notices"), "description": _("Notices of the office.")}
    )


@public
def notice(request, pk):
    found = selectors.load_notice(pk)
    return render(request, "portal/notice.html", {"notice": found})


@public
def schedule(request, year=None, week=None):
    if year is None:
        year, week = this_week()
    try:
        monday = datetime.date.fromisocalendar(year, week, 1)
    except ValueError:
        raise Http404 from None

    def context():
        found = selectors.published_week(year, week)
        days = [monday + datetime.timedelta(days=n) for n in range(7)]
        entries = list(found.entries.all()) if found else []
        by_day = [(day, [e for e in entries if e.day == day]) for day in days]
        previous, following = monday - datetime.timedelta(days=7), monday + datetime.timedelta(days=7)
        return {
            "schedule": found,
            "week": week,
            "year": year,
            "monday": monday,
            "sunday": days[-1],
            "by_day": [(day, items) for day, items in by_day if items or day.weekday() < 5],
            "previous": previous.isocalendar()[:2],
            "following": following.isocalendar()[:2],
        }

    part = cached_part("schedule", "portal/parts/schedule.html", context, year, week)
    template = "portal/print.html" if request.GET.get("ban-in") == "1" else "portal/page.html"
    title = _("Work schedule, week %(week)s/%(year)s") % {"week": week, "year": year}
    return render(request, template, {"part": part, "title": title, "description": title})


@public
def documents(request):
    filters = DocumentFilters(request.GET)
    data = filters.valid_data()
    found = selectors.public_documents(
        doc_type=data.get("loai") or "",
        year=data.get("nam"),
        issuer=data.get("co_quan") or "",
        words=data.get("q") or "",
    )
    query = request.GET.copy()
    query.pop("trang", None)
    context = {
        "filters": filters,
        "page": paginated(found, page_number(request)),
        "query": query.urlencode(),
        "issuers": selectors.document_issuers(),
        "types": PublicDocument.Type.choices,
    }
    return render(request, "portal/documents.html", context)


@public
def document_file(request, pk):
    found = selectors.load_public_document(pk)
    return FileResponse(found.file.open("rb"), as_attachment=True, filename=found.original_name)


@public
def photos(request):
    number = page_number(request)
    part = cached_part(
        "photos", "portal/parts/photos.html", lambda: {"page": paginated(selectors.public_photos(), number)}, number
    )
    return render(
        request,
        "portal/page.html",
        {"part": part, "title": _("Photo library"), "description": _("Photos of the committee's work.")},
    )


@login_not_required
@require_GET
@RULES.guard("read")
def photo_file(request, pk, size):
    """A photo's file: the resized one, or the original as sent. Not counted: it is part of a page."""
    found = selectors.load_public_photo(pk)
    stored = found.image if size == "anh" else found.original
    response = FileResponse(stored.open("rb"))
    response["Cache-Control"] = "public, max-age=86400"
    return response
