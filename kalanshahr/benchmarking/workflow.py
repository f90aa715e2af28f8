"""The experience and exchange-request state machines, as explicit tables.

    experience:        draft ──publish──▶ published ──withdraw──▶ draft
    exchange request:  open ──answer──▶ answered ──close──▶ closed
                         └───────────close (withdrawn)─────────▲

Publishing and withdrawing are for the owning city's editors; answering for the asked city's editors;
closing for the asking city's editors.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import ExperienceState as E, RequestState as R

OWNER, ASKED, ASKING = "owner", "asked", "asking"


@dataclass(frozen=True)
class Move:
    action: str
    sources: frozenset
    target: str
    actor: str
    label: str


EXPERIENCE_MOVES = {
    m.action: m
    for m in [
        Move("publish", frozenset({E.DRAFT}), E.PUBLISHED, OWNER, _("Publish")),
        Move("withdraw", frozenset({E.PUBLISHED}), E.DRAFT, OWNER, _("Withdraw to draft")),
    ]
}

REQUEST_MOVES = {
    m.action: m
    for m in [
        Move("answer", frozenset({R.OPEN}), R.ANSWERED, ASKED, _("Answer")),
        Move("close", frozenset({R.OPEN, R.ANSWERED}), R.CLOSED, ASKING, _("Close")),
    ]
}

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
