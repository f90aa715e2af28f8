"""What the strategy's services announce to the layers above them, inside the service's transaction.

`verified_values_changed` is sent when the verified city values of some indicator-periods may have changed (a
value verified or reopened, an import verified, an indicator's direction or range changed): `pairs`, a set of
(indicator id, period key), or `indicators`, a set of indicator ids whose every period may have changed.
benchmarking keeps its standings with it (benchmarking/standings.py); strategy never imports the apps above it.
"""

from django.dispatch import Signal

verified_values_changed = Signal()
