"""System checks: an audit action must name its app first, since the fragment cache is retired by that name."""

from django.core.management import call_command

from kalanshahr.network.checks import audit_actions_name_their_app
from kalanshahr.network.models import ACTION_LABELS, AuditEvent


def test_every_registered_audit_action_names_an_installed_app():
    assert audit_actions_name_their_app() == []
    call_command("check", "--fail-level", "ERROR")


def test_an_action_with_a_foreign_prefix_fails_the_check():
    AuditEvent.register_actions({"meeting.resolution.adopt": "misspelt app label"})
    try:
        errors = audit_actions_name_their_app()
        assert [error.id for error in errors] == ["network.E001"]
        assert errors[0].obj == "meeting.resolution.adopt"
    finally:
        del ACTION_LABELS["meeting.resolution.adopt"]
