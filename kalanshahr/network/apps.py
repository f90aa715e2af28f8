from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "kalanshahr.network"
    label = "network"
    verbose_name = _("Network")

    def ready(self):
        from django.contrib.admin.models import LogEntry
        from django.core import checks
        from django.db.models.signals import post_save

        from kalanshahr.lib.admin import install_jalali_dates

        from . import fragments
        from .checks import audit_actions_name_their_app

        checks.register(audit_actions_name_their_app)
        install_jalali_dates()
        # Who holds which role is shown by no cached fragment (a reader's rights are in a fragment's key, never in
        # its data), so giving or taking a role retires none of them.
        fragments.narrow("network.membership", fragments.MEMBERSHIPS)

        post_save.connect(_admin_change, sender=LogEntry, dispatch_uid="network.fragments.admin")


def _admin_change(sender, instance, created, **kwargs):
    """The admin writes its log entry with every change it saves: that change retires the app's cached fragments
    as a service's would (network/fragments.py)."""
    from . import fragments

    if created and instance.content_type_id:
        fragments.bump(instance.content_type.app_label)
