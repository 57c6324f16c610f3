"""Real servers for tests and benchmarks: a free port, the production gunicorn for the
length of a `with`, HTTP fetches that treat errors as answers, Python in a fresh process.

Used by tests/ (the outage, multi-worker and Redis tests) and by bench/ (`make bench`,
`make audit`), so both start gunicorn the one way `make serve` does. Nothing here
imports Django: a benchmark imports it before setting anything up.
"""

import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"
MACHINE_PG = "postgres://postgres@127.0.0.1:5432/postgres"
# Variables a child process must not inherit from the test run unless a test sets them.
PROJECT_VARIABLES = {"DATABASE_URL", "SECRET_KEY", "DEBUG", "HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL"}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (loopback only)
            return response.status, response.read().decode(), time.monotonic() - started
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), time.monotonic() - started


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


class Gunicorn:
    """The production server (pressroom/gunicorn_conf.py) on a loopback port for the
    length of a `with`, as `make serve` runs it; ready once /healthz answers 200.

    `env` is the whole environment; PORT is set here (to `port`, or a free one).
    Its output goes to `log_path` (or a temporary file): a file, not a pipe, which a
    long run could fill. `peak_rss` holds each worker's peak resident memory, sampled
    twice a second.
    """

    def __init__(self, env, port=None, log_path=None, ready_within=60):
        self.port = port or free_port()
        self.env = dict(env, PORT=str(self.port))
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc = None
        self.log_path = log_path
        self.ready_within = ready_within
        self.log = None
        self.peak_rss = {}
        self._stop = threading.Event()

    def url(self, path):
        return self.base + path

    def log_text(self):
        self.log.flush()
        self.log.seek(0)
        return self.log.read().decode(errors="replace")

    def __enter__(self):
        self.log = open(self.log_path, "w+b") if self.log_path else tempfile.TemporaryFile()  # noqa: SIM115
        self.proc = subprocess.Popen(
            [str(GUNICORN), "-c", "pressroom/gunicorn_conf.py"],
            cwd=BASE_DIR,
            env=self.env,
            stdout=self.log,
            stderr=self.log,
            start_new_session=True,
        )
        deadline = time.monotonic() + self.ready_within
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                output = self.log_text()[-2000:]
                self.__exit__()
                raise RuntimeError(f"gunicorn exited: {output}")
            try:
                with urllib.request.urlopen(self.url("/healthz"), timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        threading.Thread(target=self._watch_memory, daemon=True).start()
                        return self
            except OSError:
                time.sleep(0.3)
        output = self.log_text()[-2000:]
        self.__exit__()
        raise RuntimeError(f"gunicorn did not answer /healthz within {self.ready_within} s: {output}")

    def _watch_memory(self):
        import psutil

        try:
            parent = psutil.Process(self.proc.pid)
        except psutil.Error:
            return
        while not self._stop.is_set():
            try:
                for child in parent.children():
                    rss = child.memory_info().rss
                    self.peak_rss[child.pid] = max(rss, self.peak_rss.get(child.pid, 0))
            except psutil.Error:
                pass
            time.sleep(0.5)

    def __exit__(self, *exc):
        self._stop.set()
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)
        if self.log is not None:
            self.log.close()
