"""Upstream documents and their clauses, goals, programs, indicators, targets and measurements."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kalanshahr.lib.jalali import Period
from kalanshahr.network.models import (
    BilingualNameMixin, Municipality, Organization, PersianOrderedName, PersianOrderedQuerySet,
)

from . import status as rules


class DocumentKind(models.TextChoices):
    LAW = "law", _("Law")
    COMPREHENSIVE_PLAN = "comprehensive_plan", _("Comprehensive plan")
    COUNCIL_RESOLUTION = "council_resolution", _("City council resolution")
    MAYOR_POLICY = "mayor_policy", _("Mayor's policies and measures")
    NATIONAL_PROGRAM = "national_program", _("National program")
    OTHER = "other", _("Other")


class UpstreamDocument(BilingualNameMixin, PersianOrderedName):
    kind = models.CharField(_("kind"), max_length=24, choices=DocumentKind.choices)
    name_fa = models.CharField(_("title (Persian)"), max_length=300)
    name_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    issuer = models.CharField(_("issuer"), max_length=200)
    issued_on = models.DateField(_("date"), null=True, blank=True)
    reference = models.CharField(_("reference number"), max_length=100, blank=True)
    municipality = models.ForeignKey(Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="upstream_documents")
    is_sample_data = models.BooleanField(_("sample data"), default=False)

    objects = PersianOrderedQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "name_order", "id"]
        verbose_name = _("upstream document")
        verbose_name_plural = _("upstream documents")

    def get_absolute_url(self):
        return reverse("strategy:document", args=[self.slug])


class Clause(models.Model):
    document = models.ForeignKey(UpstreamDocument, on_delete=models.CASCADE, related_name="clauses")
    number = models.CharField(_("clause number"), max_length=20)
    position = models.PositiveSmallIntegerField(default=0)
    text = models.TextField(_("text"))

    class Meta:
        ordering = ["document", "position", "id"]
        verbose_name = _("clause")
        verbose_name_plural = _("clauses")
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="clause_number_unique")]

    def __str__(self):
        return f"{self.document.name} — {self.number}"

    def get_absolute_url(self):
        return f"{self.document.get_absolute_url()}#clause-{self.pk}"


class GoalQuerySet(models.QuerySet):
    def with_related(self):
        return self.select_related("organization__municipality", "owner")


class Goal(models.Model):
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.PROTECT, related_name="goals"
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="+")
    owner_title = models.CharField(_("owner's title"), max_length=200, blank=True)
    is_priority = models.BooleanField(_("priority, under special supervision"), default=False)
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2, default=1)
    clauses = models.ManyToManyField(Clause, verbose_name=_("cited clauses"), related_name="goals")

    objects = GoalQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "-is_priority", "id"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [models.CheckConstraint(condition=Q(end_year__gte=models.F("start_year")),
                                              name="goal_period_ordered")]

    def __str__(self):
        return self.title


class Direction(models.TextChoices):
    HIGHER_BETTER = rules.HIGHER_BETTER, _("Higher is better")
    LOWER_BETTER = rules.LOWER_BETTER, _("Lower is better")
    IN_RANGE = rules.IN_RANGE, _("Within a range")


class Frequency(models.TextChoices):
    MONTHLY = "month", _("Monthly")
    QUARTERLY = "quarter", _("Quarterly")
    YEARLY = "year", _("Yearly")


class Family(models.TextChoices):
    GENERAL = "general", _("General")
    CITIZEN_SATISFACTION = "citizen_satisfaction", _("Citizen satisfaction")


class Scope(models.TextChoices):
    ORGANIZATION = "organization", _("One organization")
    NETWORK = "network", _("Shared across the network")


class Theme(models.TextChoices):
    FINANCE = "finance", _("Finance")
    REVENUE = "revenue", _("Revenue")
    GOVERNANCE = "governance", _("Governance")
    URBAN_SERVICES = "urban_services", _("Urban services")
    ENVIRONMENT = "environment", _("Environment")
    TRANSPORT = "transport", _("Transport")
    SAFETY = "safety", _("Safety")
    CITIZEN_SATISFACTION = "citizen_satisfaction", _("Citizen satisfaction")


class IndicatorQuerySet(models.QuerySet):
    def with_related(self):
        return self.select_related("organization__municipality")

    def shared(self):
        """The network's shared indicators, which every city reports the same way (S3)."""
        return self.filter(scope=Scope.NETWORK)


