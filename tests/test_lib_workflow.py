"""The one workflow engine (lib/workflow.py): its refusals, and that every app's move table is built on it."""

import pytest

from kalanshahr.benchmarking.workflow import EXPERIENCE_MOVES, REQUEST_MOVES
from kalanshahr.ideas.workflow import IDEA_MOVES
from kalanshahr.lib import workflow
from kalanshahr.lib.errors import DomainError, InvalidInput
from kalanshahr.meetings.workflow import RESOLUTION_TRANSITIONS
from kalanshahr.portal.workflow import COMMENT_MOVES
from kalanshahr.strategy.workflow import MEASUREMENT_MOVES

MOVES = workflow.table(
    workflow.Move("open", frozenset({"closed"}), "open", "Open", frozenset({"clerk"})),
    workflow.Move("close", frozenset({"open"}), "closed", "Close", frozenset({"clerk"}), True, "دلیل بستن"),
)
THING = workflow.Subject("پرونده", "A file")


@pytest.mark.parametrize("moves", [RESOLUTION_TRANSITIONS, IDEA_MOVES, EXPERIENCE_MOVES, REQUEST_MOVES,
                                   MEASUREMENT_MOVES, COMMENT_MOVES])
def test_every_app_table_is_made_of_the_engines_moves(moves):
    assert moves and all(isinstance(move, workflow.Move) and move.action == action for action, move in moves.items())


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
