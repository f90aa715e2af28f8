"""Every change to surveys: publishing a questionnaire version, opening a wave, handing out tokens, answering,
closing (which writes the results into the indicators through strategy's services) and moderating free text.
Each is one transaction with its audit event."""

import hashlib
import hmac
import re
import secrets
from decimal import Decimal

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from kalanshahr.lib.errors import DomainError, InvalidInput
from kalanshahr.lib.jalali import JalaliParseError, Period
from kalanshahr.lib.persian import normalize, persian_digits
from kalanshahr.network import audit
from kalanshahr.portal import moderation
from kalanshahr.strategy import services as strategy_services
from kalanshahr.strategy.models import Family

from . import access, stats
from .models import (
    NUMBER_RANGES,
    Answer,
    Choice,
    Pass,
    Question,
    QuestionKind,
    Questionnaire,
    QuestionnaireVersion,
    Result,
    Statistic,
    SurveyResponse,
    TextState,
    Wave,
)
from .workflow import WAVES

MAX_TEXT = 1000
CODE_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,59}")
MAX_TOKENS = 5000
PASS_SALT = "kalanshahr.surveys.pass"
# Kinds whose result can be a satisfaction indicator's value, and how: a 1–5 mean as a score out of 100, a yes/no
# share as a percentage.
MEASURABLE = {QuestionKind.LIKERT, QuestionKind.YES_NO}


# --- questionnaires -----------------------------------------------------------------------------------------

def _check_question(position, spec):
    field = f"questions.{position}"
    kind = spec.get("kind")
    if kind not in QuestionKind.values:
        raise InvalidInput("unknown_kind", f"نوع پرسش {persian_digits(position)} شناخته نیست.",
                           f"Question {position} has an unknown kind “{kind}”.", field=field)
    if not normalize(spec.get("text_fa", "")):
        raise InvalidInput("question_text_required", f"متن فارسی پرسش {persian_digits(position)} را بنویسید.",
                           f"Question {position} needs its Persian text.", field=field)
    choices = spec.get("choices") or []
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) and len(choices) < 2:
        raise InvalidInput("choices_required", f"پرسش {persian_digits(position)} دست‌کم دو گزینه می‌خواهد.",
                           f"Question {position} needs at least two choices.", field=field)
    if choices and kind not in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        raise InvalidInput("choices_not_asked", f"پرسش {persian_digits(position)} از نوعی است که گزینه ندارد.",
                           f"Question {position} is of a kind that has no choices.", field=field)
    for number, (fa, _en) in enumerate(choices, start=1):
        if not normalize(fa):
            raise InvalidInput("choice_text_required",
                               f"گزینه‌ی {persian_digits(number)} پرسش {persian_digits(position)} متن فارسی ندارد.",
                               f"Choice {number} of question {position} needs its Persian text.", field=field)
    indicator = spec.get("indicator")
    if indicator is not None and (kind not in MEASURABLE or indicator.family != Family.CITIZEN_SATISFACTION):
        raise InvalidInput("not_measurable",
                           f"پرسش {persian_digits(position)} نمی‌تواند شاخص {indicator.code} را بسنجد: تنها پرسش‌های "
                           "۱ تا ۵ و بله/خیر، و تنها شاخص‌های رضایت شهروندان.",
                           f"Question {position} cannot measure {indicator.code}: only 1–5 and yes/no questions "
                           "measure, and only citizen-satisfaction indicators.", field=field)


