"""Public reads of the portal: what a visitor may see, and only that."""

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from hoinghi.core.text import fold

from .models import Article, Notice, Photo, PublicDocument, ScheduleWeek

LIVE_STATUSES = (Article.Status.PUBLISHED, Article.Status.SCHEDULED)


def live_q(now):
    return Q(status__in=LIVE_STATUSES, publish_at__isnull=False, publish_at__lte=now)


def live_articles(now=None):
    """Articles a visitor may read at `now`: published or scheduled, and their time has come."""
    return Article.objects.filter(live_q(now or timezone.now())).order_by("-publish_at", "-pk")


def is_live(article, now=None) -> bool:
    now = now or timezone.now()
    return article.status in LIVE_STATUSES and article.publish_at is not None and article.publish_at <= now


def other_articles(article, count=5, now=None):
    return live_articles(now).exclude(pk=article.pk).only("title", "slug", "publish_at")[:count]


def load_live_article(slug):
    """The article a public URL names, 404 unless it is live."""
    return get_object_or_404(live_articles(), slug=slug)


def current_notices(now=None):
    now = now or timezone.now()
    shown = Q(expires_on__isnull=True) | Q(expires_on__gte=timezone.localdate(now))
    return Notice.objects.filter(shown, publish_at__lte=now).order_by("-publish_at", "-pk")


def load_notice(pk):
    return get_object_or_404(current_notices(), pk=pk)


def published_week(year: int, week: int):
    """The published schedule of an ISO week with its entries, or None."""
    return (
        ScheduleWeek.objects.filter(year=year, week=week, published_at__isnull=False)
        .prefetch_related("entries")
        .first()
    )


def published_weeks():
    return ScheduleWeek.objects.filter(published_at__isnull=False).order_by("-year", "-week")


def public_documents(*, doc_type="", year=None, issuer="", words=""):
    """The library's public documents; `words` found in number, issuer or summary, with or without diacritics."""
    documents = PublicDocument.objects.filter(is_public=True)
    if doc_type:
        documents = documents.filter(doc_type=doc_type)
    if year:
        documents = documents.filter(issued_on__year=year)
    if issuer:
        documents = documents.filter(issuer=issuer)
    for word in fold(words).split():
        documents = documents.filter(search_key__contains=word)
    return documents.order_by("-issued_on", "-pk")


def document_issuers():
    return sorted(set(PublicDocument.objects.filter(is_public=True).values_list("issuer", flat=True)))


def load_public_document(pk):
    return get_object_or_404(PublicDocument, pk=pk, is_public=True)


def public_photos():
    return Photo.objects.filter(is_public=True).order_by("-created_at", "-pk")


def load_public_photo(pk):
    return get_object_or_404(Photo, pk=pk, is_public=True)


def load_article(pk):
    """Any article, for the office's pages."""
    return get_object_or_404(Article.objects.select_related("meeting", "author"), pk=pk)


def office_articles():
    return Article.objects.select_related("meeting", "author").order_by("-updated_at", "-pk")


def load_week(pk):
    return get_object_or_404(ScheduleWeek, pk=pk)
