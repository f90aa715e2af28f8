"""Corrections by the secretariat: editing and deleting meetings, agenda items, resolutions and commitments.

Every change goes through the services, which keep each state's rules (a decided resolution is never deleted,
a meeting with decided resolutions neither) and write the audit trail. A delete is a POST from a confirmation
on the object's page; a refused one comes back there with its reason.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_http_methods

from kalanshahr.lib.views import perform, submit

from . import access, services
from .forms import AgendaItemForm, CommitmentForm, MeetingForm, ResolutionForm


def _edit(request, form, save, message, *, title, context_object, cancel, back=None):
    """The edit form; a valid POST saves through `save(data)` and goes to `back`, or to the saved object (whose URL
    may have changed, as a meeting's does with its number)."""
    saved = submit(request, form, save, message)
    if saved:
        return redirect(back or saved)
    return render(request, "form_page.html", {"form": form, "title": title, "context_object": context_object,
                                              "cancel_url": cancel.get_absolute_url()})


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request, series, number):
    meeting = access.get_meeting_for_user(request.user, series, number, write=True)
    initial = {name: getattr(meeting, name) for name in ("number", "host", "starts_on", "ends_on", "summary")}
    initial["participants"] = list(meeting.participants.all())
    form = MeetingForm(request.POST or None, initial=initial, editing=True)
    return _edit(request, form, lambda data: services.update_meeting(request.user, meeting, **data),
                 _("The meeting was saved."), title=_("Edit the meeting"), context_object=meeting, cancel=meeting)


@login_required
@require_POST
def meeting_delete(request, series, number):
    meeting = access.get_meeting_for_user(request.user, series, number, write=True)
    if perform(request, lambda: services.delete_meeting(request.user, meeting), _("The meeting was deleted.")):
        return redirect("meetings:meeting_list")
    return redirect(meeting)


@login_required
@require_http_methods(["GET", "POST"])
def agenda_item_edit(request, series, number, item):
    meeting = access.get_meeting_for_user(request.user, series, number, write=True)
    agenda_item = access.get_agenda_item_for_user(request.user, meeting, item)
    initial = {"working_group": agenda_item.working_group, "title": agenda_item.title,
               "description": agenda_item.description}
    form = AgendaItemForm(request.POST or None, meeting=meeting, initial=initial)
    return _edit(request, form, lambda data: services.update_agenda_item(request.user, agenda_item, **data),
                 _("The agenda item was saved."), title=_("Edit the agenda item"), context_object=meeting, cancel=meeting,
                 back=meeting)


@login_required
@require_POST
def agenda_item_delete(request, series, number, item):
    meeting = access.get_meeting_for_user(request.user, series, number, write=True)
    agenda_item = access.get_agenda_item_for_user(request.user, meeting, item)
    perform(request, lambda: services.delete_agenda_item(request.user, agenda_item), _("The agenda item was deleted."))
    return redirect(meeting)


@login_required
@require_http_methods(["GET", "POST"])
def resolution_edit(request, pk):
    resolution = access.get_resolution_for_user(request.user, pk)
    access.check_can_run_meetings(request.user)
    initial = {"text": resolution.text, "rationale": resolution.rationale, "authority": resolution.authority}
    form = ResolutionForm(request.POST or None, initial=initial)
    return _edit(request, form, lambda data: services.update_resolution(request.user, resolution, **data),
                 _("The resolution was saved."), title=_("Revise resolution %(code)s") % {"code": resolution.code},
                 context_object=resolution.meeting, cancel=resolution)


@login_required
@require_POST
def resolution_delete(request, pk):
    resolution = access.get_resolution_for_user(request.user, pk)
    access.check_can_run_meetings(request.user)
    meeting = resolution.meeting
    if perform(request, lambda: services.delete_resolution(request.user, resolution),
               _("The draft resolution was deleted.")):
        return redirect(meeting)
    return redirect(resolution)


@login_required
@require_http_methods(["GET", "POST"])
def commitment_edit(request, pk):
    commitment = access.get_commitment_for_user(request.user, pk)
    access.check_can_run_meetings(request.user)
    meeting = commitment.meeting or commitment.resolution.meeting
    initial = {name: getattr(commitment, name)
               for name in ("title", "description", "due_on", "owner_organization", "resolution")}
    form = CommitmentForm(request.POST or None, meeting=meeting, initial=initial)
    return _edit(request, form, lambda data: services.update_commitment(request.user, commitment, **data),
                 _("The commitment was saved."), title=_("Edit the commitment"), context_object=meeting, cancel=meeting,
                 back=meeting)


@login_required
@require_POST
def commitment_delete(request, pk):
    commitment = access.get_commitment_for_user(request.user, pk)
    access.check_can_run_meetings(request.user)
    meeting = commitment.meeting or commitment.resolution.meeting
    perform(request, lambda: services.delete_commitment(request.user, commitment), _("The commitment was deleted."))
    return redirect(meeting)
