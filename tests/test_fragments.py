"""The cached page fragments (network/fragments.py) are never stale: after any sequence of changes made through the
services, each cached page reads the same as the page built from scratch."""

import re

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.cache import cache
from django.db import transaction
from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st

from kalanshahr.benchmarking import services as benchmarking_services
from kalanshahr.benchmarking.models import PeerGroup
from kalanshahr.network import fragments
from kalanshahr.network.models import DataVersion, Municipality
from kalanshahr.strategy import services as strategy_services
from kalanshahr.strategy.models import Indicator, Measurement, MeasurementStatus
from kalanshahr.network.access import SYSTEM

INDICATORS = ["NET-SRV-01", "NET-REV-01", "NET-FIN-02"]
CITIES = ["tehran", "rasht", "zahedan", "qom", "kerman"]
GROUPS = ["population-over-2m", "population-1m-2m", "population-under-1m"]

operations = st.lists(st.one_of(
    st.tuples(st.just("verify"), st.sampled_from(INDICATORS), st.sampled_from(CITIES),
              st.decimals(min_value=0, max_value=100, places=1)),
    st.tuples(st.just("reopen"), st.sampled_from(INDICATORS), st.sampled_from(CITIES)),
    st.tuples(st.just("regroup"), st.sampled_from(CITIES), st.sampled_from(GROUPS)),
    # a value entered and submitted, not verified: only the pages of values in progress change
    st.tuples(st.just("enter"), st.sampled_from(INDICATORS), st.sampled_from(CITIES),
              st.decimals(min_value=0, max_value=100, places=1)),
), min_size=1, max_size=4)


def _latest(indicator):
    return indicator.measurements.filter(organization=None).order_by("-period").values_list("period", flat=True)[0]


def _apply(operation):
    kind, *args = operation
    if kind == "regroup":
        city, slug = Municipality.objects.get(slug=args[0]), args[1]
        for group in PeerGroup.objects.filter(members=city).exclude(slug=slug):
            benchmarking_services.update_group(SYSTEM, group, name_fa=group.name_fa,
                                               members=list(group.members.exclude(pk=city.pk)))
        target = PeerGroup.objects.get(slug=slug)
        benchmarking_services.update_group(SYSTEM, target, name_fa=target.name_fa,
                                           members=list({*target.members.all(), city}))
        return
    indicator, city = Indicator.objects.get(code=args[0]), Municipality.objects.get(slug=args[1])
    stored = Measurement.objects.filter(indicator=indicator, municipality=city, organization=None,
                                        period=_latest(indicator)).first()
    if stored is not None and stored.status == MeasurementStatus.VERIFIED:
        strategy_services.move_measurement(SYSTEM, stored, "reopen", reason="بازبینی آزمایشی")
    if kind == "enter":
        strategy_services.save_measurement(SYSTEM, indicator, municipality=city, period=_latest(indicator),
                                           value=args[2], submit=True)
    if kind == "verify":
        measurement = strategy_services.save_measurement(SYSTEM, indicator, municipality=city, period=_latest(indicator),
                                                         value=args[2], submit=True)
        strategy_services.move_measurement(SYSTEM, measurement, "verify")


def _content(client, url):
    response = client.get(url)
    assert response.status_code == 200
    # Every response carries a fresh mask of the reader's CSRF token; the rest must be the same.
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode().split("<main", 1)[1])


@hypothesis_settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=operations)
def test_cached_pages_equal_pages_built_from_scratch_after_any_changes(client_for, steps):
    client = client_for("rasht_editor")
    urls = ["/benchmarking/?indicator=NET-SRV-01", "/benchmarking/?indicator=NET-REV-01&group=population-under-1m",
            "/benchmarking/cities/rasht/", "/monitoring/board/", "/satisfaction/", "/"]
    with transaction.atomic():
        for url in urls:
            _content(client, url)  # cached before the changes
        for step in steps:
            _apply(step)
            for url in urls:
                served = _content(client, url)
                cache.clear()
                assert served == _content(client, url), (step, url)
        transaction.set_rollback(True)


BUILT = []  # the parts each build of `_counted_build` was called with


