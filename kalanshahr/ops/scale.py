"""Fills a database at a chosen size for the national-scale benchmarks (`manage.py generate_scale`).

Reproducible for a seed: municipalities with populations and regions, a population-band peer scheme, shared
indicators with targets, verified city-level measurements with gaps, a meeting of every municipality whose
approved resolutions open an adoption row per city, and a news item with its comments. Everything is flagged
as sample data. Small tables go through the services (so the rules, the audit and the search index hold); the
big ones go through the bulk writers their apps expose (`network.services.create_sample_municipalities`,
`strategy.samples`), which write batch by batch and retire the cached pages; a progress bar goes to stderr.
"""

import datetime
import random
import sys
import time
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from kalanshahr.benchmarking import services as benchmarking_services, standings
from kalanshahr.meetings import services as meetings_services
from kalanshahr.meetings.models import MeetingSeries
from kalanshahr.network import divisions, services as network_services
from kalanshahr.network.access import SYSTEM
from kalanshahr.network.models import Municipality, Organization, Region
from kalanshahr.portal import services as portal_services
from kalanshahr.strategy import monitoring, samples
from kalanshahr.strategy import services as strategy_services

THEMES = ["finance", "revenue", "governance", "urban_services", "environment", "transport", "safety",
          "citizen_satisfaction"]
DIRECTIONS = ["higher_better", "lower_better", "higher_better", "in_range"]


class Progress:
    """A one-line progress bar on stderr: «[#######.....]  58%  12,345,678 / 21,000,000 measurements  41 s»."""

    def __init__(self, total, label, stream=None):
        self.total, self.label, self.done, self.stream = max(total, 1), label, 0, stream or sys.stderr
        self.started = time.monotonic()

    def advance(self, count):
        self.done += count
        share = self.done / self.total
        bar = "#" * int(share * 30)
        self.stream.write(f"\r[{bar:<30}] {share:4.0%}  {self.done:,} / {self.total:,} {self.label}  "
                          f"{time.monotonic() - self.started:.0f} s")
        self.stream.flush()

    def finish(self):
        self.stream.write("\n")


def generate(*, municipalities=None, indicators, months, seed=1, stdout=None, stream=None):
    """Returns a dict of counts and timings. Without a number of municipalities, Iran's real ones are loaded
    (`load_iran_municipalities`) and all of them compared, with sample populations where none is known."""
    rng = random.Random(seed)
    started = time.monotonic()
    secretariat = Organization.objects.get(slug="secretariat")
    cities = _municipalities(municipalities, rng) if municipalities else _iran(rng, stream)
    with transaction.atomic():
        document = strategy_services.create_document(
            SYSTEM, slug=f"scale-charter-{seed}", kind="other", name_fa="منشور شاخص‌های سنجش در مقیاس ملی (نمونه)",
            issuer="دبیرخانه", is_sample_data=True, clauses=[("1", "همه‌ی شهرداری‌ها شاخص‌های مشترک را گزارش می‌کنند")])
        clause = document.clauses.get()
        specs = []
        for number in range(indicators):
            direction = DIRECTIONS[number % len(DIRECTIONS)]
            code = f"SCALE-{seed}-{number + 1:03d}"
            indicator = strategy_services.create_indicator(
                SYSTEM, secretariat, code=code, name_fa=f"شاخص نمونه‌ی {number + 1}", definition="تعریف نمونه",
                unit="واحد", direction=direction, frequency="month", scope="network",
                theme=THEMES[number % len(THEMES)], family="citizen_satisfaction" if number % 25 == 7 else "general",
                range_low=Decimal(40) if direction == "in_range" else None,
                range_high=Decimal(60) if direction == "in_range" else None, is_sample_data=True, clauses=[clause])
            specs.append((indicator.pk, rng.uniform(10, 90), rng.uniform(0.5, 8)))
        benchmarking_services.create_population_band_scheme(SYSTEM, slug=f"scale-bands-{seed}")
        if not municipalities:
            benchmarking_services.create_province_scheme(SYSTEM, slug=f"scale-provinces-{seed}")
    last = monitoring.latest_due_period("month")
    periods = [last.shift(step - months + 1).key for step in range(months)]
    _targets(cities, specs, last.key, rng, stream)
    rows = _measurements(cities, specs, periods, rng, stream)
    ranked = time.monotonic()
    standings.rebuild()  # the values were written in bulk, past the services that keep the standings
    ranked = round(time.monotonic() - ranked, 1)
    _meeting_and_news(cities, seed, rng)
    return {"municipalities": len(cities), "indicators": len(specs), "months": months, "measurements": rows,
            "standings seconds": ranked,
            "seconds": round(time.monotonic() - started, 1)}