@transaction.atomic
def publish_version(actor, *, code, title_fa, title_en="", questions, note="", after=None):
    """A new version of the questionnaire `code` (created with its first version): questions are never edited in
    place, so that the waves already asked keep theirs. `questions` are dicts: kind, text_fa, text_en, required,
    indicator (an Indicator or None), choices [(fa, en)].

    `after` is the number of the version the writer started from (0 for a questionnaire they meant to create):
    when another version was published meanwhile, or the code is taken, nothing is written and the error says so,
    rather than one person's version silently following another's."""
    access.check_can_define(actor)
    if not CODE_PATTERN.fullmatch(code or "") or code == "new":  # /surveys/questionnaires/new/ is the new one's page
        raise InvalidInput("bad_code", "شناسه با حرف یا رقم لاتین کوچک آغاز می‌شود و جز آن‌ها و خط تیره چیزی ندارد.",
                           "The code starts with a small Latin letter or digit and has only those and hyphens.",
                           field="code")
    if not normalize(title_fa):
        raise InvalidInput("title_required", "عنوان فارسی پرسش‌نامه را بنویسید.",
                           "The questionnaire needs its Persian title.", field="title_fa")
    if not questions:
        raise InvalidInput("questions_required", "پرسش‌نامه بدون پرسش نمی‌شود.", "A questionnaire needs questions.",
                           field="questions")
    for position, spec in enumerate(questions, start=1):
        _check_question(position, spec)
    questionnaire, _created = Questionnaire.objects.select_for_update().get_or_create(
        code=code, defaults={"title_fa": normalize(title_fa), "title_en": title_en.strip()})
    last = questionnaire.versions.order_by("-number").values_list("number", flat=True).first() or 0
    if after is not None and after != last:
        if after == 0:
            raise InvalidInput("code_taken", f"پرسش‌نامه‌ای با شناسه‌ی «{code}» هست؛ نسخه‌ی تازه‌ای از آن بنویسید.",
                               f"A questionnaire with the code “{code}” exists: write a new version of it instead.",
                               field="code")
        raise InvalidInput("version_moved",
                           f"در این میان نسخه‌ی {persian_digits(last)} منتشر شد؛ آن را ببینید و دوباره بنویسید.",
                           f"Version {last} was published meanwhile: read it and write yours again.")
    questionnaire.title_fa, questionnaire.title_en = normalize(title_fa), title_en.strip()
    questionnaire.save(update_fields=["title_fa", "title_en"])
    version = QuestionnaireVersion.objects.create(questionnaire=questionnaire, number=last + 1, note=normalize(note),
                                                  created_by=audit.stored_user(actor))
    for position, spec in enumerate(questions, start=1):
        question = Question.objects.create(
            version=version, position=position, kind=spec["kind"], text_fa=normalize(spec["text_fa"]),
            text_en=spec.get("text_en", "").strip(), required=spec.get("required", True),
            indicator=spec.get("indicator"))
        Choice.objects.bulk_create([Choice(question=question, position=n, name_fa=normalize(fa), name_en=en)
                                    for n, (fa, en) in enumerate(spec.get("choices") or [], start=1)])
    audit.record(actor, "surveys.questionnaire.publish", version,
                 changes={"questionnaire": code, "version": version.number, "questions": len(questions)})
    return version


# --- waves --------------------------------------------------------------------------------------------------

def _wave_period(version, period):
    try:
        parsed = period if isinstance(period, Period) else Period.parse(period)
    except JalaliParseError as error:
        raise InvalidInput("bad_period", error.message_fa, error.message_en, field="period") from None
    if parsed.kind not in ("month", "quarter"):
        raise InvalidInput("wave_period", "هر موج یک ماه یا یک فصل است.", "A wave runs for a month or a quarter.",
                           field="period")
    for question in version.questions.select_related("indicator"):
        indicator = question.indicator
        if indicator is not None and indicator.frequency != parsed.kind:
            raise InvalidInput(
                "period_kind",
                f"پرسش {persian_digits(question.position)} شاخص {indicator.code} را می‌سنجد که "
                f"{indicator.get_frequency_display()} است؛ دوره‌ی موج باید از همان نوع باشد.",
                f"Question {question.position} measures {indicator.code}, which is {indicator.frequency}ly: "
                "the wave's period must be of that kind.", field="period")
    return parsed


@transaction.atomic
def open_wave(actor, version, municipality, period, *, organization=None, minimum_answers=30, is_sample_data=False):
    access.check_can_run(actor, municipality.pk)
    parsed = _wave_period(version, period)
    if organization is not None and organization.municipality_id != municipality.pk:
        raise InvalidInput("service_elsewhere", "این خدمت از آنِ شهرداری دیگری است.",
                           "That service belongs to another municipality.", field="organization")
    if minimum_answers < 2:
        raise InvalidInput("minimum_too_small", "کمینه‌ی پاسخ‌ها دست‌کم ۲ است.",
                           "The fewest answers for a result is at least 2.", field="minimum_answers")
    wave = Wave.objects.create(version=version, municipality=municipality, organization=organization,
                               period=parsed.key, minimum_answers=minimum_answers,
                               opened_by=audit.stored_user(actor), is_sample_data=is_sample_data)
    audit.record(actor, "surveys.wave.open", wave, changes={"period": parsed.key, "version": version.number})
    return wave