def _counted_build(part):
    BUILT.append(part)
    return "404.html", {}


@pytest.mark.django_db
def test_a_bump_retires_fragments_and_a_rolled_back_change_does_not(demo):
    built, build = BUILT, _counted_build
    built.clear()
    request = type("Request", (), {"META": {}, "COOKIES": {}})()
    fragments.cached(request, "test", ["strategy"], (1,), build)
    fragments.cached(request, "test", ["strategy"], (1,), build)
    assert len(built) == 1
    with transaction.atomic():
        fragments.bump("strategy")
        transaction.set_rollback(True)
    fragments.cached(request, "test", ["strategy"], (1,), build)
    assert len(built) == 1
    with transaction.atomic():
        fragments.bump("strategy", "brand-new-app")
    assert DataVersion.objects.get(app="brand-new-app").value == 1
    fragments.cached(request, "test", ["strategy"], (1,), build)
    assert len(built) == 2


def test_the_admin_retires_the_fragments_of_the_app_it_changes(users):
    """The admin writes a log entry with every change it saves; that entry bumps the changed model's app."""
    before = DataVersion.objects.get(app="network").value
    city = Municipality.objects.get(slug="qom")
    LogEntry.objects.log_actions(users["admin"].pk, [city], CHANGE, change_message="population")
    assert DataVersion.objects.get(app="network").value == before + 1


# Every page that serves a cached fragment, and pairs of readers who see it differently (their rights, their city).
CACHED_PAGES = [
    "/benchmarking/?indicator=NET-SRV-01",
    "/benchmarking/cities/rasht/",
    "/monitoring/board/",
    "/monitoring/tehran-industries-jobs-company/",
    "/adoptions/",
    "/satisfaction/",
]
READERS = [("rasht_editor", "mashhad_editor"), ("secretariat", "tehran_urban_services"), ("authority", "citizen")]


@pytest.mark.parametrize("first,second", READERS, ids=["-".join(pair) for pair in READERS])
def test_a_cached_page_holds_nothing_of_the_reader_who_filled_the_cache(users, first, second):
    """Whatever the first reader's visit put in the cache, the second reader gets the page built for them alone;
    each pair differs in rights or city, so a fragment that carried something of its first reader would show."""
    from django.test import Client

    from kalanshahr.portal.models import News

    def client_of(username):  # two sessions at once: client_for signs one shared client in and out
        client = Client()
        client.force_login(users[username])
        return client

    pages = [*CACHED_PAGES, News.objects.published().order_by("code").first().get_absolute_url()]
    checked = 0
    for url in pages:
        cache.clear()
        reader, other = client_of(first), client_of(second)
        if reader.get(url).status_code != 200 or other.get(url).status_code != 200:
            continue  # a page one of them may not open says nothing about sharing
        cache.clear()
        _content(reader, url)               # the first reader fills the cache
        served = _content(other, url)       # the second is served from it
        cache.clear()
        assert served == _content(other, url), (url, first, second)
        checked += 1
    assert checked >= 3, "the pair must share enough pages to test"


def test_a_build_that_captures_anything_but_its_key_parts_is_refused(rf):
    request = rf.get("/")
    reader = object()
    with pytest.raises(TypeError, match="key parts"):
        fragments.cached(request, "test.closure", ["network"], (1,), lambda pk: ("404.html", {"reader": reader}))
    with pytest.raises(TypeError, match="key parts"):
        fragments.cached(request, "test.default", ["network"], (1,),
                         lambda pk, reader=reader: ("404.html", {"reader": reader}))


def test_a_fragment_is_built_from_its_key_parts_and_the_pager_keeps_the_filters(rf):
    request = rf.get("/?city=rasht&city=qom&page=2")
    key = fragments.query_key(request)
    assert key == fragments.query_key(rf.get("/?page=2&city=rasht&city=qom"))
    query = fragments.query_dict(key)
    assert query.getlist("city") == ["rasht", "qom"] and query["page"] == "2"
    from django.template import Context, Template
    pager = Template("{% with_page 3 %}").render(Context({"fragment_query": query}))
    assert pager == "?city=rasht&amp;city=qom&amp;page=3"
