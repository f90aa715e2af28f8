"""Innovation ideas (S4): an idea goes through screening and scored expert review to a decision, and a
pilot when decided so. The states and who moves them are the table in workflow.py."""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kalanshahr.lib.uploads import private_storage
from kalanshahr.network.models import Municipality, Organization
from kalanshahr.strategy.models import Goal, Indicator


class IdeaState(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    SCREENING = "screening", _("In screening")
    EXPERT_REVIEW = "expert_review", _("In expert review")
    DECIDED = "decided", _("Decided")
    IN_PROGRESS = "in_progress", _("Pilot in progress")
    EVALUATED = "evaluated", _("Pilot evaluated")
    SCALED = "scaled", _("Scaled up")
    STOPPED = "stopped", _("Stopped")


class Decision(models.TextChoices):
    SUPPORTED = "supported", _("Supported")
    PILOT = "pilot", _("To be piloted")
    REJECTED = "rejected", _("Rejected")


class Origin(models.TextChoices):
    STAFF = "staff", _("Municipal staff")
    COMPANY = "company", _("A municipal company")
    CITIZEN = "citizen", _("A citizen")


class IdeaQuerySet(models.QuerySet):
    def with_related(self):
        return self.select_related("municipality", "organization", "source_organization", "submitter")

    def confirmed(self):
        """Ideas whose submitter is known: signed in, or an email address that was confirmed."""
        return self.filter(email_confirmed_at__isnull=False)

    def public(self):
        return self.confirmed().filter(origin=Origin.CITIZEN)


# Tracking numbers leave out letters and digits that read alike (0/O, 1/I/L, 2/Z, 5/S, 8/B), so a number read
# over the phone or copied from paper comes back right; random, so that one number does not lead to the next.
TRACKING_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"


def new_tracking_number():
    code = "".join(secrets.choice(TRACKING_ALPHABET) for position in range(8))
    return f"{code[:4]}-{code[4:]}"


class Idea(models.Model):
    title = models.CharField(_("title"), max_length=300)
    # Given to the submitter, who follows the idea with it on the status page without an account.
    tracking_number = models.CharField(_("tracking number"), max_length=9, unique=True, default=new_tracking_number,
                                       editable=False)
    problem = models.TextField(_("the problem"))
    proposal = models.TextField(_("the proposal"))
    origin = models.CharField(_("submitted by"), max_length=10, choices=Origin.choices)
    municipality = models.ForeignKey(Municipality, verbose_name=_("city"), on_delete=models.PROTECT, null=True,
                                     blank=True, related_name="ideas")
    organization = models.ForeignKey(Organization, verbose_name=_("related organization"), on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="ideas")
    # Where a staff member or company submitting the idea works: the basis of the conflict-of-interest rule.
    source_organization = models.ForeignKey(Organization, verbose_name=_("submitter's organization"),
                                            on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    goals = models.ManyToManyField(Goal, verbose_name=_("related goals"), blank=True, related_name="ideas")
    indicators = models.ManyToManyField(Indicator, verbose_name=_("related indicators"), blank=True,
                                        related_name="ideas")
    submitter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="ideas")
    submitter_name = models.CharField(_("name"), max_length=200)
    submitter_email = models.EmailField(_("email"), blank=True)
    # Set at once for a signed-in submitter; for an anonymous one, when they follow the emailed link.
    email_confirmed_at = models.DateTimeField(null=True, blank=True)
    state = models.CharField(_("state"), max_length=16, choices=IdeaState.choices, default=IdeaState.SUBMITTED)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, blank=True)
    decision_reasons = models.TextField(_("reasons for the decision"), blank=True)
    is_sample_data = models.BooleanField(_("sample data"), default=False)
    created = models.DateTimeField(_("created"), default=timezone.now)
    state_changed = models.DateTimeField(default=timezone.now)

    objects = IdeaQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        indexes = [models.Index(fields=["state", "created"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("ideas:idea", args=[self.pk])

    def get_public_url(self):
        return reverse("ideas:public_idea", args=[self.pk])

    @property
    def is_public(self):
        return self.origin == Origin.CITIZEN and self.email_confirmed_at is not None

    @property
    def is_being_screened(self):
        return self.state in (IdeaState.SUBMITTED, IdeaState.SCREENING)

    @property
    def is_under_review(self):
        return self.state == IdeaState.EXPERT_REVIEW


class IdeaEvent(models.Model):
    """One step of an idea's timeline. The public page shows the steps, never who took them."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20)
    from_state = models.CharField(max_length=16, choices=IdeaState.choices, blank=True)
    to_state = models.CharField(max_length=16, choices=IdeaState.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    comment = models.TextField(blank=True)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created", "id"]


class IdeaAttachment(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="ideas/%Y/", storage=private_storage)
    size = models.PositiveIntegerField()
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["idea", "id"]

    def get_absolute_url(self):
        return reverse("ideas:attachment", args=[self.idea_id, self.pk])


SCORE = [MinValueValidator(1), MaxValueValidator(5)]
CRITERIA = ("alignment", "feasibility", "cost", "impact", "novelty")


class ReviewQuerySet(models.QuerySet):
    def completed(self):
        return self.filter(submitted_at__isnull=False)

    def pending(self):
        return self.filter(submitted_at__isnull=True)


class Review(models.Model):
    """An expert's assignment to an idea, and once submitted, their scores (1–5, higher is better) and comment."""

    idea = models.ForeignKey(Idea, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="reviews")
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("expert"), on_delete=models.PROTECT, related_name="idea_reviews"
    )
    assigned_at = models.DateTimeField(default=timezone.now)
    due_on = models.DateField(_("due"))
    alignment = models.PositiveSmallIntegerField(_("alignment with upstream documents"), null=True, validators=SCORE)
    feasibility = models.PositiveSmallIntegerField(_("feasibility"), null=True, validators=SCORE)
    cost = models.PositiveSmallIntegerField(_("cost (5 = cheapest)"), null=True, validators=SCORE)
    impact = models.PositiveSmallIntegerField(_("impact"), null=True, validators=SCORE)
    novelty = models.PositiveSmallIntegerField(_("novelty"), null=True, validators=SCORE)
    comment = models.TextField(_("comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["idea", "assigned_at", "id"]
        constraints = [models.UniqueConstraint(fields=["idea", "expert"], name="one_review_per_expert")]

    @property
    def is_completed(self):
        return self.submitted_at is not None

    @property
    def scores(self):
        return {name: getattr(self, name) for name in CRITERIA}

    @property
    def total(self):
        return sum(self.scores.values()) if self.is_completed else None

    def is_overdue(self, today=None):
        return not self.is_completed and self.due_on < (today or timezone.localdate())


class Pilot(models.Model):
    """Where and from when an idea is tried, and the indicators it should move; its before/after values are
    read from strategy's verified measurements, never copied here."""

    idea = models.OneToOneField(Idea, on_delete=models.CASCADE, related_name="pilot")
    municipality = models.ForeignKey(Municipality, verbose_name=_("city"), on_delete=models.PROTECT,
                                     related_name="pilots")
    organization = models.ForeignKey(Organization, verbose_name=_("organization"), on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="pilots")
    indicators = models.ManyToManyField(Indicator, verbose_name=_("indicators it should move"), related_name="pilots")
    plan = models.TextField(_("plan"))
    start_period = models.CharField(_("first period"), max_length=8)
    end_period = models.CharField(_("last period"), max_length=8, blank=True)
    evaluation = models.TextField(_("evaluation"), blank=True)
