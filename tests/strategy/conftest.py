import pytest

from kalanshahr.network.models import Municipality, Organization
from kalanshahr.strategy import monitoring, services
from kalanshahr.strategy.models import Clause, Indicator
from kalanshahr.network.access import SYSTEM


@pytest.fixture
def company(demo):
    return Organization.objects.get(slug="tehran-industries-jobs-company")


@pytest.fixture
def tehran(demo):
    return Municipality.objects.get(slug="tehran")


@pytest.fixture
def clause(demo):
    return Clause.objects.get(document__slug="tehran-comprehensive-plan", number="2-1")


@pytest.fixture
def next_period():
    """The month after the latest due one: free of demo data."""
    return monitoring.latest_due_period("month").next()


@pytest.fixture
def indicator(demo):
    return Indicator.objects.with_related().get(code="IJ-01")


@pytest.fixture
def make_indicator(company, clause):
    def make(code, frequency="month", direction="higher_better", **extra):
        return services.create_indicator(SYSTEM, company, code=code, name_fa=f"شاخص {code}", definition="تعریف",
                                         unit="واحد", direction=direction, frequency=frequency, clauses=[clause],
                                         **extra)
    return make
