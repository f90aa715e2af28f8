"""One engine for every state machine of the project: the move type, the checks every move makes, and the
machine that makes a move, all or nothing.

An app's `workflow.py` is a table of `Move`s (with its diagram in the docstring) and a `Machine` over its model;
its service makes a move in one call and adds only what is its own:

    RESOLUTIONS.apply(actor, resolution, action, comment,
                      authorize=lambda row: access.check_may_act_on_resolution(actor, row, action),
                      effect=_open_adoptions)

`apply` finds the move, locks the row, asks the app's access check, checks the state and the comment, sets the
new state, runs the effect, saves and records the audit event. Every refusal has one code and one wording
everywhere: `unknown_action` (400, naming the field `action`), `unknown_status` (400, naming the state field, for
forms that name the state to move to), `illegal_transition` (409, naming the state and the move),
`comment_required` (400, naming the comment field).
"""

from dataclasses import dataclass, field
from typing import Callable

from django.db import transaction
from django.utils import timezone

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


def is_irreversible(moves, move):
    """Whether no sequence of the table's moves leads back from where `move` ends to a state it starts from (a
    verified value can be reopened and submitted again; an approved resolution stays approved): such a move is
    asked for with a warning that it cannot be undone."""
    reached, frontier = {move.target}, [move.target]
    while frontier:
        state = frontier.pop()
        for other in moves.values():
            if state in other.sources and other.target not in reached:
                reached.add(other.target)
                frontier.append(other.target)
    return not reached & set(move.sources)


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


@dataclass
class Step:
    """One move in progress, handed to the service's `effect`: the locked row (already in its new state), the move,
    the state it left, the normalized comment, the time of the move, and what the effect adds: further fields to
    save and further changes for the audit event."""

    obj: object
    move: Move
    previous: str
    comment: str
    actor: object
    now: object
    fields: list = field(default_factory=list)
    changes: dict = field(default_factory=dict)

    def set(self, **values):
        """Sets fields on the row and saves them with the state."""
        for name, value in values.items():
            setattr(self.obj, name, value)
            if name not in self.fields:
                self.fields.append(name)


@dataclass(frozen=True)
class Machine:
    """A model's state machine: its move table, the field the moves change, what a refusal calls the object, and
    the audit event each move records.

    `record` is the audit trail's writer (network.audit.record): this module sits below the app that keeps the
    trail, so each app's workflow.py hands it in. `stamp` names a field that takes the time of every move;
    `comment_code` and `comment_field` name the error of a missing reason."""

    model: type
    moves: dict
    subject: object  # a Subject, or a function of the row giving one
    audit: str  # the audit action's prefix: "meetings.resolution" records "meetings.resolution.approve"
    record: Callable
    state_field: str = "state"
    stamp: str = ""
    comment_code: str = "comment_required"
    comment_field: str = "comment"

    def find(self, action):
        return find_move(self.moves, action)

    def allowed(self, obj, may=None):
        return allowed_moves(self.moves, getattr(obj, self.state_field), may)

    def graph(self):
        """{state: {states it may move to}}, for every state the table names."""
        states = {state for move in self.moves.values() for state in (*move.sources, move.target)}
        return {state: {move.target for move in self.moves.values() if state in move.sources} for state in states}

    def apply(self, actor, obj, action, comment="", **options):
        """Makes the move `action` on `obj` in one transaction and returns the row in its new state.

        In order: the move is found (unknown_action); the row is locked and re-read, so two people cannot both move
        it; `authorize(row, move)` runs the app's access check (AccessDenied); the state is checked
        (illegal_transition) and the comment (comment_required); the row takes the move's state and `stamp`;
        `effect(step)` runs the app's side effects, which may refuse and so undo everything; the fields are saved
        and the audit event `<audit>.<action>` is recorded with the change of state. The caller's `obj` is updated
        to what was saved."""
        move = self.find(action)
        return self._run(actor, [obj], lambda row: self._check(move, row), comment, **options)[0]

    def apply_to(self, actor, obj, target, comment="", **options):
        """Like apply(), for a form that names the state to move to rather than the action: the move is the
        table's one from the row's state to `target`. An unknown target names the state field (unknown_status)."""
        if target not in self.graph():
            raise InvalidInput("unknown_status", f"وضعیت «{target}» شناخته نیست.", f"Unknown status “{target}”.",
                               field=self.state_field)
        return self._run(actor, [obj], lambda row: self._move_to(row, target), comment, **options)[0]

    def apply_many(self, actor, objs, action, comment="", **options):
        """apply() on several rows at once, all or none: every row is locked (in key order) and checked before any
        is moved. Rows deleted meanwhile are left out; the moved rows are returned."""
        move = self.find(action)
        return self._run(actor, objs, lambda row: self._check(move, row), comment, many=True, **options)

    # --- the steps ------------------------------------------------------------------------------------------

    def _state_label(self, row):
        return getattr(row, f"get_{self.state_field}_display")()

    def _subject(self, row):
        return self.subject(row) if callable(self.subject) else self.subject

    def _check(self, move, row):
        check_source(move, getattr(row, self.state_field), self._state_label(row), self._subject(row))
        return move

    def _move_to(self, row, target):
        state = getattr(row, self.state_field)
        for move in self.moves.values():
            if move.target == target and state in move.sources:
                return move
        choices = dict(self.model._meta.get_field(self.state_field).flatchoices)
        subject = self._subject(row)
        raise DomainError(
            "illegal_transition",
            f"{subject.fa} از وضعیت «{self._state_label(row)}» به «{choices.get(target, target)}» نمی‌رود.",
            f"{subject.en} cannot move from “{state}” to “{target}”.")

    def _run(self, actor, objs, pick, comment, *, many=False, authorize=None, effect=None, queryset=None, audit_action=None):
        with transaction.atomic():
            manager = queryset if queryset is not None else self.model._default_manager
            keys = {obj.pk for obj in objs}
            rows = list(manager.select_for_update(of=("self",)).filter(pk__in=keys).order_by("pk"))
            if len(rows) != len(keys) and not many:
                raise self.model.DoesNotExist(f"The {self.model._meta.object_name} to move no longer exists.")
            if not rows:
                return []
            moves = []
            for row in rows:
                if authorize is not None:
                    authorize(row)
                moves.append(pick(row))
            comment = require_comment(moves[0], comment, code=self.comment_code, field=self.comment_field)
            now = timezone.now()
            saved = {}
            for row, move in zip(rows, moves):
                step = Step(row, move, getattr(row, self.state_field), comment, actor, now)
                step.set(**{self.state_field: move.target}, **({self.stamp: now} if self.stamp else {}))
                if effect is not None:
                    effect(step)
                row.save(update_fields=step.fields)
                self.record(actor, audit_action or f"{self.audit}.{move.action}", row,
                            changes={self.state_field: [step.previous, move.target], **step.changes}, comment=comment)
                saved[row.pk] = step
            for obj in objs:
                step = saved.get(obj.pk)
                if step is None:
                    continue
                for name in step.fields:
                    setattr(obj, name, getattr(step.obj, name))
            return rows
