"""The app server itself: the production gunicorn (pressroom/gunicorn_conf.py) on a free
loopback port for the length of a `with`, as `make serve` runs it.

Used by the tests that need a real server (the database and Redis outages, several
workers sharing a content version) and by bench/ (`make bench`, `make audit`), so all
of them start gunicorn the one way. Unlike the other runners it keeps no folder: it
lives only inside its `with`.

    from cluster.gunicorn import Gunicorn
    with Gunicorn(env, log_path=tmp / "gunicorn.log") as server:
        urllib.request.urlopen(server.url("/healthz"))
"""

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from cluster.base import BASE_DIR, free_port

GUNICORN = Path(sys.executable).parent / "gunicorn"


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
