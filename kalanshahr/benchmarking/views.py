"""S3 pages: the comparison of cities on a shared indicator, the city profile with "learn from", the
experience library and pages, and exchange requests. Every figure comes from comparison.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST, require_safe

from kalanshahr.lib.errors import AccessDenied, DomainError
from kalanshahr.lib.exports import table_response
from kalanshahr.lib.jalali import Period
from kalanshahr.lib.persian import sort_key
from kalanshahr.lib.views import next_url, perform, submit
from kalanshahr.network import fragments
from kalanshahr.network.models import Municipality, Province
from kalanshahr.strategy import datakeys

from . import access, comparison, profile, satisfaction, services
from .forms import AnswerForm, ExchangeRequestForm, ExperienceFilterForm, ExperienceForm, PeerGroupForm, PeerSchemeForm
from .models import ExchangeRequest, Experience, PeerGroup, PeerScheme
from .templatetags.benchmarking import POSITION_WIDTH

# The apps whose data the comparison pages show: a change in any of them retires their cached fragments. The
# values themselves are named narrower, by the indicators each part shows (strategy/datakeys.py): the comparison
# of one indicator, a city profile, a panel of the satisfaction dashboard.
COMPARED_DATA = ["strategy", "benchmarking", "network"]
TREND_PERIODS = 12
RANKING_PAGE = 50
MAX_TRENDS = 10  # lines a trend chart can still tell apart
LEARN_FROM = 12  # a profile's "learn from" lines; the table marks the rest of the bottom half by its quartile


def _cities(ids):
    """{id: Municipality} of the cities a page names, with their province (one query). A ranking holds 1,554
    cities and shows fifty: building every one as a model took a fifth of a cold comparison page."""
    return Municipality.objects.select_related("division_province").in_bulk(set(ids))


def _province_index():
    """{city id: province id} of every compared city (one query of two numbers a row)."""
    return dict(Municipality.objects.compared().values_list("pk", "division_province_id"))


def _provinces():
    """The provinces that have a compared city, for the province filters (one query)."""
    return list(Province.objects.filter(municipalities__is_compared=True).distinct())


def _chosen_province(provinces, code):
    """The province of the filter's code among `provinces`, or None (no filter)."""
    return next((province for province in provinces if province.code == code), None)


@require_safe
@login_required
def compare(request):
    """A shared indicator in one period: ranking, quartiles, median, coverage, model cities and trends.

    ?indicator=CODE&period=1403-08&group=SLUG&province=CODE&city=SLUG&city=SLUG&page=N (the cities whose trends are drawn, and
    the slice of the ranking shown). The content is cached until the figures under it change.
    """
    own = tuple(sorted(access.acting_municipality_ids(request.user)))
    shown = _chosen_indicator(request.GET.get("indicator"))
    data = [*COMPARED_DATA, *([datakeys.indicator_values(shown)] if shown else [])]
    body = fragments.cached(request, "benchmarking.compare", data, (fragments.query_key(request), own),
                            _compare_fragment)
    return render(request, "benchmarking/compare.html", {"body": body})


def _chosen_indicator(code):
    """The id of the shared indicator a comparison shows: the one asked for, else the first (one query)."""
    shared = list(comparison.shared_indicators().values_list("code", "pk"))
    return dict(shared).get(code) or (shared[0][1] if shared else None)


def _compare_fragment(query_key, own):
    return "benchmarking/_compare.html", _compare_context(fragments.query_dict(query_key), own)


