"""Citizen-satisfaction surveys (issue 21): questionnaires the secretariat defines for the whole network, asked
by the cities in waves; the answers are anonymous, and a closed wave's results feed the satisfaction indicators.

A questionnaire is changed only by publishing a new version; a wave asks one version, so results never mix two.
Who answered is never stored: a one-time token (or a device's keyed digest) is kept only as a digest with the time
it was used, and the answers it unlocked carry no link to it.
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kalanshahr.lib.jalali import Period
from kalanshahr.network.models import BilingualNameMixin, Municipality, Organization, shown_name
from kalanshahr.strategy.models import Indicator


class Questionnaire(models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    title_fa = models.CharField(_("title (Persian)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")

    @property
    def title(self):
        return shown_name(self.title_fa, self.title_en)

    def __str__(self):
        return self.title


class QuestionnaireVersion(models.Model):
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    note = models.TextField(_("what changed"), blank=True)
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    class Meta:
        ordering = ["questionnaire", "-number"]
        constraints = [models.UniqueConstraint(fields=["questionnaire", "number"], name="questionnaire_version_unique")]
        verbose_name = _("questionnaire version")
        verbose_name_plural = _("questionnaire versions")

    def __str__(self):
        return f"{self.questionnaire} v{self.number}"


class QuestionKind(models.TextChoices):
    LIKERT = "likert", _("Agreement, 1 to 5")
    SCALE = "scale", _("Score, 0 to 10")
    YES_NO = "yes_no", _("Yes or no")
    SINGLE = "single", _("One choice")
    MULTIPLE = "multiple", _("Several choices")
    TEXT = "text", _("Free text")


# The range of the number a question of each kind takes.
NUMBER_RANGES = {QuestionKind.LIKERT: (1, 5), QuestionKind.SCALE: (0, 10), QuestionKind.YES_NO: (0, 1)}


class Question(models.Model):
    version = models.ForeignKey(QuestionnaireVersion, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices)
    text_fa = models.CharField(_("question (Persian)"), max_length=500)
    text_en = models.CharField(_("question (English)"), max_length=500, blank=True)
    required = models.BooleanField(_("an answer is required"), default=True)
    # The satisfaction indicator this question measures, if any: a closed wave writes its result there.
    indicator = models.ForeignKey(Indicator, verbose_name=_("indicator it measures"), on_delete=models.PROTECT,
                                  null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["version", "position"]
        constraints = [models.UniqueConstraint(fields=["version", "position"], name="question_position_unique")]

    @property
    def text(self):
        return shown_name(self.text_fa, self.text_en)

    def __str__(self):
        return self.text


class Choice(BilingualNameMixin, models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveSmallIntegerField()
    name_fa = models.CharField(_("choice (Persian)"), max_length=200)
    name_en = models.CharField(_("choice (English)"), max_length=200, blank=True)

    class Meta:
        ordering = ["question", "position"]


class WaveState(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


def new_public_key():
    return secrets.token_urlsafe(9)


class WaveQuerySet(models.QuerySet):
    def with_related(self):
        return self.select_related("version__questionnaire", "municipality", "organization")


class Wave(models.Model):
    """One city asking one questionnaire version over one period, for the whole city or one of its services."""

    version = models.ForeignKey(QuestionnaireVersion, verbose_name=_("questionnaire version"),
                                on_delete=models.PROTECT, related_name="waves")
    municipality = models.ForeignKey(Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT,
                                     related_name="survey_waves")
    organization = models.ForeignKey(Organization, verbose_name=_("service (optional)"), on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="survey_waves")
    period = models.CharField(_("period"), max_length=8)
    state = models.CharField(_("state"), max_length=8, choices=WaveState.choices, default=WaveState.OPEN)
    minimum_answers = models.PositiveSmallIntegerField(_("fewest answers for a result"), default=30)
    public_key = models.CharField(max_length=16, unique=True, default=new_public_key, editable=False)
    opened_at = models.DateTimeField(auto_now_add=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+")
    state_changed = models.DateTimeField(null=True, blank=True)
    is_sample_data = models.BooleanField(_("sample data"), default=False)

    objects = WaveQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at", "-id"]
        verbose_name = _("survey wave")
        verbose_name_plural = _("survey waves")

    def __str__(self):
        # The period's key, not its month's name: the audit trail keeps this text, and shows it in either language.
        where = self.organization or self.municipality
        return f"{self.version.questionnaire} · {where} · {self.period}"

    @property
    def period_value(self):
        return Period.parse(self.period)

    @property
    def is_open(self):
        return self.state == WaveState.OPEN

    def get_absolute_url(self):
        return reverse("surveys:wave", args=[self.pk])

    def public_url(self):
        return reverse("surveys:answer", args=[self.public_key])


class Pass(models.Model):
    """A one-time pass to answer a wave, kept only as a digest: a token handed out at a counter or by a link, or
    a device's cookie keyed with the site's secret. `used` is the day it was spent, no finer: nothing links a pass
    to the answers it unlocked (their keys are random, so their order says nothing either)."""

    class Kind(models.TextChoices):
        TOKEN = "token", _("One-time token")
        DEVICE = "device", _("Device")

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="passes")
    kind = models.CharField(max_length=6, choices=Kind.choices)
    digest = models.CharField(max_length=64, unique=True)
    used = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["wave", "used"])]


class SurveyResponse(models.Model):
    """One person's answers to a wave. Only the day is kept, and the keys are random, so that the order of arrival
    cannot be matched with the passes spent that day."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="responses")
    day = models.DateField()
    is_sample_data = models.BooleanField(default=False)


class TextState(models.TextChoices):
    HELD = "held", _("Waiting for a moderator")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")


class Answer(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    number = models.SmallIntegerField(null=True, blank=True)
    choice = models.ForeignKey(Choice, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    text = models.TextField(blank=True)
    text_state = models.CharField(max_length=10, choices=TextState.choices, blank=True)
    # What the comment policy's automatic check found in a free-text answer, for the moderator.
    text_flags = models.CharField(max_length=200, blank=True)

    class Meta:
        indexes = [models.Index(fields=["question", "number"])]


class Statistic(models.TextChoices):
    MEAN = "mean", _("Mean")
    SHARE = "share", _("Share")
    NET = "net", _("Net score")


class Result(models.Model):
    """A closed wave's figure for one question (one choice, for choice questions), computed once when it closed."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="results")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    choice = models.ForeignKey(Choice, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    statistic = models.CharField(max_length=6, choices=Statistic.choices)
    answers = models.PositiveIntegerField()
    value = models.DecimalField(max_digits=12, decimal_places=4, null=True)
    low = models.DecimalField(max_digits=12, decimal_places=4, null=True)
    high = models.DecimalField(max_digits=12, decimal_places=4, null=True)
    too_few = models.BooleanField(default=False)

    class Meta:
        ordering = ["wave", "question__position", "choice__position"]
        constraints = [
            models.UniqueConstraint(fields=["wave", "question", "choice"], name="result_unique"),
            models.UniqueConstraint(fields=["wave", "question"], condition=models.Q(choice=None),
                                    name="result_unique_without_choice"),
        ]
