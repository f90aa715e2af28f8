"""Pages of S1: meetings, resolutions and their transitions, the adoption matrix, my tasks, exports."""

from collections import defaultdict

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Max, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_http_methods, require_safe

from kalanshahr.lib import workflow
from kalanshahr.lib.exports import FORMATS, table_response
from kalanshahr.lib.pdf import pdf_response
from kalanshahr.lib.uploads import serve_private
from kalanshahr.lib.views import next_url, perform, submit
from kalanshahr.network import audit, fragments
from kalanshahr.network.models import Municipality

from . import access, reports, services
from .forms import AdoptionForm, AgendaItemForm, CommitmentForm, MeetingForm, ResolutionForm, TransitionForm
from .models import (
    Adoption, AdoptionStatus, Meeting, MeetingSeries, ResolutionEvent, ResolutionState, Vote, WorkingGroup,
)
from .workflow import RESOLUTION_TRANSITIONS


@require_safe
def meeting_list(request):
    """Every series with its meetings. Template meetings/meeting_list.html."""
    series = MeetingSeries.objects.annotate(meeting_count=Count("meetings"))
    meetings = Meeting.objects.with_related().annotate(
        resolution_count=Count("resolutions", distinct=True),
        approved_count=Count("resolutions", filter=Q(resolutions__state=ResolutionState.APPROVED), distinct=True),
    )
    by_series = defaultdict(list)
    for meeting in meetings:
        by_series[meeting.series_id].append(meeting)
    return render(request, "meetings/meeting_list.html", {
        "series_list": [(s, by_series[s.pk]) for s in series],
        "can_run": access.can_run_meetings(request.user),
    })


@login_required
@require_http_methods(["GET", "POST"])
def meeting_add(request):
    """A new meeting of a series, with its host, dates and participants (secretariat only).

    The series comes preselected (`?series=` or the only one) with its next number filled in."""
    access.check_can_run_meetings(request.user)
    series_list = list(MeetingSeries.objects.annotate(last=Max("meetings__number")))
    next_numbers = {s.pk: (s.last or 0) + 1 for s in series_list}
    chosen = next((s for s in series_list if s.slug == request.GET.get("series")), None)
    if chosen is None and len(series_list) == 1:
        chosen = series_list[0]
    initial = {"series": chosen, "number": next_numbers[chosen.pk]} if chosen else {}
    form = MeetingForm(request.POST or None, initial=initial, next_numbers=next_numbers)

    def create(data):
        return services.create_meeting(request.user, data.pop("series"), **data)

    meeting = submit(request, form, create, _("The meeting was created."))
    if meeting:
        return redirect(meeting)
    return render(request, "form_page.html", {
        "form": form, "title": _("New meeting"), "cancel_url": reverse("meetings:meeting_list"),
    })


def _agenda(meeting, user):
    """Working groups of the meeting, each with its agenda items and their visible resolutions (3 queries)."""
    groups = list(meeting.series.working_groups.all())
    items = list(meeting.agenda_items.all())
    resolutions = access.resolutions_visible_to(user).filter(meeting=meeting)
    by_item = defaultdict(list)
    for resolution in resolutions:
        by_item[resolution.agenda_item_id].append(resolution)
    items_by_group = defaultdict(list)
    for item in items:
        item.visible_resolutions = by_item[item.pk]
        item.can_delete = access.can_delete_agenda_item(user, item.visible_resolutions)
        items_by_group[item.working_group_id].append(item)
    return [(group, items_by_group[group.pk],
             sorted((r for i in items_by_group[group.pk] for r in i.visible_resolutions), key=lambda r: r.sequence))
            for group in groups]


