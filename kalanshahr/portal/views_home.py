"""The public home page: what a visitor came for first (the latest news, the next meetings, the network's headline
figures and a search box), then the metropolises and the network's own bodies."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from kalanshahr.benchmarking import satisfaction
from kalanshahr.meetings import reports
from kalanshahr.meetings.models import Meeting
from kalanshahr.network import fragments
from kalanshahr.network.models import NETWORK_KINDS, Municipality, Organization

from .models import News

LATEST_NEWS = 4
NEXT_MEETINGS = 3
# The headline figures (the satisfaction indicators' medians, the adoption overview) are kept until these apps'
# data change, or the satisfaction indicators' verified values (satisfaction.data_keys()): the values of the other
# 237 indicators, entered and verified all day, keep them.
FIGURES_DATA = ["strategy", "benchmarking", "network", "meetings"]


@require_safe
def home(request):
    """Template portal/home.html. The news and meetings are read each time (a scheduled item appears on its hour);
    the figures come from a stored fragment."""
    today = timezone.localdate()
    upcoming = list(Meeting.objects.filter(ends_on__gte=today).select_related("series", "host")
                    .order_by("starts_on", "pk")[:NEXT_MEETINGS])
    recent = [] if upcoming else list(Meeting.objects.select_related("series", "host")
                                      .order_by("-starts_on", "-pk")[:1])
    return render(request, "portal/home.html", {
        "news": News.objects.published().order_by("-published_at", "-code")[:LATEST_NEWS],
        "upcoming": upcoming,
        "recent": recent,
        "figures": fragments.cached(request, "portal.home.figures", [*FIGURES_DATA, *satisfaction.data_keys()], (),
                                    _figures_fragment),
        "municipalities": Municipality.objects.metropolises().select_related("division_province").with_organization_counts().in_name_order(),
        "network_organizations": Organization.objects.filter(kind__in=NETWORK_KINDS),
    })


def _figures_fragment():
    return "portal/_home_figures.html", {
        "satisfaction": satisfaction.headline(), "adoption": reports.adoption_overview()}
