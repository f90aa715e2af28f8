"""strategy's data-version keys narrower than the app's own (network/fragments.py).

Cities enter and verify values all day; retiring every fragment built on strategy with each one would leave most
readers of the heavy pages with a page built from scratch. So:

* entering, moving or explaining one value bumps `indicator_entries(its indicator's id)`, not "strategy": only the
  pages that show that indicator's values (an organization's monitoring, the supervision board, where it is on
  them) are retired, not those built on goals, documents or programs, nor those of other indicators;
* a change of many values at once (an import, a batch verification) bumps VALUES, which every page showing values
  names beside its indicators' keys;
* a change of an indicator's verified city values also bumps `indicator_values(indicator id)`: the comparison of
  that indicator and the city profiles are retired, the comparison of every other indicator is kept.

Changes of an indicator itself (its direction, range, name) still bump "strategy", which every such page names.
"""

VALUES = "strategy.values"
# The audit actions (their prefixes) that change values and nothing else.
VALUE_ACTIONS = ("strategy.measurement", "strategy.import")


def indicator_values(indicator_id):
    return f"{VALUES}.{indicator_id}"


def indicator_entries(indicator_id):
    return f"strategy.entries.{indicator_id}"


def changed_by(targets):
    """The keys a value action on `targets` bumps (network/fragments.py's narrow): the indicators' entry keys when
    the targets are values, else VALUES (an import, a batch)."""
    from .models import Measurement

    if targets and all(isinstance(target, Measurement) for target in targets):
        return {indicator_entries(target.indicator_id) for target in targets}
    return {VALUES}
