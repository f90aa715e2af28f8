"""Charts where people would rather look than read: one scale per indicator for every sparkline, the reader's own
city picked out on the comparison and the profile, a ranked bar chart and a plain legend on the satisfaction
dashboard, and trend sparklines on the supervision board."""

import json
import re

import pytest

from kalanshahr.benchmarking import satisfaction
from kalanshahr.lib import sparkline
from kalanshahr.network.models import Municipality

pytestmark = pytest.mark.django_db


def test_a_scale_holds_every_value_and_puts_higher_values_higher():
    scale = sparkline.Scale.of([10, None, 30, 20])
    assert (scale.low, scale.high) == (10, 30)
    assert scale.y(30) == sparkline.PAD and scale.y(10) == sparkline.HEIGHT - sparkline.PAD
    assert scale.y(20) == pytest.approx(sparkline.HEIGHT / 2)
    flat = sparkline.Scale.of([5, 5])
    assert flat.y(5) == pytest.approx(sparkline.HEIGHT / 2)  # a flat line sits in the middle, not on an edge
    window = ["1405-01", "1405-02", "1405-03"]
    assert sparkline.points([("1405-01", 10), ("1405-03", 30), ("1404-12", 99)], window, scale) == (
        f"0.0,{scale.y(10)} 120.0,{scale.y(30)}")  # placed by period; outside the window left out


def test_every_satisfaction_line_of_an_indicator_shares_one_scale_and_the_bars_rank(demo):
    panels = satisfaction.panels(list(satisfaction.satisfaction_indicators()), 1)
    panel = next(p for p in panels if p.period)
    current = [line for line in panel.lines if line.is_current]
    assert len({line.median_y for line in current}) == 1, "one median line height: one scale for the panel"
    last_y = {line.municipality.slug: float(line.points.split()[-1].split(",")[1]) for line in current}
    by_value = sorted(current, key=lambda line: line.value)
    ys = [last_y[line.municipality.slug] for line in by_value]
    assert ys == sorted(ys, reverse=True), "a higher latest value is drawn higher on every line"
    assert max(line.bar for line in current) == satisfaction.BAR_WIDTH
    for low, high in zip(by_value, by_value[1:]):
        assert low.bar <= high.bar


def test_the_satisfaction_page_says_where_a_city_stands_in_plain_words(client):
    page = client.get("/satisfaction/").content.decode()
    assert "چارک" not in page and "در ربع برتر" in page and "class=\"bar-chart\"" in page
    assert "خط نازک عمودی" in page  # the legend explains the bars and the median
    english = client.get("/en/satisfaction/").content.decode()
    assert "among the best quarter" in english and "Q1" not in english


def test_the_comparison_chart_picks_out_the_readers_city(client_for):
    page = client_for("tehran_editor").get("/benchmarking/?indicator=NET-SAT-01").content.decode()
    data = json.loads(re.search(r'<script id="benchmark-data" type="application/json">(.*?)</script>', page, re.S)[1])
    tehran = Municipality.objects.get(slug="tehran").name_fa
    flags = dict(zip(data["ranking"]["labels"], data["ranking"]["own"]))
    assert flags[tehran] is True and sum(flags.values()) == 1
    assert "نوار شهر شما نارنجی است: تهران." in page
    other = client_for("secretariat").get("/benchmarking/?indicator=NET-SAT-01").content.decode()
    assert "نوار شهر شما" not in other


def test_the_city_profile_draws_the_citys_place_among_the_reporting_cities(client_for):
    page = client_for("tehran_editor").get("/benchmarking/cities/tehran/").content.decode()
    strips = re.findall(r'<svg class="position-strip".*?aria-label="([^"]+)".*?<circle class="strip-city" cx="(\d+)"',
                        page, re.S)
    assert strips
    for label, x in strips:
        rank, total = (int(n.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")))
                       for n in re.search(r"رتبه‌ی (\S+) از (\S+)،", label).groups())
        assert int(x) == round(100 * (rank - 1) / max(total - 1, 1))


def test_the_supervision_board_shows_each_indicators_trend_with_its_target(client_for):
    page = client_for("tehran_urban_services").get("/monitoring/board/").content.decode()
    sparks = re.findall(r'<svg class="spark".*?</svg>', page, re.S)
    assert sparks and any("spark-target" in spark for spark in sparks)
    for spark in sparks:
        ys = [float(y) for y in re.findall(r"[\d.]+,([\d.]+)", re.search(r'points="([^"]*)"', spark)[1])]
        target = re.search(r'class="spark-target"[^>]*y1="([\d.]+)"', spark)
        inside = ys + ([float(target[1])] if target else [])
        assert all(sparkline.PAD - 0.05 <= y <= sparkline.HEIGHT - sparkline.PAD + 0.05 for y in inside)
    assert "دوره‌ی سررسیدشده‌ی اخیر" in page  # the legend says what the lines are