def _digest(text):
    return hashlib.sha256(text.encode()).hexdigest()


def _device_digest(wave, device):
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"device:{wave.pk}:{device}".encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def issue_tokens(actor, wave, count):
    """`count` one-time tokens for the wave, to print or send; only their digests are kept, so a lost list cannot
    be printed again (issue more)."""
    access.check_can_run(actor, wave.municipality_id)
    if not wave.is_open:
        raise DomainError("wave_closed", "این موج بسته شده است.", "This wave is closed.")
    if not 1 <= count <= MAX_TOKENS:
        raise InvalidInput("token_count", f"شمار برگه‌ها باید میان ۱ و {persian_digits(MAX_TOKENS)} باشد.",
                           f"The number of tokens must be between 1 and {MAX_TOKENS}.", field="count")
    signer = signing.Signer(salt=PASS_SALT)
    tokens = [signer.sign(f"{wave.pk}.{secrets.token_urlsafe(12)}") for _n in range(count)]
    Pass.objects.bulk_create([Pass(wave=wave, kind=Pass.Kind.TOKEN, digest=_digest(token)) for token in tokens])
    audit.record(actor, "surveys.wave.issue", wave, changes={"count": count})
    return tokens


def new_device_key():
    """The random value of a device's cookie: its digest with the wave, not the value, is what is kept."""
    return secrets.token_urlsafe(24)


_BAD_TOKEN = ("bad_token", "این برگه‌ی پاسخ معتبر نیست.", "This answer token is not valid.")


def _spend_token(wave, token, today):
    try:
        wave_id, _nonce = signing.Signer(salt=PASS_SALT).unsign(token).split(".", 1)
    except (signing.BadSignature, ValueError):
        raise DomainError(*_BAD_TOKEN, field="token") from None
    if wave_id != str(wave.pk):
        raise DomainError(*_BAD_TOKEN, field="token")
    spent = Pass.objects.filter(wave=wave, kind=Pass.Kind.TOKEN, digest=_digest(token), used=None).update(used=today)
    if spent != 1:
        if Pass.objects.filter(wave=wave, digest=_digest(token)).exists():
            raise DomainError("token_used", "با این برگه پیش‌تر پاسخ داده شده است.",
                              "This token has already been used to answer.", field="token")
        raise DomainError(*_BAD_TOKEN, field="token")


def _spend_device(wave, device, today):
    try:
        with transaction.atomic():
            Pass.objects.create(wave=wave, kind=Pass.Kind.DEVICE, digest=_device_digest(wave, device), used=today)
    except IntegrityError:
        raise DomainError("already_answered", "از این دستگاه پیش‌تر به این پیمایش پاسخ داده شده است.",
                          "This survey has already been answered from this device.") from None


def _check_rate(ip):
    """At most SURVEY_RATE_LIMIT answers from one address in SURVEY_RATE_MINUTES, counted in the cache under a
    keyed hash of the address: nothing about it is written to the database."""
    if not ip:
        return
    key = "surveys.rate." + hmac.new(settings.SECRET_KEY.encode(), ip.encode(), hashlib.sha256).hexdigest()[:32]
    timeout = settings.SURVEY_RATE_MINUTES * 60
    cache.add(key, 0, timeout)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.set(key, 1, timeout)
        count = 1
    if count > settings.SURVEY_RATE_LIMIT:
        error = DomainError("rate_limited", "از این نشانی پاسخ‌های بسیاری رسیده است؛ کمی بعد دوباره بکوشید.",
                            "Too many answers from this address; try again a little later.")
        error.status = 429
        raise error


