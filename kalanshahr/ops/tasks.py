"""The task queue's housekeeping: taking back what a dead worker left, and how long the oldest task has waited.

django-tasks' database backend marks a task "running" when a worker takes it and never looks at it again; a
worker killed meanwhile (SIGKILL, a lost machine) leaves it so for ever. A worker starting up (run_worker) puts
every task running for longer than TASK_STALE_SECONDS back to "ready", so that it runs again: the tasks here are
written to run more than once without harm (an e-mail may then arrive twice, nothing is recorded twice).
"""

import datetime

from django.conf import settings
from django.db.models import Min
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

READY, RUNNING = "READY", "RUNNING"


def requeue_stale(now=None):
    """Puts back the tasks a dead worker left running; returns how many."""
    cutoff = (now or timezone.now()) - datetime.timedelta(seconds=settings.TASK_STALE_SECONDS)
    return DBTaskResult.objects.filter(status=RUNNING, started_at__lt=cutoff).update(status=READY, started_at=None)


def queue_state(now=None):
    """{"waiting": n, "oldest_wait_seconds": s or None} of the tasks ready to run now."""
    now = now or timezone.now()
    waiting = DBTaskResult.objects.ready()  # the library's own rule: ready, and not deferred to later
    oldest = waiting.aggregate(oldest=Min("enqueued_at"))["oldest"]
    return {"waiting": waiting.count(), "oldest_wait_seconds": round((now - oldest).total_seconds()) if oldest else None}
