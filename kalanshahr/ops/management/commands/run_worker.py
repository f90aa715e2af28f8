"""manage.py run_worker: the background worker of the production setup (docs/deploy.md): takes back the tasks a
dead worker left running, then runs django-tasks' database worker with the options given; all its reads go to the
primary."""

from django.core.management import BaseCommand, call_command

from kalanshahr.lib import dbrouter
from kalanshahr.ops.tasks import requeue_stale


class Command(BaseCommand):
    help = "Takes back tasks left by a dead worker, then runs the database task worker."

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="Run every waiting task, then stop.")
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between looks at the queue.")
        parser.add_argument("--worker-id", default=None)

    def handle(self, *args, batch=False, interval=1.0, worker_id=None, **options):
        # A task acts on rows committed a moment before it was queued, which a replica may not have yet: the
        # worker reads from the primary (lib/dbrouter.py).
        dbrouter.pin_to_primary()
        taken_back = requeue_stale()
        if taken_back:
            self.stdout.write(f"Took back {taken_back} task(s) left running by a worker that stopped.")
        extra = {"worker_id": worker_id} if worker_id else {}
        call_command("db_worker", batch=batch, interval=interval, startup_delay=False, verbosity=options["verbosity"],
                     **extra)
