from decimal import Decimal

import pytest

from kalanshahr.network.models import Municipality, Organization
from kalanshahr.strategy import services as strategy_services
from kalanshahr.strategy.models import Clause
from kalanshahr.network.access import SYSTEM

# A period far from the demo's, so each test's values are the only ones in it.
PERIOD = "1420-01"


@pytest.fixture
def cities(demo):
    return {m.slug: m for m in Municipality.objects.all()}


@pytest.fixture
def shared(demo):
    """shared("T-HI", "higher_better") defines a shared indicator owned by the secretariat."""
    secretariat = Organization.objects.get(slug="secretariat")
    clause = Clause.objects.filter(document__slug="network-shared-indicators").first()

    def make(code, direction="higher_better", **extra):
        return strategy_services.create_indicator(
            SYSTEM, secretariat, code=code, name_fa=f"شاخص {code}", definition="تعریف", unit="واحد",
            direction=direction, frequency="month", scope="network", theme="finance", clauses=[clause], **extra)

    return make


@pytest.fixture
def put(cities):
    """put(indicator, "tehran", "10") stores a city's value in PERIOD, verified unless verified=False."""

    def store(indicator, city, value, period=PERIOD, verified=True, organization=None):
        measurement = strategy_services.save_measurement(
            SYSTEM, indicator, municipality=cities[city], organization=organization, period=period,
            value=Decimal(value), submit=True)
        if verified:
            strategy_services.move_measurement(SYSTEM, measurement, "verify")
        return measurement

    return store
