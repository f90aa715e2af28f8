"""Reading S2 for the monitoring pages: the latest due period, statuses, roll-ups, trends, the board.

An organization's indicators are measured for the organization itself (subject "o<id>"). A period
is due `DATA_GRACE_DAYS` after it ends; its data is overdue when by then nothing has been submitted.
Every function here runs a fixed number of queries, whatever the number of indicators.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

from kalanshahr.lib import sparkline
from kalanshahr.lib.jalali import Period

from . import datakeys
from . import status as rules
from .models import Goal, GoalIndicator, Indicator, Measurement, MeasurementStatus, ProgramStatus, Target, subject_key


def grace_days():
    return getattr(settings, "DATA_GRACE_DAYS", 20)


def latest_due_period(frequency, today=None):
    """The most recent period of this frequency whose data is due by `today`."""
    today = today or timezone.localdate()
    period = Period.containing(today, frequency).previous()
    while period.end + datetime.timedelta(days=grace_days()) >= today:
        period = period.previous()
    return period


@dataclass
class IndicatorState:
    indicator: Indicator
    period: Period
    measurement: Measurement = None
    target: Target = None
    status: str = rules.NO_DATA
    is_priority: bool = False

    @property
    def value(self):
        return self.measurement.value if self.measurement and self.verified else None

    @property
    def verified(self):
        return self.measurement is not None and self.measurement.status == MeasurementStatus.VERIFIED

    @property
    def overdue(self):
        """Nothing submitted or verified for a period that is already due."""
        return self.measurement is None or self.measurement.status in (MeasurementStatus.DRAFT, MeasurementStatus.RETURNED)

    @property
    def needs_explanation(self):
        return self.is_priority and self.status == rules.OFF_TRACK and not self.measurement.explanation


def _subject(indicator):
    return subject_key(indicator.organization.municipality_id, indicator.organization_id)


def indicator_states(indicators, today=None, priority_ids=frozenset(), period=None):
    """{indicator id: IndicatorState} for each indicator's latest due period, or for `period` where
    the indicator's frequency matches it (2 queries)."""
    indicators = list(indicators)
    periods = {i.pk: period if period and period.kind == i.frequency else latest_due_period(i.frequency, today)
               for i in indicators}
    keys = {p.key for p in periods.values()}
    ids = [i.pk for i in indicators]
    measurements = {(m.indicator_id, m.subject, m.period): m
                    for m in Measurement.objects.filter(indicator_id__in=ids, period__in=keys)}
    targets = {(t.indicator_id, t.subject, t.period): t for t in Target.objects.filter(indicator_id__in=ids, period__in=keys)}
    states = {}
    for indicator in indicators:
        key = (indicator.pk, _subject(indicator), periods[indicator.pk].key)
        state = IndicatorState(indicator, periods[indicator.pk], measurements.get(key), targets.get(key),
                               is_priority=indicator.pk in priority_ids)
        state.status = status_of(indicator, state.value, state.target)
        states[indicator.pk] = state
    return states


def status_of(indicator, value, target):
    if target is None:
        return rules.indicator_status(value, indicator.direction)
    return rules.indicator_status(value, indicator.direction, target.value, target.tolerance, target.value_high)


@dataclass
class GoalView:
    goal: Goal
    states: list = field(default_factory=list)  # (IndicatorState, weight)
    status: str = rules.NO_DATA


@dataclass
class OrganizationView:
    organization: object
    goals: list = field(default_factory=list)
    status: str = rules.NO_DATA
    counts: dict = field(default_factory=dict)
    overdue: int = 0


def entry_keys(goals):
    """The data keys of the values of the indicators these goals (a queryset) measure by (one query): what a
    monitoring page names so that values entered for other indicators keep it (strategy/datakeys.py)."""
    ids = GoalIndicator.objects.filter(goal__in=goals).values_list("indicator_id", flat=True).distinct()
    return [datakeys.indicator_entries(pk) for pk in sorted(ids)]


def organization_views(organizations, today=None, period=None):
    """Goals, indicators and statuses for each organization given, rolled up (4 queries)."""
    organizations = list(organizations)
    goals = list(Goal.objects.filter(organization__in=organizations).prefetch_related("clauses__document"))
    links = list(GoalIndicator.objects.filter(goal__in=goals).select_related("indicator__organization"))
    priority_goals = {goal.pk for goal in goals if goal.is_priority}
    priority_ids = {link.indicator_id for link in links if link.goal_id in priority_goals}
    states = indicator_states({link.indicator for link in links}, today, priority_ids, period)
    by_goal = defaultdict(list)
    for link in links:
        by_goal[link.goal_id].append((states[link.indicator_id], link.weight))
    by_organization = defaultdict(list)
    for goal in goals:
        view = GoalView(goal, by_goal[goal.pk])
        view.status = rules.rollup([(state.status, weight) for state, weight in view.states])
        by_organization[goal.organization_id].append(view)
    views = []
    for organization in organizations:
        view = OrganizationView(organization, by_organization[organization.pk])
        view.status = rules.rollup([(g.status, g.goal.weight) for g in view.goals])
        all_states = [s for g in view.goals for s, _w in g.states]
        view.counts = rules.counts(s.status for s in all_states)
        view.overdue = sum(1 for s in all_states if s.overdue)
        views.append(view)
    return views