@require_safe
def meeting_detail(request, series, number):
    """A meeting: dates, host, participants, agenda by working group with resolution states, commitments.

    Template meetings/meeting_detail.html. The public sees approved resolutions only.
    """
    meeting = access.get_meeting_for_user(request.user, series, number)
    show_commitments = access.can_read_commitments(request.user)
    agenda = _agenda(meeting, request.user)
    return render(request, "meetings/meeting_detail.html", {
        "meeting": meeting,
        "agenda": agenda,
        "participants": meeting.participants.all(),
        "attendees": meeting.attendees.select_related("municipality", "organization"),
        "commitments": access.mark_correctable(
            request.user, list(access.commitments_visible_to(request.user).filter(meeting=meeting))) if show_commitments
        else [],
        "show_commitments": show_commitments,
        "reads_cycle": access.can_read_cycle(request.user),
        "can_run": access.can_run_meetings(request.user),
        # The secretariat sees every resolution, so the agenda's are all of the meeting's.
        "can_delete": access.can_delete_meeting(request.user, [r for _g, _i, rs in agenda for r in rs]),
        "today": timezone.localdate(),
    })


@require_safe
def meeting_report(request, series, number):
    """The closing report («reading of the approvals») on screen and on paper: meetings/meeting_report.html."""
    meeting = access.get_meeting_for_user(request.user, series, number)
    return render(request, "meetings/meeting_report.html", {**reports.closing_report(meeting, request.user),
                                                            "now": timezone.now()})


@require_safe
def meeting_report_pdf(request, series, number):
    """The closing report as a PDF document, in the page's language."""
    meeting = access.get_meeting_for_user(request.user, series, number)
    return pdf_response("meetings/meeting_report_pdf.html",
                        {**reports.closing_report(meeting, request.user), "now": timezone.now()}, request,
                        f"closing-report-{meeting.series.slug}-{meeting.number}")


MATRIX_CITIES = 40  # cities per page of the adoption matrix; its export has them all
RESOLUTION_HEADERS = ["کد مصوبه", "کارگروه", "دستور کار", "متن مصوبه", "مرجع ذی‌صلاح", "وضعیت", "تاریخ آخرین تغییر"]


@require_safe
def meeting_export(request, series, number, fmt):
    if fmt not in FORMATS:
        raise Http404
    meeting = access.get_meeting_for_user(request.user, series, number)
    # Exports speak Persian whatever the page language.
    with translation.override("fa"):
        rows = [
            [r.code, r.working_group.name_fa, r.agenda_item.title, r.text, r.authority.name_fa,
             str(ResolutionState(r.state).label), r.state_changed]
            for r in access.resolutions_visible_to(request.user).filter(meeting=meeting)
        ]
    return table_response(fmt, f"resolutions-{meeting.series.slug}-{meeting.number}", RESOLUTION_HEADERS, rows)


