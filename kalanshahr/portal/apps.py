from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "kalanshahr.portal"
    label = "portal"
    verbose_name = _("Public portal")

    def ready(self):
        from kalanshahr.network.models import AuditEvent

        from . import search
        from .workflow import AUDIT_LABELS

        AuditEvent.register_actions(AUDIT_LABELS)
        search.register()
