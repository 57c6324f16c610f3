from django.apps import AppConfig


class ReplicasConfig(AppConfig):
    name = "replicas"
    verbose_name = "Read replica"

    def ready(self):
        from pressroom import health
        from replicas.monitor import monitor

        health.register("replica", monitor.status)
