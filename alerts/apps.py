from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "alerts"
    verbose_name = "Email alerts"

    def ready(self):
        from alerts import duties, hooks, outbox
        from worker import duties as worker_duties

        hooks.connect()
        worker_duties.register("alerts: find releases that became public", duties.find_due_work, every=duties.every())
        worker_duties.register("alerts: send immediate alerts", outbox.send_immediate, every=1)
        worker_duties.register("alerts: send daily digests", outbox.send_digests, every=30)
        worker_duties.register("alerts: forget old rate-limit counts", duties.housekeeping, every=3600)
