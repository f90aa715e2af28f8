"""Measurement entry and verification: every (state, action) for every role, four eyes, history, closing."""

import pytest

from kalanshahr.lib.errors import AccessDenied, DomainError
from kalanshahr.strategy import monitoring, services
from kalanshahr.strategy.models import Measurement, MeasurementRevision, PeriodClosure
from kalanshahr.strategy.workflow import ENTRY, MEASUREMENT_MOVES

from ..conftest import DEMO_USERNAMES
from kalanshahr.network.access import SYSTEM

STATES = ["draft", "submitted", "verified", "returned"]
ENTERERS = {"admin", "tehran_editor", "tehran_urban_services"}  # for a Tehran company's indicator
VERIFIERS = {"admin", "tehran_verifier"}


@pytest.fixture
def make_measurement(indicator, tehran, company, next_period):
    def make(state):
        measurement = services.save_measurement(SYSTEM, indicator, municipality=tehran, organization=company,
                                                period=next_period, value=10)
        path = {"draft": [], "submitted": ["submit"], "verified": ["submit", "verify"],
                "returned": ["submit", "return"]}[state]
        for action in path:
            services.move_measurement(SYSTEM, measurement, action, "دلیل")
        return Measurement.objects.get(pk=measurement.pk)
    return make


def expected(state, action, username):
    move = MEASUREMENT_MOVES[action]
    holders = ENTERERS if move.actor == ENTRY else VERIFIERS
    if username not in holders:
        return "forbidden"
    return move.target if state in move.sources else "illegal"


def test_the_table():
    assert {(s, a) for a, m in MEASUREMENT_MOVES.items() for s in m.sources} == {
        ("draft", "submit"), ("returned", "submit"), ("submitted", "verify"), ("submitted", "return"),
        ("verified", "reopen")}


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("action", list(MEASUREMENT_MOVES))
def test_every_move_for_every_role(make_measurement, users, state, action):
    measurement = None
    for username in DEMO_USERNAMES:
        # A refused move leaves the value as it was (asserted below), so the next person tries the same one.
        measurement = measurement or make_measurement(state)
        outcome = expected(state, action, username)
        if outcome == "forbidden":
            with pytest.raises(AccessDenied):
                services.move_measurement(users[username], measurement, action, "دلیل")
        elif outcome == "illegal":
            with pytest.raises(DomainError) as error:
                services.move_measurement(users[username], measurement, action, "دلیل")
            assert error.value.code == "illegal_transition"
        else:
            services.move_measurement(users[username], measurement, action, "دلیل")
        measurement.refresh_from_db()
        assert measurement.status == (outcome if outcome not in ("forbidden", "illegal") else state), username
        if measurement.status != state:
            measurement.delete()
            measurement = None


def test_nobody_verifies_their_own_value(indicator, tehran, company, next_period, users):
    verifier = users["tehran_verifier"]
    from kalanshahr.network import services as network_services
    from kalanshahr.network.models import Organization, Role

    network_services.add_membership(SYSTEM, verifier, Organization.objects.get(slug="tehran-planning"),
                                    Role.MUNICIPALITY_EDITOR)
    measurement = services.save_measurement(verifier, indicator, municipality=tehran, organization=company,
                                            period=next_period, value=3, submit=True)
    with pytest.raises(AccessDenied) as error:
        services.move_measurement(verifier, measurement, "verify")
    assert error.value.code == "four_eyes"


@pytest.mark.parametrize("username", DEMO_USERNAMES)
def test_entry_scope(indicator, tehran, company, next_period, users, username):
    if username in ENTERERS:
        services.save_measurement(users[username], indicator, municipality=tehran, organization=company,
                                  period=next_period, value=1)
    else:
        with pytest.raises(AccessDenied):
            services.save_measurement(users[username], indicator, municipality=tehran, organization=company,
                                      period=next_period, value=1)


def test_a_verified_value_is_never_silently_overwritten(make_measurement, users, indicator, tehran, company,
                                                        next_period):
    measurement = make_measurement("verified")
    with pytest.raises(DomainError) as error:
        services.save_measurement(users["tehran_editor"], indicator, municipality=tehran, organization=company,
                                  period=next_period, value=99)
    assert error.value.code == "verified_locked"
    measurement.refresh_from_db()
    assert measurement.value == 10
    # Reopening is explicit, needs a reason, and is kept in the history.
    with pytest.raises(DomainError):
        services.move_measurement(users["tehran_verifier"], measurement, "reopen", "")
    services.move_measurement(users["tehran_verifier"], measurement, "reopen", "رقم منبع اصلاح شد")
    services.save_measurement(users["tehran_editor"], indicator, municipality=tehran, organization=company,
                              period=next_period, value=11, submit=True)
    actions = list(MeasurementRevision.objects.filter(measurement=measurement).values_list("action", "value"))
    assert [a for a, _v in actions] == ["save", "submit", "verify", "reopen", "save"]
    assert actions[-1][1] == 11 and actions[2][1] == 10


def test_ratio_values_are_computed_and_period_kind_checked(company, tehran, make_indicator, next_period):
    ratio = make_indicator("RATIO-X", numerator="الف", denominator="ب", multiplier=100)
    measurement = services.save_measurement(SYSTEM, ratio, municipality=tehran, organization=company, period=next_period,
                                            numerator=3, denominator=4)
    assert measurement.value == 75
    with pytest.raises(DomainError) as error:
        services.save_measurement(SYSTEM, ratio, municipality=tehran, organization=company, period="1401Q3", value=1)
    assert error.value.field == "period"
    with pytest.raises(DomainError):
        services.save_measurement(SYSTEM, ratio, municipality=tehran, organization=company, period=next_period,
                                  numerator=3, denominator=0)


def test_closing_a_period_needs_every_off_track_priority_value_explained(users, demo):
    from kalanshahr.network.models import Organization

    shahrban = Organization.objects.get(slug="tehran-shahrban-harimban-company")
    period = monitoring.latest_due_period("month").key
    missing = monitoring.unexplained_off_track(shahrban, period)
    assert [m.indicator.code for m in missing] == ["SH-01"]  # the demo leaves exactly this one unexplained
    manager = users["tehran_urban_services"]
    with pytest.raises(DomainError) as error:
        services.close_period(manager, shahrban, period)
    assert error.value.code == "explanation_missing" and "SH-01" in error.value.message_fa
    services.explain_measurement(manager, missing[0], "گشت‌ها در ماه گذشته کم شد.")
    services.close_period(manager, shahrban, period)
    assert PeriodClosure.objects.filter(organization=shahrban, period=period).exists()
    with pytest.raises(DomainError) as error:
        services.save_measurement(manager, missing[0].indicator, municipality=shahrban.municipality,
                                  organization=shahrban, period=period, value=1)
    assert error.value.code in ("period_closed", "verified_locked")