def _municipalities(count, rng):
    regions = [choice for choice, _label in Region.choices]
    existing = Municipality.objects.count()
    specs = []
    for number in range(existing + 1, existing + count + 1):
        population = _population(rng)
        specs.append({"slug": f"scale-{number:05d}", "name_fa": f"شهر نمونه‌ی {number}",
                      "region": rng.choice(regions), "population": population})
    return network_services.create_sample_municipalities(SYSTEM, specs)


def _iran(rng, stream):
    progress = Progress(1, "municipalities of Iran", stream)

    def advance(done, total):
        progress.total, progress.done = total, 0
        progress.advance(done)

    divisions.load_iran_municipalities(SYSTEM, progress=advance)
    progress.finish()
    everyone = list(Municipality.objects.order_by("id"))
    network_services.compare_municipalities(SYSTEM, {city: _population(rng) for city in everyone})
    return list(Municipality.objects.compared().order_by("id"))


def _population(rng):
    return int(min(12_000_000, rng.lognormvariate(11.5, 1.3)))


def _targets(cities, specs, period, rng, stream):
    progress = Progress(len(cities) * len(specs), "targets", stream)
    samples.write_targets(SYSTEM, ((indicator_id, city.pk, period, round(level, 1))
                                   for city in cities for indicator_id, level, _spread in specs),
                          tolerance=Decimal(2), progress=progress.advance)
    progress.finish()


def _measurements(cities, specs, periods, rng, stream):
    """Verified city-level values with about 3% of them missing; each city drifts around its own level."""
    progress = Progress(len(cities) * len(specs) * len(periods), "measurements", stream)

    def values():
        for city in cities:
            bias = rng.uniform(-15, 15)
            for indicator_id, level, spread in specs:
                value = level + bias
                for period in periods:
                    value += rng.uniform(-spread, spread) * 0.3
                    if rng.random() < 0.03:
                        continue
                    yield indicator_id, city.pk, period, f"{max(value, 0):.1f}"

    written = samples.write_verified_measurements(SYSTEM, values(), progress=progress.advance)
    progress.finish()
    return written


def _meeting_and_news(cities, seed, rng):
    with transaction.atomic():
        series = MeetingSeries.objects.first() or meetings_services.create_series(SYSTEM, slug="scale", name_fa="نمونه")
        group = series.working_groups.first() or meetings_services.add_working_group(SYSTEM, series, code="GEN",
                                                                                      name_fa="عمومی")
        number = 1000 + seed
        today = datetime.date.today()
        meeting = meetings_services.create_meeting(SYSTEM, series, number=number, host=cities[0], starts_on=today,
                                                   ends_on=today, participants=cities, is_sample_data=True)
        authority = Organization.objects.authorities().first()
        for index in range(5):
            item = meetings_services.add_agenda_item(SYSTEM, meeting, working_group=group, title=f"موضوع نمونه‌ی {index}")
            resolution = meetings_services.create_resolution(SYSTEM, item, text=f"متن مصوبه‌ی نمونه‌ی {index} برای همه‌ی شهرداری‌ها",
                                                             authority=authority)
            for action in ("adopt", "submit", "approve"):
                meetings_services.transition_resolution(SYSTEM, resolution, action)
        news = portal_services.create_news(
            SYSTEM, title=f"خبر نمونه با دویست نظر ({seed})", lead="لید نمونه درباره‌ی مصوبه‌های شهرداری‌ها",
            body="<p>متن نمونه درباره‌ی مصوبه‌های شهرداری‌ها و اجرای آن‌ها در همه‌ی شهرها.</p>",
            municipalities=cities[:20], published_at=timezone.now() - datetime.timedelta(hours=1), is_sample_data=True)
        parent = None
        for index in range(200):
            parent = portal_services.post_comment(SYSTEM, news, text=f"اجرای مصوبه‌های شهرداری‌ها مهم است {index}",
                                                  name=f"شهروند {index}", parent=parent if index % 3 else None,
                                                  is_sample_data=True)
