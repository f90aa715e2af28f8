"""Peer groups of cities, successful experiences and the exchange requests between cities (S3).

The shared indicators themselves are `strategy.Indicator` rows with `scope = network`, and their values
are ordinary city-level measurements: comparisons read them (see comparison.py) and never copy them.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kalanshahr.network.models import (
    BilingualNameMixin, Municipality, Organization, PersianOrderedName, PersianOrderedQuerySet,
)
from kalanshahr.strategy.models import Indicator


class SchemeKind(models.TextChoices):
    POPULATION_BAND = "population_band", _("Population band")
    REGION = "region", _("Region")
    PROVINCE = "province", _("Province")
    CUSTOM = "custom", _("Custom")


class PeerScheme(BilingualNameMixin, PersianOrderedName):
    """One way of grouping the cities into peers; a city sits in at most one group of a scheme."""

    slug = models.SlugField(_("slug"), unique=True)
    name_fa = models.CharField(_("name (Persian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=SchemeKind.choices)

    objects = PersianOrderedQuerySet.as_manager()

    class Meta:
        ordering = ["name_order", "id"]
        verbose_name = _("peer group scheme")
        verbose_name_plural = _("peer group schemes")


class PeerGroup(BilingualNameMixin, models.Model):
    scheme = models.ForeignKey(PeerScheme, verbose_name=_("scheme"), on_delete=models.CASCADE, related_name="groups")
    slug = models.SlugField(_("slug"), unique=True)
    name_fa = models.CharField(_("name (Persian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    members = models.ManyToManyField(Municipality, through="PeerMembership", related_name="peer_groups")

    class Meta:
        ordering = ["scheme", "id"]
        verbose_name = _("peer group")
        verbose_name_plural = _("peer groups")


class PeerMembership(models.Model):
    group = models.ForeignKey(PeerGroup, on_delete=models.CASCADE)
    # Repeats group.scheme so the database itself keeps a city in one group per scheme.
    scheme = models.ForeignKey(PeerScheme, on_delete=models.CASCADE, related_name="+")
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scheme", "municipality"], name="one_peer_group_per_scheme")]


class ExperienceState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class ExperienceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=ExperienceState.PUBLISHED)

    def with_related(self):
        return self.select_related("municipality", "organization").prefetch_related("indicators", "tags")


class Experience(models.Model):
    """A successful experience (تجربه‌ی موفق) a city documents so that others can learn from it."""

    municipality = models.ForeignKey(Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT,
                                     related_name="experiences")
    organization = models.ForeignKey(Organization, verbose_name=_("organization"), on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="experiences")
    title = models.CharField(_("title"), max_length=300)
    problem = models.TextField(_("the problem"))
    actions = models.TextField(_("what was done"))
    results = models.TextField(_("results"))
    contact = models.CharField(_("contact"), max_length=300, blank=True)
    indicators = models.ManyToManyField(Indicator, verbose_name=_("linked indicators"), blank=True,
                                        related_name="experiences")
    tags = models.ManyToManyField("network.Tag", verbose_name=_("tags"), blank=True, related_name="experiences")
    state = models.CharField(_("state"), max_length=12, choices=ExperienceState.choices, default=ExperienceState.DRAFT)
    is_sample_data = models.BooleanField(_("sample data"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    objects = ExperienceQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("successful experience")
        verbose_name_plural = _("successful experiences")

    @property
    def is_published(self):
        return self.state == ExperienceState.PUBLISHED

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("benchmarking:experience", args=[self.pk])


class ExperienceFigure(models.Model):
    """One before/after result of an experience: “complaints per month: 120 → 45”."""

    experience = models.ForeignKey(Experience, on_delete=models.CASCADE, related_name="figures")
    label = models.CharField(_("what was measured"), max_length=200)
    before = models.DecimalField(_("before"), max_digits=20, decimal_places=4)
    after = models.DecimalField(_("after"), max_digits=20, decimal_places=4)
    unit = models.CharField(_("unit"), max_length=40, blank=True)

    class Meta:
        ordering = ["experience", "id"]


class ExperienceAttachment(models.Model):
    experience = models.ForeignKey(Experience, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="experiences/%Y/")

    class Meta:
        ordering = ["experience", "id"]


class RequestState(models.TextChoices):
    OPEN = "open", _("Awaiting an answer")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


class ExchangeRequestQuerySet(models.QuerySet):
    def with_related(self):
        return self.select_related("from_municipality", "to_municipality", "experience", "indicator", "created_by",
                                   "answered_by")


class ExchangeRequest(models.Model):
    """City A asks city B about an experience or an indicator; B answers; A closes it."""

    from_municipality = models.ForeignKey(Municipality, verbose_name=_("from"), on_delete=models.PROTECT,
                                          related_name="requests_sent")
    to_municipality = models.ForeignKey(Municipality, verbose_name=_("to"), on_delete=models.PROTECT,
                                        related_name="requests_received")
    experience = models.ForeignKey(Experience, verbose_name=_("experience"), on_delete=models.PROTECT, null=True,
                                   blank=True, related_name="requests")
    indicator = models.ForeignKey(Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, null=True,
                                  blank=True, related_name="exchange_requests")
    question = models.TextField(_("question"))
    answer = models.TextField(_("answer"), blank=True)
    state = models.CharField(_("state"), max_length=12, choices=RequestState.choices, default=RequestState.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    created = models.DateTimeField(_("created"), default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = ExchangeRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("exchange request")
        verbose_name_plural = _("exchange requests")
        constraints = [
            models.CheckConstraint(condition=~models.Q(from_municipality=models.F("to_municipality")),
                                   name="exchange_between_two_cities"),
            models.CheckConstraint(condition=models.Q(experience__isnull=False) | models.Q(indicator__isnull=False),
                                   name="exchange_has_a_subject"),
        ]

    @property
    def is_answered(self):
        return self.state == RequestState.ANSWERED

    def get_absolute_url(self):
        return reverse("benchmarking:request", args=[self.pk])

    @property
    def subject(self):
        return self.experience or self.indicator


class Standing(models.Model):
    """A compared city's place among the compared cities on one indicator in one period: its verified city value,
    its rank and how many share it. Kept by standings.refresh() in the transaction of every change that moves a
    verified value or the set of compared cities, so that the pages read places instead of ranking 1,554 cities
    on every request; tests/benchmarking/test_standings.py proves it equals the ranking computed from scratch."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    period = models.CharField(max_length=8)
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    value = models.DecimalField(max_digits=20, decimal_places=4)
    rank = models.PositiveIntegerField()
    tied = models.PositiveIntegerField()
    # How much the city's score gained since the period IMPROVEMENT_SPAN before (comparison.earlier_period), in
    # the indicator's unit; empty without a verified value then. "Most improved" reads it.
    gain = models.DecimalField(max_digits=20, decimal_places=4, null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["indicator", "period", "municipality"], name="standing_unique")]
        indexes = [models.Index(fields=["indicator", "period", "rank"], name="standing_rank"),
                   models.Index(fields=["indicator", "period", "gain"], name="standing_gain")]


class StandingSummary(models.Model):
    """One indicator in one period over the compared cities: how many reported, the median and the mean (kept with
    Standing). Twelve decimals keep the mean exact enough that rounding it to four gives the computed figure."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    period = models.CharField(max_length=8)
    reported = models.PositiveIntegerField()
    median = models.DecimalField(max_digits=32, decimal_places=12)
    mean = models.DecimalField(max_digits=32, decimal_places=12)
    best_gain = models.DecimalField(max_digits=20, decimal_places=4, null=True)  # the largest positive gain

    class Meta:
        constraints = [models.UniqueConstraint(fields=["indicator", "period"], name="standing_summary_unique")]
