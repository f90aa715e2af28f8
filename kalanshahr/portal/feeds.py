"""RSS and Atom feeds of the published news, and the sitemap of the public pages."""

from django.contrib.sitemaps import Sitemap
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from kalanshahr.lib.bidi import isolate_codes_in_text

from .models import News

FEED_SIZE = 30


class NewsFeed(Feed):
    title = _("Kalanshahr news")
    description = _("News of the metropolitan municipalities network.")

    def link(self):
        return reverse("portal:news_list")

    def items(self):
        return News.objects.published().prefetch_related("tags")[:FEED_SIZE]

    def item_title(self, news):
        return isolate_codes_in_text(news.title)

    def item_description(self, news):
        return news.lead

    def item_pubdate(self, news):
        return news.published_at

    def item_updateddate(self, news):
        return news.updated

    def item_categories(self, news):
        return [tag.name for tag in news.tags.all()]

    def item_guid(self, news):
        return f"kalanshahr-news-{news.code}"

    item_guid_is_permalink = False


class AtomNewsFeed(NewsFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description


class NewsSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return News.objects.published().order_by("-published_at")

    def lastmod(self, news):
        return news.updated


class PagesSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return ["portal:news_list", "benchmarking:satisfaction", "ideas:public_ideas", "meetings:meeting_list"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"news": NewsSitemap, "pages": PagesSitemap}