class Indicator(BilingualNameMixin, models.Model):
    organization = models.ForeignKey(Organization, verbose_name=_("owner organization"), on_delete=models.PROTECT,
                                     related_name="indicators")
    code = models.CharField(_("code"), max_length=40, unique=True)
    name_fa = models.CharField(_("name (Persian)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    definition = models.TextField(_("definition"))
    unit = models.CharField(_("unit"), max_length=40)
    numerator = models.CharField(_("numerator"), max_length=200, blank=True)
    denominator = models.CharField(_("denominator"), max_length=200, blank=True)
    multiplier = models.DecimalField(_("multiplier"), max_digits=12, decimal_places=4, default=1)
    direction = models.CharField(_("direction"), max_length=16, choices=Direction.choices)
    # Values are stored with four decimals; pages show them with the indicator's own number of places.
    precision = models.PositiveSmallIntegerField(_("decimal places shown"), default=1,
                                                 validators=[MaxValueValidator(4)])
    frequency = models.CharField(_("frequency"), max_length=8, choices=Frequency.choices)
    family = models.CharField(_("family"), max_length=24, choices=Family.choices, default=Family.GENERAL)
    source = models.CharField(_("data source"), max_length=300, blank=True)
    owner_title = models.CharField(_("owner's title"), max_length=200, blank=True)
    scope = models.CharField(_("scope"), max_length=16, choices=Scope.choices, default=Scope.ORGANIZATION)
    theme = models.CharField(_("theme"), max_length=24, choices=Theme.choices, blank=True)
    # The range every city aims for, for a shared in-range indicator: cities are ranked by their distance from it.
    range_low = models.DecimalField(_("low end of the shared range"), max_digits=20, decimal_places=4, null=True,
                                    blank=True)
    range_high = models.DecimalField(_("high end of the shared range"), max_digits=20, decimal_places=4, null=True,
                                     blank=True)
    is_sample_data = models.BooleanField(_("sample data"), default=False,
                                         help_text=_("Tick when the indicator's values are invented for the demo."))
    goals = models.ManyToManyField(Goal, through="GoalIndicator", related_name="indicators")
    clauses = models.ManyToManyField(Clause, verbose_name=_("cited clauses"), related_name="indicators")

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def get_absolute_url(self):
        return reverse("strategy:indicator", args=[self.code])

    def value_from(self, numerator, denominator):
        """numerator ÷ denominator × multiplier, or None when it cannot be computed."""
        if numerator is None or not denominator:
            return None
        return (numerator / denominator * self.multiplier).quantize(Measurement.QUANTUM)


class GoalIndicator(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE)
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE)
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2, default=1)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["goal", "indicator"], name="goal_indicator_unique")]


def subject_key(municipality_id=None, organization_id=None):
    """One text key for "a municipality or an organization", so uniqueness needs no NULL tricks."""
    return f"o{organization_id}" if organization_id else f"m{municipality_id}"


class SubjectMixin(models.Model):
    """A row about a municipality or about one of its organizations; `subject` mirrors the pair."""

    municipality = models.ForeignKey(Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT,
                                     related_name="+")
    organization = models.ForeignKey(Organization, verbose_name=_("organization"), on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="+")
    subject = models.CharField(_("subject"), max_length=24, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.subject = subject_key(self.municipality_id, self.organization_id)
        super().save(*args, **kwargs)


class Target(SubjectMixin):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    period = models.CharField(_("period"), max_length=8)
    value = models.DecimalField(_("target"), max_digits=20, decimal_places=4)
    value_high = models.DecimalField(_("upper end of the range"), max_digits=20, decimal_places=4, null=True,
                                     blank=True)
    tolerance = models.DecimalField(_("tolerance"), max_digits=20, decimal_places=4, default=0)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "subject", "period"], name="target_unique"),
            models.CheckConstraint(condition=Q(tolerance__gte=0), name="target_tolerance_not_negative"),
        ]


class MeasurementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    VERIFIED = "verified", _("Verified")
    RETURNED = "returned", _("Returned")


class MeasurementQuerySet(models.QuerySet):
    def verified(self):
        return self.filter(status=MeasurementStatus.VERIFIED)

    def with_related(self):
        return self.select_related("indicator__organization", "municipality", "organization", "entered_by",
                                   "verified_by")


class ImportBatch(models.Model):
    """One measurement import: who, when, which file, how many rows; the history of imported values."""

    created = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+")
    filename = models.CharField(max_length=255)
    created_count = models.PositiveIntegerField(default=0)
    replaced_count = models.PositiveIntegerField(default=0)


