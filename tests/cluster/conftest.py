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


ALL_PARTS = ("varnish", "xkey", "haproxy", "pgbouncer", "redis")
STAFF_PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="session")
def topology(cluster_var):
    """The whole topology (cluster.topology): Varnish → HAProxy → two gunicorn hosts →
    PgBouncer → primary + replica, Redis, S3; the demo archive and an Editor account loaded.
    Shared by every test that needs it: a test that stops a part starts it again."""
    require(*ALL_PARTS)
    from cluster.topology import Topology

    topo = Topology(cluster_var / "topology", fast=True, workers=2)
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


class Browser:
    """A cookie-keeping HTTP client (one reader or one staff member) for the cluster tests."""

    def __init__(self, base):
        import http.cookiejar
        import urllib.request

        self.base = base
        self.cookies = http.cookiejar.CookieJar()

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect)

    def request(self, path, data=None, headers=None, base=None):
        """(status, headers, text); never raises on an HTTP status."""
        import urllib.error
        import urllib.parse
        import urllib.request

        body = urllib.parse.urlencode(data).encode() if isinstance(data, dict) else data
        request = urllib.request.Request((base or self.base) + path, data=body, headers=headers or {})
        try:
            with self.opener.open(request, timeout=20) as response:
                return response.status, response.headers, response.read().decode(errors="replace")
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode(errors="replace")

    def cookie(self, name):
        return next((c.value for c in self.cookies if c.name == name), None)

    def log_in(self, username="editor", password=STAFF_PASSWORD, base=None):
        status, _, _ = self.request("/admin/login/", base=base)
        token = self.cookie("csrftoken")
        return self.request(
            "/admin/login/",
            {"username": username, "password": password, "next": "/admin/", "csrfmiddlewaretoken": token},
            headers={"Referer": (base or self.base) + "/admin/login/"},
            base=base,
        )


def burst(url_for, clients=64, requests_each=8, during=None, delay=0.1):
    """`clients` threads each make `requests_each` GETs (url_for(i) gives each address);
    `during()` runs after `delay` seconds, in the middle. Returns the list of statuses
    (0 for a connection error)."""
    import concurrent.futures
    import time
    import urllib.error
    import urllib.request

    def one(index):
        statuses = []
        for n in range(requests_each):
            try:
                with urllib.request.urlopen(url_for(index * requests_each + n), timeout=30) as response:
                    response.read()
                    statuses.append(response.status)
            except urllib.error.HTTPError as error:
                statuses.append(error.code)
            except OSError:
                statuses.append(0)
        return statuses

    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        futures = [pool.submit(one, i) for i in range(clients)]
        if during is not None:
            time.sleep(delay)
            during()
        return [status for future in futures for status in future.result()]
