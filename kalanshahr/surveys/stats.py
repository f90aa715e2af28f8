"""The figures a survey wave gives: how many answered, the mean or the share, and its 95% confidence interval.

Plain formulas, written out so that a reviewer can check them by hand (docs/surveys.md gives worked cases):

- a mean (a 1–5 or 0–10 scale): mean ± t(0.975, n − 1) · s / √n, with s the sample standard deviation;
- a share (yes/no, a choice, or the top two points of a 1–5 scale): Wilson's score interval with z = 1.96, which
  stays inside 0–1 and behaves at small n and at shares near 0 or 1, where mean ± 1.96·√(p(1−p)/n) does not;
- the net score of a 0–10 question (share of 9–10 minus share of 0–6): ± 1.96 · √((p₊ + p₋ − (p₊ − p₋)²) / n).

No weighting by population groups: every answer counts once (docs/surveys.md says why).
"""

import math
from dataclasses import dataclass

Z95 = 1.959964
# Student's t at 0.975 for 1–30 degrees of freedom, then 40, 60, 120; beyond 120 the normal value. Between table
# rows the value is interpolated in 1/df, the usual way of reading such a table.
_T975 = {1: 12.7062, 2: 4.3027, 3: 3.1824, 4: 2.7764, 5: 2.5706, 6: 2.4469, 7: 2.3646, 8: 2.3060, 9: 2.2622,
         10: 2.2281, 11: 2.2010, 12: 2.1788, 13: 2.1604, 14: 2.1448, 15: 2.1314, 16: 2.1199, 17: 2.1098, 18: 2.1009,
         19: 2.0930, 20: 2.0860, 21: 2.0796, 22: 2.0739, 23: 2.0687, 24: 2.0639, 25: 2.0595, 26: 2.0555, 27: 2.0518,
         28: 2.0484, 29: 2.0452, 30: 2.0423, 40: 2.0211, 60: 2.0003, 120: 1.9799}


def t975(df):
    """Student's t quantile at 0.975 for `df` degrees of freedom (df ≥ 1)."""
    if df < 1:
        raise ValueError("a t quantile needs at least one degree of freedom")
    if df in _T975:
        return _T975[df]
    if df > 120:
        lower, upper = 120, math.inf
    else:
        lower = max(k for k in _T975 if k < df)
        upper = min(k for k in _T975 if k > df)
    low_t, high_t = _T975[lower], (Z95 if upper == math.inf else _T975[upper])
    position = (1 / lower - 1 / df) / (1 / lower - (0 if upper == math.inf else 1 / upper))
    return low_t + (high_t - low_t) * position


@dataclass(frozen=True)
class Estimate:
    """n answers, the estimate and its 95% interval [low, high]; low and high are None below two answers."""

    n: int
    value: float | None
    low: float | None
    high: float | None

    def scaled(self, offset, factor):
        """The estimate on another scale: (x + offset) · factor (a 1–5 mean as a score out of 100)."""
        def convert(x):
            return None if x is None else (x + offset) * factor
        return Estimate(self.n, convert(self.value), convert(self.low), convert(self.high))


def mean(values):
    values = list(values)
    n = len(values)
    if n == 0:
        return Estimate(0, None, None, None)
    average = sum(values) / n
    if n == 1:
        return Estimate(1, average, None, None)
    deviation = math.sqrt(sum((x - average) ** 2 for x in values) / (n - 1))
    half = t975(n - 1) * deviation / math.sqrt(n)
    return Estimate(n, average, average - half, average + half)


def share(successes, n):
    """Wilson's score interval for `successes` out of `n`."""
    if n == 0:
        return Estimate(0, None, None, None)
    if not 0 <= successes <= n:
        raise ValueError("successes must lie between 0 and n")
    p = successes / n
    z2 = Z95 * Z95
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = Z95 * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return Estimate(n, p, max(0.0, centre - half), min(1.0, centre + half))


def net_score(scores):
    """Share of 9–10 minus share of 0–6 on a 0–10 question, from −1 to 1, with its normal-approximation interval."""
    scores = list(scores)
    n = len(scores)
    if n == 0:
        return Estimate(0, None, None, None)
    promoters = sum(1 for s in scores if s >= 9) / n
    detractors = sum(1 for s in scores if s <= 6) / n
    net = promoters - detractors
    half = Z95 * math.sqrt(max(0.0, promoters + detractors - net * net) / n)
    return Estimate(n, net, max(-1.0, net - half), min(1.0, net + half))
