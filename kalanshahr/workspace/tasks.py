"""What waits for one person, across the apps: the sections of "my tasks" and the counts on the menu's badge.

Each section reads its rows from the documented function of the app that owns them (that app's access.py, or
strategy.monitoring for the data overdue), so the permission rules stay there. A section counts its rows; the
page shows them, the badge adds the counts up.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kalanshahr.benchmarking import access as benchmarking_access
from kalanshahr.ideas import access as ideas_access
from kalanshahr.meetings import access as meetings_access
from kalanshahr.portal import access as portal_access
from kalanshahr.strategy import access as strategy_access
from kalanshahr.strategy import monitoring

# A list shown on the page is cut here; its count, and the place it links to, still cover every row.
SHOWN = 50


@dataclass
class Section:
    key: str
    label: str
    url: str
    rows: list = field(default_factory=list)
    count: int = 0


def _overdue(user, today):
    indicators = list(strategy_access.indicators_entered_by(user))
    states = monitoring.indicator_states(indicators, today)
    return [states[indicator.pk] for indicator in indicators if states[indicator.pk].overdue]


def _sources(user, today):
    """(key, label, place where the work is done, rows or a count) in the order the page shows them."""
    return [
        ("verify", _("Values to verify"), reverse("strategy:verify"),
         strategy_access.verifiable_measurements(user).order_by("updated")),
        ("returned", _("Values returned to you"), "", strategy_access.returned_measurements(user).order_by("updated")),
        ("overdue", _("Data overdue"), reverse("strategy:index"), lambda: _overdue(user, today)),
        # The authority's inbox: each resolution with the letter it came with (the latest submission's).
        ("decisions", _("Resolutions awaiting your decision"), "",
         meetings_access.decisions_awaiting(user).prefetch_related("letters")),
        ("to-move", _("Resolutions to move forward"), "", meetings_access.resolutions_to_move(user)),
        ("adoptions", _("Adoptions to record"), reverse("meetings:adoption_matrix"),
         meetings_access.adoptions_to_update(user)),
        ("commitments", _("Commitments due"), "", meetings_access.commitments_owned_by(user)),
        ("ideas-to-review", _("Ideas to review"), reverse("ideas:reviews"),
         ideas_access.reviews_to_do(user).select_related("idea__municipality").order_by("due_on")),
        ("ideas-to-screen", _("Ideas awaiting screening"), "", ideas_access.ideas_to_screen(user)),
        ("comments-waiting", _("Comments to moderate"), reverse("portal:moderation"), portal_access.comments_waiting(user)),
        ("requests-to-answer", _("Exchange requests to answer"), "", benchmarking_access.requests_to_answer(user)),
        ("requests-sent", _("My city's open requests"), "", benchmarking_access.requests_to_close(user)),
    ]


def sections(user, today, *, rows=True):
    """Every section with its count and, for the page, its first rows; `rows=False` counts only (the badge)."""
    found = []
    for key, label, url, source in _sources(user, today):
        section = Section(key, label, url)
        if isinstance(source, int):  # already a count: the comments waiting are not listed one by one
            section.count = source
        elif callable(source):
            section.rows = source()
            section.count = len(section.rows)
        elif rows:
            section.rows = list(source[:SHOWN])
            section.count = len(section.rows) if len(section.rows) < SHOWN else source.count()
        else:
            section.count = source.count()
        found.append(section)
    return found


def total(user, today):
    """The count on the menu's badge: everything waiting, requests sent by the city left out (nothing to do yet)."""
    return sum(section.count for section in sections(user, today, rows=False) if section.key != "requests-sent")
