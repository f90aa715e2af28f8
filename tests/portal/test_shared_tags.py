"""One tag table for news and experiences (issue #17): one word is one tag, whichever app used it first."""

from kalanshahr.benchmarking import services as benchmarking_services
from kalanshahr.network.models import Tag
from kalanshahr.portal import services as portal_services


def test_a_word_used_by_news_and_by_an_experience_is_one_tag(publish, users, client):
    news = publish(title="خبر برچسب‌دار", tags=["پسماند خشک"])
    editor = users["tehran_editor"]
    city = editor.memberships.first().organization.municipality
    experience = benchmarking_services.create_experience(
        editor, city, title="تجربه‌ی برچسب‌دار", problem="م", actions="ک", results="ن", tags=["پسماند خشک", "بازیافت"])
    assert Tag.objects.filter(name="پسماند خشک").count() == 1
    shared = Tag.objects.get(name="پسماند خشک")
    assert list(shared.news.all()) == [news] and list(shared.experiences.all()) == [experience]
    assert client.get("/news/tags/پسماند خشک/").status_code == 200
    assert client.get("/news/tags/بازیافت/").status_code == 404, "only tags that news carry have a news tag page"
    portal_services.update_news(users["secretariat"], news, tags=[])
    assert Tag.objects.filter(name="پسماند خشک").exists(), "the experience still uses it"
