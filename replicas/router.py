"""The database router: the replica for reads the current request allows, else the primary."""

import contextvars

from replicas.monitor import monitor

REPLICA = "replica"
PRIMARY = "default"

# Set by ReplicaReadsMiddleware for the length of one request; False everywhere else.
replica_allowed = contextvars.ContextVar("replica_allowed", default=False)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if replica_allowed.get() and monitor.usable():
            return REPLICA
        return PRIMARY

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same rows on both servers

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY  # the replica gets the schema by streaming
