"""Sparklines drawn as SVG polylines on the server, so that a table row can carry its trend with no script.

Every sparkline of one indicator is drawn on one scale (the lowest and highest value among them, with any reference
line such as the median or the target), so that two rows can be compared by eye: a line higher up is a higher value.
"""

from dataclasses import dataclass

WIDTH, HEIGHT = 120, 28
PAD = 2


@dataclass(frozen=True)
class Scale:
    low: float
    high: float

    @classmethod
    def of(cls, values):
        """The scale that holds every value given (None skipped); a flat series sits in the middle."""
        found = [float(value) for value in values if value is not None]
        if not found:
            return cls(0.0, 1.0)
        low, high = min(found), max(found)
        return cls(low - 1, high + 1) if low == high else cls(low, high)

    def y(self, value, height=HEIGHT):
        """Where `value` falls, higher values nearer the top."""
        return round(height - PAD - (float(value) - self.low) / (self.high - self.low) * (height - 2 * PAD), 1)


def points(series, window, scale, width=WIDTH, height=HEIGHT):
    """The polyline of `series` [(period key, value)] placed by each key's position in `window` (oldest first)."""
    place = {key: index for index, key in enumerate(window)}
    step = width / max(len(window) - 1, 1)
    return " ".join(f"{place[key] * step:.1f},{scale.y(value, height)}" for key, value in series
                    if key in place and value is not None)
