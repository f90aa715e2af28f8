from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    name = "kalanshahr.ideas"
    label = "ideas"
    verbose_name = _("Innovation ideas")

    def ready(self):
        from kalanshahr.network.models import AuditEvent

        from . import search
        from .workflow import AUDIT_LABELS

        AuditEvent.register_actions(AUDIT_LABELS)
        search.register()
