from django.apps import AppConfig


class ReplicasConfig(AppConfig):
    name = "replicas"
    verbose_name = "Read replica"

    def ready(self):
        from pagecache import registry
        from pressroom import health
        from replicas.monitor import monitor
        from replicas.settle import wait_for_replica

        health.register("replica", monitor.status)
        # After a commit, caches are invalidated only once the replica has replayed it.
        registry.register(settle=wait_for_replica)
