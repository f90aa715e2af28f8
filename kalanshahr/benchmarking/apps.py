from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenchmarkingConfig(AppConfig):
    name = "kalanshahr.benchmarking"
    label = "benchmarking"
    verbose_name = _("Benchmarking and experience exchange")

    def ready(self):
        from kalanshahr.network.models import AuditEvent

        from . import search
        from .workflow import AUDIT_LABELS

        AuditEvent.register_actions(AUDIT_LABELS)
        search.register()
