"""The comparison page, the city profile, the experience library and requests, and the API: what they show, and
query counts pinned and constant in the number of cities and periods."""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kalanshahr.benchmarking.models import ExchangeRequest, Experience
from kalanshahr.lib.jalali import Period
from kalanshahr.lib.persian import persian_digits
from kalanshahr.network import services as network_services
from kalanshahr.network.models import Municipality, Organization, Role
from kalanshahr.strategy import services as strategy_services
from kalanshahr.strategy.models import Indicator
from kalanshahr.network.access import SYSTEM

COMPARE = "/benchmarking/?indicator=NET-SRV-01&group=population-under-1m"


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def grow_the_network():
    """One more metropolis with values for every shared indicator, in the latest period and in two periods older
    than the demo's (more periods, the same latest one)."""
    city = network_services.create_municipality(SYSTEM, slug="arak", name_fa="اراک", name_en="Arak", is_metropolis=True,
                                               is_compared=True)
    for indicator in Indicator.objects.shared():
        latest = Period.parse(Indicator.objects.get(pk=indicator.pk).measurements.order_by("-period")[0].period)
        for period in (latest, latest.shift(-30), latest.shift(-31)):
            measurement = strategy_services.save_measurement(SYSTEM, indicator, municipality=city, period=period,
                                                             value=Decimal("50"), submit=True)
            strategy_services.move_measurement(SYSTEM, measurement, "verify")


def test_comparison_page_shows_ranking_coverage_median_and_model_cities(client_for):
    client = client_for("rasht_editor")
    response = client.get("/benchmarking/?indicator=NET-SRV-01")
    page = response.content.decode()
    assert "۱۲ از ۱۴ شهر داده داده‌اند" in page  # coverage: Zahedan is late, Kerman's newest value awaits verification
    assert 'data-city="zahedan" class="no-data"' in page and "میانه‌ی شبکه" in page
    assert "تهران" in page.split('class="model-cities"')[1].split("</section>")[0]
    assert "داده‌ی نمونه" in page and 'id="benchmark-data"' in page


def test_comparison_page_query_count_is_pinned_and_constant(client_for):
    client = client_for("rasht_editor")
    before, _ = count_queries(client, COMPARE)
    assert before == 17  # with the provinces of the province filter, and the cities it names fetched apart
    cached, _ = count_queries(client, COMPARE)
    assert cached == 5  # session, user, the user's cities, the indicator shown (its data key), data versions
    grow_the_network()
    after, response = count_queries(client, COMPARE)
    assert after == before  # the new city's values retired the cached page
    assert "اراک" not in response.content.decode().split("<table")[1]  # not in the small cities' group
    assert "اراک" in client.get("/benchmarking/?indicator=NET-SRV-01").content.decode().split("<table")[1]


def test_comparison_page_changes_with_the_next_verified_value(client_for):
    """The cached ranking is retired by the service that verifies a value, in the same transaction."""
    client = client_for("rasht_editor")
    url = "/benchmarking/?indicator=NET-SRV-01"
    assert 'data-city="zahedan" class="no-data"' in client.get(url).content.decode()
    indicator = Indicator.objects.get(code="NET-SRV-01")
    period = Period.parse(indicator.measurements.order_by("-period")[0].period)
    measurement = strategy_services.save_measurement(SYSTEM, indicator, municipality=Municipality.objects.get(
        slug="zahedan"), period=period, value=Decimal("50"), submit=True)
    assert 'data-city="zahedan" class="no-data"' in client.get(url).content.decode()  # submitted is not verified
    strategy_services.move_measurement(SYSTEM, measurement, "verify")
    assert 'data-city="zahedan" class="no-data"' not in client.get(url).content.decode()


def test_a_value_retires_the_comparison_of_its_indicator_only(client_for):
    """Finer invalidation (strategy/datakeys.py): a verification retires the cached comparison of its indicator
    and the city profiles; another indicator's comparison stays cached, and a value entered but not verified
    retires neither."""
    client = client_for("rasht_editor")
    own, other = "/benchmarking/?indicator=NET-SRV-01", "/benchmarking/?indicator=NET-REV-01"
    for url in (own, other, "/benchmarking/cities/rasht/"):
        client.get(url)
    cached = {url: count_queries(client, url)[0] for url in (own, other, "/benchmarking/cities/rasht/")}
    indicator = Indicator.objects.get(code="NET-SRV-01")
    period = Period.parse(indicator.measurements.order_by("-period")[0].period)
    measurement = strategy_services.save_measurement(SYSTEM, indicator, municipality=Municipality.objects.get(
        slug="zahedan"), period=period, value=Decimal("50"), submit=True)
    assert count_queries(client, own)[0] == cached[own]  # entered, not verified: the ranking is the same
    strategy_services.move_measurement(SYSTEM, measurement, "verify")
    assert count_queries(client, other)[0] == cached[other]  # still the stored fragment
    assert count_queries(client, own)[0] > cached[own]  # built again
    assert count_queries(client, "/benchmarking/cities/rasht/")[0] > cached["/benchmarking/cities/rasht/"]


