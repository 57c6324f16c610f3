"""Cluster tests: real Varnish, HAProxy, PgBouncer, redis-server, moto's S3 server and a
PostgreSQL replica, each started by the runners in cluster/ on free loopback ports.

Without the Debian packages (varnish, varnish-modules, haproxy, pgbouncer, redis-server)
these tests are skipped with a message naming them; in CI (CI=true) a missing package
fails the run instead, as .ci/run installs them. Services are shared across a module or
the session: starting one costs 0.1 s (HAProxy) to 1.5 s (a new PostgreSQL).
"""

import shutil
import tempfile

import pytest

from cluster import make_var_dir, processes_under
from tests.cluster.helpers import STAFF_PASSWORD, Backend, require


@pytest.fixture(scope="session")
def cluster_var():
    """A var folder for the session's services, outside the repository and readable by
    the users Varnish and PostgreSQL run as; nothing may still run under it at the end."""
    path = make_var_dir(tempfile.mkdtemp(prefix="pressroom-cluster-"))
    try:
        yield path
    finally:
        leftovers = processes_under(path)
        for proc in leftovers:
            proc.kill()
        shutil.rmtree(path, ignore_errors=True)
        assert not leftovers, f"processes left running under {path}: {leftovers}"


@pytest.fixture
def make_backend():
    started = []

    def make(*args, **kwargs):
        backend = Backend(*args, **kwargs)
        started.append(backend)
        return backend

    yield make
    for backend in started:
        backend.stop()


ALL_PARTS = ("varnish", "xkey", "haproxy", "pgbouncer", "redis")


@pytest.fixture(scope="session")
def cluster_smtp():
    """A real SMTP server (aiosmtpd) the hosts' workers send to, for the whole session."""
    from tests.smtp import SmtpServer

    with SmtpServer() as server:
        yield server


@pytest.fixture(scope="session")
def topology(cluster_var, cluster_smtp):
    """The whole topology (cluster.topology): Varnish → HAProxy → two hosts (gunicorn and the
    background worker each) → PgBouncer → primary + replica, Redis, S3; the workers send email to
    `cluster_smtp`; the demo archive and an Editor account loaded.
    Shared by every test that needs it: a test that stops a part starts it again."""
    require(*ALL_PARTS)
    from cluster.topology import Topology

    fast_worker = {"WORKER_INTERVAL": "0.2", "WORKER_HEARTBEAT_SECONDS": "1", "ALERTS_SCAN_SECONDS": "1"}
    topo = Topology(
        cluster_var / "topology", fast=True, workers=2, extra_env={"EMAIL_URL": cluster_smtp.url, **fast_worker}
    )
    try:
        topo.start()
        topo.manage(
            "shell",
            "-c",
            "from django.contrib.auth.models import Group, User; "
            f"u = User.objects.create_user('editor', 'editor@example.org', {STAFF_PASSWORD!r}, is_staff=True); "
            "u.groups.add(Group.objects.get(name='Editor'))",
        )
        yield topo
    finally:
        topo.stop()
