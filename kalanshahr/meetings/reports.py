"""The closing report of a meeting: what the print view and the PDF both show, gathered in a fixed number of queries;
and the network's adoption figures for the home page."""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from kalanshahr.network.reports import Document

from . import access
from .models import Adoption, AdoptionStatus, ResolutionState

# Drafts and withdrawn texts were never decided by a working group: the report lists them apart from the rest.
NOT_ADOPTED = (ResolutionState.DRAFT, ResolutionState.WITHDRAWN)


def closing_report(meeting, user):
    """The report's context for `user` (the public reads approved resolutions only, and no commitments).

    Working groups come in the series' order, each with its agenda items and the resolutions it adopted; the
    adoption summary counts each approved resolution's cities by status.
    """
    groups = list(meeting.series.working_groups.all())
    items = list(meeting.agenda_items.all())
    resolutions = list(access.resolutions_visible_to(user).filter(meeting=meeting).order_by("working_group__position",
                                                                                          "sequence"))
    adopted = [r for r in resolutions if r.state not in NOT_ADOPTED]
    items_by_group, adopted_by_group = defaultdict(list), defaultdict(list)
    for item in items:
        items_by_group[item.working_group_id].append(item)
    for resolution in adopted:
        adopted_by_group[resolution.working_group_id].append(resolution)

    approved = [r for r in adopted if r.state == ResolutionState.APPROVED]
    counts = defaultdict(Counter)
    for resolution_id, status, count in (Adoption.objects.filter(resolution__in=[r.pk for r in approved]).order_by()
                                         .values_list("resolution_id", "status").annotate(count=Count("id"))):
        counts[resolution_id][status] = count
    summary = [(r, [counts[r.pk][status] for status in AdoptionStatus.values], sum(counts[r.pk].values()))
               for r in approved]
    totals = [sum(row[1][i] for row in summary) for i in range(len(AdoptionStatus.values))]

    return {
        "meeting": meeting,
        "participants": list(meeting.participants.in_name_order()),
        "attendees": list(meeting.attendees.select_related("municipality", "organization")),
        "groups": [(group, items_by_group[group.pk], adopted_by_group[group.pk]) for group in groups],
        "not_adopted": [r for r in resolutions if r.state in NOT_ADOPTED],
        "show_commitments": access.can_read_commitments(user),
        "commitments": list(access.commitments_visible_to(user)
                            .filter(Q(meeting=meeting) | Q(resolution__meeting=meeting)).distinct()),
        "adoption_statuses": AdoptionStatus.choices,
        "adoption_summary": summary,
        "adoption_totals": (totals, sum(totals)),
    }


@dataclass(frozen=True)
class AdoptionOverview:
    """Across the network: how the cities stand on the resolutions the authorities approved."""
    resolutions: int
    adoptions: int
    implemented: int
    in_progress: int

    @property
    def implemented_share(self):
        """Implemented among the cities' adoptions of approved resolutions, as a whole percentage; None with none."""
        return round(100 * self.implemented / self.adoptions) if self.adoptions else None


def adoption_overview():
    """The home page's adoption figure, in one query."""
    totals = Adoption.objects.filter(resolution__state=ResolutionState.APPROVED).aggregate(
        resolutions=Count("resolution", distinct=True), adoptions=Count("id"),
        implemented=Count("id", filter=Q(status=AdoptionStatus.IMPLEMENTED)),
        in_progress=Count("id", filter=Q(status=AdoptionStatus.IN_PROGRESS)))
    return AdoptionOverview(**totals)


def prepare_closing_report(user, params):
    """The closing report as a document prepared by the task worker (network/reports.py)."""
    try:
        number = int(params.get("number", ""))
    except ValueError:
        raise Http404 from None
    meeting = access.get_meeting_for_user(user, params.get("series", ""), number)
    return Document("meetings/meeting_report_pdf.html",
                    lambda: {**closing_report(meeting, user), "now": timezone.now()},
                    f"closing-report-{meeting.series.slug}-{meeting.number}",
                    _("Closing report of %(meeting)s") % {"meeting": meeting})
