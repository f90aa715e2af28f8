import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from kalanshahr.meetings.models import Adoption, Commitment
from kalanshahr.network.models import ReminderSent
from kalanshahr.network.reminders import send_reminders

# Ten days after the demo is loaded: its adoptions have been pending for more than a week by then.
TODAY = timezone.localdate() + datetime.timedelta(days=10)


@pytest.fixture
def mailbox(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return mail.outbox


def test_running_twice_on_one_day_sends_each_email_once(demo, mailbox):
    call_command("send_reminders", "--date", "1405/09/01", "--days", "7", stdout=io.StringIO())
    first = [(m.to, m.body) for m in mailbox]
    assert first, "the demo has overdue commitments and pending adoptions"
    call_command("send_reminders", "--date", "1405/09/01", "--days", "7", stdout=io.StringIO())
    assert [(m.to, m.body) for m in mailbox] == first

    # The next day everything still due is reminded again, once.
    call_command("send_reminders", "--date", "1405/09/02", "--days", "7", stdout=io.StringIO())
    assert len(mailbox) == 2 * len(first)


def test_who_gets_what(demo, mailbox):
    items, emails = send_reminders(today=TODAY, days=7)
    by_recipient = {m.to[0]: m.body for m in mailbox}
    assert emails == len(mailbox)
    # Owner user of a commitment due within a week.
    assert "گزارش استقرار حسابرسی داخلی در تهران" in by_recipient["tehran_editor@example.org"]
    # Overdue organization commitment goes to its members; the secretariat's members include the moderator.
    assert "گزارش پیشرفت اجرای مصوبات به دبیرخانه" in by_recipient["secretariat@example.org"]
    # Editors hear about their own municipality's pending adoptions only.
    assert "مشهد" in by_recipient["mashhad_editor@example.org"]
    assert "· تهران ·" not in by_recipient["mashhad_editor@example.org"]
    # Done commitments and far-away ones are not reminded.
    assert not any("پیش‌نویس دستورالعمل عوارض نوسازی" in body for body in by_recipient.values())
    assert not any("کارگاه آموزشی" in body for body in by_recipient.values())
    expected_items = (Commitment.objects.due_within(7, TODAY).count()
                      + Adoption.objects.filter(status="pending").count())
    assert ReminderSent.objects.filter(day=TODAY, item__regex=r"^(commitment|adoption):").count() == expected_items
    assert items == ReminderSent.objects.filter(day=TODAY).count()


def test_nothing_due_sends_nothing(db, mailbox):
    from kalanshahr.strategy.models import Indicator, Measurement
    from kalanshahr.surveys.models import Question

    Commitment.objects.all().delete()
    Adoption.objects.all().delete()
    Measurement.objects.all().delete()
    Question.objects.update(indicator=None)  # a survey question's indicator is protected from deletion
    Indicator.objects.all().delete()
    assert send_reminders(today=TODAY, days=7) == (0, 0)
    assert mailbox == []


@pytest.mark.parametrize("args", [["--days", "-1"], ["--date", "1405/13/01"]])
def test_bad_arguments_are_refused(db, args):
    with pytest.raises(CommandError):
        call_command("send_reminders", *args, stdout=io.StringIO())
