"""Experiences and exchange requests: who may do what, the state tables, errors that name the field."""

import pytest

from kalanshahr.benchmarking import access, services
from kalanshahr.benchmarking.models import Experience, RequestState
from kalanshahr.lib.errors import AccessDenied, DomainError, InvalidInput
from kalanshahr.network.models import AuditEvent
from kalanshahr.network.access import SYSTEM


def new_experience(actor, city, **extra):
    values = {"title": "تجربه", "problem": "مسئله", "actions": "اقدام", "results": "نتیجه", **extra}
    return services.create_experience(actor, city, **values)


def test_a_city_documents_and_publishes_its_own_experience(users, cities):
    experience = new_experience(users["rasht_editor"], cities["rasht"], tags=["پسماند", " پسماند "],
                                figures=[("تن در روز", "۱۲", "9", "تن")])
    assert experience.state == "draft" and [t.name for t in experience.tags.all()] == ["پسماند"]
    assert [(f.before, f.after) for f in experience.figures.all()] == [(12, 9)]
    # A draft is the city's own; everyone signed in reads it once published.
    assert experience not in access.visible_experiences(users["mashhad_editor"])
    services.move_experience(users["rasht_editor"], experience, "publish")
    assert experience in access.visible_experiences(users["mashhad_editor"])
    assert not access.visible_experiences(None).exists()
    assert AuditEvent.objects.filter(action="benchmarking.experience.publish", target_id=str(experience.pk)).exists()
    with pytest.raises(DomainError) as error:
        services.move_experience(users["rasht_editor"], experience, "publish")
    assert error.value.code == "illegal_transition"


def test_another_city_cannot_edit_an_experience(users, cities):
    experience = new_experience(users["rasht_editor"], cities["rasht"])
    with pytest.raises(AccessDenied):
        services.update_experience(users["mashhad_editor"], experience, title="دیگر")
    with pytest.raises(AccessDenied):
        new_experience(users["mashhad_editor"], cities["rasht"])


def test_bad_experience_input_names_the_field(users, cities, demo):
    with pytest.raises(InvalidInput) as error:
        new_experience(users["rasht_editor"], cities["rasht"], title="  ")
    assert error.value.field == "title"
    from kalanshahr.strategy.models import Indicator

    with pytest.raises(InvalidInput) as error:
        new_experience(users["rasht_editor"], cities["rasht"], indicators=[Indicator.objects.get(code="IJ-01")])
    assert error.value.field == "indicators"
    assert not Experience.objects.filter(municipality=cities["rasht"]).exists()


def test_a_request_is_answered_by_the_asked_city_and_closed_by_the_asking_one(users, cities, demo):
    tehran_experience = Experience.objects.get(municipality=cities["tehran"])
    request = services.send_request(users["rasht_editor"], cities["rasht"], None, experience=tehran_experience,
                                    question="هزینه چگونه تأمین شد؟")
    assert request.to_municipality == cities["tehran"] and request.state == RequestState.OPEN
    assert request in access.requests_to_answer(users["tehran_editor"])
    assert request in access.requests_to_close(users["rasht_editor"])
    assert request not in access.visible_requests(users["mashhad_editor"])

    with pytest.raises(AccessDenied):
        services.move_request(users["rasht_editor"], request, "answer", "خودم پاسخ می‌دهم")
    with pytest.raises(InvalidInput) as error:
        services.move_request(users["tehran_editor"], request, "answer", "")
    assert error.value.field == "answer"
    services.move_request(users["tehran_editor"], request, "answer", "از بودجه‌ی عمرانی")
    request.refresh_from_db()
    assert request.state == RequestState.ANSWERED and request.answered_by == users["tehran_editor"]
    assert request not in access.requests_to_answer(users["tehran_editor"])

    with pytest.raises(AccessDenied):
        services.move_request(users["tehran_editor"], request, "close")
    services.move_request(users["rasht_editor"], request, "close")
    request.refresh_from_db()
    assert request.state == RequestState.CLOSED and request not in access.requests_to_close(users["rasht_editor"])
    with pytest.raises(DomainError):
        services.move_request(users["rasht_editor"], request, "close")


def test_a_request_needs_a_subject_another_city_and_a_question(users, cities):
    for kwargs, field in [({"question": "؟"}, "experience"), ({"question": " ", "indicator": None}, "question")]:
        with pytest.raises(InvalidInput) as error:
            services.send_request(users["rasht_editor"], cities["rasht"], cities["tehran"], **kwargs)
        assert error.value.field == field
    with pytest.raises(AccessDenied):
        services.send_request(users["mashhad_editor"], cities["rasht"], cities["tehran"], question="؟")


def test_a_city_sits_in_one_group_per_scheme(users, cities):
    scheme = services.create_scheme(users["secretariat"], slug="regions-test", name_fa="منطقه", kind="region")
    services.create_group(users["secretariat"], scheme, slug="north-test", name_fa="شمال", members=[cities["rasht"]])
    with pytest.raises(InvalidInput) as error:
        services.create_group(users["secretariat"], scheme, slug="west-test", name_fa="غرب",
                              members=[cities["rasht"], cities["hamedan"]])
    assert error.value.field == "members" and "رشت" in error.value.message_fa
    with pytest.raises(AccessDenied):
        services.create_scheme(users["tehran_editor"], slug="mine", name_fa="من", kind="custom")


def test_shared_indicators_belong_to_the_network_and_need_a_theme(demo):
    from kalanshahr.network.models import Organization
    from kalanshahr.strategy import services as strategy_services
    from kalanshahr.strategy.models import Clause

    clause = Clause.objects.first()
    common = {"name_fa": "ش", "definition": "ت", "unit": "و", "direction": "higher_better", "frequency": "month",
              "scope": "network", "clauses": [clause]}
    with pytest.raises(InvalidInput) as error:
        strategy_services.create_indicator(SYSTEM, Organization.objects.get(slug="tehran-planning"), code="X1",
                                           theme="finance", **common)
    assert error.value.field == "organization"
    with pytest.raises(InvalidInput) as error:
        strategy_services.create_indicator(SYSTEM, Organization.objects.get(slug="secretariat"), code="X2", **common)
    assert error.value.field == "theme"
    with pytest.raises(InvalidInput) as error:
        strategy_services.create_indicator(SYSTEM, Organization.objects.get(slug="secretariat"), code="X3",
                                           theme="finance", **{**common, "direction": "in_range"})
    assert error.value.field == "range_low"
