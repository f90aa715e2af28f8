"""Who may see and move meetings, resolutions, adoptions and commitments.

* the secretariat runs series, meetings, agendas and resolutions (adopt, submit, withdraw);
* only a reviewer of the addressed authority approves, returns or rejects;
* a municipality editor updates only their own municipality's adoptions;
* everyone signed in reads everything; the public reads approved resolutions and meeting outcomes;
* the meeting cycle (issue 22): an editor of a participating city proposes agenda topics for its own city and
  withdraws them, names its attendees and answers their invitations; the secretariat opens the call, decides on
  proposals, records attendance, minutes and votes; letters and proposals are read by everyone signed in.
"""

from django.db.models import Q
from django.http import Http404

from kalanshahr.lib import workflow
from kalanshahr.lib.errors import AccessDenied
from kalanshahr.network import access as network_access
from kalanshahr.network.models import Municipality, Role

from .models import (AgendaProposal, Adoption, AdoptionStatus, Commitment, CommitmentStatus, Letter, Meeting,
                     Resolution, ResolutionState)
from .workflow import (AUTHORITY, CITY, EDITABLE_RESOLUTION_STATES, PROPOSAL_TRANSITIONS, RESOLUTION_TRANSITIONS,
                       SECRETARIAT)


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


# --- the meeting cycle ----------------------------------------------------------------------------------------

def speaks_for(user, municipality_id):
    """Whether the user edits this city: then they propose, name attendees and answer invitations for it."""
    return network_access.is_superuser(user) or municipality_id in network_access.edited_municipality_ids(user)


def proposing_cities(user, meeting):
    """The participating cities the user may propose for (their own): a queryset, for the proposal form."""
    if network_access.is_superuser(user):
        return meeting.participants.in_name_order()
    return meeting.participants.filter(pk__in=network_access.edited_municipality_ids(user)).in_name_order()


def check_can_propose(user, meeting, municipality):
    if not speaks_for(user, municipality.pk):
        raise AccessDenied("تنها ویرایشگر همین شهر برای آن دستور کار پیشنهاد می‌کند.",
                           "Only an editor of this city proposes agenda topics for it.")


def check_proposes_here(user, meeting):
    if not proposing_cities(user, meeting).exists():
        raise AccessDenied("پیشنهاد دستور کار با ویرایشگران شهرهای شرکت‌کننده در این نشست است.",
                           "Agenda topics are proposed by the editors of the cities taking part in this meeting.")


def may_act_on_proposal(user, proposal, action):
    move = PROPOSAL_TRANSITIONS.get(action)
    if move is None:
        return False
    if move.actor == SECRETARIAT:
        return can_run_meetings(user)
    return move.actor == CITY and speaks_for(user, proposal.municipality_id)


def check_may_act_on_proposal(user, proposal, action):
    if not may_act_on_proposal(user, proposal, action):
        raise AccessDenied("این کنش بر این پیشنهاد در اختیار شما نیست.", f"You may not {action} this proposal.")


def proposal_actions(user, proposal):
    return workflow.allowed_moves(PROPOSAL_TRANSITIONS, proposal.state,
                                  lambda move: may_act_on_proposal(user, proposal, move.action))


def can_read_cycle(user):
    """Proposals, attendance, minutes, votes and letters are the network's working papers: everyone signed in."""
    return bool(getattr(user, "is_authenticated", False))


def proposals_visible_to(user):
    if not can_read_cycle(user):
        return AgendaProposal.objects.none()
    return AgendaProposal.objects.with_related()


def get_proposal_for_user(user, pk):
    proposal = proposals_visible_to(user).filter(pk=pk).first()
    if proposal is None:
        raise Http404
    return proposal


def check_can_invite(user, municipality):
    if not (can_run_meetings(user) or speaks_for(user, municipality.pk)):
        raise AccessDenied("شرکت‌کنندگان هر شهر را ویرایشگر همان شهر یا دبیرخانه نام می‌برد.",
                           "A city's attendees are named by its editor or the secretariat.")


def can_answer_for(user, attendee):
    """An attendee's invitation is answered by their city's editor, or by the secretariat for anyone."""
    return can_run_meetings(user) or bool(attendee.municipality_id and speaks_for(user, attendee.municipality_id))


def check_can_answer_for(user, attendee):
    if not can_answer_for(user, attendee):
        raise AccessDenied("پاسخ دعوت هر شهر با ویرایشگر همان شهر است.",
                           "Each city answers the invitations of its own attendees.")


def letters_visible_to(user):
    if not can_read_cycle(user):
        return Letter.objects.none()
    return Letter.objects.select_related("resolution__meeting__series", "authority")


def calendar_cities(user):
    """The ids of the cities whose meetings go into the user's calendar feed: the ones they edit or belong to; None
    (every meeting) for the secretariat."""
    if network_access.is_secretariat(user):
        return None
    return network_access.edited_municipality_ids(user) | {
        m.organization.municipality_id for m in network_access.memberships(user) if m.organization.municipality_id}


def feed_cities(user):
    """The cities whose calendar feed the user is offered: their own, or every city that takes part in a meeting
    for the secretariat."""
    if network_access.is_secretariat(user):
        return Municipality.objects.filter(meetings__isnull=False).distinct().in_name_order()
    return Municipality.objects.filter(pk__in=network_access.edited_municipality_ids(user)).in_name_order()
