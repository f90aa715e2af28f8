from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "kalanshahr.meetings"
    label = "meetings"
    verbose_name = _("Meetings and resolutions")

    def ready(self):
        from kalanshahr.network import reports as documents
        from kalanshahr.network.models import AuditEvent

        from . import reports, search
        from .workflow import AUDIT_LABELS

        AuditEvent.register_actions(AUDIT_LABELS)
        search.register()
        documents.register("meetings.closing_report", reports.prepare_closing_report)