class ImportJob(models.Model):
    """A measurement file too large to import inside the web request, imported by the task worker.

    The job's outcome is written in the same transaction as the rows it imports, so a worker that dies half way
    leaves the job waiting and no row written, and a job that has an outcome is never imported again. How far a
    running job has come cannot be read from the database (its transaction is not committed yet): it is kept
    beside the uploaded file (strategy/imports.py)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for the worker")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Imported")
        CHECKED = "checked", _("Checked, nothing written")
        FAILED = "failed", _("Refused, nothing written")

    FINISHED = (Status.DONE, Status.CHECKED, Status.FAILED)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(max_length=255)
    stored_name = models.CharField(max_length=64, help_text="The upload's name in the import folder.")
    size = models.PositiveBigIntegerField()
    dry_run = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    rows = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    replaced_count = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True, help_text="The first errors, as [row, column, fa, en].")
    batch = models.OneToOneField(ImportBatch, on_delete=models.SET_NULL, null=True, blank=True, related_name="job")
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-created"]

    @property
    def is_finished(self):
        return self.status in self.FINISHED


class Measurement(SubjectMixin):
    QUANTUM = Decimal("0.0001")

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="measurements"
    )
    period = models.CharField(_("period"), max_length=8)
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4, null=True, blank=True)
    numerator = models.DecimalField(_("numerator"), max_digits=20, decimal_places=4, null=True, blank=True)
    denominator = models.DecimalField(_("denominator"), max_digits=20, decimal_places=4, null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    explanation = models.TextField(_("explanation of the deviation"), blank=True)
    evidence = models.FileField(_("evidence"), upload_to="measurements/%Y/", blank=True)
    status = models.CharField(_("status"), max_length=10, choices=MeasurementStatus.choices,
                              default=MeasurementStatus.DRAFT)
    return_reason = models.TextField(_("reason for returning"), blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    verified_at = models.DateTimeField(null=True, blank=True)
    batch = models.ForeignKey(ImportBatch, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    updated = models.DateTimeField(default=timezone.now)
    # A value the platform measured itself (a closed survey wave, the surveys app): how many answered, the 95%
    # confidence interval, and the page of the wave's results. Empty for values entered or imported. Nullable, so
    # that adding them does not rewrite a national table of millions of rows.
    sample_size = models.PositiveIntegerField(_("answers"), null=True, blank=True)
    interval_low = models.DecimalField(_("low end of the 95 percent interval"), max_digits=20, decimal_places=4,
                                       null=True, blank=True)
    interval_high = models.DecimalField(_("high end of the 95 percent interval"), max_digits=20, decimal_places=4,
                                        null=True, blank=True)
    source_url = models.CharField(_("measured by"), max_length=200, null=True, blank=True)
    MEASURED_FIELDS = ["sample_size", "interval_low", "interval_high", "source_url"]

    objects = MeasurementQuerySet.as_manager()

    @property
    def is_verified(self):
        return self.status == MeasurementStatus.VERIFIED

    @property
    def from_survey(self):
        return self.sample_size is not None

    def forget_measurement(self):
        """A value typed or imported over a measured one (reopened first) is no longer the survey's."""
        for name in self.MEASURED_FIELDS:
            setattr(self, name, None)

    class Meta:
        ordering = ["indicator", "subject", "period"]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        constraints = [models.UniqueConstraint(fields=["indicator", "subject", "period"], name="measurement_unique")]
        indexes = [
            models.Index(fields=["status", "indicator"]),
            # The comparisons read verified city values (no organization) of one indicator by period: this makes
            # the newest period one index seek and a period's values one index range, at any number of cities,
            # and with the value in it the comparisons never read the table (3x faster at national scale).
            models.Index(fields=["indicator", "organization", "status", "period", "municipality", "value"],
                         name="measurement_city_value"),
        ]

    @property
    def period_value(self):
        return Period.parse(self.period)


class MeasurementRevision(models.Model):
    """The history of a measurement: every value it held and every move it made."""

    measurement = models.ForeignKey(Measurement, on_delete=models.CASCADE, related_name="revisions")
    action = models.CharField(max_length=12)
    value = models.DecimalField(max_digits=20, decimal_places=4, null=True)
    numerator = models.DecimalField(max_digits=20, decimal_places=4, null=True)
    denominator = models.DecimalField(max_digits=20, decimal_places=4, null=True)
    status = models.CharField(max_length=10, choices=MeasurementStatus.choices)
    comment = models.TextField(blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["measurement", "created", "id"]


class PeriodClosure(models.Model):
    """An organization's reporting period, closed: no more entries, every off-track priority value explained."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="closed_periods")
    period = models.CharField(_("period"), max_length=8)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    closed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization", "period"], name="period_closed_once")]


class ProgramStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    SUSPENDED = "suspended", _("Suspended")


class Program(models.Model):
    """A program (برنامه) of a goal, or an action (اقدام) under a program when `parent` is set."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="programs")
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="actions")
    title = models.CharField(_("title"), max_length=300)
    owner_organization = models.ForeignKey(Organization, verbose_name=_("owner organization"), on_delete=models.PROTECT,
                                           related_name="+")
    owner_title = models.CharField(_("owner's title"), max_length=200, blank=True)
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"))
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    status = models.CharField(_("status"), max_length=12, choices=ProgramStatus.choices, default=ProgramStatus.PLANNED)

    class Meta:
        ordering = ["goal", "parent_id", "starts_on", "id"]
        verbose_name = _("program or action")
        verbose_name_plural = _("programs and actions")
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="program_progress_percent"),
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="program_ends_after_start"),
        ]

    def __str__(self):
        return self.title


class Milestone(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("title"), max_length=300)
    due_on = models.DateField(_("due date"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["program", "due_on", "id"]

    def is_overdue(self, today=None):
        return self.done_on is None and self.due_on < (today or timezone.localdate())
