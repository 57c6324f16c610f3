"""manage.py run_worker: the background worker (tasks and duties), one per host."""

import logging

from django.conf import settings
from django.core.management.base import BaseCommand

from worker.runner import Worker


class Command(BaseCommand):
    help = (
        "Run the background worker: queued tasks (django-tasks, database backend) and the periodic duties "
        "apps register (alerts, digests, the task reaper). Stop it with SIGTERM or Ctrl-C: it finishes the "
        "message or task in hand first."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=None, help="seconds to sleep when idle")
        parser.add_argument("--until-idle", action="store_true", help="exit once nothing is left to do")
        parser.add_argument("--worker-id", default=None, help="unique across every host (default: host-pid-random)")

    def handle(self, *args, interval, until_idle, worker_id, verbosity, **options):
        if verbosity > 1:
            logging.getLogger("worker").setLevel(logging.DEBUG)
        elif verbosity == 1 and logging.getLogger("worker").getEffectiveLevel() > logging.INFO:
            logging.getLogger("worker").setLevel(logging.INFO)
        if settings.EMBEDDED_DATABASE:
            from pressroom import embedded_db

            embedded_db.hold()  # gunicorn stopping first must not stop the database under the worker
        worker = Worker(interval=interval, worker_id=worker_id)
        self.stdout.write(f"worker {worker.worker_id} running (Ctrl-C to stop)")
        try:
            worker.configure_signals()
            worker.run(until_idle=until_idle)
        finally:
            worker.reset_signals()
            if settings.EMBEDDED_DATABASE:
                embedded_db.release()