def _answers_for(question, raw, choices):
    """The Answer rows (unsaved, without their response) for one question's raw value, or an InvalidInput naming
    the question's field."""
    field = f"q{question.pk}"
    empty = raw in (None, "", [])
    if empty:
        if question.required:
            raise InvalidInput("answer_required", f"به پرسش {persian_digits(question.position)} پاسخ دهید.",
                               f"Please answer question {question.position}.", field=field)
        return []
    kind = question.kind
    if kind in NUMBER_RANGES:
        low, high = NUMBER_RANGES[kind]
        try:
            number = int(raw)
        except (TypeError, ValueError):
            number = None
        if number is None or not low <= number <= high:
            raise InvalidInput("answer_out_of_range",
                               f"پاسخ پرسش {persian_digits(question.position)} باید میان "
                               f"{persian_digits(low)} و {persian_digits(high)} باشد.",
                               f"The answer to question {question.position} must be between {low} and {high}.",
                               field=field)
        return [Answer(question=question, number=number)]
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        picked = raw if isinstance(raw, (list, tuple)) else [raw]
        if kind == QuestionKind.SINGLE and len(picked) != 1:
            raise InvalidInput("one_choice", f"برای پرسش {persian_digits(question.position)} یک گزینه برگزینید.",
                               f"Choose one option for question {question.position}.", field=field)
        own = {str(choice.pk): choice for choice in choices}
        if any(str(pk) not in own for pk in picked):
            raise InvalidInput("unknown_choice", f"گزینه‌ای از پرسش {persian_digits(question.position)} شناخته نیست.",
                               f"An option of question {question.position} is unknown.", field=field)
        return [Answer(question=question, choice=own[str(pk)]) for pk in dict.fromkeys(map(str, picked))]
    text = normalize(str(raw))
    if len(text) > MAX_TEXT:
        raise InvalidInput("text_too_long", f"پاسخ پرسش {persian_digits(question.position)} از "
                           f"{persian_digits(MAX_TEXT)} نویسه بلندتر است.",
                           f"The answer to question {question.position} is longer than {MAX_TEXT} characters.",
                           field=field)
    if not text:
        return []
    verdict = moderation.judge(text)
    state = {moderation.PUBLISH: TextState.PUBLISHED, moderation.REVIEW: TextState.HELD,
             moderation.REJECT: TextState.REJECTED}[verdict.decision]
    return [Answer(question=question, text=text, text_state=state, text_flags=",".join(verdict.reasons))]


@transaction.atomic
def submit_answers(wave, answers, *, token="", device="", ip="", is_sample_data=False):
    """One person's answers ({question id: value}) to an open wave, spending a one-time token or, without one,
    the device's pass; all or nothing. Free text goes through the comment policy's check: published, held for a
    moderator, or rejected."""
    wave = Wave.objects.select_for_update().get(pk=wave.pk)  # a close waits for the answers already coming in
    if not wave.is_open:
        raise DomainError("wave_closed", "این پیمایش بسته شده است و پاسخ نمی‌پذیرد.",
                          "This survey is closed and takes no more answers.")
    questions = list(wave.version.questions.prefetch_related("choices"))
    rows = []
    for question in questions:
        rows += _answers_for(question, answers.get(question.pk, answers.get(str(question.pk))),
                             list(question.choices.all()))
    if not rows:
        raise InvalidInput("no_answers", "به هیچ پرسشی پاسخ نداده‌اید.", "No question was answered.")
    today = timezone.localdate()
    if token:
        _spend_token(wave, token, today)
    elif device:
        _check_rate(ip)
        _spend_device(wave, device, today)
    else:
        raise DomainError("pass_required", "برای پاسخ، پیوند پیمایش را از نو باز کنید.",
                          "Open the survey's link again to answer.")
    response = SurveyResponse.objects.create(wave=wave, day=today, is_sample_data=is_sample_data)
    for row in rows:
        row.response = response
    Answer.objects.bulk_create(rows)
    # The event names the wave, not the response: the trail must not order the answers either.
    audit.record(None, "surveys.wave.answer", wave, changes={})
    return response


# --- results ------------------------------------------------------------------------------------------------

