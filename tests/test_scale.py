"""generate_scale: reproducible sample data at a chosen size, with a progress bar, on both databases."""

import io

import pytest
from django.core.management import CommandError, call_command

from kalanshahr.meetings.models import Adoption
from kalanshahr.network.models import Municipality
from kalanshahr.portal.models import News
from kalanshahr.strategy.models import Indicator, Measurement, Target


def test_generate_scale_writes_what_it_says(demo):
    out, err = io.StringIO(), io.StringIO()
    call_command("generate_scale", municipalities=30, indicators=5, months=4, seed=2, stdout=out, stderr=err)
    cities = Municipality.objects.filter(slug__startswith="scale-")
    assert cities.count() == 30 and not cities.filter(population__isnull=True).exists()
    indicators = Indicator.objects.filter(code__startswith="SCALE-2-")
    assert indicators.count() == 5 and all(i.clauses.exists() for i in indicators)
    measured = Measurement.objects.filter(indicator__in=indicators)
    assert 0.9 * 30 * 5 * 4 <= measured.count() < 30 * 5 * 4  # about 3% missing
    assert not measured.exclude(status="verified").exists()
    assert Target.objects.filter(indicator__in=indicators).count() == 150
    assert Adoption.objects.filter(municipality__in=cities).count() == 30 * 5
    assert News.objects.get(title__contains="(2)").comments.count() == 200
    assert "measurements" in out.getvalue() and "100%" in err.getvalue()


def test_without_a_number_it_compares_irans_real_municipalities(demo):
    from kalanshahr.benchmarking.models import PeerGroup
    from kalanshahr.network.models import Province

    err = io.StringIO()
    call_command("generate_scale", indicators=1, months=1, seed=3, stdout=io.StringIO(), stderr=err)
    compared = Municipality.objects.compared()
    assert compared.filter(national_code__isnull=False).count() == 1554 and Province.objects.count() == 31
    assert not compared.filter(population__isnull=True).exists()
    # The demo's metropolises kept their own populations; the others have sample ones, flagged as such.
    assert not Municipality.objects.filter(national_code__isnull=False, is_metropolis=False,
                                           population_is_sample=False).exists()
    assert PeerGroup.objects.filter(scheme__slug="scale-provinces-3").count() == 31
    assert sum(g.members.count() for g in PeerGroup.objects.filter(scheme__slug="scale-bands-3")) == compared.count()
    assert 0.9 * compared.count() <= Measurement.objects.filter(indicator__code="SCALE-3-001").count() < compared.count()
    assert "municipalities of Iran" in err.getvalue()


def test_values_vary_and_bad_sizes_are_refused(demo):
    call_command("generate_scale", municipalities=5, indicators=2, months=2, seed=4, stdout=io.StringIO(),
                 stderr=io.StringIO())
    first = list(Measurement.objects.filter(indicator__code__startswith="SCALE-4-")
                 .order_by("indicator__code", "municipality__slug", "period").values_list("value", flat=True))
    assert first and len(set(first)) > 1
    with pytest.raises(CommandError):
        call_command("generate_scale", municipalities=0, stdout=io.StringIO())


def test_the_bulk_writers_are_the_systems_and_leave_an_audit_event(demo, users):
    from kalanshahr.lib.errors import AccessDenied
    from kalanshahr.network import services as network_services
    from kalanshahr.network.access import SYSTEM
    from kalanshahr.network.models import AuditEvent
    from kalanshahr.strategy import samples

    indicator = Indicator.objects.filter(measurements__isnull=False).first()
    city = Municipality.objects.get(slug="rasht")
    with pytest.raises(AccessDenied):
        samples.write_targets(users["secretariat"], [(indicator.pk, city.pk, "1390-01", 5)])
    with pytest.raises(AccessDenied):
        network_services.create_sample_municipalities(users["secretariat"], [{"slug": "scale-x", "name_fa": "نمونه"}])
    seen = []
    written = samples.write_verified_measurements(
        SYSTEM, [(indicator.pk, city.pk, "1390-01", "5.5"), (indicator.pk, city.pk, "1390-02", "6")],
        progress=seen.append)
    assert written == 2 and seen == [2]
    stored = Measurement.objects.get(indicator=indicator, municipality=city, period="1390-02")
    assert stored.status == "verified" and stored.subject == f"m{city.pk}" and stored.verified_at
    event = AuditEvent.objects.filter(action="strategy.indicator.sample_data").latest("id")
    assert event.target_id == str(indicator.pk) and event.changes == {"measurements": 2}
    created = network_services.create_sample_municipalities(SYSTEM, [{"slug": "scale-x", "name_fa": "نمونه"}])
    assert created[0].pk and created[0].population_is_sample and created[0].is_compared
    assert AuditEvent.objects.filter(action="network.municipality.sample", target_id=str(created[0].pk)).exists()
