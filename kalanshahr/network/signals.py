"""What the network's services announce to the layers above them, inside the service's transaction.

`compared_cities_changed` is sent with `municipalities`, the ids of the cities that joined or left the comparisons;
benchmarking keeps its standings with it (benchmarking/standings.py)."""

from django.dispatch import Signal

compared_cities_changed = Signal()
