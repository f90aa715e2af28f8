"""The one workflow engine (lib/workflow.py): its refusals, and that every app's move table is built on it."""

import pytest

from kalanshahr.benchmarking.workflow import EXPERIENCE_MOVES, REQUEST_MOVES
from kalanshahr.ideas.workflow import IDEA_MOVES
from kalanshahr.lib import workflow
from kalanshahr.lib.errors import DomainError, InvalidInput
from kalanshahr.meetings.workflow import ADOPTION_MOVES, COMMITMENT_MOVES, PROPOSAL_TRANSITIONS, RESOLUTION_TRANSITIONS
from kalanshahr.portal.workflow import COMMENT_MOVES
from kalanshahr.strategy.workflow import MEASUREMENT_MOVES

MOVES = workflow.table(
    workflow.Move("open", frozenset({"closed"}), "open", "Open", frozenset({"clerk"})),
    workflow.Move("close", frozenset({"open"}), "closed", "Close", frozenset({"clerk"}), True, "دلیل بستن"),
)
THING = workflow.Subject("پرونده", "A file")


TABLES = [RESOLUTION_TRANSITIONS, ADOPTION_MOVES, COMMITMENT_MOVES, PROPOSAL_TRANSITIONS, IDEA_MOVES, EXPERIENCE_MOVES,
          REQUEST_MOVES, MEASUREMENT_MOVES, COMMENT_MOVES]


@pytest.mark.parametrize("moves", TABLES)
def test_every_app_table_is_made_of_the_engines_moves(moves):
    assert moves and all(isinstance(move, workflow.Move) and move.action == action for action, move in moves.items())


def test_every_table_is_moved_by_one_machine_that_records_to_the_audit_trail():
    """Each app's services move their rows through a Machine (lib/workflow.py), never by hand."""
    import importlib

    from kalanshahr.network import audit
    machines = [value for app in ("meetings", "ideas", "benchmarking", "strategy", "portal")
                for value in vars(importlib.import_module(f"kalanshahr.{app}.workflow")).values()
                if isinstance(value, workflow.Machine)]
    assert sorted(map(id, (m.moves for m in machines))) == sorted(map(id, TABLES))
    assert all(m.record is audit.record and m.audit.startswith(m.model._meta.app_label + ".") for m in machines)


def test_an_unknown_action_names_the_action_field():
    with pytest.raises(InvalidInput) as error:
        workflow.find_move(MOVES, "burn")
    assert error.value.code == "unknown_action" and error.value.field == "action" and error.value.status == 400


def test_a_move_from_the_wrong_state_names_the_state_and_the_move():
    with pytest.raises(DomainError) as error:
        workflow.check_source(MOVES["close"], "closed", "بسته", THING)
    assert error.value.code == "illegal_transition" and error.value.status == 409
    assert "پرونده در وضعیت «بسته» است" in error.value.message_fa and "«Close»" in error.value.message_fa
    assert error.value.message_en == "A file in state “closed” cannot take the action “close”."
    workflow.check_source(MOVES["close"], "open", "باز", THING)  # allowed: no error


def test_a_comment_is_required_only_where_the_move_asks_for_one_and_comes_back_normalized():
    with pytest.raises(InvalidInput) as error:
        workflow.require_comment(MOVES["close"], "   ")
    assert error.value.code == "comment_required" and error.value.field == "comment"
    assert "دلیل بستن" in error.value.message_fa
    with pytest.raises(InvalidInput) as error:
        workflow.require_comment(MOVES["close"], "", code="reason_required", field="reason")
    assert (error.value.code, error.value.field) == ("reason_required", "reason")
    assert workflow.require_comment(MOVES["close"], "دليل  روشن") == "دلیل روشن"
    assert workflow.require_comment(MOVES["open"], "") == ""


def test_allowed_moves_follow_the_state_and_the_permission():
    assert [move.action for move in workflow.allowed_moves(MOVES, "open")] == ["close"]
    assert workflow.allowed_moves(MOVES, "open", lambda move: False) == []
    assert MOVES["open"].actor == "clerk"


# --- Machine: the move made in one call, all or nothing (over the demo's commitments) -------------------------------

@pytest.fixture
def commitment(demo):
    from kalanshahr.meetings.models import Commitment
    return Commitment.objects.filter(status="open").order_by("pk").first()


