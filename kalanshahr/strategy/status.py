"""The status rules of S2, as pure functions. docs/status-rules.md explains them with worked examples.

An indicator's status for one subject (a municipality or an organization) and one period:

* `no_data`   the period is due and has no verified value;
* `no_target` there is a verified value but no target to judge it against;
* `on_track`  the value meets the target in the indicator's direction;
* `at_risk`   it misses the target, but by no more than the tolerance;
* `off_track` it misses the target by more than the tolerance.

Directions:
* `higher_better`  meets when value ≥ target;       at risk when target − tolerance ≤ value < target;
* `lower_better`   meets when value ≤ target;       at risk when target < value ≤ target + tolerance;
* `in_range`       meets when low ≤ value ≤ high;   at risk when within `tolerance` outside the range.

Goals roll up from their indicators and organizations from their goals: each status scores
on_track 1, at_risk 0.5, off_track 0; the weighted mean of the scored children gives the parent
on_track from 0.8, at_risk from 0.5, off_track below. Children with no data or no target are left
out of the mean; a parent none of whose children can be scored has `no_data`.
"""

from decimal import Decimal

ON_TRACK, AT_RISK, OFF_TRACK, NO_DATA, NO_TARGET = "on_track", "at_risk", "off_track", "no_data", "no_target"
HIGHER_BETTER, LOWER_BETTER, IN_RANGE = "higher_better", "lower_better", "in_range"

SCORES = {ON_TRACK: Decimal("1"), AT_RISK: Decimal("0.5"), OFF_TRACK: Decimal("0")}
ON_TRACK_FROM, AT_RISK_FROM = Decimal("0.8"), Decimal("0.5")
# Worst first: the order used to sort and to pick the badge colour.
SEVERITY = [OFF_TRACK, NO_DATA, AT_RISK, NO_TARGET, ON_TRACK]


def at_risk_band(direction, target, tolerance=0, target_high=None):
    """(low, high): the values that are at risk next to the target, the band a chart shades. Below the target for
    `higher_better`, above it for `lower_better`, on both sides of the range for `in_range` (the range itself is
    on track; a missing `target_high` makes the range a single value)."""
    target, tolerance = Decimal(target), abs(Decimal(tolerance or 0))
    if direction == HIGHER_BETTER:
        return target - tolerance, target
    if direction == LOWER_BETTER:
        return target, target + tolerance
    high = Decimal(target_high) if target_high is not None else target
    return target - tolerance, high + tolerance


def indicator_status(value, direction, target=None, tolerance=0, target_high=None):
    """The status of one verified `value` (None when there is none) against its target.

    `target` is the value to reach (the low end of the range for `in_range`, whose high end is
    `target_high`); `tolerance` is in the indicator's unit and never negative.
    """
    if value is None:
        return NO_DATA
    if target is None or (direction == IN_RANGE and target_high is None):
        return NO_TARGET
    value, target, tolerance = Decimal(value), Decimal(target), abs(Decimal(tolerance or 0))
    if direction == HIGHER_BETTER:
        shortfall = target - value
    elif direction == LOWER_BETTER:
        shortfall = value - target
    elif direction == IN_RANGE:
        high = Decimal(target_high)
        low, high = min(target, high), max(target, high)
        shortfall = low - value if value < low else value - high if value > high else Decimal(0)
    else:
        raise ValueError(f"unknown direction {direction!r}")
    if shortfall <= 0:
        return ON_TRACK
    if shortfall <= tolerance:
        return AT_RISK
    return OFF_TRACK


def rollup(children):
    """The status of a parent from (status, weight) pairs of its children."""
    scored = [(SCORES[status], Decimal(weight)) for status, weight in children if status in SCORES and weight > 0]
    total = sum(weight for _score, weight in scored)
    if not total:
        return NO_DATA
    mean = sum(score * weight for score, weight in scored) / total
    if mean >= ON_TRACK_FROM:
        return ON_TRACK
    if mean >= AT_RISK_FROM:
        return AT_RISK
    return OFF_TRACK


def counts(statuses):
    """{status: how many}, every status present (zero when absent), in severity order."""
    result = {status: 0 for status in SEVERITY}
    for status in statuses:
        result[status] += 1
    return result
