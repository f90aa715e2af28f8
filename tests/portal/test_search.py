"""Persian search: every spelling variant finds the same documents as the canonical spelling (run on SQLite
with FTS5 and on PostgreSQL with its full-text index), visibility, the index kept by the services, the
rebuild command, the CLI, the page and the API."""

import datetime
import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.utils import timezone

from kalanshahr.benchmarking import services as benchmarking_services
from kalanshahr.network import search
from kalanshahr.network.models import SearchDocument
from kalanshahr.portal import services
from kalanshahr.network.access import SYSTEM

CANONICAL = "گزارش شهرداری‌ها درباره‌ی آب‌رسانی و ۱۲۰ کیلومتر لوله در آذربایجان"

# canonical query → the variants people type
VARIANTS = {
    "شهرداری‌ها": ["شهرداریها", "شهرداری ها", "شهرداري‌ها", "شهرداريها", "شهرداری\u200c\u200cها"],
    "کیلومتر": ["كيلومتر", "کيلومتر", "كیلومتر", "کیلومـــتر", "کیلومتر\u200d"],
    "آب‌رسانی": ["آبرسانی", "آب رسانی", "اب‌رسانی", "ابرسانی", "آبْرِسانی"],
    "آذربایجان": ["اذربایجان", "آذربايجان", "آذَربایجان", "آذربایـجان"],
    "۱۲۰": ["120", "١٢٠", "۱۲۰"],
    "گزارش": ["گُزارِش", "گزارش‌", "گــزارش"],
}


@pytest.fixture
def documents(publish):
    """The canonical spelling in one news item, a decoy in another."""
    wanted = publish(title="خبر آب", body=f"<p>{CANONICAL}</p>")
    publish(title="خبر دیگر", body="<p>نشستی درباره‌ی حمل‌ونقل عمومی در شیراز</p>")
    return wanted


def found(query, user=None):
    return sorted((hit.kind, hit.object_id) for hit in search.search(query, user or AnonymousUser()))


@pytest.mark.parametrize("canonical", list(VARIANTS))
def test_every_variant_finds_what_the_canonical_spelling_finds(documents, canonical):
    expected = found(canonical)
    assert ("news", documents.pk) in expected
    for variant in VARIANTS[canonical]:
        assert found(variant) == expected, variant


def test_a_query_needs_all_its_words(documents):
    assert ("news", documents.pk) in found("شهرداری‌ها آذربایجان")
    assert found("آذربایجان شیراز") == []


def test_anonymous_users_find_only_public_things(demo, users):
    resolution_hits = {hit.kind for hit in search.search("مصوبه", AnonymousUser())}
    experience = benchmarking_services.create_experience(
        users["tehran_editor"], users["tehran_editor"].memberships.first().organization.municipality,
        title="تجربه‌ی سامانه‌ی نوبت‌دهی برخط", problem="صف طولانی", actions="نوبت‌دهی برخط", results="صف کوتاه")
    assert found("نوبت‌دهی") == []
    benchmarking_services.move_experience(users["tehran_editor"], experience, "publish")
    assert found("نوبت‌دهی") == [], "experiences are for signed-in users"
    assert ("experience", experience.pk) in found("نوبت‌دهی", users["citizen"])
    assert "resolution" in resolution_hits or "news" in resolution_hits


def test_drafts_and_scheduled_news_are_not_found_until_published(publish):
    draft = publish(title="پیش‌نویس ویژه‌ی زمهریر", published_at=None)
    later = publish(title="خبر زمان‌بندی‌شده‌ی زمهریر", published_at=timezone.now() + datetime.timedelta(days=2))
    assert found("زمهریر") == []
    services.publish_news(SYSTEM, draft)
    assert found("زمهریر") == [("news", draft.pk)]
    services.update_news(SYSTEM, later, title="خبر زمان‌بندی‌شده‌ی شبنمی")
    assert found("شبنمی") == []
    services.unpublish_news(SYSTEM, draft)
    assert found("زمهریر") == []


def test_the_index_follows_edits_and_the_rebuild_command_restores_it(documents, capsys):
    services.update_news(SYSTEM, documents, body="<p>متنی تازه درباره‌ی پسماند</p>")
    assert found("آذربایجان") == [] and found("پسماند") == [("news", documents.pk)]
    SearchDocument.objects.all().delete()
    assert found("پسماند") == []
    call_command("rebuild_search_index")
    assert found("پسماند") == [("news", documents.pk)]
    assert "news:" in capsys.readouterr().out


def test_the_cli_prints_json_for_the_anonymous_user(documents, capsys):
    call_command("search", "آبرسانی", "--json")
    hits = json.loads(capsys.readouterr().out)
    assert {"type": "news", "id": documents.pk, "title": "خبر آب", "url": documents.get_absolute_url()} in hits


def test_the_page_highlights_and_escapes_and_the_api_answers(client, publish):
    news = publish(title="خبر <b>ویژه</b>", body="<p>درباره‌ی آب‌رسانی &lt;script&gt;alert(1)&lt;/script&gt; در تبریز</p>")
    page = client.get("/search/", {"q": "ابرسانی"}).content.decode()
    assert "<mark>آب‌رسانی</mark>" in page and "<script>alert" not in page
    data = client.get("/api/v1/search/", {"q": "آب رسانی"}).json()
    assert data[0]["type"] == "news" and data[0]["id"] == news.pk and "<mark>" in data[0]["snippet"]
    assert client.get("/api/v1/search/", {"q": ""}).json() == []
