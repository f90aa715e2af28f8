"""The experience and exchange-request state machines, as explicit tables.

    experience:        draft ──publish──▶ published ──withdraw──▶ draft
    exchange request:  open ──answer──▶ answered ──close──▶ closed
                         └───────────close (withdrawn)─────────▲

Publishing and withdrawing are for the owning city's editors; answering for the asked city's editors;
closing for the asking city's editors.
"""

from django.utils.translation import gettext_lazy as _

from kalanshahr.lib.workflow import Machine, Move, Subject, table
from kalanshahr.network import audit

from .models import ExchangeRequest, Experience, ExperienceState as E, RequestState as R

OWNER, ASKED, ASKING = "owner", "asked", "asking"
EXPERIENCE, REQUEST = Subject("تجربه", "An experience"), Subject("درخواست", "A request")

EXPERIENCE_MOVES = table(
    Move("publish", frozenset({E.DRAFT}), E.PUBLISHED, _("Publish"), frozenset({OWNER})),
    Move("withdraw", frozenset({E.PUBLISHED}), E.DRAFT, _("Withdraw to draft"), frozenset({OWNER})),
)

REQUEST_MOVES = table(
    Move("answer", frozenset({R.OPEN}), R.ANSWERED, _("Answer"), frozenset({ASKED})),
    Move("close", frozenset({R.OPEN, R.ANSWERED}), R.CLOSED, _("Close"), frozenset({ASKING})),
)

EXPERIENCES = Machine(Experience, EXPERIENCE_MOVES, EXPERIENCE, "benchmarking.experience", audit.record)
REQUESTS = Machine(ExchangeRequest, REQUEST_MOVES, REQUEST, "benchmarking.request", audit.record)

AUDIT_LABELS = {
    "benchmarking.scheme.create": _("created the peer group scheme"),
    "benchmarking.scheme.update": _("edited the peer group scheme"),
    "benchmarking.group.create": _("created the peer group"),
    "benchmarking.group.update": _("renamed the peer group"),
    "benchmarking.group.delete": _("deleted the peer group"),
    "benchmarking.group.members": _("set the peer group's members"),
    "benchmarking.experience.create": _("documented the experience"),
    "benchmarking.experience.update": _("edited the experience"),
    "benchmarking.experience.publish": _("published the experience"),
    "benchmarking.experience.withdraw": _("withdrew the experience"),
    "benchmarking.request.send": _("sent an exchange request"),
    "benchmarking.request.answer": _("answered the exchange request"),
    "benchmarking.request.close": _("closed the exchange request"),
}
