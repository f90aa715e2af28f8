"""Every change in S3: peer groups, experiences and exchange requests.

Each function checks access, runs in one transaction, writes the audit trail and raises a DomainError
(Persian and English) that leaves nothing changed. The shared indicators are defined through
strategy.services.create_indicator with scope="network".
"""

from decimal import Decimal, InvalidOperation

from django.core.validators import slug_re
from django.db import transaction
from django.utils.translation import gettext_noop

from kalanshahr.lib.errors import AccessDenied, InvalidInput, require_filled
from kalanshahr.lib.persian import normalize
from kalanshahr.lib.uploads import check_upload
from kalanshahr.network import access as network_access, audit, search, services as network_services
from kalanshahr.network.models import Municipality, Province, Role, Tag
from kalanshahr.strategy.models import Scope

from . import access
from .models import (
    Experience, ExperienceAttachment, ExperienceFigure, ExchangeRequest, PeerGroup, PeerMembership, PeerScheme,
    SchemeKind,
)
from .workflow import EXPERIENCES, REQUEST_MOVES, REQUESTS


# --- peer groups -------------------------------------------------------------------------------

def _check_kind(kind):
    if kind not in SchemeKind.values:
        raise InvalidInput("bad_kind", f"نوع «{kind}» پذیرفته نیست.", f"“{kind}” is not a scheme kind.", field="kind")


def _check_slug_free(model, slug):
    if not slug or not slug_re.fullmatch(slug):
        raise InvalidInput("bad_slug", "شناسه را با حروف و رقم‌های لاتین و خط تیره بنویسید (مثل big-cities).",
                           "Write the slug with Latin letters, digits and hyphens (like big-cities).", field="slug")
    if model.objects.filter(slug=slug).exists():
        raise InvalidInput("duplicate_slug", f"شناسه‌ی «{slug}» پیش‌تر به کار رفته است.", f"The slug “{slug}” is taken.",
                           field="slug")


def _names(name_fa, name_en):
    name_fa = normalize(name_fa or "")
    require_filled({"name_fa": name_fa}, "name_fa")
    return {"name_fa": name_fa, "name_en": (name_en or "").strip()}


@transaction.atomic
def create_scheme(actor, *, slug, name_fa, kind, name_en=""):
    access.check_can_manage_peer_groups(actor)
    _check_kind(kind)
    _check_slug_free(PeerScheme, slug)
    scheme = PeerScheme.objects.create(slug=slug, kind=kind, **_names(name_fa, name_en))
    audit.record(actor, "benchmarking.scheme.create", scheme)
    return scheme


# The population bands of a band scheme built from the register: (low, high) inhabitants, high not included.
POPULATION_BANDS = ((0, 50_000), (50_000, 200_000), (200_000, 500_000), (500_000, 1_000_000), (1_000_000, None))


def _band_name(low, high):
    if high is None:
        return f"بیش از {low:,} نفر".replace(",", "٬"), f"{low:,} or more"
    return f"{low:,} تا {high:,} نفر".replace(",", "٬"), f"{low:,} to {high:,}"


@transaction.atomic
def create_province_scheme(actor, *, slug="provinces"):
    """A scheme with one group per province, holding the province's compared cities (national divisions)."""
    scheme = create_scheme(actor, slug=slug, name_fa="استان‌ها", name_en="Provinces", kind=SchemeKind.PROVINCE)
    cities = {}
    for city in Municipality.objects.compared().filter(division_province__isnull=False).only("id", "slug", "division_province"):
        cities.setdefault(city.division_province_id, []).append(city)
    for province in Province.objects.filter(pk__in=cities):
        create_group(actor, scheme, slug=f"{slug}-{province.code}", name_fa=province.name_fa, name_en=province.name_en,
                     members=cities[province.pk])
    return scheme


