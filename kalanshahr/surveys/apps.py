from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "kalanshahr.surveys"
    label = "surveys"
    verbose_name = _("Citizen surveys")

    def ready(self):
        from kalanshahr.network.models import AuditEvent

        from .workflow import AUDIT_LABELS

        AuditEvent.register_actions(AUDIT_LABELS)
