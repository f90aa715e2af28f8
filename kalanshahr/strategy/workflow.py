"""The measurement state machine, as an explicit table.

    draft ──submit──▶ submitted ──verify──▶ verified
                          │  ▲                  │
                   return │  │ submit           │ reopen (with a reason)
                          ▼  │                  ▼
                        returned ◀──────────────┘

Entry (draft, submit) is for whoever may enter data for the subject; verify, return and reopen are
for a verifier of the subject's municipality who did not enter the value. A verified value changes
only after an explicit reopen; imports and forms refuse to overwrite it.
"""

from django.utils.translation import gettext_lazy as _

from kalanshahr.lib.workflow import Machine, Move, Subject, table
from kalanshahr.network import audit

from .models import Measurement, MeasurementStatus as S

ENTRY, VERIFICATION = "entry", "verification"
BY_ENTRY, BY_VERIFICATION = frozenset({ENTRY}), frozenset({VERIFICATION})
MEASUREMENT = Subject("داده", "A measurement")

MEASUREMENT_MOVES = table(
    Move("submit", frozenset({S.DRAFT, S.RETURNED}), S.SUBMITTED, _("Submit for verification"), BY_ENTRY),
    Move("verify", frozenset({S.SUBMITTED}), S.VERIFIED, _("Verify"), BY_VERIFICATION),
    Move("return", frozenset({S.SUBMITTED}), S.RETURNED, _("Return for correction"), BY_VERIFICATION, True),
    Move("reopen", frozenset({S.VERIFIED}), S.RETURNED, _("Reopen a verified value"), BY_VERIFICATION, True),
)
MEASUREMENTS = Machine(Measurement, MEASUREMENT_MOVES, MEASUREMENT, "strategy.measurement", audit.record,
                       state_field="status", stamp="updated", comment_code="reason_required", comment_field="reason")
# Values can be typed over in these states; a verified value never.
EDITABLE = {S.DRAFT, S.RETURNED, S.SUBMITTED}

AUDIT_LABELS = {
    "strategy.document.create": _("registered the upstream document"),
    "strategy.indicator.sample_data": _("wrote generated sample values"),
    "strategy.clause.add": _("added a clause"),
    "strategy.goal.create": _("defined the goal"),
    "strategy.goal.update": _("edited the goal"),
    "strategy.indicator.create": _("defined the indicator"),
    "strategy.indicator.update": _("edited the indicator"),
    "strategy.target.set": _("set a target"),
    "strategy.measurement.save": _("entered a value"),
    "strategy.measurement.import": _("imported values"),
    "strategy.measurement.verify_batch": _("verified an import"),
    "strategy.measurement.measure": _("recorded a survey's result"),
    "strategy.period.close": _("closed the period"),
    "strategy.program.create": _("added a program"),
    "strategy.program.update": _("updated a program"),
    **{f"strategy.measurement.{action}": move.label for action, move in MEASUREMENT_MOVES.items()},
}