@login_required
@require_http_methods(["GET", "POST"])
def agenda_item_add(request, series, number):
    meeting = access.get_meeting_for_user(request.user, series, number, write=True)
    form = AgendaItemForm(request.POST or None, meeting=meeting)
    item = submit(request, form, lambda data: services.add_agenda_item(request.user, meeting, **data),
                  _("The agenda item was added."))
    if item:
        return redirect(meeting)
    return render(request, "form_page.html", {
        "form": form, "title": _("New agenda item"), "context_object": meeting, "cancel_url": meeting.get_absolute_url(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def resolution_add(request, series, number, item):
    meeting = access.get_meeting_for_user(request.user, series, number, write=True)
    agenda_item = meeting.agenda_items.filter(pk=item).select_related("working_group").first()
    if agenda_item is None:
        raise Http404
    form = ResolutionForm(request.POST or None)
    resolution = submit(request, form, lambda data: services.create_resolution(request.user, agenda_item, **data),
                        _("The draft resolution was saved."))
    if resolution:
        return redirect(resolution)
    return render(request, "form_page.html", {
        "form": form, "title": _("New resolution"), "context_object": agenda_item,
        "cancel_url": meeting.get_absolute_url(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def commitment_add(request, series, number):
    meeting = access.get_meeting_for_user(request.user, series, number, write=True)
    form = CommitmentForm(request.POST or None, meeting=meeting)
    commitment = submit(request, form, lambda data: services.add_commitment(request.user, meeting=meeting, **data),
                        _("The commitment was added."))
    if commitment:
        return redirect(meeting)
    return render(request, "form_page.html", {
        "form": form, "title": _("New commitment"), "context_object": meeting, "cancel_url": meeting.get_absolute_url(),
    })


@login_required
@require_POST
def commitment_status(request, pk):
    commitment = access.get_commitment_for_user(request.user, pk, write=True)
    perform(request, lambda: services.set_commitment_status(request.user, commitment, request.POST.get("status", "")),
            _("The commitment was updated."))
    return redirect(next_url(request, "workspace:my_tasks"))


@require_safe
def resolution_detail(request, pk):
    """A resolution: text, rationale, timeline of events, adoption table, and the moves the user can make."""
    resolution = access.get_resolution_for_user(request.user, pk)
    return render(request, "meetings/resolution_detail.html", {
        "resolution": resolution,
        "events": ResolutionEvent.objects.filter(resolution=resolution).select_related("actor"),
        "adoptions": access.mark_updatable(
            request.user, Adoption.objects.filter(resolution=resolution).select_related("municipality")
            .prefetch_related("evidence_files")),
        "can_read_evidence": access.can_read_evidence(request.user),
        "actions": access.allowed_actions(request.user, resolution),
        "commitments": access.mark_correctable(
            request.user, list(access.commitments_visible_to(request.user).filter(resolution=resolution))),
        "can_run": access.can_run_meetings(request.user),
        "can_edit": access.can_edit_resolution(request.user, resolution),
        "can_delete": access.can_delete_resolution(request.user, resolution),
        "letters": access.letters_visible_to(request.user).filter(resolution=resolution),
        "vote": Vote.objects.filter(resolution=resolution).prefetch_related("ballots__municipality").first()
        if access.can_read_cycle(request.user) else None,
    })


@login_required
@require_http_methods(["GET", "POST"])
def resolution_transition(request, pk, action):
    """The confirmation form for one move, with the comment or reason the move requires."""
    resolution = access.get_resolution_for_user(request.user, pk)
    transition = RESOLUTION_TRANSITIONS.get(action)
    if transition is None:
        raise Http404
    access.check_may_act_on_resolution(request.user, resolution, action)
    # The working group adopts with its vote: the participating cities' ballots, or consensus.
    voters = resolution.meeting.participants.in_name_order() if action == "adopt" else ()
    form = TransitionForm(request.POST or None, transition=transition, voters=voters)

    def move(data):
        consensus, ballots = form.vote() if voters else (False, {})
        return services.transition_resolution(request.user, resolution, action, data["comment"],
                                              consensus=consensus, ballots=ballots)

    moved = submit(request, form, move,
                   _("The resolution is now: %(state)s") % {"state": ResolutionState(transition.target).label})
    if moved:
        return redirect(resolution)
    return render(request, "meetings/transition_form.html", {
        "form": form, "resolution": resolution, "transition": transition,
        "possible": resolution.state in transition.sources,
        "irreversible": workflow.is_irreversible(RESOLUTION_TRANSITIONS, transition),
        "opens_adoptions": resolution.meeting.participants.count() if transition.target == ResolutionState.APPROVED
        else 0,
    })


def _matrix_filters(query):
    series_list = list(MeetingSeries.objects.all())
    chosen = {key: query.get(key, "") for key in ("series", "meeting", "group")}
    meetings = Meeting.objects.with_related()
    if chosen["series"]:
        meetings = meetings.filter(series__slug=chosen["series"])
    return series_list, list(meetings), chosen


def _matrix(query, *, paged):
    """Approved resolutions × municipalities, with one adoption per cell and each resolution's totals over every
    city. Paged, the columns are one page of cities (`?cities=N`): at national scale a row has 1,400 cells.
    Approved resolutions are public, so the table is the same for every reader."""
    series_list, meetings, chosen = _matrix_filters(query)
    resolutions = access.public_resolutions()
    if chosen["series"]:
        resolutions = resolutions.filter(meeting__series__slug=chosen["series"])
    if chosen["meeting"].isdigit():
        resolutions = resolutions.filter(meeting_id=int(chosen["meeting"]))
    if chosen["group"]:
        resolutions = resolutions.filter(working_group__code=chosen["group"])
    resolutions = list(resolutions)
    adoptions = Adoption.objects.filter(resolution__in=[r.pk for r in resolutions])
    cities = Municipality.objects.filter(pk__in=adoptions.values("municipality_id")).order_by("name_order", "pk")
    page = Paginator(cities, MATRIX_CITIES).get_page(query.get("cities")) if paged else None
    columns = list(page.object_list if paged else cities)
    by_id = {m.pk: m for m in columns}
    cells = {}
    for adoption in adoptions.filter(municipality__in=list(by_id)):
        adoption.municipality = by_id[adoption.municipality_id]
        cells[(adoption.resolution_id, adoption.municipality_id)] = adoption
    totals = defaultdict(dict)
    for resolution_id, status, count in (adoptions.order_by().values_list("resolution_id", "status")
                                         .annotate(count=Count("id"))):
        totals[resolution_id][status] = count
    rows = [(r, [cells.get((r.pk, m.pk)) for m in columns]) for r in resolutions]
    for resolution in resolutions:
        resolution.totals = {"implemented": totals[resolution.pk].get(AdoptionStatus.IMPLEMENTED, 0),
                             "all": sum(totals[resolution.pk].values())}
    return {"series_list": series_list, "meetings": meetings, "chosen": chosen, "columns": columns, "rows": rows,
            "page": page}


@require_safe
def adoption_matrix(request):
    """Approved resolutions × municipalities, filterable by series, meeting and working group.

    Template meetings/adoption_matrix.html; a cell links to its edit form for that city's editors. The table is
    cached until a resolution, an adoption or a city changes, per set of cities the reader may update.
    """
    scope = access.adoption_update_scope(request.user)
    body = fragments.cached(request, "meetings.matrix", ["meetings", "network"],
                            (fragments.query_key(request), scope if scope == "all" else tuple(scope)),
                            _matrix_fragment)
    return render(request, "meetings/adoption_matrix.html", {"body": body})


def _matrix_fragment(query_key, scope):
    query = fragments.query_dict(query_key)
    context = _matrix(query, paged=True)
    context["groups"] = _groups_for(context["chosen"]["series"])
    access.mark_updatable_in(scope, [cell for _resolution, cells in context["rows"] for cell in cells if cell])
    context["statuses"] = AdoptionStatus.choices
    context["fragment_query"] = query
    context["matrix_url"] = reverse("meetings:adoption_matrix") + (f"?{query.urlencode()}" if query else "")
    return "meetings/_adoption_matrix.html", context


def _groups_for(series_slug):
    groups = WorkingGroup.objects.select_related("series")
    return groups.filter(series__slug=series_slug) if series_slug else groups


@require_safe
def adoption_matrix_export(request, fmt):
    if fmt not in FORMATS:
        raise Http404
    context = _matrix(request.GET, paged=False)
    headers = ["کد مصوبه", "متن مصوبه"] + [m.name_fa for m in context["columns"]]
    with translation.override("fa"):
        rows = [[r.code, r.text] + [str(AdoptionStatus(c.status).label) if c else "—" for c in cells]
                for r, cells in context["rows"]]
    return table_response(fmt, "adoption-matrix", headers, rows)


@login_required
@require_http_methods(["GET", "POST"])
def adoption_edit(request, pk):
    adoption = access.get_adoption_for_user(request.user, pk, write=True)
    initial = {name: getattr(adoption, name) for name in ("status", "reference", "started_on", "implemented_on", "note")}
    form = AdoptionForm(request.POST or None, request.FILES or None, adoption=adoption, initial=initial)

    def save(data):
        return services.update_adoption(request.user, adoption, **data)

    saved = submit(request, form, save, _("The adoption was saved."))
    if saved:
        return redirect(next_url(request, adoption.resolution.get_absolute_url()))
    return render(request, "meetings/adoption_form.html", {
        "form": form, "adoption": adoption, "history": audit.history(adoption)[:20],
        "evidence_files": adoption.evidence_files.select_related("uploaded_by"),
    })


@require_safe
@login_required
def adoption_evidence(request, pk, evidence_pk):
    """Downloads one evidence file of an adoption, for the network's members."""
    adoption = access.get_adoption_for_user(request.user, pk)
    if not access.can_read_evidence(request.user):
        raise Http404
    found = get_object_or_404(adoption.evidence_files, pk=evidence_pk)
    return serve_private(found.file, found.name)
