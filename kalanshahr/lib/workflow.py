"""One engine for every state machine of the project: the move type, and the checks every move makes.

An app's `workflow.py` is a table of `Move`s (with its diagram in the docstring); its service finds the move,
checks who may make it (the app's access.py), locks the row, checks the state and the comment, then writes:

    move = workflow.find_move(RESOLUTION_MOVES, action)
    access.check_may_act_on_resolution(actor, resolution, action)
    current = Resolution.objects.select_for_update().get(pk=resolution.pk)
    workflow.check_source(move, current.state, current.get_state_display(), SUBJECT)
    comment = workflow.require_comment(move, comment)

Every refusal has one code and one wording everywhere: `unknown_action` (400, naming the field `action`),
`illegal_transition` (409, naming the state and the move), `comment_required` (400, naming the comment field).
"""

from dataclasses import dataclass

from .errors import DomainError, InvalidInput
from .persian import normalize


@dataclass(frozen=True)
class Move:
    """One row of a transition table: `action` takes an object in one of `sources` to `target`.

    `actors` names the roles that may make it, as the app's access.py understands them; `needs_comment` asks for
    a reason, labelled `comment_label` in the forms."""

    action: str
    sources: frozenset
    target: str
    label: str
    actors: frozenset = frozenset()
    needs_comment: bool = False
    comment_label: str = ""

    @property
    def actor(self):
        """The one role of a table whose moves each have a single role."""
        (role,) = self.actors
        return role


@dataclass(frozen=True)
class Subject:
    """What the moved object is called in a refusal: «مصوبه» / "A resolution"."""

    fa: str
    en: str


def table(*moves):
    """{action: Move}, in the order given (forms list the moves in that order)."""
    return {move.action: move for move in moves}


def find_move(moves, action):
    """The move of `action` in the table, or InvalidInput naming the field `action`."""
    move = moves.get(action)
    if move is None:
        raise InvalidInput("unknown_action", f"کنش «{action}» شناخته نیست.", f"Unknown action “{action}”.",
                           field="action")
    return move


def check_source(move, state, state_label, subject):
    """DomainError (409) when `state` is not one the move starts from."""
    if state not in move.sources:
        raise DomainError(
            "illegal_transition",
            f"{subject.fa} در وضعیت «{state_label}» است و کنش «{move.label}» بر آن ممکن نیست.",
            f"{subject.en} in state “{state}” cannot take the action “{move.action}”.")


def require_comment(move, comment, *, code="comment_required", field="comment"):
    """The normalized comment; InvalidInput naming `field` when the move needs one and it is empty."""
    comment = normalize(comment or "")
    if move.needs_comment and not comment:
        what = move.comment_label or "دلیل"
        raise InvalidInput(code, f"برای «{move.label}» نوشتن {what} لازم است.",
                           f"The action “{move.action}” needs a reason in the comment.", field=field)
    return comment


def allowed_moves(moves, state, may=None):
    """The moves of the table that start from `state` and that `may(move)` allows (all when may is None)."""
    return [move for move in moves.values() if state in move.sources and (may is None or may(move))]
