"""strategy's data-version keys narrower than the app's own (network/fragments.py).

Cities enter and verify values all day; retiring every fragment built on strategy with each one would leave most
readers of the heavy pages with a page built from scratch. So:

* entering, moving and importing values bumps VALUES, not "strategy": only the pages that show values (monitoring,
  the supervision board, the satisfaction figures) are retired, not those built on goals, documents or programs;
* a change of an indicator's verified city values also bumps `indicator_values(indicator id)`: the comparison of
  that indicator and the city profiles are retired, the comparison of every other indicator is kept.

Changes of an indicator itself (its direction, range, name) still bump "strategy", which every such page names.
"""

VALUES = "strategy.values"
# The audit actions (their prefixes) that change values and nothing else.
VALUE_ACTIONS = ("strategy.measurement", "strategy.import")


def indicator_values(indicator_id):
    return f"{VALUES}.{indicator_id}"
