"""The follow-up report a meeting of a series opens with (issue 22): every resolution of the series' earlier
meetings with the authority's decision and its adoption across the cities, the cities that have not reported on an
approved one, and the commitments now overdue. Five queries, whatever the number of resolutions and cities."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from kalanshahr.lib.persian import sort_key

from . import access
from .models import Adoption, AdoptionStatus, ResolutionEvent, ResolutionState

DECISIONS = ("approve", "return", "reject")


@dataclass
class Line:
    resolution: object
    decision: object = None            # the authority's last ResolutionEvent (approve, return or reject), if any
    counts: list = field(default_factory=list)  # adoptions per AdoptionStatus, in its order
    not_reported: list = field(default_factory=list)  # cities whose adoption is still pending
    implemented: list = field(default_factory=list)   # cities that carried it out


def report(meeting, user, today=None):
    """The report's context for `user` (the secretariat and every signed-in member read all of it)."""
    today = today or timezone.localdate()
    earlier = list(access.resolutions_visible_to(user)
                   .filter(meeting__series=meeting.series, meeting__number__lt=meeting.number)
                   .exclude(state=ResolutionState.DRAFT)
                   .select_related("meeting", "working_group", "authority")
                   .order_by("-meeting__number", "working_group__position", "sequence"))
    lines = {resolution.pk: Line(resolution) for resolution in earlier}
    for event in (ResolutionEvent.objects.filter(resolution__in=list(lines), action__in=DECISIONS)
                  .order_by("created", "id")):
        lines[event.resolution_id].decision = event
    counts = defaultdict(Counter)
    for adoption in (Adoption.objects.filter(resolution__in=list(lines)).select_related("municipality")):
        line = lines[adoption.resolution_id]
        counts[adoption.resolution_id][adoption.status] += 1
        if adoption.status == AdoptionStatus.PENDING:
            line.not_reported.append(adoption.municipality)
        elif adoption.status == AdoptionStatus.IMPLEMENTED:
            line.implemented.append(adoption.municipality)
    for pk, line in lines.items():
        line.counts = [counts[pk][status] for status in AdoptionStatus.values]
        line.not_reported.sort(key=lambda city: sort_key(city.name))
        line.implemented.sort(key=lambda city: sort_key(city.name))
    overdue = list(access.commitments_visible_to(user).open()
                   .filter(meeting__series=meeting.series, meeting__number__lt=meeting.number, due_on__lt=today)
                   .order_by("due_on", "id"))
    # The cities with approved resolutions still unreported, most first: {id: (city, how many)}.
    silent = {}
    for city in (city for line in lines.values() for city in line.not_reported):
        silent[city.pk] = (city, silent.get(city.pk, (city, 0))[1] + 1)
    return {
        "meeting": meeting, "today": today, "lines": list(lines.values()),
        "statuses": AdoptionStatus.choices,
        "approved": sum(1 for line in lines.values() if line.resolution.state == ResolutionState.APPROVED),
        "awaiting": sum(1 for line in lines.values() if line.resolution.state == ResolutionState.SUBMITTED),
        "silent_cities": sorted(silent.values(), key=lambda item: (-item[1], sort_key(item[0].name))),
        "overdue": overdue, "show_commitments": access.can_read_commitments(user),
    }
