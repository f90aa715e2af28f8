"""The network: municipalities, organizations, who belongs where, and the audit trail."""

import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_lazy as _, pgettext_lazy

from kalanshahr.lib.persian import SORT_KEY_LENGTH, sort_key
from kalanshahr.lib.uploads import private_storage


def english_page():
    """Whether the active language is English (the site's other language is Persian)."""
    return (translation.get_language() or "fa").startswith("en")


def shown_name(name_fa, name_en):
    """The name for the active language: the English one on an English page where there is one."""
    return name_en if name_en and english_page() else name_fa


class BilingualNameMixin:
    """Models with `name_fa` and `name_en` show the one for the active language."""

    @property
    def name(self):
        return shown_name(self.name_fa, self.name_en)

    def __str__(self):
        return self.name


class PersianOrderedQuerySet(models.QuerySet):
    def in_name_order(self):
        """Persian alphabetical order, said explicitly: Django drops Meta.ordering from a query with aggregates."""
        return self.order_by("name_order", "id")

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for obj in objs:
            obj.name_order = sort_key(obj.name_fa)
        return super().bulk_create(objs, *args, **kwargs)


class PersianOrderedName(models.Model):
    """`name_order` is `name_fa` as a key whose plain order is the Persian alphabet (lib.persian.sort_key), so that
    lists, filters, matrix columns and exports order by it alike on both databases: order by it, never by name_fa
    (code-point order puts ک، گ and ی after every Arabic letter). Kept on every save and bulk_create."""

    name_order = models.CharField(max_length=SORT_KEY_LENGTH, editable=False, default="", db_index=True)

    class Meta:
        abstract = True

    def save(self, *args, update_fields=None, **kwargs):
        self.name_order = sort_key(self.name_fa)
        if update_fields is not None and "name_fa" in update_fields:
            update_fields = {*update_fields, "name_order"}
        super().save(*args, update_fields=update_fields, **kwargs)


class Region(models.TextChoices):
    NORTH = "north", _("North")
    NORTHWEST = "northwest", _("Northwest")
    WEST = "west", _("West")
    SOUTHWEST = "southwest", _("Southwest")
    CENTRAL = "central", _("Central")
    NORTHEAST = "northeast", _("Northeast")
    SOUTHEAST = "southeast", _("Southeast")
    SOUTH = "south", _("South")


# Bands for the default peer-group scheme; upper bounds are exclusive.
POPULATION_BANDS = (
    (1_000_000, _("under 1 million")),
    (2_000_000, _("1 to 2 million")),
    (5_000_000, _("2 to 5 million")),
    (None, _("over 5 million")),
)