def _compare_context(query, own):
    indicators = list(comparison.shared_indicators())
    if not indicators:
        return {"indicators": []}
    indicator = next((i for i in indicators if i.code == query.get("indicator")), indicators[0])
    periods = comparison.reported_periods(indicator)
    period = query.get("period") if query.get("period") in periods else (periods[0] if periods else None)
    groups = list(PeerGroup.objects.select_related("scheme"))
    group = next((g for g in groups if g.slug == query.get("group")), None)
    provinces = _provinces()
    province = _chosen_province(provinces, query.get("province"))
    context = {"indicators": indicators, "indicator": indicator, "periods": periods, "period": period,
               "groups": groups, "group": group, "provinces": provinces, "province": province,
               "fragment_query": query}
    if period is None:
        return context

    pair = (indicator.pk, period)
    ranking = comparison.rankings([pair], group=group, province=province)[pair]
    network = ranking if group is None and province is None else comparison.rankings([pair])[pair]
    improved = comparison.most_improved([pair], group=group, province=province)[pair]
    located = _province_index()
    summaries = comparison.province_summaries(network, located, {p.pk: p for p in provinces})

    # At national scale a ranking has 1,400 rows: the page shows one slice of it (the summary figures and the
    # quartiles still cover every city), the user's own cities above it, and the chart draws the slice. Only the
    # cities it names are fetched.
    page = Paginator(ranking.rows, RANKING_PAGE).get_page(query.get("page"))
    own = [pk for pk in own if pk in located]
    own_rows = [row for row in (ranking.for_city(pk) for pk in own) if row and row not in page.object_list]
    asked = list(Municipality.objects.compared().filter(slug__in=query.getlist("city")).order_by("id")
                 .values_list("pk", flat=True)[:MAX_TRENDS]) if query.getlist("city") else []
    picked_ids = asked or list(dict.fromkeys([r.municipality_id for r in ranking.best[:2]]
                                             + [i.municipality_id for i in improved[:1]] + own))
    shown_rows = [*own_rows, *page.object_list]
    measured = satisfaction.measured_values(indicator, period, [row.municipality_id for row in shown_rows])
    for row in shown_rows:
        row.survey = measured.get(row.municipality_id)
    named = [*page.object_list, *own_rows, *ranking.best, *improved, *(row for s in summaries for row in s.best)]
    cities = _cities([item.municipality_id for item in named] + picked_ids)
    for item in named:
        item.municipality = cities[item.municipality_id]
    satisfaction.compare_measured(list(page.object_list))  # with the cities' names now on the rows
    picked = [cities[pk] for pk in picked_ids]
    trend_periods = [Period.parse(period).shift(-back).key for back in reversed(range(TREND_PERIODS))]
    series = comparison.trends(indicator, [c.pk for c in picked], trend_periods)
    chart = {
        "ranking": {"labels": [r.municipality.name for r in page if r.has_data],
                    "values": [float(r.value) for r in page if r.has_data],
                    "own": [r.municipality_id in own for r in page if r.has_data],
                    "median": float(ranking.median) if ranking.median is not None else None,
                    "series": {"value": indicator.unit, "median": _("Median")}},
        "trends": {"labels": [Period.parse(p).label() for p in trend_periods],
                   "lines": [{"label": c.name, "values": [float(series[c.pk][p]) if p in series[c.pk] else None
                                                          for p in trend_periods]} for c in picked]},
    }
    drawable = {row.municipality for row in page} | set(picked) | {cities[pk] for pk in own}
    context["own_in_chart"] = [row.municipality.name for row in page if row.has_data and row.municipality_id in own]
    context.update(ranking=ranking, network=network, improved=improved, picked=picked, chart=chart, page=page,
                   own_rows=own_rows, drawable=sorted(drawable, key=lambda c: sort_key(c.name)),
                   span=comparison.IMPROVEMENT_SPAN[indicator.frequency],
                   quartiles=_quartile_summary(ranking), province_summaries=summaries)
    return context


def _quartile_summary(ranking):
    """Per quartile: how many cities and the range of their values, best quartile first."""
    summary = {q: [] for q in (1, 2, 3, 4)}
    for row in ranking.rows:
        if row.has_data:
            summary[row.quartile].append(row.value)
    return [(q, len(values), min(values) if values else None, max(values) if values else None)
            for q, values in summary.items()]


@require_safe
@login_required
def city_profile(request, slug):
    """Every shared indicator for one city: value, rank, quartile in the network and in its peer group, the
    change since the previous period, and "learn from" for the indicators where it sits in the bottom half."""
    city = get_object_or_404(Municipality.objects.compared(), slug=slug)
    own = tuple(sorted(access.acting_municipality_ids(request.user)))
    # Every shared indicator's values show on the profile (its rank, the province's and the group's figures).
    shown = [datakeys.indicator_values(pk) for pk in comparison.shared_indicators().values_list("pk", flat=True)]
    body = fragments.cached(request, "benchmarking.city", [*COMPARED_DATA, *shown], (city.pk, own), _profile_fragment)
    return render(request, "benchmarking/city_profile.html", {"city": city, "body": body})


