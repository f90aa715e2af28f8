"""The public portal (S6): news with a news code, tags and links to meetings, resolutions, cities and
organizations; threaded citizen comments under pre-moderation (moderation.py); bans."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from kalanshahr.meetings.models import Meeting, Resolution
from kalanshahr.network.models import Municipality, Organization


class NewsQuerySet(models.QuerySet):
    def published(self, now=None):
        return self.filter(published_at__isnull=False, published_at__lte=now or timezone.now())

    def with_related(self):
        return self.prefetch_related("tags", "municipalities", "organizations", "meetings", "resolutions")


class News(models.Model):
    code = models.PositiveIntegerField(_("news code"), unique=True, editable=False)
    title = models.CharField(_("title"), max_length=300)
    lead = models.TextField(_("lead"))
    body = models.TextField(_("body"), help_text=_("Rich text; anything unsafe is removed when it is saved."))
    tags = models.ManyToManyField("network.Tag", verbose_name=_("tags"), blank=True, related_name="news")
    municipalities = models.ManyToManyField(Municipality, verbose_name=_("cities"), blank=True, related_name="news")
    organizations = models.ManyToManyField(Organization, verbose_name=_("organizations"), blank=True,
                                           related_name="news")
    meetings = models.ManyToManyField(Meeting, verbose_name=_("meetings"), blank=True, related_name="news")
    resolutions = models.ManyToManyField(Resolution, verbose_name=_("resolutions"), blank=True, related_name="news")
    # None: a draft; in the future: scheduled; otherwise published.
    published_at = models.DateTimeField(_("publish time"), null=True, blank=True)
    is_sample_data = models.BooleanField(_("sample data"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created = models.DateTimeField(default=timezone.now)
    updated = models.DateTimeField(default=timezone.now)

    objects = NewsQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-code"]
        verbose_name = _("news item")
        verbose_name_plural = _("news")
        indexes = [models.Index(fields=["published_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("portal:news", args=[self.code])

    @property
    def plain_body(self):
        """The body without its markup, for search and feeds."""
        return strip_tags(self.body)

    @property
    def state(self):
        if self.published_at is None:
            return "draft"
        return "scheduled" if self.published_at > timezone.now() else "published"

    @property
    def is_published(self):
        return self.state == "published"

    @property
    def is_scheduled(self):
        return self.state == "scheduled"


class CommentState(models.TextChoices):
    PENDING = "pending", _("Waiting for a moderator")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")


class CommentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=CommentState.PUBLISHED)


class Comment(models.Model):
    news = models.ForeignKey(News, verbose_name=_("news item"), on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="comments")
    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("email"), blank=True)
    text = models.TextField(_("comment"))
    state = models.CharField(_("state"), max_length=10, choices=CommentState.choices, default=CommentState.PENDING)
    # The pipeline's verdict and reasons (moderation.py), kept as given even after a moderator decides.
    verdict = models.CharField(_("verdict"), max_length=8)
    reasons = models.JSONField(default=list)
    reject_reason = models.TextField(_("reason shown to the author"), blank=True)
    ip_hash = models.CharField(max_length=64, blank=True)
    is_sample_data = models.BooleanField(default=False)
    created = models.DateTimeField(_("created"), default=timezone.now)
    moderated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    moderated_at = models.DateTimeField(null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created", "id"]
        indexes = [models.Index(fields=["news", "state"]), models.Index(fields=["state", "created"]),
                   models.Index(fields=["ip_hash", "created"])]

    def __str__(self):
        return self.text[:60]


class Ban(models.Model):
    """An author who may not comment any more: by account, email or (hashed) address."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True,
                             related_name="+")
    email = models.EmailField(blank=True)
    ip_hash = models.CharField(max_length=64, blank=True)
    reason = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created = models.DateTimeField(default=timezone.now)
