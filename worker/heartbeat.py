"""A worker's heartbeat: a thread that moves its WorkerProcess row's `seen_at` every few seconds.

A thread, so that a long task or duty does not make a live worker look dead; it dies
with the process, so a killed worker stops beating and others take over its work
once WORKER_DEAD_AFTER seconds have passed.
"""

import logging
import os
import socket
import threading

from django.conf import settings
from django.db import connection
from django.utils import timezone

from worker.models import WorkerProcess

logger = logging.getLogger("worker")


class Heartbeat:
    def __init__(self, worker_id):
        self.worker_id = worker_id
        self._stop = threading.Event()
        self._thread = None

    def beat(self):
        now = timezone.now()
        updated = WorkerProcess.objects.filter(pk=self.worker_id).update(seen_at=now)
        if not updated:
            WorkerProcess.objects.create(
                pk=self.worker_id, hostname=socket.gethostname()[:255], pid=os.getpid(), started_at=now, seen_at=now
            )

    def start(self):
        self.beat()  # before anything is claimed
        self._thread = threading.Thread(target=self._run, name="worker-heartbeat", daemon=True)
        self._thread.start()
        return self

    def _run(self):
        try:
            while not self._stop.wait(settings.WORKER_HEARTBEAT_SECONDS):
                try:
                    self.beat()
                except Exception:  # the database away for a moment: beat again later
                    logger.warning("worker heartbeat failed; retrying", exc_info=True)
                    connection.close()
        finally:
            connection.close()

    def stop(self):
        """Stop beating and leave: whatever this worker held is free at once."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
        WorkerProcess.objects.filter(pk=self.worker_id).delete()
