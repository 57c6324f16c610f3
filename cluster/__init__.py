"""Runners for the real services of a multi-host Pressroom, on one machine.

Each runner starts one service on a free loopback port with its files under a given
var folder (``<var>/<name>/``), waits until it answers, and stops it leaving no process
behind. Start is idempotent and a restart keeps the port. Used by the cluster tests
(session fixtures), `make cluster` and `bench/`:

    from cluster import Redis
    with Redis("var/cluster") as redis:       # or redis.start() ... redis.stop()
        print(redis.url)

Parts: Varnish with deploy/varnish/pressroom.vcl (varnish.py), HAProxy with
deploy/haproxy/pressroom.cfg (haproxy.py), PostgreSQL primary and streaming replica from
the embedded server's binaries (postgres.py), PgBouncer in transaction mode
(pgbouncer.py), moto's S3 server (s3.py) and a private redis-server (redis.py).
deps.py says which Debian packages each needs.

No Django here: the package only starts and stops processes.
"""

from cluster.base import ServiceError, free_port, make_var_dir, processes_under
from cluster.haproxy import HAProxy
from cluster.pgbouncer import PgBouncer
from cluster.postgres import Postgres, Replica
from cluster.redis import Redis
from cluster.s3 import S3
from cluster.varnish import Varnish

__all__ = [
    "HAProxy",
    "PgBouncer",
    "Postgres",
    "Redis",
    "Replica",
    "S3",
    "ServiceError",
    "Varnish",
    "free_port",
    "make_var_dir",
    "processes_under",
]