@transaction.atomic
def create_population_band_scheme(actor, *, slug="population-bands", bands=POPULATION_BANDS):
    """A scheme with one group per population band, holding the compared cities whose population is in it."""
    scheme = create_scheme(actor, slug=slug, name_fa="رده‌های جمعیتی", name_en="Population bands",
                           kind=SchemeKind.POPULATION_BAND)
    cities = list(Municipality.objects.compared().filter(population__isnull=False).only("id", "slug", "population"))
    for index, (low, high) in enumerate(bands):
        name_fa, name_en = _band_name(low, high)
        create_group(actor, scheme, slug=f"{slug}-{index + 1}", name_fa=name_fa, name_en=name_en,
                     members=[c for c in cities if c.population >= low and (high is None or c.population < high)])
    return scheme


@transaction.atomic
def update_scheme(actor, scheme, *, name_fa, kind, name_en=""):
    """Renames a scheme or changes its kind; the slug stays, since links and the API use it."""
    access.check_can_manage_peer_groups(actor)
    _check_kind(kind)
    values = {"kind": kind, **_names(name_fa, name_en)}
    changes = audit.apply(scheme, values)
    audit.record(actor, "benchmarking.scheme.update", scheme, changes=changes)
    return scheme


@transaction.atomic
def create_group(actor, scheme, *, slug, name_fa, name_en="", members=()):
    access.check_can_manage_peer_groups(actor)
    _check_slug_free(PeerGroup, slug)
    group = PeerGroup.objects.create(scheme=scheme, slug=slug, **_names(name_fa, name_en))
    audit.record(actor, "benchmarking.group.create", group)
    _set_members(actor, group, members)
    return group


@transaction.atomic
def update_group(actor, group, *, name_fa, name_en="", members=None):
    """Renames a group and, when `members` is given, replaces its cities."""
    access.check_can_manage_peer_groups(actor)
    changes = audit.apply(group, _names(name_fa, name_en))
    if changes:
        audit.record(actor, "benchmarking.group.update", group, changes=changes)
    if members is not None:
        _set_members(actor, group, members)
    return group


@transaction.atomic
def delete_group(actor, group):
    """Removes a group and its memberships; comparisons simply stop offering it as a filter."""
    access.check_can_manage_peer_groups(actor)
    members = sorted(group.members.values_list("slug", flat=True))
    audit.record(actor, "benchmarking.group.delete", group, changes={"members": members})
    group.delete()


@transaction.atomic
def set_group_members(actor, group, municipalities):
    """Replaces the group's members; a city already in another group of the same scheme is refused by name."""
    access.check_can_manage_peer_groups(actor)
    _set_members(actor, group, municipalities)
    return group


def _set_members(actor, group, municipalities):
    municipalities = list(municipalities)
    taken = (PeerMembership.objects.filter(scheme=group.scheme_id, municipality__in=municipalities)
             .exclude(group=group).select_related("municipality", "group").first())
    if taken:
        raise InvalidInput(
            "already_in_scheme",
            f"{taken.municipality.name_fa} در گروه «{taken.group.name_fa}» از همین طبقه‌بندی است.",
            f"{taken.municipality.name_en or taken.municipality.slug} is already in the group "
            f"“{taken.group.name_en or taken.group.slug}” of this scheme.", field="members")
    before = sorted(PeerMembership.objects.filter(group=group).values_list("municipality__slug", flat=True))
    after = sorted(m.slug for m in municipalities)
    if before == after:
        return
    PeerMembership.objects.filter(group=group).delete()
    PeerMembership.objects.bulk_create(PeerMembership(group=group, scheme_id=group.scheme_id, municipality=m)
                                       for m in municipalities)
    audit.record(actor, "benchmarking.group.members", group, changes={"members": [before, after]})


# --- experiences -------------------------------------------------------------------------------

EXPERIENCE_TEXTS = ("title", "problem", "actions", "results", "contact")