def _estimates(question, answers, respondents):
    """[(choice or None, statistic, Estimate)] of one question."""
    if question.kind == QuestionKind.LIKERT:
        return [(None, Statistic.MEAN, stats.mean([a.number for a in answers]))]
    if question.kind == QuestionKind.SCALE:
        return [(None, Statistic.NET, stats.net_score([a.number for a in answers]).scaled(0, 100))]
    if question.kind == QuestionKind.YES_NO:
        return [(None, Statistic.SHARE, stats.share(sum(a.number for a in answers), len(answers)).scaled(0, 100))]
    if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        chosen = [a.choice_id for a in answers]
        return [(choice, Statistic.SHARE, stats.share(chosen.count(choice.pk), respondents).scaled(0, 100))
                for choice in question.choices.all()]
    return []


def indicator_value(question, estimate):
    """The indicator's value from a question's estimate: a 1–5 mean as a score out of 100 ((x − 1) × 25), a yes/no
    share as it is, in percent."""
    if question.kind == QuestionKind.LIKERT:
        return estimate.scaled(-1, 25)
    return estimate


def compute_results(wave):
    """[Result] (unsaved) of every question of a wave but the free-text ones; a result under the wave's fewest
    answers keeps its count and no figure."""
    questions = list(wave.version.questions.prefetch_related("choices"))
    by_question = {}
    for answer in Answer.objects.filter(response__wave=wave).only("question_id", "response_id", "number", "choice_id"):
        by_question.setdefault(answer.question_id, []).append(answer)
    results = []
    for question in questions:
        answers = by_question.get(question.pk, [])
        respondents = len({a.response_id for a in answers}) if question.kind == QuestionKind.MULTIPLE else len(answers)
        for choice, statistic, estimate in _estimates(question, answers, respondents):
            too_few = respondents < wave.minimum_answers
            figure = (None, None, None) if too_few else (estimate.value, estimate.low, estimate.high)
            results.append(Result(wave=wave, question=question, choice=choice, statistic=statistic,
                                  answers=respondents, too_few=too_few,
                                  **dict(zip(("value", "low", "high"), (_decimal(x) for x in figure)))))
    return results


def _decimal(x):
    return None if x is None else Decimal(str(round(x, 4)))


@transaction.atomic
def close_wave(actor, wave):
    """Closes the wave: its results are computed once, and each question that measures an indicator and has
    enough answers writes that indicator's verified value for the wave's city and period (strategy's
    record_measured_value), with n and the 95% interval. A second close is refused (409) and writes nothing."""
    written = []

    def effect(step):
        closed = step.obj
        results = compute_results(closed)
        Result.objects.bulk_create(results)
        for result in results:
            question = result.question
            if question.indicator_id is None or result.too_few or result.choice_id is not None:
                continue
            estimate = indicator_value(question, stats.Estimate(result.answers, float(result.value),
                                                                float(result.low), float(result.high)))
            written.append(strategy_services.record_measured_value(
                actor, question.indicator, municipality=closed.municipality, organization=closed.organization,
                period=closed.period, value=estimate.value, sample_size=result.answers, low=estimate.low,
                high=estimate.high, source_url=closed.get_absolute_url(),
                note=f"{closed.version.questionnaire.title_fa}، نسخه‌ی {persian_digits(closed.version.number)}"))
        step.changes["results"] = len(results)
        step.changes["indicator_values"] = len(written)

    return WAVES.apply(actor, wave, "close", authorize=lambda row: access.check_can_close(actor),
                       effect=effect, queryset=Wave.objects.with_related())


# --- free text ----------------------------------------------------------------------------------------------

@transaction.atomic
def moderate_texts(actor, answers, action):
    """Publishes or rejects held free-text answers, all or none."""
    access.check_can_moderate(actor)
    states = {"publish": TextState.PUBLISHED, "reject": TextState.REJECTED}
    if action not in states:
        raise InvalidInput("unknown_action", f"کار «{action}» شناخته نیست.", f"Unknown action “{action}”.",
                           field="action")
    ids = [answer.pk for answer in answers]
    held = list(Answer.objects.select_for_update().filter(pk__in=ids, text_state=TextState.HELD).order_by("pk"))
    if len(held) != len(ids):
        raise DomainError("not_held", "برخی از این پاسخ‌ها دیگر در انتظار داوری نیستند.",
                          "Some of these answers are no longer waiting for a moderator.")
    Answer.objects.filter(pk__in=ids).update(text_state=states[action])
    audit.record_many(actor, "surveys.answer.moderate", held, changes=lambda answer: {"to": states[action]})
    return len(held)

