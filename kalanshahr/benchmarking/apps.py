from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenchmarkingConfig(AppConfig):
    name = "kalanshahr.benchmarking"
    label = "benchmarking"
    verbose_name = _("Benchmarking and experience exchange")

    def ready(self):
        from kalanshahr.network.models import AuditEvent
        from kalanshahr.network.signals import compared_cities_changed
        from kalanshahr.strategy.signals import verified_values_changed

        from . import search, standings
        from .workflow import AUDIT_LABELS

        AuditEvent.register_actions(AUDIT_LABELS)
        search.register()
        verified_values_changed.connect(standings.on_verified_values_changed, dispatch_uid="benchmarking.standings")
        compared_cities_changed.connect(standings.on_compared_cities_changed, dispatch_uid="benchmarking.standings")
