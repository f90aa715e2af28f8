"""network.audit.apply: the update step every service shares (set what differs, save only those fields)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from kalanshahr.network import audit
from kalanshahr.network.models import Municipality


def test_apply_saves_only_what_differs_and_reports_it(demo):
    city = Municipality.objects.get(slug="tabriz")
    with CaptureQueriesContext(connection) as queries:
        changes = audit.apply(city, {"name_en": "Tabriz (edited)", "name_fa": city.name_fa})
    assert changes == {"name_en": ["Tabriz", "Tabriz (edited)"]}
    assert len(queries) == 1 and '"name_en"' in queries[0]["sql"] and '"name_fa"' not in queries[0]["sql"]
    assert Municipality.objects.get(pk=city.pk).name_en == "Tabriz (edited)"


def test_apply_with_nothing_different_writes_nothing(demo):
    city = Municipality.objects.get(slug="tabriz")
    with CaptureQueriesContext(connection) as queries:
        assert audit.apply(city, {"name_fa": city.name_fa}) == {}
    assert queries.captured_queries == []
