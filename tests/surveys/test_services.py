"""Surveys through their services: versions, waves, one answer per pass, free text, and closing into the
indicators exactly once."""

import pytest
from django.core import signing

from kalanshahr.lib.errors import AccessDenied, DomainError, InvalidInput
from kalanshahr.network.access import SYSTEM
from kalanshahr.network.models import AuditEvent
from kalanshahr.strategy.models import Measurement, MeasurementRevision, MeasurementStatus
from kalanshahr.surveys import services
from kalanshahr.surveys.models import Answer, Pass, Result, SurveyResponse, TextState

from .conftest import filled


def test_a_change_makes_a_new_version_and_waves_keep_theirs(version, wave, satisfaction):
    second = services.publish_version(SYSTEM, code="test-services", title_fa="رضایت از خدمات شهری",
                                      questions=[{"kind": "likert", "text_fa": "پرسشی دیگر",
                                                  "indicator": satisfaction}],
                                      note="یک پرسش ماند")
    assert (version.number, second.number) == (1, 2)
    assert wave.version == version and version.questions.count() == 6 and second.questions.count() == 1
    published = AuditEvent.objects.filter(action="surveys.questionnaire.publish", target_id__in=[version.pk, second.pk])
    assert published.count() == 2


def test_only_the_secretariat_defines_questionnaires(users):
    with pytest.raises(AccessDenied):
        services.publish_version(users["tehran_editor"], code="x", title_fa="آزمایش",
                                 questions=[{"kind": "yes_no", "text_fa": "پرسش"}])


def test_a_question_measures_only_a_satisfaction_indicator_on_a_measurable_kind(satisfaction):
    with pytest.raises(InvalidInput) as error:
        services.publish_version(SYSTEM, code="x", title_fa="آزمایش",
                                 questions=[{"kind": "text", "text_fa": "پرسش", "indicator": satisfaction}])
    assert error.value.code == "not_measurable" and error.value.field == "questions.1"


def test_a_wave_runs_over_a_period_of_its_indicators_kind(version, tehran, next_month):
    with pytest.raises(InvalidInput) as error:
        services.open_wave(SYSTEM, version, tehran, f"{next_month.year}-Q1")
    assert error.value.field == "period" and "NET-SAT-01" in error.value.message_en


def test_a_city_runs_its_own_waves_only(version, tehran, next_month, users):
    with pytest.raises(AccessDenied):
        services.open_wave(users["mashhad_editor"], version, tehran, next_month)
    assert services.open_wave(users["tehran_editor"], version, tehran, next_month).municipality == tehran


def test_one_answer_per_token(version, wave):
    first, second = services.issue_tokens(SYSTEM, wave, 2)
    services.submit_answers(wave, filled(version), token=first)
    with pytest.raises(DomainError) as error:
        services.submit_answers(wave, filled(version), token=first)
    assert error.value.code == "token_used"
    services.submit_answers(wave, filled(version), token=second)
    assert SurveyResponse.objects.filter(wave=wave).count() == 2
    assert Pass.objects.filter(wave=wave, used__isnull=False).count() == 2


def test_forged_and_foreign_tokens_are_refused(version, wave, tehran, next_month):
    (token,) = services.issue_tokens(SYSTEM, wave, 1)
    other = services.open_wave(SYSTEM, version, tehran, next_month.shift(1), minimum_answers=3)
    (foreign,) = services.issue_tokens(SYSTEM, other, 1)
    unsigned = token.rsplit(":", 1)[0]
    forged_for_this_wave = signing.Signer(salt="another-salt").sign(unsigned)
    never_issued = signing.Signer(salt=services.PASS_SALT).sign(f"{wave.pk}.made-up-nonce")
    for bad in (token + "x", unsigned, forged_for_this_wave, foreign, never_issued):
        with pytest.raises(DomainError) as error:
            services.submit_answers(wave, filled(version), token=bad)
        assert error.value.code == "bad_token", bad
    assert not SurveyResponse.objects.filter(wave=wave).exists()
    services.submit_answers(wave, filled(version), token=token)  # the real one still works


