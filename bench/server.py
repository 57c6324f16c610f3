"""The production server (gunicorn, pressroom/gunicorn_conf.py) on a loopback port
for the length of a `with`, as `make serve` runs it. Shared by the benchmarks and
the audit."""

import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Gunicorn:
    """`env` is the project's environment; PORT is set here (to `port`, or a free one).
    `peak_rss` holds each worker's peak resident memory, sampled twice a second."""

    def __init__(self, env, port=None):
        self.port = port or free_port()
        self.env = dict(env, PORT=str(self.port))
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc = None
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 -- closed in __exit__
        self.peak_rss = {}
        self._stop = threading.Event()

    def url(self, path):
        return self.base + path

    def __enter__(self):
        self.proc = subprocess.Popen(
            [str(GUNICORN), "-c", "pressroom/gunicorn_conf.py"],
            cwd=BASE_DIR,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=self.log,  # a file, not a pipe: a full pipe would stall a long benchmark
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self.log.seek(0)
                raise RuntimeError(f"gunicorn exited: {self.log.read().decode()[-2000:]}")
            try:
                with urllib.request.urlopen(self.url("/healthz"), timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        threading.Thread(target=self._watch_memory, daemon=True).start()
                        return self
            except OSError:
                time.sleep(0.3)
        self.__exit__()
        raise RuntimeError("gunicorn did not answer /healthz within 60 s")

    def _watch_memory(self):
        import psutil

        parent = psutil.Process(self.proc.pid)
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
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.log.close()
