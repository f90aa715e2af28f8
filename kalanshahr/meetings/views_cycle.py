"""Pages of the meeting cycle (issue 22): the call for agenda proposals and the proposals, invitations and
attendance, minutes, the letters to the authorities and the follow-up report. Access is asked of access.py;
changes go through services."""

from collections import defaultdict

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kalanshahr.lib.pdf import pdf_response
from kalanshahr.lib.uploads import serve_private
from kalanshahr.lib.views import perform, submit
from kalanshahr.network.models import Municipality, Organization, OrganizationKind

from . import access, calendar, followup, services
from .forms import AttendanceForm, AttendeeForm, CallForm, MinutesForm, ProposalDecisionForm, ProposalForm
from .models import Attendance, InvitationResponse, ProposalCall, ProposalState, Vote
from .workflow import PROPOSAL_TRANSITIONS


def _signed_in_meeting(request, series, number):
    if not access.can_read_cycle(request.user):
        raise Http404
    return access.get_meeting_for_user(request.user, series, number)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def proposals(request, series, number):
    """The call for agenda proposals of a meeting and every proposal, by state (meetings/proposals.html); the
    secretariat opens the call or moves its deadline here."""
    meeting = _signed_in_meeting(request, series, number)
    call = ProposalCall.objects.filter(meeting=meeting).first()
    form = None
    if access.can_run_meetings(request.user):
        form = CallForm(request.POST or None, initial={"deadline": call.deadline, "note": call.note} if call else None)
        opened = submit(request, form, lambda data: services.open_call(request.user, meeting, **data),
                        _("The call for agenda proposals is open."))
        if opened:
            return redirect("meetings:proposals", series=series, number=number)
    elif request.method == "POST":
        access.check_can_run_meetings(request.user)
    found = access.proposals_visible_to(request.user).filter(meeting=meeting).prefetch_related("attachments")
    by_state = defaultdict(list)
    for proposal in found:
        by_state[proposal.state].append(proposal)
    return render(request, "meetings/proposals.html", {
        "meeting": meeting, "call": call, "form": form, "call_open": bool(call and call.is_open()),
        "groups": [(state, label, by_state[state]) for state, label in ProposalState.choices],
        "may_propose": access.proposing_cities(request.user, meeting).exists(),
        "count": sum(len(found) for found in by_state.values()),
    })


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def proposal_add(request, series, number):
    """A participating city's editor proposes an agenda topic (meetings/proposal_form.html)."""
    meeting = _signed_in_meeting(request, series, number)
    access.check_proposes_here(request.user, meeting)
    cities = access.proposing_cities(request.user, meeting)
    form = ProposalForm(request.POST or None, request.FILES or None, meeting=meeting, cities=cities)
    proposal = submit(request, form, lambda data: services.submit_proposal(request.user, meeting, **data),
                      _("Your proposal is sent to the secretariat."))
    if proposal:
        return redirect(proposal)
    call = ProposalCall.objects.filter(meeting=meeting).first()
    return render(request, "meetings/proposal_form.html", {"meeting": meeting, "form": form, "call": call})


@login_required
@require_safe
def proposal_detail(request, pk):
    """One proposal, its files and its outcome; the secretariat's decision forms, the city's withdraw button
    (meetings/proposal_detail.html)."""
    proposal = access.get_proposal_for_user(request.user, pk)
    actions = [move.action for move in access.proposal_actions(request.user, proposal)]
    return render(request, "meetings/proposal_detail.html", {
        "proposal": proposal, "actions": actions, "attachments": proposal.attachments.all(),
        "decision": ProposalDecisionForm(proposal=proposal) if set(actions) & {"accept", "merge", "decline"} else None,
    })


@login_required
@require_POST
def proposal_decide(request, pk, action):
    """Accept, merge, decline or withdraw, from the proposal's page; a refusal is told there."""
    proposal = access.get_proposal_for_user(request.user, pk)
    if action not in PROPOSAL_TRANSITIONS:
        raise Http404
    form = ProposalDecisionForm(request.POST, proposal=proposal)
    if not form.is_valid():
        raise Http404
    data = form.cleaned_data
    perform(request, lambda: services.decide_proposal(request.user, proposal, action, comment=data["comment"],
                                                      working_group=data["working_group"],
                                                      agenda_item=data["agenda_item"]),
            _("The proposal is now: %(state)s") % {"state": ProposalState(PROPOSAL_TRANSITIONS[action].target).label})
    return redirect(proposal)


@login_required
@require_safe
def proposal_attachment(request, pk, attachment_pk):
    proposal = access.get_proposal_for_user(request.user, pk)
    found = get_object_or_404(proposal.attachments, pk=attachment_pk)
    return serve_private(found.file, found.name)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def attendance(request, series, number):
    """Invitations and attendance (meetings/attendance.html): each city names its attendees and answers their
    invitations; the secretariat records who was present each day, in the plenary and in each working group."""
    meeting = _signed_in_meeting(request, series, number)
    runs = access.can_run_meetings(request.user)
    cities = meeting.participants.in_name_order() if runs else access.proposing_cities(request.user, meeting)
    invite = AttendeeForm(request.POST if "invite" in request.POST else None, cities=cities, prefix="invite")
    record = AttendanceForm(request.POST if "record" in request.POST else None, meeting=meeting, prefix="record",
                            initial={"day": request.GET.get("day", ""), "working_group": request.GET.get("group")})
    if "invite" in request.POST:
        if submit(request, invite, lambda data: services.invite_attendee(request.user, meeting, **data),
                  _("The attendee is invited.")):
            return redirect("meetings:attendance", series=series, number=number)
    elif request.method == "POST":  # the attendance form, or a post that names neither form: the secretariat's
        access.check_can_run_meetings(request.user)
        if submit(request, record, lambda data: services.record_attendance(request.user, meeting, **data),
                  _("The attendance is recorded.")):
            return redirect("meetings:attendance", series=series, number=number)
    attendees = list(meeting.attendees.select_related("municipality", "organization", "invitation"))
    present = defaultdict(list)
    for row in Attendance.objects.filter(attendee__meeting=meeting).select_related("working_group"):
        present[row.attendee_id].append(row)
    for attendee in attendees:
        attendee.present = present[attendee.pk]
        attendee.answerable = access.can_answer_for(request.user, attendee)
    return render(request, "meetings/attendance.html", {
        "meeting": meeting, "attendees": attendees, "invite": invite if cities.exists() else None,
        "record": record if runs else None, "responses": InvitationResponse})


