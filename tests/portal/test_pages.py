"""News (codes, sanitizing, drafts and scheduling, tag and city pages, feeds, sitemap, installability) and
comments (captcha with Persian digits, honeypot, rate limit, threads, escaping, moderation queue, bans)."""

import datetime

import pytest
import time_machine
from captcha.models import CaptchaStore
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kalanshahr.lib.errors import AccessDenied, DomainError
from kalanshahr.lib.persian import persian_digits
from kalanshahr.network import fragments
from kalanshahr.portal import services
from kalanshahr.portal.models import Ban, Comment, News
from kalanshahr.network.access import SYSTEM


def captcha():
    key = CaptchaStore.generate_key()
    return {"captcha_0": key, "captcha_1": persian_digits(CaptchaStore.objects.get(hashkey=key).response)}


def comment_form(**extra):
    return {"text": "کاش گزارش اجرای مصوبه‌ها هم منتشر شود", "name": "سارا", "email": "sara@example.org", **captcha(),
            **extra}


def test_news_codes_are_unique_and_increasing_and_the_body_is_sanitized(publish):
    first = publish(body='<p onclick="x()">بند <script>alert(1)</script><a href="javascript:alert(1)">پیوند</a></p>')
    second = publish()
    assert second.code == first.code + 1
    assert "<script" not in first.body and "onclick" not in first.body and "javascript:" not in first.body
    assert "<p>بند" in first.body


def test_only_the_secretariat_writes_news(users):
    with pytest.raises(AccessDenied):
        services.create_news(users["tehran_editor"], title="ت", lead="ل", body="م")


def test_drafts_and_scheduled_items_are_hidden_until_their_time(client, publish):
    draft = publish(title="پیش‌نویس", published_at=None)
    later = publish(title="فردا", published_at=timezone.now() + datetime.timedelta(hours=3))
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(later.get_absolute_url()).status_code == 404
    assert "فردا" not in client.get("/news/").content.decode()
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=4), tick=False):
        assert client.get(later.get_absolute_url()).status_code == 200


def test_the_editor_writes_schedules_and_publishes_in_jalali(client_for):
    client = client_for("secretariat")
    response = client.post("/news/new/", {"title": "خبر زمان‌بندی‌شده", "lead": "لید", "body": "<p>متن</p>",
                                          "tags": "آزمون، زمستان", "publish": "later", "publish_on": "1410/01/01",
                                          "publish_time": "08:30"})
    news = News.objects.get(title="خبر زمان‌بندی‌شده")
    assert response.status_code == 302 and news.state == "scheduled"
    assert sorted(t.name for t in news.tags.all()) == ["آزمون", "زمستان"]
    assert client_for("tehran_editor").get("/news/new/").status_code == 404


def test_tag_and_city_pages_feeds_and_sitemap(client, publish, demo):
    from kalanshahr.network.models import Municipality

    news = publish(title="خبر برچسب‌دار", tags=["آزمون"], municipalities=[Municipality.objects.get(slug="rasht")])
    assert "خبر برچسب‌دار" in client.get("/news/tags/آزمون/").content.decode()
    assert "خبر برچسب‌دار" in client.get("/news/cities/rasht/").content.decode()
    assert "خبر برچسب‌دار" not in client.get("/news/cities/tehran/").content.decode()
    rss = client.get("/news/rss/")
    assert rss["Content-Type"].startswith("application/rss+xml") and "خبر برچسب‌دار" in rss.content.decode()
    assert client.get("/news/atom/")["Content-Type"].startswith("application/atom+xml")
    assert news.get_absolute_url() in client.get("/sitemap.xml").content.decode()


def test_the_portal_is_installable_and_caches_nothing_private(client, client_for, publish):
    manifest = client.get("/manifest.webmanifest").json()
    assert manifest["dir"] == "rtl" and {icon["sizes"] for icon in manifest["icons"]} == {"192x192", "512x512"}
    worker = client.get("/sw.js")
    assert worker["Content-Type"].startswith("text/javascript") and "X-Offline-Cache" in worker.content.decode()
    news = publish()
    assert client.get(news.get_absolute_url())["X-Offline-Cache"] == "allow"
    assert "X-Offline-Cache" not in client_for("citizen").get(news.get_absolute_url())