def _experience_links(experience, *, indicators=None, tags=None, figures=None):
    if indicators is not None:
        indicators = list(indicators)
        not_shared = [i.code for i in indicators if i.scope != Scope.NETWORK]
        if not_shared:
            raise InvalidInput("not_shared", f"شاخص {', '.join(not_shared)} از شاخص‌های مشترک شبکه نیست.",
                               f"Not a shared network indicator: {', '.join(not_shared)}.", field="indicators")
        experience.indicators.set(indicators)
    if tags is not None:
        names = list(dict.fromkeys(normalize(t) for t in tags if normalize(t)))
        existing = {t.name: t for t in Tag.objects.filter(name__in=names)}
        Tag.objects.bulk_create(Tag(name=n) for n in names if n not in existing)
        experience.tags.set(Tag.objects.filter(name__in=names))
    if figures is not None:
        rows = []
        for number, (label, before, after, unit) in enumerate(figures, start=1):
            try:
                before, after = Decimal(str(before)), Decimal(str(after))
            except InvalidOperation:
                raise InvalidInput("bad_figure", f"رقم‌های قبل و بعد در ردیف {number} عدد نیستند.",
                                   f"The before and after figures of row {number} are not numbers.",
                                   field="figures") from None
            if not normalize(label):
                raise InvalidInput("bad_figure", f"ردیف {number} از نتیجه‌ها عنوان ندارد.",
                                   f"Result row {number} has no label.", field="figures")
            rows.append(ExperienceFigure(experience=experience, label=normalize(label), before=before, after=after,
                                         unit=normalize(unit or "")))
        experience.figures.all().delete()
        ExperienceFigure.objects.bulk_create(rows)


def _check_organization(municipality, organization):
    if organization is not None and organization.municipality_id != municipality.pk:
        raise InvalidInput("organization_elsewhere", "این سازمان از شهرداری دیگری است.",
                           "This organization belongs to another municipality.", field="organization")


@transaction.atomic
def create_experience(actor, municipality, *, title, problem, actions, results, organization=None, contact="",
                      indicators=(), tags=(), figures=(), is_sample_data=False):
    """A draft experience of `municipality`; `figures` are (label, before, after, unit) rows."""
    experience = Experience(municipality=municipality, organization=organization, created_by=audit.stored_user(actor),
                            is_sample_data=is_sample_data)
    access.check_can_edit_experience(actor, experience)
    _check_organization(municipality, organization)
    values = {"title": title, "problem": problem, "actions": actions, "results": results, "contact": contact}
    values = {k: normalize(v or "") for k, v in values.items()}
    require_filled(values, "title", "problem", "actions", "results")
    for name, value in values.items():
        setattr(experience, name, value)
    experience.save()
    _experience_links(experience, indicators=indicators, tags=tags, figures=figures)
    audit.record(actor, "benchmarking.experience.create", experience)
    search.update("experience", experience)
    return experience


@transaction.atomic
def update_experience(actor, experience, *, indicators=None, tags=None, figures=None, organization=False, **values):
    access.check_can_edit_experience(actor, experience)
    values = {k: normalize(v or "") for k, v in values.items() if k in EXPERIENCE_TEXTS}
    require_filled({**{k: getattr(experience, k) for k in EXPERIENCE_TEXTS}, **values}, "title", "problem", "actions",
              "results")
    if organization is not False and organization != experience.organization:
        _check_organization(experience.municipality, organization)
        values["organization"] = organization
    changes = audit.apply(experience, values)
    if "organization" in changes:
        changes["organization"] = [getattr(side, "pk", None) for side in changes["organization"]]
    _experience_links(experience, indicators=indicators, tags=tags, figures=figures)
    audit.record(actor, "benchmarking.experience.update", experience, changes={k: str(v) for k, v in changes.items()})
    search.update("experience", experience)
    return experience


