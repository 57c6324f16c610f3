"""Helpers of the cluster tests: a stand-in backend, a cookie-keeping client, bursts of
concurrent requests, releases made through the cluster's own settings, waiting for a state,
and reading /healthz."""

import http.server
import json
import os
import threading
import time
import uuid

import psycopg2
import pytest

from cluster import deps

STAFF_PASSWORD = "correct horse battery staple"


def require(*parts):
    """Skip (or, in CI, fail) unless every named part's Debian package is installed."""
    missing = deps.missing(*parts)
    if missing:
        message = f"cluster test needs the Debian packages {', '.join(missing)}: {deps.HOW}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


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


def make_release(topology, title, **kwargs):
    """A release made through the cluster's own settings (the shell, as a host would); its address.
    Names are unique across runs: each shell starts the factories' counters afresh."""
    extra = "".join(f", {key}={value}" for key, value in kwargs.items())
    return topology.django(
        "import json; from datetime import timedelta; from django.utils import timezone; from tests import factories; "
        f"org = factories.organization('Issuer {uuid.uuid4().hex[:10]}'); "
        f"r = factories.release({title!r}, issuer=org, slug={slug(title)!r}{extra}); "
        "print(json.dumps(r.get_absolute_url()))"
    )


def slug(title):
    return title.lower().replace(" ", "-").replace(",", "") + "-" + uuid.uuid4().hex[:6]


def wait_for(condition, timeout=15, step=0.05):
    """Poll until `condition()` is true (an error counts as not yet); the moment it was, or fail."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return time.monotonic()
        except (OSError, psycopg2.Error):
            pass  # not there yet (a table still replicating, a socket still opening)
        time.sleep(step)
    raise AssertionError(f"not true within {timeout} s: {condition}")


def health(topology, host=0):
    """(/healthz's JSON, its headers) from one host; always 200 while the database answers."""
    status, headers, body = Browser(topology.hosts[host].url).request("/healthz")
    assert status == 200  # a degraded host still serves: the load balancer keeps it
    return json.loads(body), headers


def part_is(topology, part, state):
    """A condition: both hosts' /healthz give `part` the `state`."""
    return lambda: all(health(topology, n)[0][part] == state for n in (0, 1))
