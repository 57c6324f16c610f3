from django.apps import AppConfig


class WorkerConfig(AppConfig):
    name = "worker"
    verbose_name = "Background worker"

    def ready(self):
        from worker import duties, reaper

        duties.register("put back tasks whose worker died", reaper.requeue_orphaned_tasks, every=10)
        duties.register("forget finished tasks and departed workers", reaper.prune, every=3600)
