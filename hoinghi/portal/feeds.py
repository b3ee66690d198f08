"""The portal's Atom feed of live articles, and its sitemap: both read only through the public selectors."""

from django.contrib.sitemaps import Sitemap
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from . import selectors

FEED_SIZE = 30


class ArticleFeed(Feed):
    feed_type = Atom1Feed
    title = _("News of the portal")
    subtitle = _("Latest news published by the office")

    def link(self):
        return reverse("portal:articles")

    def items(self):
        return selectors.live_articles()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.publish_at)


class ArticleSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return selectors.live_articles().only("slug", "updated_at", "publish_at")

    def lastmod(self, item):
        return max(item.updated_at, item.publish_at)


class PageSitemap(Sitemap):
    changefreq = "daily"
    pages = ["portal:home", "portal:articles", "portal:notices", "portal:schedule", "portal:documents", "portal:photos"]

    def items(self):
        return self.pages

    def location(self, item):
        return reverse(item)


SITEMAPS = {"pages": PageSitemap, "articles": ArticleSitemap}
