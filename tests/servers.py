"""The tests' side of real servers: the project's environment for a child process, Python
in a fresh interpreter, HTTP fetches that treat errors as answers, waiting for a state.

The servers themselves are started by cluster/ (gunicorn: cluster/gunicorn.py, shared
with bench/; Redis, PostgreSQL and the rest: the other runners there).
"""

import http.server
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
MACHINE_PG = "postgres://postgres@127.0.0.1:5432/postgres"
# Variables a child process must not inherit from the test run unless a test sets them.
PROJECT_VARIABLES = {"DATABASE_URL", "SECRET_KEY", "DEBUG", "HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL"}


def project_env(**overrides):
    """This process's environment without the project's own variables, plus `overrides`."""
    env = {k: v for k, v in os.environ.items() if k not in PROJECT_VARIABLES}
    env["DJANGO_SETTINGS_MODULE"] = "pressroom.settings"
    env.update(overrides)
    return env


def run_python(code, env_overrides, timeout=120):
    """Run `code` in a fresh interpreter in the project, with a clean environment plus `env_overrides`."""
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=project_env(**env_overrides),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def machine_postgres_available():
    import psycopg2

    try:
        psycopg2.connect(MACHINE_PG, connect_timeout=2).close()
    except psycopg2.OperationalError:
        return False
    return True


def fetch(url, timeout=10):
    """(status, body, seconds) for a GET; errors are answers too."""
    status, _headers, body, seconds = fetch_with_headers(url, timeout)
    return status, body, seconds


def fetch_with_headers(url, timeout=10):
    """(status, headers, body, seconds) for a GET; errors are answers too."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (loopback only)
            return response.status, response.headers, response.read().decode(), time.monotonic() - started
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode(), time.monotonic() - started


def wait_until(predicate, timeout, interval=0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False


def healthz_is(base, status):
    def check():
        try:
            return fetch(base + "/healthz", timeout=5)[0] == status
        except OSError:
            return False

    return check


def child_database_url():
    """A DATABASE_URL for a child process (a worker, gunicorn) to use this test run's database."""
    from urllib.parse import quote

    from django.db import connection

    db = connection.settings_dict
    auth = quote(db["USER"] or "postgres", safe="") + (f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else "")
    host = quote(str(db["HOST"] or "localhost"), safe="")
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{auth}@{host}{port}/{db['NAME']}"


class Recorder:
    """An HTTP server on a free loopback port that records each request and answers `status`."""

    def __init__(self, status=200):
        self.requests = []
        recorder = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def handle_any(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                recorder.requests.append(
                    (self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body)
                )
                self.send_response(status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"{}")

            do_POST = do_PURGE = do_GET = handle_any

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()
