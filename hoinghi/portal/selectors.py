"""Public reads of the portal: what a visitor may see, and only that."""

from django.db.models import Q
from django.utils import timezone

from .models import Article

LIVE_STATUSES = (Article.Status.PUBLISHED, Article.Status.SCHEDULED)


def live_q(now):
    return Q(status__in=LIVE_STATUSES, publish_at__isnull=False, publish_at__lte=now)


def live_articles(now=None):
    """Articles a visitor may read at `now`: published or scheduled, and their time has come."""
    return Article.objects.filter(live_q(now or timezone.now())).order_by("-publish_at", "-pk")


def is_live(article, now=None) -> bool:
    now = now or timezone.now()
    return article.status in LIVE_STATUSES and article.publish_at is not None and article.publish_at <= now
