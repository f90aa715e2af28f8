"""The national pages run the same number of queries whatever the number of cities: measured on the demo's 14
metropolises and one generated city, then again after generate_scale adds 25 more compared cities and three
more indicators with their values (the cache cleared before each page, so that every page is built from the
database as the first reader after a write)."""

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kalanshahr.network.models import Municipality

SIGNED_IN = ["/benchmarking/?indicator={indicator}", "/benchmarking/cities/{city}/", "/monitoring/board/",
             "/adoptions/", "/monitoring/tehran-urban-services/"]
PUBLIC = ["/search/?q=شهرداری", "/satisfaction/", "/"]


def _counts(client, indicator, city):
    counts = {}
    for url in SIGNED_IN + PUBLIC:
        url = url.format(indicator=indicator, city=city)
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url] = len(queries)
    return counts


@pytest.mark.django_db
def test_the_national_pages_run_as_many_queries_for_40_cities_as_for_15(client_for):
    client = client_for("secretariat")
    call_command("generate_scale", municipalities=1, indicators=3, months=13, seed=4, stdout=io.StringIO(),
                 stderr=io.StringIO())
    indicator = "SCALE-4-001"
    city = Municipality.objects.filter(slug__startswith="scale-").order_by("id").first().slug
    before = _counts(client, indicator, city)
    call_command("generate_scale", municipalities=25, indicators=3, months=13, seed=5, stdout=io.StringIO(),
                 stderr=io.StringIO())
    assert Municipality.objects.compared().count() >= 40
    assert _counts(client, indicator, city) == before
