"""Loads the demo of every Kalanshahr app, in INSTALLED_APPS order; a second run changes nothing."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from kalanshahr.benchmarking import standings
from kalanshahr.network.demo import logins


class Command(BaseCommand):
    help = "Load the demo data (idempotent) and print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--quiet-logins", action="store_true", help="Do not print the demo logins.")

    def handle(self, *args, **options):
        # The demo's people are fictional: the notices its changes would email are not sent.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"), transaction.atomic():
            for config in apps.get_app_configs():
                module = f"{config.name}.demo"
                if config.name.startswith("kalanshahr.") and find_spec(module):
                    import_module(module).load(self.stdout)
            standings.rebuild()  # the demos write their verified values in bulk, past the services that keep them
        if not options["quiet_logins"]:
            self.stdout.write("")
            self.stdout.write(f"Demo logins (password for all: {settings.DEMO_PASSWORD}):")
            for username, role in logins():
                self.stdout.write(f"  {username:<24} {role}")