class Province(BilingualNameMixin, PersianOrderedName):
    """One of Iran's provinces, with its official code (loaded by `load_iran_municipalities`)."""

    code = models.CharField(_("official code"), max_length=8, unique=True)
    name_fa = models.CharField(_("name (Persian)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)

    objects = PersianOrderedQuerySet.as_manager()

    class Meta:
        ordering = ["name_order", "id"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")


class County(BilingualNameMixin, PersianOrderedName):
    """A county (shahrestan) of a province, with its official code."""

    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="counties", verbose_name=_("province"))
    code = models.CharField(_("official code"), max_length=8, unique=True)
    name_fa = models.CharField(_("name (Persian)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)

    objects = PersianOrderedQuerySet.as_manager()

    class Meta:
        ordering = ["name_order", "id"]
        verbose_name = _("county")
        verbose_name_plural = _("counties")


class MunicipalityQuerySet(PersianOrderedQuerySet):
    def metropolises(self):
        return self.filter(is_metropolis=True)

    def compared(self):
        """The cities the comparisons rank: the network's metropolises, or every municipality at national scale."""
        return self.filter(is_compared=True)

    def with_organization_counts(self):
        return self.annotate(organization_count=models.Count("organizations", distinct=True))


class Municipality(BilingualNameMixin, PersianOrderedName):
    name_fa = models.CharField(_("name (Persian)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    slug = models.SlugField(_("slug"), unique=True)
    province_fa = models.CharField(_("province (Persian)"), max_length=100, blank=True)
    province_en = models.CharField(_("province (English)"), max_length=100, blank=True)
    region = models.CharField(_("region"), max_length=20, choices=Region.choices, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_is_sample = models.BooleanField(
        _("population is sample data"), default=False,
        help_text=_("Tick when the population is an illustrative figure rather than an official statistic."),
    )
    is_metropolis = models.BooleanField(_("metropolis"), default=False)
    is_compared = models.BooleanField(
        _("compared"), default=False,
        help_text=_("Tick when the city reports the shared indicators and is ranked in the comparisons."),
    )
    is_district = models.BooleanField(
        _("municipal district"), default=False,
        help_text=_("A district of a city's municipality that the national divisions list as a city of its own."),
    )
    # From Iran's national divisions (`load_iran_municipalities`); empty for a municipality registered by hand.
    national_code = models.CharField(_("national code"), max_length=12, unique=True, null=True, blank=True)
    division_province = models.ForeignKey(Province, on_delete=models.PROTECT, null=True, blank=True,
                                          related_name="municipalities", verbose_name=_("province"))
    county = models.ForeignKey(County, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="municipalities", verbose_name=_("county"))

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        ordering = ["name_order", "id"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        # Iran has 32 names that two cities share; within one county a name is unique, and so it is among
        # the municipalities registered by hand (no county).
        constraints = [
            models.UniqueConstraint(fields=["county", "name_fa"], name="municipality_name_unique_in_county",
                                    violation_error_message=_("A municipality of this name is already in this county.")),
            models.UniqueConstraint(fields=["name_fa"], condition=Q(county__isnull=True),
                                    name="municipality_name_unique_without_county",
                                    violation_error_message=_("A municipality of this name is already registered.")),
        ]

    def get_absolute_url(self):
        return reverse("network:municipality", args=[self.slug])

    @staticmethod
    def order_key(name_order, name_en):
        """The sort key of a city's shown name from two of its columns, without building the model: the stored
        Persian order, or on an English page the English name where it has one (as BilingualNameMixin.name)."""
        return sort_key(name_en) if name_en and english_page() else name_order

    @property
    def province(self):
        """The province's name in the active language: from the national divisions when loaded, else as typed."""
        division = self.division_province if self.division_province_id else None
        return self.shown_province(division.name_fa if division else None, division.name_en if division else None,
                                   self.province_fa, self.province_en)

    @staticmethod
    def shown_province(division_fa, division_en, province_fa, province_en):
        """`province` from its four columns, without building the models (the city pickers' 1,554 options)."""
        english = english_page()
        if division_fa is not None and not (english and province_en and not division_en):
            return shown_name(division_fa, division_en)
        return province_en if english and province_en else province_fa

    @property
    def population_band(self):
        """The population band label, a peer attribute; None when the population is unknown."""
        if self.population is None:
            return None
        for upper, label in POPULATION_BANDS:
            if upper is None or self.population < upper:
                return label
        return None


class OrganizationKind(models.TextChoices):
    MUNICIPAL_OFFICE = "municipal_office", _("Municipal office")
    DEPUTY = "deputy", _("Deputy mayor's office")
    DEPARTMENT = "department", _("Department")
    COMPANY = "company", _("Municipal company")
    SECRETARIAT = "secretariat", _("Secretariat")
    AUTHORITY = "authority", _("Competent authority")


# Kinds that stand outside any one municipality.
NETWORK_KINDS = (OrganizationKind.SECRETARIAT, OrganizationKind.AUTHORITY)


class OrganizationQuerySet(PersianOrderedQuerySet):
    def with_related(self):
        return self.select_related("municipality", "parent")

    def authorities(self):
        return self.filter(kind=OrganizationKind.AUTHORITY)

    def subtree_of(self, organization):
        """The organization and every unit below it (one query, via the materialized path)."""
        return self.subtree_at(organization.path)

    def subtree_at(self, path):
        return self.filter(path__startswith=path)


class Organization(BilingualNameMixin, PersianOrderedName):
    name_fa = models.CharField(_("name (Persian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganizationKind.choices)
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="organizations",
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("parent organization"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="children",
    )
    mission = models.TextField(_("mission"), blank=True)
    # "/12/40/" for unit 40 under 12: subtree queries without recursion. Kept by services.create_organization.
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=NETWORK_KINDS) | Q(municipality__isnull=False),
                name="organization_municipal_kinds_have_municipality",
                violation_error_message=_("Every organization except the secretariat and authorities belongs to a municipality."),
            ),
        ]

    def get_absolute_url(self):
        return reverse("network:organization", args=[self.slug])

    @property
    def depth(self):
        return self.path.count("/") - 2 if self.path else 0


class Duty(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="duties")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.TextField(_("duty"))

    class Meta:
        ordering = ["organization", "position", "id"]
        verbose_name = _("duty")
        verbose_name_plural = _("duties")

    def __str__(self):
        return self.text[:60]


class Role(models.TextChoices):
    SECRETARIAT = "secretariat", _("Secretariat staff")
    MUNICIPALITY_EDITOR = "municipality_editor", _("Municipality editor")
    ORGANIZATION_MANAGER = "organization_manager", _("Organization manager")
    AUTHORITY_REVIEWER = "authority_reviewer", _("Authority reviewer")
    EXPERT_REVIEWER = "expert_reviewer", _("Expert reviewer")
    MODERATOR = "moderator", _("Moderator")
    # Checks measurements entered in their municipality (never their own) before they count.
    VERIFIER = "verifier", _("Data verifier")
    # Citizens hold no membership: any signed-in user without one is a citizen.
    CITIZEN = "citizen", _("Citizen")


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    title = models.CharField(_("job title"), max_length=200, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organization", "role"], name="membership_unique_role"),
            models.CheckConstraint(condition=~Q(role="citizen"), name="membership_not_citizen"),
        ]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} · {self.organization}"


# What each audited action is called on history pages; apps add theirs with AuditEvent.register_actions().
ACTION_LABELS = {
    "network.municipality.create": _("registered the municipality"),
    "network.municipality.update": _("edited the municipality"),
    "network.municipality.sample": _("generated the sample municipality"),
    "network.organization.create": _("created the organization"),
    "network.organization.update": _("edited the organization"),
    "network.membership.add": _("gave a role"),
    "network.membership.remove": _("took a role away"),
}


class AuditEvent(models.Model):
    """One row per state change made through a service, in the same transaction as the change.

    Our own model rather than django-auditlog: services record the domain verb and the
    comment or reason a person gave, not only field diffs, and bulk updates are covered
    because the service writes the row, not a save() signal.
    """

    created = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("actor"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=80)
    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    target_id = models.CharField(max_length=40)
    target_repr = models.CharField(pgettext_lazy("audit event", "target"), max_length=200)
    changes = models.JSONField(default=dict, blank=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id", "-created"])]
        verbose_name = pgettext_lazy("audit", "event")
        verbose_name_plural = _("audit trail")

    def __str__(self):
        return f"{self.action} {self.target_repr}"

    @property
    def action_label(self):
        return ACTION_LABELS.get(self.action, self.action)

    @staticmethod
    def register_actions(labels):
        ACTION_LABELS.update(labels)


class ReminderSent(models.Model):
    """Claims one item's reminder for one day: the unique key makes a second run that day send nothing."""

    item = models.CharField(max_length=80)  # "commitment:12", "adoption:40", "data:7:1405-07"
    day = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "day"], name="network_reminder_once_per_day")]


class Notification(models.Model):
    """A note in one person's notification list, beside (not instead of) the e-mails the apps send.

    The message is kept as its English source text with its values apart, and translated when shown, so the same
    notification reads in Persian on the Persian pages and in English on the English ones.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications",
                             verbose_name=_("person"))
    message = models.CharField(_("message"), max_length=200)
    params = models.JSONField(_("values"), default=dict, blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["user", "read_at"], name="network_notification_unread")]

    def __str__(self):
        return self.text

    @property
    def text(self):
        try:
            return gettext(self.message) % self.params
        except (KeyError, TypeError, ValueError):  # a translation that lost a value: the source text still reads
            return self.message % self.params

    @property
    def is_read(self):
        return self.read_at is not None


class Tag(models.Model):
    """A free label, shared by every app that tags things (news, successful experiences), so one word is one tag."""

    name = models.CharField(_("name"), max_length=60, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class SearchDocument(models.Model):
    """One searchable thing (a news item, a resolution, an experience, an idea), kept by its app's services
    through network/search.py. `tokens` holds both normalized forms of its words (ZWNJ as a space and ZWNJ
    removed); SQLite searches them with FTS5 and PostgreSQL with a full-text index over the same tokens."""

    PUBLIC, SIGNED_IN = "public", "signed_in"

    kind = models.CharField(max_length=20)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=300)
    url = models.CharField(max_length=300)
    text = models.TextField(blank=True)  # normalized, for the snippet
    tokens = models.TextField()
    audience = models.CharField(max_length=10, choices=[(PUBLIC, "public"), (SIGNED_IN, "signed in")])
    visible_from = models.DateTimeField(null=True, blank=True)  # a scheduled news item
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="one_search_document")]


class DataVersion(models.Model):
    """A counter per app, bumped with every change to that app's data (network/fragments.py): the key under which
    the heavy pages' rendered fragments are cached, so a committed change makes the older fragments unreachable."""

    app = models.CharField(max_length=32, primary_key=True)
    value = models.PositiveBigIntegerField(default=0)

    def __str__(self):
        return f"{self.app} {self.value}"


class ReportFile(models.Model):
    """A PDF document made by the task worker for the person who asked for it (network/reports.py)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Being prepared")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Could not be made")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    finished = models.DateTimeField(null=True, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=50)
    params = models.JSONField(default=dict)
    language = models.CharField(max_length=8)
    title = models.CharField(max_length=300)
    filename = models.CharField(max_length=150)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    file = models.FileField(storage=private_storage, upload_to="reports/%Y/", blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return self.title

    @property
    def is_finished(self):
        return self.status != self.Status.QUEUED
