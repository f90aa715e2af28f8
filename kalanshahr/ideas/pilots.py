"""A pilot's indicators before and after, read from strategy's verified measurements (one query).

"Before" is the latest verified value of a period that ends before the pilot's first period begins; "after"
the latest verified value of a period within the pilot (up to its last period, or the newest while it runs). A shared indicator is read at the
pilot's city; an organization's own indicator at the organization that owns it. A missing value stays missing.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from kalanshahr.lib.jalali import Period
from kalanshahr.strategy.models import Direction, Measurement, Scope, subject_key


@dataclass
class BeforeAfter:
    indicator: object
    before_period: Period | None = None
    before: Decimal | None = None
    after_period: Period | None = None
    after: Decimal | None = None

    @property
    def change(self):
        if self.before is None or self.after is None:
            return None
        return self.after - self.before

    @property
    def improved(self):
        """True, False, or None when it cannot be told (no values, or an in-range indicator)."""
        change = self.change
        if change is None or change == 0 or self.indicator.direction == Direction.IN_RANGE:
            return None
        return (change > 0) == (self.indicator.direction == Direction.HIGHER_BETTER)


def _subject(pilot, indicator):
    if indicator.scope == Scope.NETWORK:
        return subject_key(municipality_id=pilot.municipality_id)
    return subject_key(organization_id=indicator.organization_id)


def before_after(pilot, indicators):
    """[BeforeAfter] for each of `indicators` (the pilot's, already loaded)."""
    subjects = {indicator.pk: _subject(pilot, indicator) for indicator in indicators}
    if not subjects:
        return []
    wanted = Q()
    for indicator_id, subject in subjects.items():
        wanted |= Q(indicator_id=indicator_id, subject=subject)
    rows = Measurement.objects.verified().filter(wanted).values_list("indicator_id", "period", "value")
    starts = Period.parse(pilot.start_period).start
    ends = Period.parse(pilot.end_period).end if pilot.end_period else None
    lines = {indicator.pk: BeforeAfter(indicator) for indicator in indicators}
    for indicator_id, key, value in sorted(rows, key=lambda row: Period.parse(row[1]).start):
        line, period = lines[indicator_id], Period.parse(key)
        if period.end < starts:
            line.before_period, line.before = period, value
        elif period.start >= starts and (ends is None or period.end <= ends):
            line.after_period, line.after = period, value
    return [lines[indicator.pk] for indicator in indicators]