@transaction.atomic
def save_experience(actor, experience=None, *, municipality=None, attachment=None, attachment_title="", **values):
    """What the experience form asks, in one transaction: create (in `municipality`) or edit the experience, and
    add its attachment when one is given. A refused attachment leaves no new or edited experience behind."""
    if experience is None:
        saved = create_experience(actor, municipality, **values)
    else:
        saved = update_experience(actor, experience, **values)
    if attachment:
        add_attachment(actor, saved, title=attachment_title, file=attachment)
    return saved


@transaction.atomic
def move_experience(actor, experience, action):
    """publish or withdraw, by the table in workflow.py."""
    def effect(step):
        if action == "publish":
            step.set(published_at=step.now)

    current = EXPERIENCES.apply(actor, experience, action, effect=effect,
                                authorize=lambda row: access.check_can_edit_experience(actor, row))
    search.update("experience", current)
    return current


@transaction.atomic
def add_attachment(actor, experience, *, title, file):
    access.check_can_edit_experience(actor, experience)
    check_upload(file, field="attachment")  # the kinds and size the ideas' attachments allow
    title = normalize(title or "") or file.name
    attachment = ExperienceAttachment.objects.create(experience=experience, title=title[:200], file=file)
    audit.record(actor, "benchmarking.experience.update", experience, changes={"attachment": attachment.title})
    return attachment


# --- exchange requests -------------------------------------------------------------------------

@transaction.atomic
def send_request(actor, from_municipality, to_municipality, *, question, experience=None, indicator=None):
    access.check_can_send_request(actor, from_municipality)
    question = normalize(question or "")
    if not question:
        raise InvalidInput("question_required", "پرسش را بنویسید.", "Write the question.", field="question")
    if experience is None and indicator is None:
        raise InvalidInput("subject_required", "درخواست باید درباره‌ی یک تجربه یا یک شاخص باشد.",
                           "A request is about an experience or an indicator.", field="experience")
    if experience is not None:
        to_municipality = to_municipality or experience.municipality
        if experience.municipality_id != to_municipality.pk:
            raise InvalidInput("experience_elsewhere", "این تجربه از شهر دیگری است.",
                               "This experience belongs to another city.", field="experience")
    if to_municipality is None or to_municipality.pk == from_municipality.pk:
        raise InvalidInput("same_city", "درخواست را به شهر دیگری بفرستید.", "Send the request to another city.",
                           field="to_municipality")
    request = ExchangeRequest.objects.create(from_municipality=from_municipality, to_municipality=to_municipality,
                                             experience=experience, indicator=indicator, question=question,
                                             created_by=audit.stored_user(actor))
    audit.record(actor, "benchmarking.request.send", request, changes={"to": to_municipality.slug})
    network_services.notify(
        network_access.members_with_role(Role.MUNICIPALITY_EDITOR, municipalities=[to_municipality]),
        gettext_noop("A city has asked your city a question about its experience."), url=request.get_absolute_url())
    return request


def move_request(actor, request, action, answer=""):
    """answer (by the asked city, with the answer) or close (by the asking city), by the table in workflow.py."""
    def authorize(row):
        allowed = access.can_answer if action == "answer" else access.can_close
        if not allowed(actor, row):
            city = row.to_municipality if action == "answer" else row.from_municipality
            raise AccessDenied(f"«{REQUEST_MOVES[action].label}» این درخواست با {city.name_fa} است.",
                               f"Only {city.name_en or city.slug} may {action} this request.")

    def effect(step):
        if action == "answer":
            text = normalize(answer or "")
            if not text:
                raise InvalidInput("answer_required", "پاسخ را بنویسید.", "Write the answer.", field="answer")
            step.set(answer=text, answered_by=audit.stored_user(actor), answered_at=step.now)
            network_services.notify([step.obj.created_by], gettext_noop("Your city's question was answered."),
                                    url=step.obj.get_absolute_url())
        else:
            step.set(closed_at=step.now)

    return REQUESTS.apply(actor, request, action, effect=effect, authorize=authorize)