def _position(row):
    """Where the city's dot sits on its indicator's strip, out of POSITION_WIDTH: the best city at the start, the
    last one at the end; None without a verified value."""
    if row is None or not row.has_data or not row.reported:
        return None
    return round(POSITION_WIDTH * (row.rank - 1) / max(row.reported - 1, 1))


def _attach_province(city, lines):
    """Adds to each line of a city profile its province's median and best cities in the same period (two
    queries)."""
    if not city.division_province_id:
        return
    figures = profile.province_figures([line["pair"] for line in lines if line.get("pair")],
                                          city.division_province)
    cities = _cities(pk for _median, best in figures.values() for pk in best)
    for line in lines:
        if line.get("pair") in figures:
            line["province_median"], best = figures[line["pair"]]
            line["province_best"] = [cities[pk] for pk in best]


def _profile_fragment(city_pk, own):
    """`own`: the cities the reader speaks for, which decide whom they may ask (access.may_ask)."""
    city = _cities([city_pk])[city_pk]
    scheme = PeerScheme.objects.order_by("id").first()
    indicators = list(comparison.shared_indicators())
    lines, lagging = profile.city_profile(city, indicators, scheme=scheme, learn_from=LEARN_FROM)
    # Published experiences are what every signed-in reader may see (access.visible_experiences): the list
    # does not vary by reader, only whom they may ask does.
    profile.attach_experiences(lagging, Experience.objects.published())
    for line in lagging:
        line["askable"] = [model for model in line["models"] if access.may_ask(own, model.pk)]
    for line in lines:
        line["position_x"] = _position(line["row"])
    _attach_province(city, lines)
    satisfaction.attach_standings(city, lines)
    group = next((g for g in PeerGroup.objects.filter(scheme=scheme, members=city)), None) if scheme else None
    return "benchmarking/_city_profile.html", {
        "city": city, "lines": lines, "lagging": lagging, "scheme": scheme, "group": group,
        "more_lagging": sum(1 for line in lines if line.get("row") and line["row"].in_bottom_half) - len(lagging),
        "sample": any(i.is_sample_data for i in indicators)}


@require_safe
@login_required
def experience_list(request):
    """The library of published experiences (and the user's own drafts), filtered by theme, city and indicator."""
    form = ExperienceFilterForm(request.GET or None)
    experiences = access.visible_experiences(request.user, Experience.objects.with_related())
    if form.is_valid():
        data = form.cleaned_data
        if data["theme"]:
            experiences = experiences.filter(indicators__theme=data["theme"])
        if data["city"]:
            experiences = experiences.filter(municipality=data["city"])
        if data["indicator"]:
            experiences = experiences.filter(indicators=data["indicator"])
        if data["tag"]:
            experiences = experiences.filter(tags__name=data["tag"])
    return render(request, "benchmarking/experience_list.html", {
        "form": form, "experiences": experiences.distinct(),
        "can_add": access.can_document_experiences(request.user),
    })


def _experience_for(user, pk):
    return get_object_or_404(access.visible_experiences(user, Experience.objects.with_related()), pk=pk)


@require_safe
@login_required
def experience_detail(request, pk):
    experience = _experience_for(request.user, pk)
    return render(request, "benchmarking/experience_detail.html", {
        "experience": experience,
        "figures": experience.figures.all(),
        "attachments": experience.attachments.all(),
        "can_edit": access.can_edit_experience(request.user, experience),
        "can_ask": experience.is_published and access.can_ask(request.user, experience.municipality_id),
    })


@login_required
def experience_form(request, pk=None):
    """Document a new experience of the user's city, or edit one; it starts as a draft."""
    experience = _experience_for(request.user, pk) if pk else None
    if experience and not access.can_edit_experience(request.user, experience):
        raise Http404
    if experience is None:
        access.check_speaks_for_a_city(request.user)
    form = ExperienceForm(request.POST or None, request.FILES or None, user=request.user, instance=experience)

    def save(data):
        values = {k: data[k] for k in ("title", "problem", "actions", "results", "contact", "organization",
                                       "indicators", "tags", "figures")}
        return services.save_experience(request.user, experience, municipality=data.get("municipality"),
                                        attachment=data.get("attachment"),
                                        attachment_title=data.get("attachment_title", ""), **values)

    saved = submit(request, form, save, _("The experience is saved."))
    if saved:
        return redirect(saved)
    return render(request, "benchmarking/experience_form.html", {"form": form, "experience": experience})


