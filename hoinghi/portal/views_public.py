"""The public portal's pages: open to everybody, showing only what is live and public. Most are rendered whole
once and cached (pages.cached_page); the visit counter is counted and its figures put in each view."""

import datetime

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import links, selectors
from .forms import DocumentFilters
from .models import PublicDocument
from .pages import cached_page, with_visits
from .permissions import RULES
from .visits import counted

PER_PAGE = 10
FONT_SIZES = {"nho": "small", "vua": "normal", "lon": "large", "rat-lon": "x-large"}


def public(view):
    """A public GET page: no sign-in, the rule `read`, counted as a visit."""
    return login_not_required(require_GET(RULES.guard("read")(counted(view))))


# The pages kept in the cache: the first pages of a list, the weeks of the years around this one. Those further
# away are rendered when asked for (pages.cached_page).
KEPT_PAGES, KEPT_YEARS = 50, 2


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


def cached(request, name: str, args: tuple, build, *, keep: bool = True) -> HttpResponse:
    """The page from the cache (pages.cached_page: `build()` -> (template, context) on a miss; kept if `keep`),
    with this view's counter figures."""
    return HttpResponse(with_visits(cached_page(name, args, build, keep=keep), request.portal_visits))


def framed(part_template: str, part_context: dict, frame: dict, template="portal/page.html"):
    """(template, context) of a page: its main part rendered into the frame."""
    return template, frame | {"part": render_to_string(part_template, part_context)}


@public
def home(request):
    year, week = this_week()

    def build():
        articles = list(selectors.live_articles()[:8])
        part = {
            "lead": articles[:1],
            "latest": articles[1:4],
            "others": articles[4:],
            "notices": selectors.current_notices()[:5],
            "schedule": selectors.published_week(year, week),
            "services": links.PUBLIC_SERVICES,
            "photos": selectors.public_photos()[:4],
        }
        description = _("News, notices, the leaders' weekly schedule and documents of the office.")
        return framed("portal/parts/home.html", part, {"description": description})

    return cached(request, "home", (year, week), build)


@public
def articles(request):
    number = page_number(request)

    def build():
        part = {"page": paginated(selectors.live_articles(), number)}
        frame = {"title": _("News"), "description": _("News of the meetings and work of the committee.")}
        return framed("portal/parts/articles.html", part, frame)

    return cached(request, "articles", (number,), build, keep=number <= KEPT_PAGES)


@public
def article(request, slug):
    """Kept by its slug: an edit, a withdrawal or a new publication moves the cache's generation, so the article
    is read from the database only when its page is not in the cache (a slug that is not live: a 404)."""
    print_view = request.GET.get("ban-in") == "1"
    font = FONT_SIZES.get(request.GET.get("co-chu", ""), "normal")
    url = request.build_absolute_uri(reverse("portal:article", args=[slug]))

    def build():
        found = selectors.load_live_article(slug)
        part = {
            "article": found,
            "others": selectors.other_articles(found),
            "shares": links.share_links(url, found.title),
            "font_sizes": FONT_SIZES,
        }
        frame = {"title": found.title, "description": found.summary, "font": font, "canonical": url}
        return framed(
            "portal/parts/article.html", part, frame, "portal/print.html" if print_view else "portal/page.html"
        )

    return cached(request, "article", (slug, url, font, print_view), build)


@public
def notices(request):
    number = page_number(request)

    def build():
        part = {"page": paginated(selectors.current_notices(), number)}
        return framed(
            "portal/parts/notices.html", part, {"title": _("Notices"), "description": _("Notices of the office.")}
        )

    return cached(request, "notices", (number,), build, keep=number <= KEPT_PAGES)


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
    print_view = request.GET.get("ban-in") == "1"
    url = request.build_absolute_uri(reverse("portal:schedule_week", args=[year, week]))

    def build():
        found = selectors.published_week(year, week)
        days = [monday + datetime.timedelta(days=n) for n in range(7)]
        entries = list(found.entries.all()) if found else []
        by_day = [(day, [e for e in entries if e.day == day]) for day in days]
        previous, following = monday - datetime.timedelta(days=7), monday + datetime.timedelta(days=7)
        part = {
            "schedule": found,
            "week": week,
            "year": year,
            "monday": monday,
            "sunday": days[-1],
            "by_day": [(day, items) for day, items in by_day if items or day.weekday() < 5],
            "previous": previous.isocalendar()[:2],
            "following": following.isocalendar()[:2],
        }
        title = _("Work schedule, week %(week)s/%(year)s") % {"week": week, "year": year}
        frame = {"title": title, "description": title, "canonical": url}
        return framed(
            "portal/parts/schedule.html", part, frame, "portal/print.html" if print_view else "portal/page.html"
        )

    kept = abs(year - timezone.localdate().year) <= KEPT_YEARS
    return cached(request, "schedule", (year, week, url, print_view), build, keep=kept)


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

    def build():
        part = {"page": paginated(selectors.public_photos(), number)}
        frame = {"title": _("Photo library"), "description": _("Photos of the committee's work.")}
        return framed("portal/parts/photos.html", part, frame)

    return cached(request, "photos", (number,), build, keep=number <= KEPT_PAGES)


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
