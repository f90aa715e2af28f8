"""The interval maths against cases worked by hand (docs/surveys.md shows the working)."""

import math

import pytest

from kalanshahr.surveys import stats


def close(a, b, places=4):
    return math.isclose(a, b, abs_tol=10 ** -places)


def test_mean_of_one_to_five():
    # mean 3, s = √2.5 = 1.5811, s/√5 = 0.7071, t(4) = 2.7764: 3 ± 1.9632
    estimate = stats.mean([1, 2, 3, 4, 5])
    assert estimate.n == 5 and estimate.value == 3
    assert close(estimate.low, 1.0368) and close(estimate.high, 4.9632)


def test_mean_of_identical_answers_has_no_width():
    estimate = stats.mean([4] * 12)
    assert estimate.value == estimate.low == estimate.high == 4


def test_mean_needs_two_answers_for_an_interval():
    assert stats.mean([]) == stats.Estimate(0, None, None, None)
    assert stats.mean([3]) == stats.Estimate(1, 3, None, None)


def test_wilson_interval_of_eight_in_ten():
    # p = 0.8, z² = 3.8415: centre (0.8 + 0.19208) / 1.38415 = 0.71680, half 1.96·√(0.016 + 0.0096) / 1.38415 = 0.22663
    estimate = stats.share(8, 10)
    assert estimate.value == 0.8
    assert close(estimate.low, 0.4902, 3) and close(estimate.high, 0.9433, 3)


def test_wilson_interval_stays_inside_zero_and_one():
    none, every = stats.share(0, 20), stats.share(20, 20)
    assert none.low == 0 and 0 < none.high < 0.2
    assert every.high == 1 and 0.8 < every.low < 1
    with pytest.raises(ValueError):
        stats.share(11, 10)


def test_net_score_of_ten_answers():
    # promoters 10, 9, 10, 9, 9 (0.5); detractors 6, 0, 3 (0.3); net 0.2; half 1.96·√((0.8 − 0.04) / 10) = 0.5403
    estimate = stats.net_score([10, 9, 8, 7, 6, 0, 10, 9, 9, 3])
    assert close(estimate.value, 0.2)
    assert close(estimate.low, -0.3403) and close(estimate.high, 0.7403)


@pytest.mark.parametrize("df, expected", [(1, 12.7062), (4, 2.7764), (30, 2.0423), (35, 2.0301), (50, 2.0086),
                                          (100, 1.9840), (1000, 1.9623)])
def test_t_quantiles(df, expected):
    # Table values, and interpolations in 1/df within 0.001 of the exact quantiles (t(35) 2.0301, t(50) 2.0086,
    # t(100) 1.9840, t(1000) 1.9623).
    assert close(stats.t975(df), expected, 3)


def test_overlap_is_what_tells_two_cities_apart():
    from kalanshahr.benchmarking.satisfaction import Measured

    a = Measured(40, 65, 75, "")
    assert not a.apart_from(Measured(40, 74, 82, ""))
    assert a.apart_from(Measured(40, 77, 87, ""))
    assert not a.apart_from(Measured(1, None, None, ""))  # without an interval, nothing can be told apart


def test_a_likert_mean_as_a_score_out_of_100():
    assert stats.Estimate(10, 4, 3.5, 4.5).scaled(-1, 25) == stats.Estimate(10, 75, 62.5, 87.5)
