"""Who may do what in benchmarking and experience exchange.

* The secretariat keeps the shared indicators (through strategy) and the peer groups.
* A city's editors (municipality editors, and managers of one of its organizations) document its
  experiences, send its exchange requests, answer the requests it receives and close the ones it sent.
* Everyone signed in reads published experiences and every comparison; drafts stay with their city.
"""

from django.db.models import Q

from kalanshahr.lib.errors import AccessDenied
from kalanshahr.network import access as network_access
from kalanshahr.network.models import Role

from .models import Experience, ExchangeRequest, ExperienceState, RequestState


def acting_municipality_ids(user):
    """The cities the user speaks for: as a municipality editor, or as a manager of one of their organizations."""
    ids = set(network_access.edited_municipality_ids(user))
    ids |= network_access.municipality_ids_with_role(user, Role.ORGANIZATION_MANAGER)
    return ids


def can_manage_peer_groups(user):
    return network_access.is_secretariat(user)


def check_can_manage_peer_groups(user):
    if not can_manage_peer_groups(user):
        raise AccessDenied("نگه‌داری گروه‌های همتا با دبیرخانه است.", "Peer groups are kept by the secretariat.")


def can_act_for(user, municipality_id):
    return network_access.is_superuser(user) or municipality_id in acting_municipality_ids(user)


def can_document_experiences(user):
    """Whether the user speaks for some city, and so may document its experiences."""
    return bool(acting_municipality_ids(user))


def check_speaks_for_a_city(user):
    """Documenting experiences and sending exchange requests are a city's: refused up front to everyone else."""
    if not can_document_experiences(user) and not network_access.is_superuser(user):
        raise AccessDenied("تنها کسانی که از سوی یک شهر کار می‌کنند تجربه ثبت می‌کنند یا درخواست تبادل می‌فرستند.",
                           "Only people working for a city document experiences or send exchange requests.")


def can_ask(user, municipality_id):
    """Whether the user speaks for a city other than this one, and so may send it an exchange request."""
    return may_ask(acting_municipality_ids(user), municipality_id)


def may_ask(acting_ids, municipality_id):
    """can_ask for a reader who speaks for `acting_ids`: a page cached per set of cities decides with it."""
    return bool(set(acting_ids) - {municipality_id})


def can_edit_experience(user, experience):
    return can_act_for(user, experience.municipality_id)


def check_can_edit_experience(user, experience):
    if not can_edit_experience(user, experience):
        raise AccessDenied("ویرایش تجربه‌های این شهر در اختیار شما نیست.",
                           "You may not edit this city's experiences.")


def visible_experiences(user, queryset=None):
    """Published experiences for everyone signed in; drafts only for their own city (and the secretariat)."""
    queryset = Experience.objects.all() if queryset is None else queryset
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    if network_access.is_superuser(user) or network_access.is_secretariat(user):
        return queryset
    return queryset.filter(Q(state=ExperienceState.PUBLISHED) | Q(municipality_id__in=acting_municipality_ids(user)))


def check_can_send_request(user, from_municipality):
    if not can_act_for(user, from_municipality.pk):
        raise AccessDenied("فرستادن درخواست از سوی این شهر در اختیار شما نیست.",
                           "You may not send requests on behalf of this city.")


def can_answer(user, request):
    return request.state == RequestState.OPEN and can_act_for(user, request.to_municipality_id)


def can_close(user, request):
    return request.state != RequestState.CLOSED and can_act_for(user, request.from_municipality_id)


def visible_requests(user, queryset=None):
    """Requests between the user's cities and others; all of them for the secretariat."""
    queryset = ExchangeRequest.objects.all() if queryset is None else queryset
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    if network_access.is_superuser(user) or network_access.is_secretariat(user):
        return queryset
    ids = acting_municipality_ids(user)
    return queryset.filter(Q(from_municipality_id__in=ids) | Q(to_municipality_id__in=ids))


def requests_to_answer(user):
    """Open requests to the user's cities: they appear under "my tasks"."""
    return ExchangeRequest.objects.with_related().filter(
        state=RequestState.OPEN, to_municipality_id__in=acting_municipality_ids(user)).order_by("created")


def requests_to_close(user):
    """Requests the user's cities sent that are still open or answered: they appear under "my tasks"."""
    return ExchangeRequest.objects.with_related().filter(
        state__in=[RequestState.OPEN, RequestState.ANSWERED],
        from_municipality_id__in=acting_municipality_ids(user)).order_by("created")
