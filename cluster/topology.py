"""The whole multi-host topology on one machine, as `make cluster` and the cluster tests run it.

    reader ──► Varnish ──► HAProxy ──┬─► host1 (gunicorn + worker, var/host1) ─┐
               (xkey)     (/healthz) └─► host2 (gunicorn + worker, var/host2) ─┤
                                                                      ├─► PgBouncer ─► PostgreSQL primary
                                                                      │   (transaction)   └─► streaming replica
                                                                      ├─► Redis (page cache, its version)
                                                                      └─► S3 (moto: media)

Every part is a runner from this package under one var folder; `start()` brings up what
is not running (idempotent), `stop()` stops everything, hosts first.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from cluster.base import BASE_DIR, make_var_dir
from cluster.haproxy import HAProxy
from cluster.host import AppHost
from cluster.pgbouncer import PgBouncer
from cluster.postgres import Postgres, Replica
from cluster.redis import Redis
from cluster.s3 import S3
from cluster.varnish import Varnish

BUCKET = "pressroom-media"


class Topology:
    def __init__(self, var_dir, fast=False, workers=2, extra_env=None, task_workers=True):
        self.var_dir = make_var_dir(var_dir)
        self.workers = workers
        self.extra_env = dict(extra_env or {})
        self.primary = Postgres(self.var_dir, fast=fast, databases=["pressroom"], name="primary")
        self.replica = Replica(self.var_dir, self.primary, name="replica")
        self.redis = Redis(self.var_dir)
        self.s3 = S3(self.var_dir, buckets=[BUCKET])
        # Addresses between the parts are filled in by start(), once the ports are known.
        self.pgbouncer = PgBouncer(self.var_dir, {})
        # Each host runs gunicorn and, as `make run` does, the background worker beside it.
        self.hosts = [AppHost(self.var_dir, {}, name=f"host{n}", worker=task_workers) for n in (1, 2)]
        self.haproxy = HAProxy(self.var_dir, [("127.0.0.1", 0), ("127.0.0.1", 0)])
        self.varnish = Varnish(self.var_dir, ("127.0.0.1", 0))

    @property
    def services(self):
        """Every part, in the order they start (stop goes the other way)."""
        return [self.primary, self.replica, self.pgbouncer, self.redis, self.s3, *self.hosts, self.haproxy,
                self.varnish]  # fmt: skip

    # -- configuration shared by both hosts ------------------------------------------------
    @property
    def secret_key(self):
        path = self.var_dir / "secret_key"
        if not path.exists():
            path.write_text(secrets.token_urlsafe(50))
            path.chmod(0o600)
        return path.read_text().strip()

    def app_env(self):
        """The environment every host (and every management command) runs with."""
        env = {
            "DATABASE_URL": self.pgbouncer.url("pressroom"),
            "DATABASE_REPLICA_URL": self.pgbouncer.url("pressroom_replica"),
            "DB_TRANSACTION_POOLING": "true",
            "REDIS_URL": self.redis.url,
            "MEDIA_STORAGE_URL": f"s3://{BUCKET}?endpoint={self.s3.endpoint}&region={self.s3.region}&acl=public-read",
            "AWS_ACCESS_KEY_ID": self.s3.access_key,
            "AWS_SECRET_ACCESS_KEY": self.s3.secret_key,
            "SECRET_KEY": self.secret_key,
            "WEB_CONCURRENCY": str(self.workers),
            # Varnish and HAProxy each add an X-Forwarded-For entry.
            "TRUSTED_PROXY_COUNT": "2",
        }
        if self.varnish is not None:
            env["SITE_URL"] = self.varnish.url
            env["PAGECACHE_PURGE"] = f"varnish:{self.varnish.url}"
        return {**env, **self.extra_env}

    def manage(self, *args, env=None, check=True):
        """Run a management command against the cluster's database."""
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env={**os.environ, **self.app_env(), "PRESSROOM_VAR_DIR": str(self.var_dir / "manage"), **(env or {})},
            capture_output=True,
            text=True,
            check=check,
            timeout=300,
        )

    def django(self, code):
        """Run Python in `manage.py shell` against the cluster (as a host would); the last line
        it prints, parsed as JSON. `tests.factories` is importable there."""
        import json

        result = self.manage("shell", "-c", code, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"manage.py shell failed:\n{result.stderr[-3000:]}")
        lines = [line for line in result.stdout.splitlines() if line.strip()]
        return json.loads(lines[-1]) if lines else None

    # -- life cycle --------------------------------------------------------------------------
    def start(self, demo=True):
        self.primary.start()
        self.replica.start()
        self.pgbouncer.databases = {
            "pressroom": ("127.0.0.1", self.primary.port, "pressroom"),
            "pressroom_replica": ("127.0.0.1", self.replica.port, "pressroom"),
        }
        self.pgbouncer.start()
        self.redis.start()
        self.s3.start()
        # The ports of HAProxy and Varnish are chosen first: the hosts' SITE_URL and purge
        # address name Varnish, and Varnish's backend is HAProxy.
        for host in self.hosts:
            host.reserve_port()
        self.haproxy.servers = [("127.0.0.1", host.port) for host in self.hosts]
        self.haproxy.reserve_port()
        self.varnish.backend = ("127.0.0.1", self.haproxy.port)
        self.varnish.reserve_port()
        if demo:
            self.manage("prepare")  # migrate, collectstatic, the demo archive
        else:
            self.manage("migrate", "--noinput", "-v0")
            self.manage("collectstatic", "--noinput", "-v0")
        launched = []
        for host in self.hosts:
            host.env = self.app_env()
            if host.begin():
                launched.append(host)
        for host in launched:  # both hosts boot at once
            host.finish()
        self.haproxy.start()
        self.varnish.start()
        return self

    def stop(self):
        """Stop every part (also one started by another process: parts are found by their folders)."""
        for service in reversed(self.services):
            service.stop()

    def status(self):
        """[(name, address or None when not running)]."""
        return [(s.name, f"127.0.0.1:{s.port}" if s.running() else None) for s in self.services]

    def describe(self):
        lines = [
            f"Varnish    {self.varnish.url}/   (the site; PURGE with xkey-purge from 127.0.0.1)",
            f"HAProxy    {self.haproxy.url}/   (runtime API: {self.haproxy.admin_socket})",
        ]
        lines += [f"{host.name:10} {host.url}/   (var: {host.dir / 'var'})" for host in self.hosts]
        lines += [
            f"PgBouncer  {self.pgbouncer.url('pressroom')} and …/pressroom_replica",
            f"PostgreSQL {self.primary.url()} (primary), {self.replica.url()} (replica)",
            f"Redis      {self.redis.url}",
            f"S3         {self.s3.endpoint}/{BUCKET}",
            f"Files and logs under {self.var_dir}",
        ]
        return "\n".join(lines)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def default_var_dir():
    return Path(os.environ.get("CLUSTER_VAR_DIR", BASE_DIR / "var" / "cluster"))
