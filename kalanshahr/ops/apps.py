from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Operations across every app: the demo, the national-scale generator for the benchmarks, backup and
    restore. A top-level app: it may import every domain app, and none imports it (docs/architecture.md)."""

    name = "kalanshahr.ops"
    verbose_name = "Operations"

    def ready(self):
        from django.conf import settings

        from kalanshahr.lib import requestlog

        from . import metrics

        if settings.METRICS_TOKEN and metrics.observe not in requestlog.observers:
            requestlog.observers.append(metrics.observe)
