"""How news is found by the network's search: published items by everyone, scheduled ones from their time."""

from kalanshahr.network import search

from .models import News


def build(news):
    if news.published_at is None:
        return None
    # The news code is found in any digits (10001, ۱۰۰۰۱): readers quote it.
    return search.Document(title=news.title, url=news.get_absolute_url(),
                           text=f"{news.lead}\n{news.plain_body}\nکد خبر {news.code}", visible_from=news.published_at)


def register():
    search.register("news", build, lambda: News.objects.all())
