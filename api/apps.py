from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "Open data and the API"

    def ready(self):
        from api import duties
        from worker import duties as worker_duties

        # The archive download (/export/releases.jsonl.gz) is written again after changes.
        worker_duties.register("refresh the archive export", duties.refresh_export, every=60)
