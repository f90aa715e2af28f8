"""A survey wave's state machine, as an explicit table:

    open ──close──▶ closed

Closing computes the wave's results once and writes the satisfaction indicators' values; a second close is an
illegal move (409) and writes nothing.
"""

from django.utils.translation import gettext_lazy as _

from kalanshahr.lib.workflow import Machine, Move, Subject, table
from kalanshahr.network import audit

from .models import Wave, WaveState as S

RUNNER = "runner"
WAVE = Subject("موج پیمایش", "A survey wave")

WAVE_MOVES = table(
    Move("close", frozenset({S.OPEN}), S.CLOSED, _("Close the wave and publish its results"), frozenset({RUNNER})),
)
WAVES = Machine(Wave, WAVE_MOVES, WAVE, "surveys.wave", audit.record, stamp="state_changed")

AUDIT_LABELS = {
    "surveys.questionnaire.publish": _("published a questionnaire version"),
    "surveys.wave.open": _("opened a survey wave"),
    "surveys.wave.issue": _("issued one-time answer tokens"),
    "surveys.wave.answer": _("received an answer"),
    "surveys.answer.moderate": _("moderated a free-text answer"),
    **{f"surveys.wave.{action}": move.label for action, move in WAVE_MOVES.items()},
}