def test_giving_or_taking_a_role_keeps_the_cached_pages(client_for):
    """Roles are in no fragment's data (a reader's rights are in its key): a role given or taken keeps them."""
    client = client_for("rasht_editor")
    pages = (COMPARE, "/benchmarking/cities/rasht/", "/satisfaction/", "/monitoring/board/")
    for url in pages:
        client.get(url)
    cached = {url: count_queries(client, url)[0] for url in pages}
    user = get_user_model().objects.get(username="tehran_editor")
    membership = network_services.add_membership(SYSTEM, user, Organization.objects.get(slug="tehran-urban-services"),
                                                 Role.EXPERT_REVIEWER)
    network_services.remove_membership(SYSTEM, membership)
    assert {url: count_queries(client, url)[0] for url in pages} == cached


def test_comparison_page_shows_one_slice_of_a_long_ranking_and_the_users_city(client_for, settings, monkeypatch):
    monkeypatch.setattr("kalanshahr.benchmarking.views.RANKING_PAGE", 5)
    client = client_for("rasht_editor")
    first = client.get("/benchmarking/?indicator=NET-SRV-01").content.decode()
    table = first.split("<table")[1].split("</table>")[0]
    assert table.count("<tr data-city=") == 6  # five of the fourteen, and Rasht's own row above them
    assert 'data-city="rasht" class=" own-city"' in table and 'rel="next"' in first
    last = client.get("/benchmarking/?indicator=NET-SRV-01&page=3").content.decode()
    assert 'data-city="zahedan" class="no-data"' in last and "indicator=NET-SRV-01&amp;page=2" in last


def test_city_profile_query_count_is_pinned_and_constant(client_for):
    client = client_for("rasht_editor")
    before, response = count_queries(client, "/benchmarking/cities/rasht/")
    # the standings, the peer group and its counts, the model cities (names, then the named), the survey-measured
    # values of the citizen-satisfaction lines (and their cities' names when there are some: none here)
    assert before == 21
    cached, again = count_queries(client, "/benchmarking/cities/rasht/")
    assert cached == 6  # session, user, city, the user's cities, the shared indicators (their data keys), versions
    assert again.content.split(b"<main")[1] == response.content.split(b"<main")[1]
    page = response.content.decode()
    assert 'class="learn-from"' in page and 'data-indicator="NET-SRV-01"' in page.split('class="learn-from"')[1]
    assert "ساماندهی مشاغل مزاحم" in page  # Tehran's experience, where Rasht lags
    grow_the_network()
    after, _ = count_queries(client, "/benchmarking/cities/rasht/")
    assert after == before


def test_experience_library_filters_and_hides_other_cities_drafts(client_for, users):
    draft = Experience.objects.create(municipality=Municipality.objects.get(slug="tehran"), title="پیش‌نویس تهران",
                                      problem="م", actions="ا", results="ن")
    client = client_for("rasht_editor")
    page = client.get("/experiences/?theme=urban_services").content.decode()
    assert "ساماندهی مشاغل مزاحم" in page and "پیش‌نویس تهران" not in page and "آبیاری هوشمند" not in page
    assert client.get(f"/experiences/{draft.pk}/").status_code == 404
    assert "پیش‌نویس تهران" in client_for("tehran_editor").get("/experiences/").content.decode()


def test_experience_form_saves_a_draft_with_figures_and_reports_bad_lines(client_for, users):
    client = client_for("rasht_editor")
    rasht = Municipality.objects.get(slug="rasht")
    form = {"municipality": rasht.pk, "title": "جمع‌آوری شبانه‌ی پسماند", "problem": "م", "actions": "ا",
            "results": "ن", "figures": "شکایت | ۱۲۰ | abc", "tags": "پسماند، شب"}
    page = client.post("/experiences/new/", form).content.decode()
    assert "سطر 1:" in page
    assert not Experience.objects.filter(title="جمع‌آوری شبانه‌ی پسماند").exists()
    response = client.post("/experiences/new/", {**form, "figures": "شکایت | ۱۲۰ | ۴۵ | مورد"})
    experience = Experience.objects.get(title="جمع‌آوری شبانه‌ی پسماند")
    assert response.status_code == 302 and experience.state == "draft"
    assert [(f.before, f.after, f.unit) for f in experience.figures.all()] == [(120, 45, "مورد")]
    assert {t.name for t in experience.tags.all()} == {"پسماند", "شب"}


