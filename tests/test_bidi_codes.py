"""Codes keep their order inside right-to-left text: «مصوبه‌ی 30-REV-01» must not read "REV-01-30". Every code,
number with dashes, e-mail and URL on the search results, resolution and adoption pages sits inside <bdi> or an
element with dir="ltr" (or, in text-only places such as <title>, between the isolate marks LRI…PDI)."""

from html.parser import HTMLParser

import pytest

from kalanshahr.lib.bidi import LRI, NEEDS_ISOLATION, PDI, isolate_codes
from kalanshahr.meetings.models import Adoption, Resolution


class _Checker(HTMLParser):
    """Collects each run of text that holds a code outside any isolating element."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.bare = [], []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        attrs = dict(attrs)
        # What a user typed into a field is theirs to edit, shown as typed (the fields have dir="auto").
        isolating = tag == "bdi" or attrs.get("dir") == "ltr" or tag in {"script", "style", "code", "pre", "textarea"}
        self.stack.append((tag, isolating))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if any(isolating for _tag, isolating in self.stack):
            return
        for match in NEEDS_ISOLATION.finditer(data):
            before, after = data[:match.start()], data[match.end():]
            if not (before.endswith(LRI) and after.startswith(PDI)):
                self.bare.append((self.stack[-1][0] if self.stack else "", match.group()))


def bare_codes(html):
    checker = _Checker()
    checker.feed(html)
    return checker.bare


def test_the_checker_sees_a_bare_code_and_accepts_an_isolated_one():
    assert bare_codes("<p>مصوبه‌ی 30-REV-01 تصویب شد</p>") == [("p", "30-REV-01")]
    assert bare_codes("<p>مصوبه‌ی <bdi>30-REV-01</bdi></p><p dir='ltr'>a@b.ir</p>") == []
    assert bare_codes(f"<title>مصوبه‌ی {LRI}30-REV-01{PDI}</title>") == []
    assert bare_codes("<p>نامه به secretariat@example.ir و https://example.ir/a بفرستید</p>") == [
        ("p", "secretariat@example.ir"), ("p", "https://example.ir/a")]


def test_isolate_codes_wraps_codes_in_free_text_and_escapes_the_rest():
    html = isolate_codes("بند 30-REV-01 <b> و نشانی info@example.ir")
    assert html == ("بند <bdi dir=\"ltr\">30-REV-01</bdi> &lt;b&gt; و نشانی "
                    "<bdi dir=\"ltr\">info@example.ir</bdi>")
    assert bare_codes(f"<p>{html}</p>") == []


@pytest.fixture
def pages(demo):
    resolution = Resolution.objects.approved().order_by("code").first()
    adoption = Adoption.objects.filter(resolution=resolution).order_by("pk").first()
    return [
        "/search/?q=" + resolution.code,
        "/search/?q=درآمد",
        resolution.get_absolute_url(),
        f"/resolutions/{resolution.pk}/withdraw/",
        "/adoptions/",
        f"/adoptions/{adoption.pk}/edit/",
        "/meetings/",
        resolution.meeting.get_absolute_url(),
    ]


@pytest.mark.parametrize("language", ["", "/en"])
def test_every_code_on_the_search_resolution_and_adoption_pages_is_isolated(client_for, pages, language):
    client = client_for("admin")  # who may open every page, the adoption's edit form included
    seen_code = False
    for url in pages:
        response = client.get(language + url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert bare_codes(html) == [], url
        seen_code |= "<bdi" in html
    assert seen_code


def _html_routes():
    from tests.access.test_access_matrix import ROUTES

    skipped = ("api/", "sitemap", "sw.js", "manifest", "captcha/", "i18n/", "accounts/logout")
    return sorted(name for name, route in ROUTES.items()
                  if name and not name.startswith("admin:") and not route.startswith(skipped) and "<str:fmt>" not in route and "rss" not in route
                  and "atom" not in route)


def test_no_page_shows_a_bare_code(client_for):
    """Every route of the URLconf, as the superuser: each page a GET answers with HTML, error pages included,
    shows no code outside an isolating element."""
    from django.urls import reverse

    from tests.access.samples import Samples

    client, samples, problems, checked = client_for("admin"), Samples(), {}, 0
    for name in _html_routes():
        response = client.get(reverse(name, kwargs=samples.kwargs(name)))
        if "text/html" not in response.get("Content-Type", "") or response.status_code in (302, 405):
            continue  # a file, a redirect, or a route that only takes a POST
        checked += 1
        if bare := bare_codes(response.content.decode()):
            problems[name] = bare
    assert not problems
    assert checked >= 60, checked


def test_emails_and_feeds_keep_codes_in_order(demo, mailoutbox):
    from django.core import mail
    from django.core.management import call_command

    from kalanshahr.lib.bidi import isolate_codes_in_text
    from kalanshahr.portal.feeds import NewsFeed

    assert isolate_codes_in_text("مصوبه‌ی 30-REV-01 در https://example.ir") == (
        f"مصوبه‌ی {LRI}30-REV-01{PDI} در {LRI}https://example.ir{PDI}")
    assert NewsFeed().item_title(type("News", (), {"title": "خبر 30-REV-01"})()) == f"خبر {LRI}30-REV-01{PDI}"
    call_command("send_reminders", "--date", "1405/09/01", "--days", "7", stdout=__import__("io").StringIO())
    bodies = [message.body for message in mail.outbox]
    assert any(LRI in body for body in bodies)
    for body in bodies:
        for match in NEEDS_ISOLATION.finditer(body):
            assert body[match.start() - 1] == LRI and body[match.end()] == PDI, match.group()


def test_safe_text_keeps_its_markup():
    from django.utils.safestring import mark_safe

    html = isolate_codes(mark_safe("<mark>مصوبه‌ی</mark> 30-REV-01 &amp; <a href=\"https://x.ir/30-REV-01\">x</a>"))
    assert html == ('<mark>مصوبه‌ی</mark> <bdi dir="ltr">30-REV-01</bdi> &amp; '
                    '<a href="https://x.ir/30-REV-01">x</a>')
