"""Who may see and move meetings, resolutions, adoptions and commitments.

* the secretariat runs series, meetings, agendas and resolutions (adopt, submit, withdraw);
* only a reviewer of the addressed authority approves, returns or rejects;
* a municipality editor updates only their own municipality's adoptions;
* everyone signed in reads everything; the public reads approved resolutions and meeting outcomes.
"""

from django.db.models import Q
from django.http import Http404

from kalanshahr.lib import workflow
from kalanshahr.lib.errors import AccessDenied
from kalanshahr.network import access as network_access
from kalanshahr.network.models import Role

from .models import Adoption, AdoptionStatus, Commitment, CommitmentStatus, Meeting, Resolution, ResolutionState
from .workflow import AUTHORITY, EDITABLE_RESOLUTION_STATES, RESOLUTION_TRANSITIONS, SECRETARIAT


def can_run_meetings(user):
    return network_access.is_secretariat(user)


def reviews_for(user, authority_id):
    return network_access.is_superuser(user) or any(
        o.pk == authority_id for o in network_access.organizations_with_role(user, Role.AUTHORITY_REVIEWER)
    )


def may_act_on_resolution(user, resolution, action):
    """Whether the user holds the role that `action` needs on this resolution (whatever its state)."""
    transition = RESOLUTION_TRANSITIONS.get(action)
    if transition is None:
        return False
    if transition.actor == SECRETARIAT:
        return can_run_meetings(user)
    if transition.actor == AUTHORITY:
        return reviews_for(user, resolution.authority_id)
    return False


def check_may_act_on_resolution(user, resolution, action):
    if not may_act_on_resolution(user, resolution, action):
        raise AccessDenied("این کنش بر این مصوبه در اختیار شما نیست.", f"You may not {action} this resolution.")


def allowed_actions(user, resolution):
    """The transitions this user can make now, for the buttons on the resolution page."""
    return workflow.allowed_moves(RESOLUTION_TRANSITIONS, resolution.state,
                                  lambda move: may_act_on_resolution(user, resolution, move.action))


def can_update_adoption(user, adoption):
    return bool(mark_updatable(user, [adoption])[0].can_update)


def adoption_update_scope(user):
    """The cities whose adoptions the user may update, or "all": what the pages' edit links depend on."""
    return "all" if network_access.is_superuser(user) else sorted(network_access.edited_municipality_ids(user))


def can_update_commitment(user, commitment):
    """The secretariat, the owner, or whoever may edit the owning organization."""
    if can_run_meetings(user):
        return True
    if commitment.owner_user_id and commitment.owner_user_id == getattr(user, "pk", None):
        return True
    return commitment.owner_organization is not None and network_access.can_edit_organization(
        user, commitment.owner_organization
    )


def check_can_run_meetings(user):
    """For pages that create series-level things: AccessDenied unless the user runs meetings."""
    if not can_run_meetings(user):
        raise AccessDenied("تنها دبیرخانه نشست‌ها را اداره می‌کند.", "Only the secretariat runs meetings.")


# --- querysets ---------------------------------------------------------------------------------

def resolutions_visible_to(user):
    queryset = Resolution.objects.with_related()
    if getattr(user, "is_authenticated", False):
        return queryset
    return queryset.filter(state=ResolutionState.APPROVED)


def public_resolutions():
    """Approved resolutions: what every reader, signed in or not, may see of them."""
    return Resolution.objects.with_related().approved()


def adoptions_visible_to(user):
    return Adoption.objects.with_related().filter(resolution__in=resolutions_visible_to(user).values("pk"))


def mark_updatable(user, adoptions):
    """Sets `can_update` on each adoption, for the pages' edit links (no query: memberships are cached)."""
    return mark_updatable_in(adoption_update_scope(user), adoptions)


def mark_updatable_in(scope, adoptions):
    """`mark_updatable` for a scope read before (adoption_update_scope): a cached page is built from it alone."""
    adoptions = list(adoptions)
    for adoption in adoptions:
        adoption.can_update = scope == "all" or adoption.municipality_id in scope
    return adoptions


def decisions_awaiting(user):
    """Submitted resolutions addressed to an authority this user reviews for."""
    submitted = resolutions_visible_to(user).filter(state=ResolutionState.SUBMITTED)
    if network_access.is_superuser(user):
        return submitted
    return submitted.filter(authority__in=network_access.organizations_with_role(user, Role.AUTHORITY_REVIEWER))


