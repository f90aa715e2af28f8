"""System checks of the network app (run by `manage.py check` and at every start)."""

from django.apps import apps
from django.core import checks


def audit_actions_name_their_app(app_configs=None, **kwargs):
    """network.E001: an audit action's first part must be an installed app's label. audit.record() bumps that
    app's data version (network/fragments.py), so a misspelt prefix would leave the app's cached pages stale."""
    from .models import ACTION_LABELS

    labels = {config.label for config in apps.get_app_configs()}
    return [
        checks.Error(f"The audit action “{action}” does not start with an installed app's label.",
                     hint="Name audited actions app.model.verb, with the app's label first.",
                     obj=action, id="network.E001")
        for action in sorted(ACTION_LABELS) if action.split(".", 1)[0] not in labels
    ]