def test_my_tasks_lists_requests_to_answer_and_to_close(client_for, users):
    page = client_for("tehran_editor").get("/my-tasks/").content.decode()
    open_request = ExchangeRequest.objects.get(state="open", to_municipality__slug="tehran")
    assert 'id="requests-to-answer"' in page and f'data-request="{open_request.pk}"' in page
    assert "<section" not in page.split("</title>")[0]  # the sections sit in the page, not in its title


def test_api_ranking_and_profile(api_for):
    api = api_for("rasht_editor")
    ranking = api.get("/api/v1/rankings/", {"indicator": "NET-SRV-01"}).json()
    assert (ranking["reported"], ranking["total"], ranking["best"]) == (12, 14, ["tehran"])
    assert ranking["most_improved"][0]["municipality"] == "tehran"
    assert [row["rank"] for row in ranking["rows"]][:3] == [1, 2, 3] and ranking["rows"][-1]["rank"] is None
    group = api.get("/api/v1/rankings/", {"indicator": "NET-SRV-01", "peer_group": "population-under-1m"}).json()
    assert group["total"] == 6 and group["network_median"] == ranking["median"]
    bad = api.get("/api/v1/rankings/", {"indicator": "NET-SRV-01", "period": "1300-01"})
    assert bad.status_code == 400 and "period" in bad.json()["error"]["fields"]
    profile = api.get("/api/v1/city-profiles/rasht/").json()
    jobs = next(line for line in profile if line["indicator"] == "NET-SRV-01")
    assert jobs["quartile"] == 4 and "tehran" in jobs["learn_from"] and jobs["experiences"]
    assert api_for(None).get("/api/v1/rankings/", {"indicator": "NET-SRV-01"}).status_code in (401, 403)


def test_api_exchange_request_round_trip(api_for):
    experience = Experience.objects.get(municipality__slug="tehran")
    sent = api_for("rasht_editor").post("/api/v1/exchange-requests/", {
        "from_municipality": "rasht", "experience": experience.pk, "question": "چند کارگاه منتقل شد؟"}, format="json")
    assert sent.status_code == 201 and sent.json()["to_municipality"] == "tehran"
    pk = sent.json()["id"]
    refused = api_for("rasht_editor").post(f"/api/v1/exchange-requests/{pk}/move/", {"action": "answer", "answer": "x"},
                                           format="json")
    assert refused.status_code == 403 and refused.json()["error"]["message_fa"]
    answered = api_for("tehran_editor").post(f"/api/v1/exchange-requests/{pk}/move/",
                                             {"action": "answer", "answer": "صد و چهل"}, format="json")
    assert answered.status_code == 200 and answered.json()["state"] == "answered"
    assert api_for("mashhad_editor").get(f"/api/v1/exchange-requests/{pk}/").status_code == 404


def test_every_model_city_can_be_asked_even_without_a_published_experience(client_for):
    import re

    page = client_for("rasht_editor").get("/benchmarking/cities/rasht/").content.decode()
    items = re.findall(r'<article class="learn-item".*?</article>', page, re.S)
    assert items
    for item in items:
        models = re.findall(r'href="/benchmarking/cities/([\w-]+)/"', item)
        asked = re.findall(r'class="ask-city small" href="/exchange/new/\?indicator=[^&]+&amp;to=([\w-]+)"',
                           item)
        assert models and asked == models, item
    # Nobody asks their own city, and who speaks for no city asks nobody.
    tehran = client_for("tehran_editor").get("/benchmarking/cities/rasht/").content.decode()
    assert "to=tehran" not in tehran and 'class="ask-city' in tehran
    assert 'class="ask-city' not in client_for("citizen").get("/benchmarking/cities/rasht/").content.decode()


def test_learn_from_keeps_the_lines_where_the_city_stands_furthest_back(client_for, monkeypatch):
    """At national scale half of 250 indicators lag: the profile names the model cities of the worst few and
    points to the table for the rest."""
    client = client_for("rasht_editor")
    full = client.get("/benchmarking/cities/rasht/").content.decode()
    lagging = full.count('<article class="learn-item"')
    assert lagging >= 2
    monkeypatch.setattr("kalanshahr.benchmarking.views.LEARN_FROM", 1)
    cache.clear()
    page = client.get("/benchmarking/cities/rasht/").content.decode()
    assert page.count('<article class="learn-item"') == 1
    more = persian_digits(lagging - 1)
    assert f"در {more} شاخص دیگر هم در نیمه‌ی پایین است" in page
