"""Every change to the network goes through these functions.

Each one checks access, runs in one transaction and writes the audit trail. Web views, the
admin, management commands and tests all call them. The system (commands, the demo) acts as `network.access.SYSTEM`; no actor is an error.
"""

from django.conf import settings
from django.db import transaction
from django.urls import translate_url
from django.utils import timezone
from django.utils.text import slugify

from kalanshahr.lib.errors import AccessDenied, DomainError
from kalanshahr.lib.persian import normalize

from . import access, audit, signals
from .models import NETWORK_KINDS, Duty, Membership, Municipality, Notification, Organization

MUNICIPALITY_FIELDS = ("name_fa", "name_en", "province_fa", "province_en", "region", "population",
                       "population_is_sample", "is_metropolis", "is_compared")
ORGANIZATION_FIELDS = ("name_fa", "name_en", "mission")


def _clean_text(values):
    return {name: normalize(value) if isinstance(value, str) else value for name, value in values.items()}


@transaction.atomic
def create_municipality(actor, *, name_fa, slug, **fields):
    if not access.is_secretariat(actor):
        raise AccessDenied("تنها دبیرخانه شهرداری تازه ثبت می‌کند.", "Only the secretariat registers municipalities.")
    if Municipality.objects.filter(slug=slug).exists():
        raise DomainError("duplicate_slug", f"شناسه‌ی «{slug}» پیش‌تر به کار رفته است.", f"The slug “{slug}” is taken.", field="slug")
    municipality = Municipality.objects.create(**_clean_text({"name_fa": name_fa, **fields}), slug=slug)
    audit.record(actor, "network.municipality.create", municipality, changes=_clean_text({"name_fa": name_fa, **fields}))
    if municipality.is_compared:
        signals.compared_cities_changed.send(Municipality, municipalities={municipality.pk})
    return municipality


@transaction.atomic
def create_sample_municipalities(actor, specs):
    """Generated municipalities for the scale benchmarks, in bulk: `specs` are dicts of MUNICIPALITY_FIELDS
    with a slug; each is flagged as sample data and joins the compared network. Returns them in id order."""
    if not access.is_system(actor):
        raise AccessDenied("شهرداری نمونه را تنها سامانه می‌سازد.", "Only the system generates sample municipalities.")
    rows = [Municipality(**_clean_text({k: v for k, v in spec.items() if k in MUNICIPALITY_FIELDS}),
                         slug=spec["slug"], population_is_sample=True, is_compared=True) for spec in specs]
    created = Municipality.objects.bulk_create(rows, batch_size=1000)  # both databases return the new ids
    audit.record_many(actor, "network.municipality.sample", created)
    return created


@transaction.atomic
def compare_municipalities(actor, populations):
    """Makes the given municipalities compared cities, for the national-scale benchmarks. `populations` maps a
    municipality to an illustrative population, written (and flagged as sample data) only where none is known.
    Returns the municipalities changed."""
    if not access.is_system(actor):
        raise AccessDenied("شهرداری‌ها را تنها سامانه به مقایسه می‌افزاید.", "Only the system adds municipalities to the comparisons.")
    changed = []
    for municipality, population in populations.items():
        if municipality.is_compared and municipality.population is not None:
            continue
        municipality.is_compared = True
        if municipality.population is None:
            municipality.population, municipality.population_is_sample = population, True
        changed.append(municipality)
    Municipality.objects.bulk_update(changed, ["is_compared", "population", "population_is_sample"], batch_size=1000)
    audit.record_many(actor, "network.municipality.compare", changed)
    signals.compared_cities_changed.send(Municipality, municipalities={m.pk for m in changed})
    return changed


@transaction.atomic
def update_municipality(actor, municipality, **values):
    if not access.can_edit_municipality(actor, municipality):
        raise AccessDenied("فهرست شهرداری‌ها را تنها دبیرخانه ویرایش می‌کند.", "Only the secretariat edits the register of municipalities.")
    values = _clean_text({k: v for k, v in values.items() if k in MUNICIPALITY_FIELDS})
    changes = audit.apply(municipality, values)
    if not changes:
        return municipality
    audit.record(actor, "network.municipality.update", municipality, changes=changes)
    if "is_compared" in changes:
        signals.compared_cities_changed.send(Municipality, municipalities={municipality.pk})
    return municipality


