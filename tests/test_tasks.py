"""Background tasks in the database queue: e-mails queued with the change and sent by the worker, taken back from a
worker that died, watched by /health/, and the search index rebuilt by the worker (lib/mail.py, ops/tasks.py,
manage.py run_worker)."""

import datetime

import pytest
from django.core import mail as outbox
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from kalanshahr.lib import mail
from kalanshahr.ops import tasks

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_queue(settings, monkeypatch):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # The worker runs in the test's own process and transaction here. Between tasks it closes connections that
    # look unusable, and inside a test's transaction (autocommit off) every connection looks so: on PostgreSQL
    # that would close the test's own. Django's test client turns the same check off for requests.
    from django_tasks_db.management.commands import db_worker
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


def test_an_email_waits_in_the_queue_until_the_worker_sends_it(database_queue):
    mail.send_later("کلانشهر: آزمون", "متن پیام", ["someone@example.org"])
    assert outbox.outbox == [] and DBTaskResult.objects.filter(status="READY").count() == 1
    call_command("run_worker", batch=True, verbosity=0)
    assert [message.to for message in outbox.outbox] == [["someone@example.org"]]
    assert outbox.outbox[0].subject == "کلانشهر: آزمون"
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_a_task_left_running_by_a_dead_worker_runs_again(database_queue):
    mail.send_later("پیام", "متن", ["a@example.org"])
    left = DBTaskResult.objects.get()
    DBTaskResult.objects.filter(pk=left.pk).update(status="RUNNING", worker_ids=["killed-worker"],
                                                   started_at=timezone.now() - datetime.timedelta(hours=1))
    recent = mail.send_later("پیام دوم", "متن", ["b@example.org"])
    DBTaskResult.objects.filter(pk=recent.id).update(status="RUNNING", started_at=timezone.now())  # a live worker's
    assert tasks.requeue_stale() == 1
    assert DBTaskResult.objects.get(pk=recent.id).status == "RUNNING", "a task a live worker holds is left alone"
    call_command("run_worker", batch=True, verbosity=0)
    assert [message.to for message in outbox.outbox] == [["a@example.org"]]


def test_the_daily_digest_is_queued_with_its_claim(database_queue, users):
    from kalanshahr.network.reminders import send_reminders

    items, emails = send_reminders()
    assert items and emails
    assert outbox.outbox == [] and DBTaskResult.objects.filter(task_path__endswith="send_emails").count() == 1
    assert send_reminders() == (0, 0), "claimed once a day"
    call_command("run_worker", batch=True, verbosity=0)
    assert len(outbox.outbox) == emails


def test_health_says_degraded_when_no_worker_takes_the_tasks(client, database_queue, settings):
    settings.TASK_QUEUE_MAX_WAIT = 300
    assert client.get("/health/").json()["checks"]["tasks"] == {"ok": True, "ms": pytest.approx(0, abs=1000),
                                                                  "waiting": 0, "oldest_wait_seconds": None}
    mail.send_later("پیام", "متن", ["a@example.org"])
    DBTaskResult.objects.update(enqueued_at=timezone.now() - datetime.timedelta(minutes=10))
    response = client.get("/health/")
    body = response.json()
    assert response.status_code == 200 and body["status"] == "degraded" and body["failing"] == ["tasks"]
    assert "is a worker running?" in body["checks"]["tasks"]["error"]


def test_the_search_index_rebuild_waits_for_the_worker(database_queue):
    from io import StringIO

    from kalanshahr.network.models import SearchDocument

    SearchDocument.objects.all().delete()
    out = StringIO()
    call_command("rebuild_search_index", "--background", stdout=out)
    assert "queued" in out.getvalue() and not SearchDocument.objects.exists()
    assert DBTaskResult.objects.get().task_path == "kalanshahr.network.search.rebuild_in_background"
    call_command("run_worker", "--batch", stdout=StringIO())
    assert SearchDocument.objects.exists() and DBTaskResult.objects.get().status == "SUCCESSFUL"