def resolutions_to_move(user):
    """Drafts, adopted and returned resolutions, for whoever runs meetings; none for anyone else."""
    if not can_run_meetings(user):
        return resolutions_visible_to(user).none()
    return resolutions_visible_to(user).filter(
        state__in=[ResolutionState.DRAFT, ResolutionState.ADOPTED, ResolutionState.RETURNED])


def adoptions_to_update(user):
    """Pending or in-progress adoptions of the municipalities this user edits."""
    return Adoption.objects.with_related().filter(
        municipality_id__in=network_access.edited_municipality_ids(user),
        status__in=[AdoptionStatus.PENDING, AdoptionStatus.IN_PROGRESS])


def commitments_owned_by(user):
    """Open commitments owned by the user or by an organization they hold a role in."""
    organization_ids = [m.organization_id for m in network_access.memberships(user)]
    return Commitment.objects.with_related().open().filter(
        Q(owner_user=user) | Q(owner_organization_id__in=organization_ids))


def can_read_commitments(user):
    """Commitments are the network's internal follow-up: everyone signed in reads them, the public does not."""
    return bool(getattr(user, "is_authenticated", False))


def commitments_visible_to(user):
    if not can_read_commitments(user):
        return Commitment.objects.none()
    return Commitment.objects.with_related()


# --- fetching objects for views ----------------------------------------------------------------

def get_meeting_for_user(user, series_slug, number, write=False):
    try:
        meeting = Meeting.objects.with_related().get(series__slug=series_slug, number=number)
    except Meeting.DoesNotExist:
        raise Http404 from None
    if write:
        check_can_run_meetings(user)
    return meeting


def get_resolution_for_user(user, pk):
    """A resolution the user may see; 404 for a resolution the public may not see yet."""
    try:
        return resolutions_visible_to(user).get(pk=pk)
    except Resolution.DoesNotExist:
        raise Http404 from None


def can_read_evidence(user):
    """Evidence files (letters, minutes) are the network's working papers: every member of it reads them, the
    public sees the adoption's status only."""
    return network_access.is_superuser(user) or bool(network_access.memberships(user))


def get_adoption_for_user(user, pk, write=False):
    try:
        adoption = adoptions_visible_to(user).get(pk=pk)
    except Adoption.DoesNotExist:
        raise Http404 from None
    if write and not can_update_adoption(user, adoption):
        raise AccessDenied(
            "تنها ویرایشگر همین شهرداری وضعیت اجرای مصوبه در آن را ثبت می‌کند.",
            "Only an editor of this municipality records its adoption of the resolution.",
        )
    return adoption


def get_commitment_for_user(user, pk, write=False):
    try:
        commitment = commitments_visible_to(user).get(pk=pk)
    except Commitment.DoesNotExist:
        raise Http404 from None
    if write and not can_update_commitment(user, commitment):
        raise AccessDenied("شما مسئول این تعهد نیستید.", "You are not responsible for this commitment.")
    return commitment


# --- corrections (services.update_* and delete_*; the services enforce the same rules) ---------------------

def can_delete_meeting(user, resolutions):
    """While none of its resolutions (`resolutions`: all of the meeting's) has left the draft state: then the
    meeting is part of the record."""
    return can_run_meetings(user) and all(r.state == ResolutionState.DRAFT for r in resolutions)


def can_delete_agenda_item(user, resolutions):
    """While the item has no resolution (`resolutions`: the item's, as the secretariat sees them: all)."""
    return can_run_meetings(user) and not resolutions


def can_edit_resolution(user, resolution):
    return can_run_meetings(user) and resolution.state in EDITABLE_RESOLUTION_STATES


def can_delete_resolution(user, resolution):
    return can_run_meetings(user) and resolution.state == ResolutionState.DRAFT


def can_correct_commitment(user, commitment):
    """Edit or delete: the secretariat, while the commitment is open."""
    return can_run_meetings(user) and commitment.status == CommitmentStatus.OPEN


def mark_correctable(user, commitments):
    for commitment in commitments:
        commitment.can_correct = can_correct_commitment(user, commitment)
    return commitments


def get_agenda_item_for_user(user, meeting, pk):
    """An agenda item of `meeting`, for the secretariat's corrections."""
    check_can_run_meetings(user)
    item = meeting.agenda_items.filter(pk=pk).select_related("working_group", "meeting__series").first()
    if item is None:
        raise Http404
    return item
