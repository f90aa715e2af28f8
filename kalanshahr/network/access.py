"""Who may do what, where: the one place that answers it for the whole platform.

A user's powers come from memberships (user × organization × role); each role has a scope:

* secretariat           the whole network; writes only what the secretariat runs
* municipality_editor   the municipality of the membership's organization
* organization_manager  the membership's organization and every unit below it
* authority_reviewer    the membership's authority
* expert_reviewer       their organization (for conflicts of interest)
* moderator             the portal
* verifier              measurements of the municipality of the membership's organization
Superusers may do everything. Anyone else, signed in or not, is a citizen.

Later apps ask these questions through the helpers below instead of reading memberships.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import Q
from django.http import Http404

from kalanshahr.lib.errors import AccessDenied

from .models import Membership, Municipality, Notification, Organization, OrganizationKind, ReportFile, Role

_CACHE = "_kalanshahr_memberships"


def memberships(user):
    """The user's memberships with their organizations, read once per request and cached on the user."""
    if not getattr(user, "is_authenticated", False):
        return []
    if not hasattr(user, _CACHE):
        setattr(user, _CACHE, list(Membership.objects.filter(user=user).select_related("organization")))
    return getattr(user, _CACHE)


def forget(user):
    """Drop the cached memberships after they change."""
    if hasattr(user, _CACHE):
        delattr(user, _CACHE)


class SystemActor:
    """Who acts in management commands, the demo loader and the scale generator: every right, and recorded as no
    user. It is passed explicitly (`SYSTEM`); an actor left out (None) is an error, never full rights."""

    is_authenticated = False
    is_anonymous = False
    is_superuser = True
    pk = None

    def get_username(self):
        return "system"

    def __repr__(self):
        return "SYSTEM"


SYSTEM = SystemActor()


def is_system(user):
    if user is None:
        raise TypeError("No actor was given: pass network.access.SYSTEM for the system, or the acting user.")
    return user is SYSTEM


def is_superuser(user):
    return is_system(user) or getattr(user, "is_superuser", False)


def roles(user):
    return {m.role for m in memberships(user)}


def has_role(user, role):
    return is_superuser(user) or role in roles(user)


def is_secretariat(user):
    return has_role(user, Role.SECRETARIAT)


def organizations_with_role(user, role):
    return [m.organization for m in memberships(user) if m.role == role]


def municipality_ids_with_role(user, role):
    return {m.organization.municipality_id for m in memberships(user) if m.role == role and m.organization.municipality_id}


def edited_municipality_ids(user):
    """The municipalities whose data the user edits as a municipality editor."""
    return municipality_ids_with_role(user, Role.MUNICIPALITY_EDITOR)


def _in_managed_subtree(user, organization):
    return any(organization.path.startswith(o.path) for o in organizations_with_role(user, Role.ORGANIZATION_MANAGER))


# --- municipalities -------------------------------------------------------------------------

def can_edit_municipality(user, municipality):
    """The municipality register (names, province, population, peer attributes) is the secretariat's."""
    return is_secretariat(user)


# --- organizations --------------------------------------------------------------------------

def can_edit_organization(user, organization):
    """Name, mission and duties of an organization.

    A municipality editor edits every organization of their own municipality; an organization
    manager edits their organization and its units; the secretariat edits its own organization.
    """
    if is_superuser(user):
        return True
    if organization.municipality_id and organization.municipality_id in edited_municipality_ids(user):
        return True
    if _in_managed_subtree(user, organization):
        return True
    return organization.kind == OrganizationKind.SECRETARIAT and is_secretariat(user)


def can_add_organization(user, municipality, parent=None):
    """A new unit: under a parent the user may edit, or at the top of their own municipality."""
    if parent is not None:
        return can_edit_organization(user, parent)
    if is_superuser(user):
        return True
    return municipality is not None and municipality.pk in edited_municipality_ids(user)


def editable_organizations(user):
    """Every organization the user may edit, as one queryset."""
    queryset = Organization.objects.with_related()
    if is_superuser(user):
        return queryset
    condition = Q(municipality_id__in=edited_municipality_ids(user))
    for organization in organizations_with_role(user, Role.ORGANIZATION_MANAGER):
        condition |= Q(path__startswith=organization.path)
    if is_secretariat(user):
        condition |= Q(kind=OrganizationKind.SECRETARIAT)
    return queryset.filter(condition)


# --- fetching objects for views -------------------------------------------------------------

def get_municipality_for_user(user, slug, write=False):
    """The municipality for a page; 404 when missing, AccessDenied when `write` is refused."""
    try:
        municipality = Municipality.objects.get(slug=slug)
    except Municipality.DoesNotExist:
        raise Http404 from None
    if write and not can_edit_municipality(user, municipality):
        raise AccessDenied(
            "فهرست شهرداری‌ها را تنها دبیرخانه ویرایش می‌کند.",
            "Only the secretariat edits the register of municipalities.",
        )
    return municipality


def get_organization_for_user(user, slug, write=False):
    """The organization for a page, with its municipality and parent; AccessDenied when `write` is refused."""
    try:
        organization = Organization.objects.with_related().get(slug=slug)
    except Organization.DoesNotExist:
        raise Http404 from None
    if write and not can_edit_organization(user, organization):
        raise AccessDenied(
            "شما اجازه‌ی ویرایش این سازمان را ندارید؛ تنها سازمان‌های حوزه‌ی خودتان را می‌توانید ویرایش کنید.",
            "You may not edit this organization; you can edit only the organizations in your own scope.",
        )
    return organization


def members_with_role(role, organizations=None, municipalities=None):
    """The people who hold `role` in one of `organizations`, in an organization of one of `municipalities`, or
    anywhere when neither is given: whom a notification goes to. One filter, so the role and the place belong to
    the same membership."""
    same_membership = {"memberships__role": role}
    if organizations is not None:
        same_membership["memberships__organization__in"] = organizations
    if municipalities is not None:
        same_membership["memberships__organization__municipality__in"] = municipalities
    return get_user_model().objects.filter(**same_membership).distinct()


def notifications_of(user):
    """A person's own notifications: nobody else's are theirs to read or mark."""
    return Notification.objects.filter(user=user) if getattr(user, "is_authenticated", False) else \
        Notification.objects.none()


def get_notification_for_user(user, pk):
    try:
        return notifications_of(user).get(pk=pk)
    except ObjectDoesNotExist:
        raise Http404 from None


def reports_of(user):
    """A prepared document is its requester's alone (it holds what they may read), and the superusers'."""
    reports = ReportFile.objects.all()
    return reports if is_superuser(user) else reports.filter(requested_by_id=getattr(user, "pk", None))


def get_report_for_user(user, pk):
    try:
        return reports_of(user).get(pk=pk)
    except (ReportFile.DoesNotExist, ValidationError):
        raise Http404 from None