def test_one_answer_per_device(version, wave):
    services.submit_answers(wave, filled(version), device="device-a", ip="10.0.0.1")
    with pytest.raises(DomainError) as error:
        services.submit_answers(wave, filled(version), device="device-a", ip="10.0.0.1")
    assert error.value.code == "already_answered"
    services.submit_answers(wave, filled(version), device="device-b", ip="10.0.0.1")
    assert SurveyResponse.objects.filter(wave=wave).count() == 2
    # Kept: a keyed digest, not the device's value.
    assert not Pass.objects.filter(digest__contains="device-a").exists()


def test_a_missing_answer_names_the_question_and_spends_nothing(version, wave):
    (token,) = services.issue_tokens(SYSTEM, wave, 1)
    answers = filled(version)
    first = version.questions.get(position=1)
    del answers[first.pk]
    with pytest.raises(InvalidInput) as error:
        services.submit_answers(wave, answers, token=token)
    assert error.value.field == f"q{first.pk}" and "۱" in error.value.message_fa
    with pytest.raises(InvalidInput) as error:
        services.submit_answers(wave, filled(version, likert=6), token=token)
    assert error.value.code == "answer_out_of_range"
    assert not Pass.objects.filter(wave=wave, used__isnull=False).exists()
    assert not Answer.objects.filter(response__wave=wave).exists()
    services.submit_answers(wave, filled(version), token=token)


def test_free_text_goes_through_the_comment_policy(version, wave, users):
    services.submit_answers(wave, filled(version), device="d1")
    services.submit_answers(wave, filled(version, q6="مدیر منطقه دزد است و پول مردم را خورده."), device="d2")
    services.submit_answers(wave, filled(version, q6="this is not persian at all"), device="d3")
    states = dict(Answer.objects.filter(response__wave=wave).exclude(text="").values_list("text", "text_state"))
    assert states["ساعت کار دفترها را بیشتر کنید."] == TextState.PUBLISHED
    assert states["مدیر منطقه دزد است و پول مردم را خورده."] in (TextState.HELD, TextState.REJECTED)  # an accusation
    assert states["this is not persian at all"] == TextState.REJECTED
    held = list(Answer.objects.filter(response__wave=wave, text_state=TextState.HELD))
    if held:
        with pytest.raises(AccessDenied):
            services.moderate_texts(users["tehran_editor"], held, "publish")
        assert services.moderate_texts(users["moderator"], held, "reject") == len(held)


def _answer_many(version, wave, likerts):
    for n, likert in enumerate(likerts):
        services.submit_answers(wave, filled(version, likert=likert), device=f"device-{n}")


def test_too_few_answers_write_no_measurement(version, tehran, next_month, satisfaction):
    wave = services.open_wave(SYSTEM, version, tehran, next_month, minimum_answers=30)
    _answer_many(version, wave, [5, 4, 4])
    services.close_wave(SYSTEM, wave)
    result = Result.objects.get(wave=wave, question__position=1)
    assert result.too_few and result.answers == 3 and result.value is None and result.low is None
    assert not Measurement.objects.filter(indicator=satisfaction, period=next_month.key).exists()


def test_closing_writes_the_indicator_once_with_n_and_the_interval(version, wave, tehran, next_month, satisfaction,
                                                                     users):
    _answer_many(version, wave, [5, 4, 4, 3, 4])  # mean 4, s = √0.5, t(4) = 2.7764: 4 ± 0.8779
    closed = services.close_wave(users["secretariat"], wave)
    assert closed.state == "closed"
    value = Measurement.objects.get(indicator=satisfaction, municipality=tehran, organization=None,
                                    period=next_month.key)
    assert value.status == MeasurementStatus.VERIFIED and value.from_survey and value.sample_size == 5
    assert float(value.value) == 75  # (4 − 1) × 25
    assert abs(float(value.interval_low) - 53.05) < 0.01 and abs(float(value.interval_high) - 96.95) < 0.01
    assert value.source_url == wave.get_absolute_url()
    assert AuditEvent.objects.filter(action="strategy.measurement.measure", target_id=str(value.pk)).count() == 1
    results, revisions = Result.objects.filter(wave=wave).count(), MeasurementRevision.objects.count()
    with pytest.raises(DomainError) as error:
        services.close_wave(users["secretariat"], wave)
    assert error.value.code == "illegal_transition" and error.value.status == 409
    assert Result.objects.filter(wave=wave).count() == results and MeasurementRevision.objects.count() == revisions
    with pytest.raises(DomainError) as error:
        services.submit_answers(wave, filled(version), device="late")
    assert error.value.code == "wave_closed"


