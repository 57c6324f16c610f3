"""The worker loop: duties that are due, then queued tasks, then a short sleep when idle."""

import logging
import os
import socket
import time

from django.conf import settings
from django.db import close_old_connections
from django.utils.crypto import get_random_string
from django_tasks_db.compat import DEFAULT_TASK_BACKEND_ALIAS
from django_tasks_db.management.commands.db_worker import Worker as DatabaseWorker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from worker import duties
from worker.heartbeat import Heartbeat

logger = logging.getLogger("worker")

TASKS_PER_ROUND = 20  # then the duties get a turn, however long the queue


def new_worker_id():
    return f"{socket.gethostname()[:30]}-{os.getpid()}-{get_random_string(8)}"


class Worker(DatabaseWorker):
    """django-tasks-db's worker (its claim, its task runner, its signal handling), with
    the registered duties run between tasks and a heartbeat thread."""

    def __init__(self, *, interval=None, worker_id=None, queue_names=("*",), backend_name=DEFAULT_TASK_BACKEND_ALIAS):
        super().__init__(
            queue_names=list(queue_names),
            interval=settings.WORKER_INTERVAL if interval is None else interval,
            batch=False,
            backend_name=backend_name,
            startup_delay=False,
            max_tasks=None,
            worker_id=worker_id or new_worker_id(),
            excluded_queue_names=[],
        )

    def run(self, until_idle=False):
        """Work until asked to stop (SIGTERM, SIGINT) or, with until_idle, until nothing is left to do."""
        heartbeat = Heartbeat(self.worker_id).start()
        logger.info("worker %s started; duties: %s", self.worker_id, "; ".join(d.name for d in duties.registered()))
        try:
            while self.running:
                close_old_connections()
                busy = self.run_duties()
                busy = self.run_tasks() or busy
                if until_idle and not busy:
                    return
                if self.running and not busy:
                    time.sleep(self.interval)
        finally:
            heartbeat.stop()
            logger.info("worker %s stopped", self.worker_id)

    def run_duties(self):
        # While a duty runs, a SIGTERM only clears self.running (django-tasks-db's handler
        # exits at once otherwise); long duties check it between chunks.
        self.running_task = True
        try:
            return duties.run_due(self)
        finally:
            self.running_task = False

    def run_tasks(self, limit=TASKS_PER_ROUND):
        """Run up to `limit` ready tasks; True when it ran any (there may be more, and a task
        may have left work for the duties: they are all due at once then)."""
        ran = 0
        while ran < limit and self.running:
            task_result = self.claim_task()
            if task_result is None:
                break
            self.run_task(task_result)
            ran += 1
        if ran:
            duties.wake()
        return ran > 0

    def claim_task(self):
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        with exclusive_transaction(tasks.db):
            task_result = tasks.get_locked()
            if task_result is not None:
                task_result.claim(self.worker_id)
        return task_result


def drain(max_rounds=1000):
    """Run every due duty and queued task in this process until nothing is left (tests, scripts)."""
    worker = Worker(interval=0)
    heartbeat = Heartbeat(worker.worker_id)
    heartbeat.beat()  # alive while it drains, as a running worker is
    try:
        for _ in range(max_rounds):
            duties.wake()  # every duty, every round: nothing waits for its interval here
            busy = worker.run_duties()
            busy = worker.run_tasks() or busy
            if not busy:
                return worker
    finally:
        heartbeat.stop()
    raise RuntimeError(f"the worker was still busy after {max_rounds} rounds")