@login_required
@require_POST
def experience_move(request, pk, action):
    experience = _experience_for(request.user, pk)
    perform(request, lambda: services.move_experience(request.user, experience, action),
            _("The experience is published.") if action == "publish" else _("The experience is back to draft."))
    return redirect(experience)


@require_safe
@login_required
def request_list(request):
    """The exchange requests between the user's cities and others."""
    requests = access.visible_requests(request.user, ExchangeRequest.objects.with_related())
    return render(request, "benchmarking/request_list.html", {"requests": requests})


@login_required
def request_add(request):
    """Ask another city about one of its experiences (?experience=ID) or about a shared indicator (?indicator=CODE)."""
    access.check_speaks_for_a_city(request.user)
    form = ExchangeRequestForm(request.POST or None, user=request.user, initial_from=request.GET)

    def send(data):
        return services.send_request(request.user, data["from_municipality"], data["to_municipality"],
                                     question=data["question"], experience=data["experience"],
                                     indicator=data["indicator"])

    sent = submit(request, form, send, _("Your request is sent."))
    if sent:
        return redirect(sent)
    return render(request, "benchmarking/request_form.html", {"form": form})


def _request_for(user, pk):
    return get_object_or_404(access.visible_requests(user, ExchangeRequest.objects.with_related()), pk=pk)


@login_required
def request_detail(request, pk):
    exchange = _request_for(request.user, pk)
    # Bound on every POST, even an empty one, so that a refused close can be shown on it.
    form = AnswerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "answer":
            done = submit(request, form, lambda data: services.move_request(request.user, exchange, "answer",
                                                                            data["answer"]), _("Your answer is sent."))
        else:
            try:
                done = services.move_request(request.user, exchange, "close")
            except AccessDenied:
                raise
            except DomainError as error:
                form.add_error(None, error.message)
                done = None
            else:
                messages.success(request, _("The request is closed."))
        if done:
            return redirect(next_url(request, exchange.get_absolute_url()))
    return render(request, "benchmarking/request_detail.html", {
        "exchange": exchange, "form": form,
        "can_answer": access.can_answer(request.user, exchange),
        "can_close": access.can_close(request.user, exchange),
    })


# --- peer groups -------------------------------------------------------------------------------

@require_safe
@login_required
def peer_groups(request):
    """Every scheme with its groups and their cities, and the cities a scheme leaves out."""
    schemes = list(PeerScheme.objects.prefetch_related("groups__members"))
    cities = list(Municipality.objects.in_name_order())
    for scheme in schemes:
        grouped = {city.pk for group in scheme.groups.all() for city in group.members.all()}
        scheme.ungrouped = [city for city in cities if city.pk not in grouped]
    return render(request, "benchmarking/peer_groups.html", {
        "schemes": schemes, "can_manage": access.can_manage_peer_groups(request.user)})


def _manager_only(user):
    if not access.can_manage_peer_groups(user):
        raise Http404


@login_required
def scheme_form(request, slug=None):
    _manager_only(request.user)
    scheme = get_object_or_404(PeerScheme, slug=slug) if slug else None
    form = PeerSchemeForm(request.POST or None, instance=scheme)

    def save(data):
        names = {"name_fa": data["name_fa"], "name_en": data["name_en"], "kind": data["kind"]}
        if scheme is None:
            return services.create_scheme(request.user, slug=data["slug"], **names)
        return services.update_scheme(request.user, scheme, **names)

    if submit(request, form, save, _("The peer group scheme is saved.")):
        return redirect("benchmarking:peer_groups")
    return render(request, "benchmarking/peer_form.html", {"form": form, "scheme": scheme, "editing": scheme,
                                                          "kind": "scheme"})


@login_required
def group_form(request, scheme_slug=None, slug=None):
    _manager_only(request.user)
    group = get_object_or_404(PeerGroup.objects.select_related("scheme"), slug=slug) if slug else None
    scheme = group.scheme if group else get_object_or_404(PeerScheme, slug=scheme_slug)
    form = PeerGroupForm(request.POST or None, scheme=scheme, instance=group)

    def save(data):
        names = {"name_fa": data["name_fa"], "name_en": data["name_en"], "members": data["members"]}
        if group is None:
            return services.create_group(request.user, scheme, slug=data["slug"], **names)
        return services.update_group(request.user, group, **names)

    if submit(request, form, save, _("The peer group is saved.")):
        return redirect("benchmarking:peer_groups")
    return render(request, "benchmarking/peer_form.html", {"form": form, "scheme": scheme, "editing": group,
                                                          "kind": "group"})