def trend(indicator, subject, count=24, today=None):
    """The last `count` due periods: (period, verified value or None, target or None, status) (2 queries)."""
    last = latest_due_period(indicator.frequency, today)
    periods = [last.shift(-n) for n in reversed(range(count))]
    keys = [p.key for p in periods]
    values = {m.period: m for m in Measurement.objects.filter(indicator=indicator, subject=subject, period__in=keys)}
    targets = {t.period: t for t in Target.objects.filter(indicator=indicator, subject=subject, period__in=keys)}
    rows = []
    for period in periods:
        measurement, target = values.get(period.key), targets.get(period.key)
        value = measurement.value if measurement and measurement.status == MeasurementStatus.VERIFIED else None
        rows.append((period, value, target, status_of(indicator, value, target)))
    return rows


def priority_board(today=None):
    """Every priority goal with its indicators' states (3 queries), worst first."""
    goals = list(Goal.objects.with_related().filter(is_priority=True))
    links = list(GoalIndicator.objects.filter(goal__in=goals).select_related("indicator__organization__municipality"))
    states = indicator_states({link.indicator for link in links}, today, {link.indicator_id for link in links})
    by_goal = defaultdict(list)
    for link in links:
        by_goal[link.goal_id].append((states[link.indicator_id], link.weight))
    views = []
    for goal in goals:
        view = GoalView(goal, sorted(by_goal[goal.pk], key=lambda sw: rules.SEVERITY.index(sw[0].status)))
        view.status = rules.rollup([(s.status, w) for s, w in view.states])
        views.append(view)
    return sorted(views, key=lambda v: rules.SEVERITY.index(v.status))


BOARD_TREND = 12  # due periods on a board sparkline


@dataclass
class Spark:
    """One indicator's recent verified values as a sparkline, with its target line, on the indicator's own scale."""
    points: str
    target_y: float | None
    first: object
    last: object
    count: int


def board_trends(indicators, today=None):
    """{indicator id: Spark} over each indicator's last BOARD_TREND due periods (2 queries). The scale holds the
    values and the latest target, so the target line is always inside the picture; an indicator without any
    verified value in the window has no sparkline."""
    indicators = list(indicators)
    windows = {}
    for indicator in indicators:
        last = latest_due_period(indicator.frequency, today)
        windows[indicator.pk] = [last.shift(-n).key for n in reversed(range(BOARD_TREND))]
    keys = {key for window in windows.values() for key in window}
    subjects = {indicator.pk: _subject(indicator) for indicator in indicators}
    series = defaultdict(list)
    for indicator_id, subject, period, value in Measurement.objects.filter(
            indicator_id__in=list(windows), period__in=keys, status=MeasurementStatus.VERIFIED).values_list(
            "indicator_id", "subject", "period", "value"):
        if subject == subjects[indicator_id]:
            series[indicator_id].append((period, value))
    targets = {}
    for indicator_id, subject, period, value in Target.objects.filter(
            indicator_id__in=list(windows), period__in=keys).order_by("period").values_list(
            "indicator_id", "subject", "period", "value"):
        if subject == subjects[indicator_id]:
            targets[indicator_id] = value  # ordered by period: the latest one stays
    sparks = {}
    for indicator_id, values in series.items():
        values.sort()
        target = targets.get(indicator_id)
        scale = sparkline.Scale.of([value for _key, value in values] + [target])
        sparks[indicator_id] = Spark(sparkline.points(values, windows[indicator_id], scale),
                                     scale.y(target) if target is not None else None,
                                     values[0][1], values[-1][1], len(values))
    return sparks


def unexplained_off_track(organization, period_key):
    """Verified, off-track measurements of priority indicators of the organization's subtree in that period,
    with no explanation yet (3 queries)."""
    indicator_ids = set(GoalIndicator.objects.filter(
        goal__is_priority=True, goal__organization__path__startswith=organization.path,
    ).values_list("indicator_id", flat=True))
    measurements = list(Measurement.objects.select_related("indicator").filter(
        indicator_id__in=indicator_ids, period=period_key, status=MeasurementStatus.VERIFIED, explanation=""))
    targets = {(t.indicator_id, t.subject): t for t in Target.objects.filter(indicator_id__in=indicator_ids,
                                                                             period=period_key)}
    return [m for m in measurements
            if status_of(m.indicator, m.value, targets.get((m.indicator_id, m.subject))) == rules.OFF_TRACK]


def report_programs(programs, period):
    """What an organization report says of its programs for `period`: ([(program, milestone)] done within the
    period, [program] still ahead: not done and ending at or after the period's end)."""
    done = [(program, milestone) for program in programs for milestone in program.milestones.all()
            if milestone.done_on and period.start <= milestone.done_on <= period.end]
    ahead = [program for program in programs if program.status != ProgramStatus.DONE and program.ends_on >= period.end]
    return done, ahead