@login_required
@require_POST
def answer_invitation(request, series, number, attendee_pk):
    meeting = _signed_in_meeting(request, series, number)
    attendee = get_object_or_404(meeting.attendees, pk=attendee_pk)
    perform(request, lambda: services.answer_invitation(request.user, attendee, request.POST.get("response", "")),
            _("The answer is recorded."))
    return redirect("meetings:attendance", series=series, number=number)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def minutes(request, series, number, group):
    """A working group's minutes at the meeting, with the votes of the resolutions it adopted
    (meetings/minutes.html); the secretariat writes them."""
    meeting = _signed_in_meeting(request, series, number)
    working_group = get_object_or_404(meeting.series.working_groups, code=group)
    current = meeting.minutes.filter(working_group=working_group).first()
    form = None
    if access.can_run_meetings(request.user):
        initial = ({"held_on": current.held_on.isoformat(), "summary": current.summary, "decisions": current.decisions}
                   if current else None)
        form = MinutesForm(request.POST or None, meeting=meeting, initial=initial)
        if submit(request, form, lambda data: services.record_minutes(request.user, meeting, working_group, **data),
                  _("The minutes are recorded.")):
            return redirect("meetings:minutes", series=series, number=number, group=group)
    elif request.method == "POST":
        access.check_can_run_meetings(request.user)
    resolutions = (access.resolutions_visible_to(request.user).filter(meeting=meeting, working_group=working_group)
                   .select_related("vote").prefetch_related("vote__ballots__municipality"))
    return render(request, "meetings/minutes.html", {"meeting": meeting, "group": working_group, "minutes": current,
                                                     "form": form, "resolutions": resolutions})


@login_required
@require_safe
def letter_pdf(request, pk, letter_pk):
    """The formal letter of a resolution's submission, typeset in Persian on the secretariat's letterhead."""
    letter = get_object_or_404(access.letters_visible_to(request.user), resolution_id=pk, pk=letter_pk)
    resolution = letter.resolution
    context = {"letter": letter, "resolution": resolution,
               "vote": Vote.objects.filter(resolution=resolution).prefetch_related("ballots__municipality").first(),
               "secretariat": Organization.objects.filter(kind=OrganizationKind.SECRETARIAT).order_by("pk").first()}
    # A formal letter to a Persian authority is written in Persian, whatever the language of the page it is opened from.
    with translation.override("fa"):
        return pdf_response("meetings/letter_pdf.html", context, request, f"letter-{resolution.code}-{letter.pk}")


@login_required
@require_safe
def follow_up(request, series, number):
    """The follow-up report a meeting opens with (meetings/follow_up.html): what became of the earlier meetings'
    resolutions, which cities have not reported, and the overdue commitments. Printable."""
    meeting = _signed_in_meeting(request, series, number)
    return render(request, "meetings/follow_up.html", {**followup.report(meeting, request.user),
                                                       "now": timezone.now()})


@login_required
@require_safe
def follow_up_pdf(request, series, number):
    meeting = _signed_in_meeting(request, series, number)
    context = {**followup.report(meeting, request.user), "now": timezone.now()}
    return pdf_response("meetings/follow_up_pdf.html", context, request,
                        f"follow-up-{meeting.series.slug}-{meeting.number}")


def _ics(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.ics"'
    return response


@require_safe
def meeting_ics(request, series, number):
    """"Add to calendar": the meeting as one all-day event, for anyone who may see the meeting."""
    meeting = access.get_meeting_for_user(request.user, series, number)
    return _ics(calendar.meeting_feed(meeting), f"meeting-{meeting.series.slug}-{meeting.number}")


@login_required
@require_safe
def calendars(request):
    """The addresses of the reader's calendar feeds, to subscribe to in a calendar program
    (meetings/calendars.html)."""
    base = request.build_absolute_uri("/")[:-1]
    cities = [(city, base + reverse("meetings:city_feed", args=[city.slug, calendar.city_token(city)]))
              for city in access.feed_cities(request.user)]
    return render(request, "meetings/calendars.html", {
        "person_url": base + reverse("meetings:person_feed", args=[calendar.person_token(request.user)]),
        "cities": cities})


@require_safe
def person_feed(request, token):
    """A person's feed, read by a calendar program with the token of its address instead of a session."""
    user = calendar.person_for_token(token)
    if user is None:
        raise Http404
    return _ics(calendar.person_feed(user), "kalanshahr")


@require_safe
def city_feed(request, slug, token):
    if not calendar.city_for_token(token, slug):
        raise Http404
    city = get_object_or_404(Municipality, slug=slug)
    return _ics(calendar.city_feed(city), f"kalanshahr-{slug}")
