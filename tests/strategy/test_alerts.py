"""send_reminders for S2: data due or overdue and off-track priority indicators, once per item per day."""

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from kalanshahr.network.models import ReminderSent
from kalanshahr.strategy import monitoring


@pytest.fixture
def mailbox(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return mail.outbox


def test_alerts_reach_owners_once_a_day(demo, mailbox):
    call_command("send_reminders", stdout=io.StringIO())
    period = monitoring.latest_due_period("month")
    manager = next(m.body for m in mailbox if m.to == ["tehran_urban_services@example.org"])
    assert "IJ-05" in manager and period.label() in manager  # overdue data
    assert "SH-01" in manager and "خارج از مسیر" in manager   # priority indicator off track
    assert "IJ-01" not in manager.split("خارج از مسیر")[-1]    # on-track ones are not alerted
    editor = next(m.body for m in mailbox if m.to == ["tehran_editor@example.org"])
    assert "SH-01" in editor  # the municipality's editors are owners too
    assert not any("SH-01" in m.body for m in mailbox if m.to == ["mashhad_editor@example.org"])
    sent = len(mailbox)
    call_command("send_reminders", stdout=io.StringIO())
    assert len(mailbox) == sent
    assert ReminderSent.objects.filter(day=timezone.localdate(), item__startswith="off_track:").count() == 1
