from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategyConfig(AppConfig):
    name = "kalanshahr.strategy"
    label = "strategy"
    verbose_name = _("Strategy, indicators and monitoring")

    def ready(self):
        from kalanshahr.network import fragments, reports
        from kalanshahr.network.models import AuditEvent

        from .datakeys import VALUE_ACTIONS, changed_by
        from .documents import prepare_period_report
        from .workflow import AUDIT_LABELS

        AuditEvent.register_actions(AUDIT_LABELS)
        for prefix in VALUE_ACTIONS:
            fragments.narrow(prefix, changed_by)
        reports.register("strategy.period_report", prepare_period_report)
