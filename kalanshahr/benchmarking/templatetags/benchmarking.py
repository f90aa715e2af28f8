"""The rank and quartile badges of the benchmarking pages, and a city profile's table row, written in Python.

A national city profile has 250 rows of eleven cells, each with a rank, two quartile badges and four numbers: as
template includes that was about a third of a second of rendering per profile, as Python a few milliseconds
(docs/performance.md). The markup is the one the templates had; tests/benchmarking/test_pages.py reads it.
"""

from functools import lru_cache
from html import escape

from django import template
from django.urls import get_urlconf, reverse
from django.utils.translation import get_language
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from kalanshahr.lib.templatetags import digits, num

register = template.Library()

POSITION_WIDTH = 100


def _quartile_words():
    return {1: gettext("among the best quarter"), 2: gettext("better than the median"),
            3: gettext("worse than the median"), 4: gettext("among the last quarter")}


@register.simple_tag
def quartile_badge(quartile, words=None):
    """«among the best quarter» … «among the last quarter» as a badge; nothing without a quartile."""
    if not quartile:
        return ""
    return format_html('<span class="quartile quartile-{}">{}</span>', quartile, (words or _quartile_words())[quartile])


def _quartile_badges():
    """{quartile: its badge, None: ""} for one render."""
    words = _quartile_words()
    return {**{q: quartile_badge(q, words) for q in words}, None: ""}


@register.simple_tag
def city_url(slug):
    """The address of a city's profile, without a reverse() per link: a profile's lagging lines link 600 cities."""
    return _city_url_pattern(get_language(), get_urlconf()) % slug


@lru_cache(maxsize=32)
def _city_url_pattern(language, urlconf):
    marker = "city-slug-marker"  # a slug is [-a-z0-9], which an address carries as it is
    return reverse("benchmarking:city", args=[marker], urlconf=urlconf).replace("%", "%%").replace(marker, "%s")


@register.simple_tag
def profile_rows(city, lines):
    """The <tr> of every line of a city profile (benchmarking/_city_profile.html). Plain string formatting with
    every text escaped: format_html() per cell cost more than the rest of the page together. The translated
    words, the badges and the language are looked up once per render, not once per row."""
    persian = get_language().startswith("fa")
    quartiles = _quartile_badges()
    words = {"quartiles": quartiles, "persian": persian, "no_value": escape(gettext("no verified value")),
             "nobody": escape(gettext("No city has a verified value yet.")), "shared": gettext("shared by %(n)s cities"),
             "compare": escape(reverse("benchmarking:compare")), "with_province": bool(city.division_province_id),
             "place": gettext("%(city)s: place %(rank)s of %(n)s, the best at the start"), "city": city,
             "themes": {}, "periods": {},  # each theme's and period's words, made once
             "measured": _measured_words()}
    return mark_safe("\n".join(_profile_row(line, words) for line in lines))


def _profile_row(line, words):
    indicator, row, persian = line["indicator"], line["row"], words["persian"]
    code = escape(indicator.code)
    if indicator.theme not in words["themes"]:
        words["themes"][indicator.theme] = escape(indicator.get_theme_display())
    head = (f'<tr data-indicator="{code}">\n      <td><span class="badge">{words["themes"][indicator.theme]}'
            f'</span> <a href="{words["compare"]}?indicator={code}"><bdi>{code}</bdi></a> {escape(indicator.name)}</td>')
    if row is None:
        columns = 10 if words["with_province"] else 8
        return f'{head}\n      <td colspan="{columns}" class="muted">{words["nobody"]}</td>\n    </tr>'
    places = indicator.precision
    if row.has_data:
        value = (f'{num(row.value, places, persian)} <span class="muted small">{escape(indicator.unit)}</span>'
                 f'{_standing(line.get("standing"), places, words)}')
        rank = f"{_rank(row.rank, row.tied, words)} / {digits(row.reported, persian)}"
    else:
        value, rank = f'<span class="muted">{words["no_value"]}</span>', "—"
    period = line["period"]
    if period not in words["periods"]:
        words["periods"][period] = escape(period.label())
    cells = [words["periods"][period], value, _change(line, places, words), rank, _position(line, row, words),
             words["quartiles"][row.quartile], words["quartiles"][row.peer_quartile], num(row.peer_mean, places, persian)]
    if words["with_province"]:
        best = "، ".join(f"<strong>{escape(model.name)}</strong>" if model == words["city"] else
                         f'<a href="{city_url(model.slug)}">{escape(model.name)}</a>'
                         for model in line.get("province_best", []))
        cells += [num(line.get("province_median"), places, persian), best or "—"]
    return head + "".join(f"\n      <td>{cell}</td>" for cell in cells) + "\n    </tr>"


@register.simple_tag
def ranking_rows(rows, indicator, own=False):
    """The <tr> of each ranking row of the comparison page (benchmarking/_compare.html), written like the
    profile's: fifty template includes were a third of a cold comparison page."""
    persian = get_language().startswith("fa")
    quartiles = _quartile_badges()
    words = {"persian": persian, "shared": gettext("shared by %(n)s cities")}
    # The words are looked up outside the f-strings, where makemessages finds them.
    your_city, no_value = escape(gettext("your city")), escape(gettext("no verified value"))
    mine = f' <span class="badge">{your_city}</span>' if own else ""
    missing = f'<span class="muted">{no_value}</span>'
    words["measured"] = _measured_words()
    return mark_safe("\n".join(
        f'<tr data-city="{escape(row.municipality.slug)}" class="{"" if row.has_data else "no-data"}'
        f'{" own-city" if own else ""}">\n      <td>{_rank(row.rank, row.tied, words) if row.rank else "—"}</td>'
        f'\n      <td><a href="{city_url(row.municipality.slug)}">{escape(row.municipality.name)}</a>{mine}</td>'
        f'\n      <td>{num(row.value, indicator.precision, persian) if row.has_data else missing}'
        f'{_measured(row, indicator.precision, words)}</td>'
        f'\n      <td>{quartiles[row.quartile]}</td>\n    </tr>' for row in rows))


