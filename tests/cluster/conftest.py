"""Cluster tests: real Varnish, HAProxy, PgBouncer, redis-server, moto's S3 server and a
PostgreSQL replica, each started by the runners in cluster/ on free loopback ports.

Without the Debian packages (varnish, varnish-modules, haproxy, pgbouncer, redis-server)
these tests are skipped with a message naming them; in CI (CI=true) a missing package
fails the run instead, as .ci/run installs them. Services are shared across a module or
the session: starting one costs 0.1 s (HAProxy) to 1.5 s (a new PostgreSQL).
"""

import http.server
import os
import shutil
import tempfile
import threading

import pytest

from cluster import deps, make_var_dir, processes_under


def require(*parts):
    """Skip (or, in CI, fail) unless every named part's Debian package is installed."""
    missing = deps.missing(*parts)
    if missing:
        message = f"cluster test needs the Debian packages {', '.join(missing)}: {deps.HOW}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


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


class Backend:
    """A small HTTP server in a thread, standing in for the app: `routes` maps a path to
    (status, headers, body); every request is recorded. `stop()` closes the port, as a dead host."""

    def __init__(self, routes=None, name="app", port=0):
        self.routes = routes if routes is not None else {}
        self.name = name
        self.requests = []
        backend = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                backend.requests.append((self.path, dict(self.headers)))
                status, headers, body = backend.routes.get(self.path, (200, {}, None))
                if body is None:
                    body = f"{backend.name} {self.path} #{len(backend.requests)}"
                body = body.encode() if isinstance(body, str) else body
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        class Server(http.server.ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address):
                pass  # a proxy closing a health check early is not our concern

        self.server = Server(("127.0.0.1", port), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def renders(self, path):
        return sum(1 for p, _ in self.requests if p == path)

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


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
