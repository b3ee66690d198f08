"""Which articles are live: published or scheduled and their time has come; no job runs at the hour."""

import datetime

import pytest
from django.utils import timezone

from hoinghi.portal.models import Article
from hoinghi.portal.selectors import is_live, live_articles

NOW = timezone.make_aware(datetime.datetime(2026, 12, 7, 9, 0))
HOUR = datetime.timedelta(hours=1)


def article(world, slug, status, publish_at):
    return Article.objects.create(
        title=slug, slug=slug, status=status, publish_at=publish_at, author=world.users["office"]
    )


@pytest.mark.django_db
def test_only_published_or_scheduled_articles_whose_time_has_come_are_live(world):
    S = Article.Status
    live = {
        article(world, "published", S.PUBLISHED, NOW - HOUR),
        article(world, "scheduled-past", S.SCHEDULED, NOW - HOUR),
        article(world, "published-now", S.PUBLISHED, NOW),
    }
    hidden = {
        article(world, "scheduled-future", S.SCHEDULED, NOW + HOUR),
        article(world, "draft", S.DRAFT, NOW - HOUR),
        article(world, "review", S.REVIEW, NOW - HOUR),
        article(world, "withdrawn", S.WITHDRAWN, NOW - HOUR),
        article(world, "no-time", S.PUBLISHED, None),
    }
    assert set(live_articles(NOW)) == live
    assert all(is_live(a, NOW) for a in live)
    assert not any(is_live(a, NOW) for a in hidden)


@pytest.mark.django_db
def test_a_scheduled_article_goes_live_at_its_time(world):
    scheduled = article(world, "later", Article.Status.SCHEDULED, NOW + HOUR)
    assert not is_live(scheduled, NOW + HOUR - datetime.timedelta(seconds=1))
    assert list(live_articles(NOW + HOUR)) == [scheduled]
    assert is_live(scheduled, NOW + HOUR)
