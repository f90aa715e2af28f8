from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategyConfig(AppConfig):
    name = "kalanshahr.strategy"
    label = "strategy"
    verbose_name = _("Strategy, indicators and monitoring")

    def ready(self):
        from kalanshahr.network.models import AuditEvent

        from .workflow import AUDIT_LABELS

        AuditEvent.register_actions(AUDIT_LABELS)