def test_only_the_secretariat_closes_a_wave(wave, users):
    for city in ("tehran_editor", "mashhad_editor"):
        with pytest.raises(AccessDenied):
            services.close_wave(users[city], wave)
    wave.refresh_from_db()
    assert wave.is_open


def test_results_of_every_kind(version, wave):
    _answer_many(version, wave, [5, 4, 4, 3])
    services.close_wave(SYSTEM, wave)
    by_position = {}
    for result in Result.objects.filter(wave=wave).select_related("question", "choice"):
        by_position.setdefault(result.question.position, []).append(result)
    assert [r.statistic for r in by_position[1]] == ["mean"] and float(by_position[1][0].value) == 4
    assert float(by_position[2][0].value) == 100  # every "yes"
    assert [float(r.value) for r in by_position[3]] == [0, 100, 0]  # everyone chose the second way
    assert [float(r.value) for r in by_position[4]] == [100, 0, 0]
    assert by_position[5][0].statistic == "net" and float(by_position[5][0].value) == 100
    assert 6 not in by_position  # free text has no figure


def test_the_api_serves_results_and_never_an_answer(version, wave, api_for, client):
    _answer_many(version, wave, [5, 4, 4, 3])
    services.submit_answers(wave, filled(version, q6="پاسخی که نباید دیده شود"), device="last")
    anonymous = api_for(None)
    # Tehran's waves (the demo's and this one) are open: only the people running them see them.
    assert anonymous.get("/api/v1/survey-waves/", {"municipality": "tehran"}).json()["count"] == 0
    opened = api_for("tehran_editor").get(f"/api/v1/survey-waves/{wave.pk}/").json()
    assert opened["answers"] == 5 and opened["results"] == []
    services.close_wave(SYSTEM, wave)
    closed = anonymous.get(f"/api/v1/survey-waves/{wave.pk}/").json()
    assert closed["state"] == "closed" and closed["answers"] == 5
    assert {r["statistic"] for r in closed["results"]} == {"mean", "share", "net"}
    questionnaire = anonymous.get("/api/v1/questionnaires/").json()["results"][0]
    assert [q["kind"] for q in questionnaire["versions"][0]["questions"]][:2] == ["likert", "yes_no"]
    everything = (str(anonymous.get("/api/v1/survey-waves/").json()) + str(closed) + str(questionnaire)
                  + client.get(f"/surveys/waves/{wave.pk}/results.csv").content.decode())
    assert "پاسخی که نباید دیده شود" not in everything and "ساعت کار دفترها" not in everything
    schema = anonymous.get("/api/schema/").content.decode()
    assert "/api/v1/survey-waves/" in schema and "/api/v1/questionnaires/" in schema


def test_a_value_entered_over_a_measured_one_is_no_longer_the_surveys(version, wave, tehran, next_month,
                                                                          satisfaction, users):
    from kalanshahr.strategy import services as strategy_services

    _answer_many(version, wave, [5, 4, 4])
    services.close_wave(SYSTEM, wave)
    value = Measurement.objects.get(indicator=satisfaction, municipality=tehran, organization=None,
                                    period=next_month.key)
    strategy_services.move_measurement(users["tehran_verifier"], value, "reopen", "بازبینی")
    entered = strategy_services.save_measurement(users["tehran_editor"], satisfaction, municipality=tehran,
                                                 period=next_month.key, value=70)
    entered.refresh_from_db()
    assert not entered.from_survey and entered.interval_low is None and entered.source_url is None
