"""The portal installs as an app: its service worker keeps the public news a visitor has read available
offline, and shows the offline page for one never read; a signed-in visitor's pages are never kept."""

import pytest

from kalanshahr.portal.models import News

from .test_resolution_journey import sign_in

pytestmark = pytest.mark.browser


def test_read_news_stays_available_offline(page, live_demo):
    first, second = News.objects.published().order_by("code")[:2]
    page.goto("/news/")
    assert page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.goto(first.get_absolute_url())  # now controlled by the worker, which keeps this public page
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    page.wait_for_timeout(300)
    page.context.set_offline(True)
    page.goto(first.get_absolute_url())
    assert first.title in page.locator("h1").inner_text()
    page.goto(second.get_absolute_url())
    assert "آفلاین" in page.locator("h1").inner_text()
    page.context.set_offline(False)


def test_a_signed_in_page_is_never_kept(page, live_demo):
    news = News.objects.published().order_by("code").last()
    sign_in(page, "citizen")
    page.goto("/news/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.goto(news.get_absolute_url())
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    page.wait_for_timeout(300)
    cached = page.evaluate("""async () => {
        const keys = await caches.keys();
        const urls = [];
        for (const key of keys) for (const request of await (await caches.open(key)).keys()) urls.push(request.url);
        return urls;
    }""")
    assert not any("/news/" in url and not url.endswith(".css") for url in cached), cached