def _unique_slug(base):
    base = slugify(base)[:70] or "org"
    slug, n = base, 1
    existing = set(Organization.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    while slug in existing:
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def create_organization(actor, *, kind, name_fa, municipality=None, parent=None, name_en="", slug="", mission="",
                        duties=()):
    """A new organization, under `parent` if given; a unit inherits its parent's municipality."""
    if parent is not None:
        municipality = parent.municipality
    if not access.can_add_organization(actor, municipality, parent):
        raise AccessDenied(
            "شما اجازه‌ی افزودن سازمان در این‌جا را ندارید.", "You may not add an organization here."
        )
    if kind not in NETWORK_KINDS and municipality is None:
        raise DomainError(
            "municipality_required", "این نوع سازمان باید به یک شهرداری تعلق داشته باشد.",
            "This kind of organization must belong to a municipality.", field="municipality",
        )
    if kind in NETWORK_KINDS and municipality is not None:
        raise DomainError(
            "network_kind_without_municipality", "دبیرخانه و مراجع ذی‌صلاح به شهرداری خاصی تعلق ندارند.",
            "The secretariat and competent authorities belong to no municipality.", field="kind",
        )
    if slug and Organization.objects.filter(slug=slug).exists():
        raise DomainError("duplicate_slug", f"شناسه‌ی «{slug}» پیش‌تر به کار رفته است.", f"The slug “{slug}” is taken.", field="slug")
    values = _clean_text({"name_fa": name_fa, "name_en": name_en, "mission": mission})
    organization = Organization.objects.create(
        kind=kind, municipality=municipality, parent=parent, slug=slug or _unique_slug(name_en or name_fa), **values
    )
    organization.path = f"{parent.path if parent else '/'}{organization.pk}/"
    organization.save(update_fields=["path"])
    Duty.objects.bulk_create(
        Duty(organization=organization, position=i, text=normalize(text)) for i, text in enumerate(duties) if text.strip()
    )
    audit.record(actor, "network.organization.create", organization,
                 changes={**values, "kind": kind, "duties": [normalize(t) for t in duties if t.strip()]})
    return organization


@transaction.atomic
def update_organization(actor, organization, *, duties=None, comment="", **values):
    """Names and mission; `duties`, when given, replaces the list of duties in order."""
    if not access.can_edit_organization(actor, organization):
        raise AccessDenied(
            "شما اجازه‌ی ویرایش این سازمان را ندارید.", "You may not edit this organization."
        )
    values = _clean_text({k: v for k, v in values.items() if k in ORGANIZATION_FIELDS})
    changes = audit.apply(organization, values)
    if duties is not None:
        new_duties = [normalize(text) for text in duties if text.strip()]
        old_duties = list(organization.duties.values_list("text", flat=True))
        if new_duties != old_duties:
            organization.duties.all().delete()
            Duty.objects.bulk_create(Duty(organization=organization, position=i, text=t) for i, t in enumerate(new_duties))
            changes["duties"] = [old_duties, new_duties]
    if changes:
        audit.record(actor, "network.organization.update", organization, changes=changes, comment=comment)
    return organization


@transaction.atomic
def add_membership(actor, user, organization, role, title=""):
    """Gives `user` a role in `organization`; the secretariat's and superusers' job."""
    if not (access.is_superuser(actor) or access.is_secretariat(actor)):
        raise AccessDenied("تنها دبیرخانه نقش‌ها را واگذار می‌کند.", "Only the secretariat assigns roles.")
    membership, created = Membership.objects.get_or_create(
        user=user, organization=organization, role=role, defaults={"title": normalize(title)}
    )
    if created:
        audit.record(actor, "network.membership.add", organization, changes={"user": user.get_username(), "role": role})
        access.forget(user)
    return membership


@transaction.atomic
def remove_membership(actor, membership):
    """Takes a role away; the secretariat's and superusers' job, audited like giving it."""
    if not (access.is_superuser(actor) or access.is_secretariat(actor)):
        raise AccessDenied("تنها دبیرخانه نقش‌ها را پس می‌گیرد.", "Only the secretariat takes roles away.")
    user, organization, role = membership.user, membership.organization, membership.role
    Membership.objects.filter(pk=membership.pk).delete()
    audit.record(actor, "network.membership.remove", organization,
                 changes={"user": user.get_username(), "role": role})
    access.forget(user)


def notify(users, message, url="", **params):
    """Adds one notification per person, inside the caller's transaction, so that it exists exactly when the
    change it reports does. `message` is the English source text, marked with gettext_noop where it is written,
    with %(name)s placeholders filled from `params` when it is shown. Anonymous or repeated people are skipped."""
    people = {user.pk: user for user in users if user is not None and getattr(user, "pk", None)}
    # Kept in the default language's form (no prefix), and shown in each reader's own language when opened.
    url = translate_url(url, settings.LANGUAGE_CODE) if url else ""
    Notification.objects.bulk_create(
        Notification(user=user, message=message, params=params, url=url) for user in people.values()
    )
    return len(people)


def mark_read(user, notification_ids=None):
    """Marks the person's own notifications as read (all of them without ids). A person's reading state is theirs
    alone, and changes nothing anyone else sees, so it leaves no audit event. Returns how many changed."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=notification_ids)
    return unread.update(read_at=timezone.now())
