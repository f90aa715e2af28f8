"""What a wave's page and its CSV show: the stored results of a closed wave (aggregates only), its published
free-text answers, and how many have answered so far. A fixed number of queries whatever the number of answers."""

from dataclasses import dataclass, field

from django.utils.translation import get_language, gettext as _

from kalanshahr.lib.templatetags import num

from .models import Answer, QuestionKind, Result, Statistic, TextState

PUBLISHED_TEXTS_SHOWN = 50


@dataclass
class QuestionReport:
    question: object
    results: list = field(default_factory=list)  # [Result], one per choice for choice questions
    texts: list = field(default_factory=list)    # published free-text answers, newest first


@dataclass
class Report:
    answers: int
    questions: list


def report(wave):
    questions = list(wave.version.questions.select_related("indicator"))
    reports = {q.pk: QuestionReport(q) for q in questions}
    if not wave.is_open:
        for result in Result.objects.filter(wave=wave).select_related("choice"):
            reports[result.question_id].results.append(result)
        texts = (Answer.objects.filter(response__wave=wave, question__kind=QuestionKind.TEXT,
                                       text_state=TextState.PUBLISHED)
                 .order_by("-response__day").values_list("question_id", "text")[:PUBLISHED_TEXTS_SHOWN])
        for question_id, text in texts:
            reports[question_id].texts.append(text)
    return Report(wave.responses.count(), [reports[q.pk] for q in questions])


def figure(result):
    """A result as the page says it: «۷۲٫۵٪ (از ۶۸٫۱ تا ۷۶٫۹)», in words rather than with a dash, which a minus
    sign and right-to-left order would make hard to read."""
    if result.too_few or result.value is None:
        return _("too few answers")
    unit = "٪" if result.statistic == Statistic.SHARE and get_language() == "fa" else (
        "%" if result.statistic == Statistic.SHARE else "")
    return _("%(value)s%(unit)s (from %(low)s to %(high)s)") % {
        "value": num(result.value, 1), "unit": unit, "low": num(result.low, 1), "high": num(result.high, 1)}


def table(wave):
    """(headers, rows) of the CSV: one row per question, or per choice of a choice question."""
    headers = [_("Question"), _("Choice"), _("Statistic"), _("Answers"), _("Value"),
               _("low end of the 95 percent interval"),
               _("high end of the 95 percent interval"), _("Too few answers")]
    rows = []
    if wave.is_open:
        return headers, rows
    for result in Result.objects.filter(wave=wave).select_related("question", "choice"):
        rows.append([result.question.text, result.choice.name if result.choice else "",
                     result.get_statistic_display(), result.answers, result.value, result.low, result.high,
                     _("yes") if result.too_few else ""])
    return headers, rows
