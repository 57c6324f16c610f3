"""Tasks whose worker died: put back in the queue (or failed after TASK_MAX_ATTEMPTS), and old rows pruned.

django-tasks-db marks a task RUNNING when a worker claims it and never looks at it
again: a worker killed in the middle leaves it RUNNING forever. Every worker runs
this duty; the UPDATE only touches rows still RUNNING, so two reapers agree.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from worker.models import WorkerProcess

logger = logging.getLogger("worker")


class WorkerDied(Exception):
    """Recorded as a task's error when its worker died TASK_MAX_ATTEMPTS times while running it."""


def requeue_orphaned_tasks(worker=None):
    live = set(WorkerProcess.objects.live().values_list("pk", flat=True))
    running = DBTaskResult.objects.running().values_list("pk", "worker_ids", "task_path")
    orphaned = [(pk, ids, path) for pk, ids, path in running if not ids or ids[-1] not in live]
    for pk, worker_ids, path in orphaned:
        rows = DBTaskResult.objects.filter(pk=pk, status=TaskResultStatus.RUNNING)
        if len(worker_ids) < settings.TASK_MAX_ATTEMPTS:
            rows.update(status=TaskResultStatus.READY, started_at=None, run_after=timezone.now())
            logger.warning("task %s (%s): its worker %s died; queued again", pk, path, worker_ids[-1:])
        else:
            rows.update(
                status=TaskResultStatus.FAILED,
                finished_at=timezone.now(),
                exception_class_path=f"{WorkerDied.__module__}.{WorkerDied.__qualname__}",
                traceback=f"The worker running this task died {len(worker_ids)} times: {', '.join(worker_ids)}.",
            )
            logger.error("task %s (%s): its worker died %s times; failed", pk, path, len(worker_ids))
    return False


def prune(worker=None):
    """Finished tasks after TASKS_KEEP_DAYS (their arguments may name people), workers gone a day."""
    cutoff = timezone.now() - timedelta(days=settings.TASKS_KEEP_DAYS)
    DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
    WorkerProcess.objects.filter(seen_at__lt=timezone.now() - timedelta(days=1)).delete()
    return False
