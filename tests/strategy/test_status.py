"""The status rules, checked against the worked examples of docs/status-rules.md (read from the file)."""

import itertools
import re
from decimal import Decimal
from pathlib import Path

import pytest

from kalanshahr.strategy import status as rules

DOC = (Path(__file__).resolve().parents[2] / "docs" / "status-rules.md").read_text(encoding="utf-8")


def _table(name):
    block = re.search(rf"<!-- {name}:.*?-->\n(.*?)<!-- end -->", DOC, re.S).group(1)
    rows = [line.strip().strip("|").split("|") for line in block.strip().splitlines()[2:]]
    return [[cell.strip() for cell in row] for row in rows]


def _number(cell):
    return Decimal(cell) if cell else None


STATUS_EXAMPLES = _table("status-examples")
ROLLUP_EXAMPLES = _table("rollup-examples")


@pytest.mark.parametrize("direction, target, tolerance, high, value, expected", STATUS_EXAMPLES)
def test_worked_examples(direction, target, tolerance, high, value, expected):
    assert rules.indicator_status(_number(value), direction, _number(target), _number(tolerance), _number(high)) == expected


def test_examples_cover_every_direction_band_and_missing_data():
    covered = {(row[0], row[5]) for row in STATUS_EXAMPLES}
    for direction in (rules.HIGHER_BETTER, rules.LOWER_BETTER, rules.IN_RANGE):
        for status in (rules.ON_TRACK, rules.AT_RISK, rules.OFF_TRACK, rules.NO_DATA, rules.NO_TARGET):
            assert (direction, status) in covered, (direction, status)


@pytest.mark.parametrize("children, expected", ROLLUP_EXAMPLES)
def test_rollup_examples(children, expected):
    pairs = [(part.split(":")[0].strip(), Decimal(part.split(":")[1])) for part in children.split(",")]
    assert rules.rollup(pairs) == expected


@pytest.mark.parametrize("direction", [rules.HIGHER_BETTER, rules.LOWER_BETTER, rules.IN_RANGE])
def test_status_is_monotonic_in_the_distance_from_target(direction):
    """Moving the value further from the target never improves the status."""
    order = [rules.ON_TRACK, rules.AT_RISK, rules.OFF_TRACK]
    sign = -1 if direction == rules.HIGHER_BETTER else 1
    previous = 0
    for step in range(0, 40):
        value = Decimal(100) + sign * Decimal(step) / 2 if direction != rules.IN_RANGE else Decimal(110) + Decimal(step) / 2
        status = rules.indicator_status(value, direction, 100, 5, 110)
        assert order.index(status) >= previous
        previous = order.index(status)


def test_unknown_direction_is_an_error():
    with pytest.raises(ValueError):
        rules.indicator_status(1, "sideways", 1)


def test_counts_list_every_status():
    assert rules.counts([rules.ON_TRACK, rules.ON_TRACK, rules.NO_DATA]) == {
        rules.OFF_TRACK: 0, rules.NO_DATA: 1, rules.AT_RISK: 0, rules.NO_TARGET: 0, rules.ON_TRACK: 2}


def test_negative_tolerance_is_read_as_its_size():
    assert list(itertools.starmap(rules.indicator_status, [(77, rules.HIGHER_BETTER, 80, -5)])) == [rules.AT_RISK]


@pytest.mark.parametrize("direction,target,tolerance,high,band", [
    ("higher_better", 90, 5, None, (85, 90)),
    ("lower_better", 30, 10, None, (30, 40)),
    ("in_range", 18, 2, 24, (16, 26)),
    ("in_range", 18, 2, None, (16, 20)),
])
def test_the_at_risk_band_lies_next_to_the_target_in_the_indicator_direction(direction, target, tolerance, high, band):
    """The band the indicator chart shades; a value inside it is at risk (status.indicator_status)."""
    from kalanshahr.strategy.status import AT_RISK, at_risk_band, indicator_status

    low, top = at_risk_band(direction, target, tolerance, high)
    assert (low, top) == band
    if direction != "in_range":
        inside = (low + top) / 2
        assert indicator_status(inside, direction, target, tolerance, high) == AT_RISK