def test_every_page_has_a_csp_without_inline_script(client, publish):
    policy = client.get(publish().get_absolute_url())["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]


def test_an_anonymous_comment_needs_the_captcha_and_persian_digits_solve_it(client, publish):
    news = publish(title="گزارش اجرای مصوبه‌ها", body="<p>گزارش اجرای مصوبه‌ها در شهرداری‌ها منتشر شد</p>")
    wrong = client.post(news.get_absolute_url(), comment_form(captcha_1="۹۹۹۹"))
    assert wrong.status_code == 200 and not news.comments.exists()
    response = client.post(news.get_absolute_url(), comment_form())
    comment = news.comments.get()
    assert response.status_code == 302 and comment.state == "published" and comment.verdict == "publish"
    assert comment.ip_hash and "127.0.0.1" not in comment.ip_hash
    assert "کاش گزارش اجرای" in client.get(news.get_absolute_url()).content.decode()


def test_the_comment_form_has_its_own_page_and_the_news_page_is_stored_for_anonymous_readers(client, publish):
    news = publish(title="گزارش اجرای مصوبه‌ها", body="<p>گزارش اجرای مصوبه‌ها در شهرداری‌ها منتشر شد</p>")
    first = client.get(news.get_absolute_url())
    assert "captcha_0" not in first.content.decode() and f"/news/{news.code}/comment/" in first.content.decode()
    stranger = Client()
    again = stranger.get(news.get_absolute_url())
    # The stored copy is served whole: it holds no per-reader token (the language switch needs none), and no CSRF
    # cookie is made for a reader who only reads.
    assert again.content == first.content and "csrfmiddlewaretoken" not in again.content.decode()
    assert fragments.CSRF_SLOT not in again.content.decode() and "csrftoken" not in again.cookies
    form_page = client.get(f"/news/{news.code}/comment/").content.decode()
    assert 'name="captcha_0"' in form_page and 'id="comment-form-heading"' in form_page
    response = client.post(f"/news/{news.code}/comment/", comment_form())
    assert response.status_code == 302 and response["Location"].startswith(news.get_absolute_url() + "#comment-")
    assert "کاش گزارش اجرای" in stranger.get(news.get_absolute_url()).content.decode()  # the stored copy retired
    assert client.get(f"/news/{news.code}/comment/?reply={news.comments.get().pk}").status_code == 200


def test_the_honeypot_catches_robots(client, publish):
    news = publish()
    response = client.post(news.get_absolute_url(), comment_form(website="http://spam.example"))
    assert response.status_code == 200 and not news.comments.exists()


def test_replies_show_what_they_answer_and_text_is_escaped(client, publish):
    news = publish(title="گزارش اجرای مصوبه‌ها", body="<p>گزارش اجرای مصوبه‌ها در شهرداری‌ها منتشر شد</p>")
    parent = services.post_comment(SYSTEM, news, text="گزارش اجرای مصوبه‌ها را کجا ببینیم؟", name="<b>نیما</b>")
    client.post(f"{news.get_absolute_url()}?reply={parent.pk}",
                comment_form(parent=parent.pk, text="گزارش اجرای مصوبه‌ها در همین خبر آمده <script>alert(1)</script>"))
    reply = Comment.objects.get(parent=parent)
    page = client.get(news.get_absolute_url()).content.decode()
    assert "در پاسخ به «گزارش اجرای مصوبه‌ها را کجا ببینیم؟»" in page
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page and "&lt;b&gt;نیما" in page
    assert reply.state == "published"


def test_only_published_comments_are_public(client, publish):
    news = publish()
    held = services.post_comment(SYSTEM, news, text="مدیران شهرداری دزد هستند", name="الف")
    rejected = services.post_comment(SYSTEM, news, text="مدیر احمق است", name="ب")
    assert (held.state, rejected.state) == ("pending", "rejected")
    page = client.get(news.get_absolute_url()).content.decode()
    assert "دزد" not in page and "احمق" not in page


def test_the_rate_limit_counts_per_address(publish, settings):
    settings.COMMENT_RATE_LIMIT = 2
    news = publish()
    for _ in range(2):
        services.post_comment(SYSTEM, news, text="موافقم", name="الف", ip="10.0.0.1")
    with pytest.raises(DomainError) as error:
        services.post_comment(SYSTEM, news, text="موافقم", name="الف", ip="10.0.0.1")
    assert error.value.code == "rate_limited" and error.value.status == 429 and error.value.message_fa
    services.post_comment(SYSTEM, news, text="موافقم", name="ب", ip="10.0.0.2")


def test_the_moderator_approves_rejects_and_bans_in_bulk(client_for, users, publish,
                                                         django_capture_on_commit_callbacks):
    news = publish()
    held = [services.post_comment(SYSTEM, news, text=f"مدیران شهرداری دزد هستند {n}", name="الف", email="a@example.org",
                                  ip="10.0.0.9") for n in range(3)]
    moderator = client_for("moderator")
    queue = moderator.get("/moderation/").content.decode()
    assert all(f'id="queue-{c.pk}"' in queue for c in held) and "اتهام" in queue
    assert moderator.post("/moderation/", {"comments": [held[0].pk], "action": "approve"}).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        moderator.post("/moderation/", {"comments": [held[1].pk], "action": "reject", "reason": "اتهام بی‌سند"})
    assert mail.outbox[-1].to == ["a@example.org"] and "اتهام بی‌سند" in mail.outbox[-1].body
    moderator.post("/moderation/", {"comments": [held[2].pk], "action": "ban"})
    states = dict(Comment.objects.filter(pk__in=[c.pk for c in held]).values_list("pk", "state"))
    assert [states[c.pk] for c in held] == ["published", "rejected", "rejected"]
    assert Ban.objects.filter(email="a@example.org").exists()
    with pytest.raises(DomainError) as error:
        services.post_comment(SYSTEM, news, text="موافقم", name="الف", email="a@example.org")
    assert error.value.code == "banned"
    assert client_for("tehran_editor").get("/moderation/").status_code == 404
    with pytest.raises(AccessDenied):
        services.moderate(users["secretariat"], held[:1], "reject")


def test_a_bulk_move_is_all_or_nothing(users, publish):
    news = publish()
    pending = services.post_comment(SYSTEM, news, text="مدیران شهرداری دزد هستند", name="الف")
    published = services.post_comment(SYSTEM, news, text="موافقم", name="ب")
    with pytest.raises(DomainError) as error:
        services.moderate(users["moderator"], [pending, published], "approve")
    assert str(published.pk) in error.value.message_en
    pending.refresh_from_db()
    assert pending.state == "pending"


def test_the_news_page_and_list_have_their_query_counts_pinned(client, publish):
    news = publish()
    with CaptureQueriesContext(connection) as before:
        client.get(news.get_absolute_url())
    with CaptureQueriesContext(connection) as list_before:
        client.get("/news/")
    parent = None
    for n in range(12):
        parent = services.post_comment(SYSTEM, news, text=f"موافقم {n}", name="الف", parent=parent if n % 2 else None)
        publish(title=f"خبر {n}")
    with CaptureQueriesContext(connection) as after:
        assert client.get(news.get_absolute_url()).status_code == 200
    with CaptureQueriesContext(connection) as list_after:
        client.get("/news/")
    with CaptureQueriesContext(connection) as cached:
        client.get(news.get_absolute_url())
    # news; data versions (for the page, then for its body); the news again with tags, cities, organizations,
    # meetings and resolutions (6); its comments. An anonymous reader's stored page: the versions alone (with a
    # shared cache, none: tests/test_serve.py).
    assert len(before) == len(after) == 10
    assert len(cached) == 1
    assert len(list_before) == len(list_after) == 3


def test_a_scheduled_item_shows_as_published_once_its_time_comes(client_for, publish):
    """Time publishes a scheduled item without any change to retire the cached page: its state is in the key."""
    news = publish(published_at=timezone.now() + datetime.timedelta(hours=1))
    editor = client_for("secretariat")
    assert "زمان‌بندی‌شده" in editor.get(news.get_absolute_url()).content.decode()
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=2), tick=False):
        assert "زمان‌بندی‌شده" not in editor.get(news.get_absolute_url()).content.decode()


def test_the_language_switch_needs_no_csrf_token():
    """It sets only the reader's own language cookie; without a token, public pages are stored and served whole."""
    response = Client(enforce_csrf_checks=True).post("/i18n/setlang/", {"language": "en", "next": "/news/"})
    assert response.status_code == 302 and response["Location"] == "/en/news/"
    assert response.cookies["django_language"].value == "en"