@register.simple_tag
def indicator_options(indicators, chosen):
    """The <option>s of the comparison's indicator filter, «theme · name»: 250 of them at national scale."""
    themes = {}
    options = []
    for item in indicators:
        if item.theme not in themes:
            themes[item.theme] = escape(item.get_theme_display())
        selected = " selected" if item == chosen else ""
        options.append(f'<option value="{escape(item.code)}"{selected}>{themes[item.theme]} · {escape(item.name)}'
                       "</option>")
    return mark_safe("".join(options))


def _measured_words():
    return {"badge": escape(gettext("measured by survey")),
            "figure": gettext("%(n)s answers, 95%% interval %(low)s to %(high)s"),
            "apart": gettext("Clearly below %(city)s: the intervals do not overlap."),
            "together": gettext("Cannot be told apart from %(city)s: the intervals overlap."),
            "higher": gettext("Clearly lower than %(cities)s."),
            "lower": gettext("Clearly higher than %(cities)s."),
            "overlapping": gettext("Cannot be told apart from %(cities)s: the intervals overlap."),
            "alone": gettext("No other city was measured by survey in this period.")}


def _measured(row, places, words):
    """A survey-measured value's mark, n and interval, and whether it differs from the measured row above it;
    nothing for a value the city entered."""
    survey = getattr(row, "survey", None)
    if survey is None:
        return ""
    versus = getattr(row, "versus", None)
    said = words["measured"]
    sentence = said["apart" if versus.apart else "together"] % {"city": versus.above.name} if versus else ""
    return _survey_figure(survey, places, words, [sentence] if sentence else [])


def _survey_figure(survey, places, words, sentences):
    persian, said = words["persian"], words["measured"]
    figure = escape(said["figure"] % {"n": digits(survey.answers, persian), "low": num(survey.low, places, persian),
                                      "high": num(survey.high, places, persian)})
    text = f'<span class="survey-figure small"><a class="badge survey" href="{escape(survey.url)}">{said["badge"]}</a> '
    figure += "".join(f' <span class="muted">{escape(sentence)}</span>' for sentence in sentences)
    return f"{text}{figure}</span>"


def _standing(standing, places, words):
    """On a city profile, a survey-measured value's mark, n and interval, and which of the other cities measured
    in the same period it differs from (their intervals do not overlap) and which it cannot be told apart from.
    The sentences speak of the cities whose interval lies wholly above its own ("clearly lower than")."""
    if standing is None:
        return ""
    said = words["measured"]
    comma = "، " if words["persian"] else ", "
    sentences = [said[group] % {"cities": comma.join(city.name for city in getattr(standing, group))}
                 for group in ("higher", "lower", "overlapping") if getattr(standing, group)]
    return _survey_figure(standing.survey, places, words, sentences or [said["alone"]])


def _rank(rank, tied, words):
    """A rank, «=2» with a title when several cities share it, with `words` of one render (the language, "shared
    by")."""
    shown = digits(rank, words["persian"])
    if tied and tied > 1:
        title = escape(words["shared"] % {"n": digits(tied, words["persian"])})
        return f'<span class="rank"><span title="{title}">={shown}</span></span>'
    return f'<span class="rank">{shown}</span>'


def _change(line, places, words):
    if line["change"] is None:
        return "—"
    change = f'<span dir="ltr">{"+" if line["change"] > 0 else ""}{num(line["change"], places, words["persian"])}</span>'
    if not line["rank_change"]:
        return change
    better = line["rank_change"] > 0
    moved = (ngettext("▲ %(n)s place", "▲ %(n)s places", line["places"]) if better else
             ngettext("▼ %(n)s place", "▼ %(n)s places", line["places"]))
    moved = escape(moved % {"n": digits(line["places"], words["persian"])})
    return f'{change} <span class="small {"better" if better else "worse"}">{moved}</span>'


def _position(line, row, words):
    """The city's dot on a strip from the best reporting city (at the start) to the last."""
    if line.get("position_x") is None:
        return "—"
    label = escape(words["place"] % {"city": words["city"].name, "rank": digits(row.rank, words["persian"]),
                                     "n": digits(row.reported, words["persian"])})
    outer = POSITION_WIDTH + 12
    return (f'<svg class="position-strip" width="{outer}" height="16" viewBox="-6 0 {outer} 16" role="img" '
            f'aria-label="{label}"><line class="strip" x1="0" x2="{POSITION_WIDTH}" y1="8" y2="8"/>'
            f'<line class="strip-median" x1="{POSITION_WIDTH // 2}" x2="{POSITION_WIDTH // 2}" y1="3" y2="13"/>'
            f'<circle class="strip-city" cx="{line["position_x"]}" cy="8" r="5"/></svg>')