@login_required
@require_POST
def group_delete(request, slug):
    _manager_only(request.user)
    group = get_object_or_404(PeerGroup, slug=slug)
    perform(request, lambda: services.delete_group(request.user, group),
            _("The peer group “%(name)s” is deleted.") % {"name": group.name})
    return redirect("benchmarking:peer_groups")


# --- the public citizen-satisfaction dashboard ------------------------------------------------------

@require_safe
def satisfaction_dashboard(request):
    """No login: every city's citizen-satisfaction indicators, latest verified value, trend and network median.
    Anonymous readers get one stored copy, and everyone a cached body, until the figures change.

    The body is a panel per indicator, each a fragment of its own named by its indicator's values: cities verify
    satisfaction values all day, and a verification rebuilds the one panel it changed, not thirteen."""
    page = int(request.GET["page"]) if request.GET.get("page", "").isdigit() else 1
    # A province's official code is a number: anything else is no filter, and never a cache entry of its own.
    province = request.GET.get("province", "")
    province = province if province.isdigit() and len(province) <= 8 else ""
    indicators = list(satisfaction.satisfaction_indicators().values_list("pk", flat=True))
    shown = [datakeys.indicator_values(pk) for pk in indicators]

    def build():
        frame = fragments.cached(request, "benchmarking.satisfaction", COMPARED_DATA, (page, province),
                                 _satisfaction_frame)
        panels = fragments.cached_each(
            request, "benchmarking.satisfaction.panel",
            [([*COMPARED_DATA, key], (pk, page, province)) for pk, key in zip(indicators, shown)], _satisfaction_panels)
        return render(request, "benchmarking/satisfaction.html",
                      {"frame": [mark_safe(half) for half in frame.split(PANELS_SLOT)], "panels": panels})

    return fragments.cached_response(request, "benchmarking.satisfaction", [*COMPARED_DATA, *shown],
                                     (page, province), build)


PANELS_SLOT = "<!-- the panels -->"


def _satisfaction_frame(page, province_code):
    """The dashboard's heading, filter and pager; the panels go in its slot."""
    provinces = _provinces()
    province = _chosen_province(provinces, province_code)
    cities = Municipality.objects.compared().filter(**({"division_province": province} if province else {})).count()
    query = QueryDict(mutable=True)  # the pager's links keep the province
    if province:
        query["province"] = province.code
    return "benchmarking/_satisfaction.html", {
        "provinces": provinces, "province": province, "fragment_query": query, "panels_slot": mark_safe(PANELS_SLOT),
        "trend_periods": satisfaction.TREND_PERIODS,
        "page": Paginator(range(satisfaction.page_count(cities)), 1).get_page(page)}


def _satisfaction_panels(wanted):
    """The panels of the (indicator id, page, province code) asked for, built together (satisfaction.panels()):
    a page's panels share its page and province."""
    _indicator, page, province_code = wanted[0]
    # The frame's rule: a province with no compared city is no filter.
    province = _chosen_province(_provinces(), province_code) if province_code else None
    indicators = comparison.shared_indicators().in_bulk([pk for pk, _page, _province in wanted])
    built = satisfaction.panels([indicators[pk] for pk, _page, _province in wanted], page, province)
    return [("benchmarking/_satisfaction_panel.html", {
        "panel": panel, "province": province, "spark_width": satisfaction.SPARK_WIDTH,
        "spark_height": satisfaction.SPARK_HEIGHT, "bar_width": satisfaction.BAR_WIDTH}) for panel in built]


@require_safe
def satisfaction_csv(request):
    headers = [_("City (slug)"), _("City"), _("Indicator code"), _("Indicator"), _("Unit"), _("Period"), _("Value"),
               _("Sample data")]
    rows = [(*row[:7], _("yes") if row[7] else _("no")) for row in satisfaction.csv_rows()]
    return table_response("csv", "citizen-satisfaction", headers, rows)