def recorder():
    """A Machine's `record` that keeps what it was asked to write, so a test reads the audit call exactly."""
    calls = []

    def record(actor, action, target, *, changes=None, comment=""):
        calls.append((actor, action, target.pk, changes, comment))

    record.calls = calls
    return record


def machine(record, **options):
    from kalanshahr.meetings.models import Commitment
    from kalanshahr.meetings.workflow import COMMITMENT_MOVES
    return workflow.Machine(Commitment, COMMITMENT_MOVES, THING, "meetings.commitment", record, state_field="status",
                            **options)


def test_apply_moves_stamps_saves_records_and_updates_the_callers_object(commitment, time_machine):
    from kalanshahr.network.access import SYSTEM
    time_machine.move_to("2026-12-01T08:00:00+00:00", tick=False)
    record = recorder()
    moved = machine(record, stamp="closed_at").apply(SYSTEM, commitment, "done", "  كار  انجام شد ")
    assert commitment.status == moved.status == "done" and commitment.closed_at.isoformat() == "2026-12-01T08:00:00+00:00"
    commitment.refresh_from_db()
    assert commitment.status == "done" and commitment.closed_at is not None
    assert record.calls == [(SYSTEM, "meetings.commitment.done", commitment.pk, {"status": ["open", "done"]},
                             "کار انجام شد")]


def test_apply_to_finds_the_move_by_its_target_and_refuses_what_the_table_lacks(commitment):
    from kalanshahr.network.access import SYSTEM
    commitments = machine(recorder())
    with pytest.raises(InvalidInput) as error:
        commitments.apply_to(SYSTEM, commitment, "burnt")
    assert (error.value.code, error.value.field) == ("unknown_status", "status")
    with pytest.raises(DomainError) as error:
        commitments.apply_to(SYSTEM, commitment, "open")
    assert error.value.code == "illegal_transition" and error.value.status == 409
    assert error.value.message_en == "A file cannot move from “open” to “open”."
    assert "پرونده از وضعیت «باز» به «باز» نمی‌رود." == error.value.message_fa
    assert commitments.apply_to(SYSTEM, commitment, "cancelled").status == "cancelled"


def test_a_refusal_in_the_access_check_or_the_effect_leaves_nothing_written(commitment):
    from kalanshahr.lib.errors import AccessDenied
    from kalanshahr.meetings.workflow import COMMITMENTS
    from kalanshahr.network.access import SYSTEM
    from kalanshahr.network.models import AuditEvent
    events = AuditEvent.objects.count()

    def deny(row):
        raise AccessDenied()

    def effect(step):
        step.set(title="تغییر")
        raise DomainError("nope", "نه", "No")

    with pytest.raises(AccessDenied):
        COMMITMENTS.apply(SYSTEM, commitment, "done", authorize=deny)
    with pytest.raises(DomainError):
        COMMITMENTS.apply(SYSTEM, commitment, "done", effect=effect)
    fresh = type(commitment).objects.get(pk=commitment.pk)
    assert (fresh.status, fresh.title, commitment.status) == ("open", commitment.title, "open")
    assert AuditEvent.objects.count() == events
    COMMITMENTS.apply(SYSTEM, commitment, "done")
    assert AuditEvent.objects.filter(action="meetings.commitment.done", target_id=str(commitment.pk)).count() == 1


def test_apply_many_checks_every_row_before_moving_any(demo):
    from kalanshahr.meetings.models import Commitment
    from kalanshahr.network.access import SYSTEM
    record = recorder()
    first, second = Commitment.objects.filter(status="open").order_by("pk")[:2]
    machine(record).apply(SYSTEM, second, "done")
    with pytest.raises(DomainError) as error:
        machine(record).apply_many(SYSTEM, [first, second], "done")
    assert error.value.code == "illegal_transition"
    assert Commitment.objects.get(pk=first.pk).status == "open" and len(record.calls) == 1
    machine(record).apply(SYSTEM, second, "open")
    moved = machine(record).apply_many(SYSTEM, [second, first], "done", "هر دو")
    assert [row.pk for row in moved] == sorted([first.pk, second.pk]) and first.status == second.status == "done"


def test_the_graph_is_the_table_read_by_state():
    from kalanshahr.meetings.workflow import COMMITMENTS
    assert COMMITMENTS.graph() == {"open": {"done", "cancelled"}, "done": {"open"}, "cancelled": {"open"}}
