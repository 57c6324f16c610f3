"""The worker processes running now, each writing a heartbeat: how another worker knows one died."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone


class WorkerProcessQuerySet(models.QuerySet):
    def live(self):
        """Workers whose heartbeat is recent: anything they claimed is theirs."""
        return self.filter(seen_at__gte=timezone.now() - timedelta(seconds=settings.WORKER_DEAD_AFTER))


class WorkerProcess(models.Model):
    id = models.CharField(primary_key=True, max_length=64)
    hostname = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)

    objects = WorkerProcessQuerySet.as_manager()

    class Meta:
        verbose_name = "worker process"

    def __str__(self):
        return self.id
