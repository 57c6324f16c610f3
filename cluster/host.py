"""One app "host": gunicorn (pressroom/gunicorn_conf.py) with its own var folder, on a loopback port.

cluster/gunicorn.py runs gunicorn for the length of a `with` (tests, benchmarks); this is the
same server as a runner with a folder: it outlives the process that started it (`make cluster`),
keeps its port across restarts, and can be killed as a dead machine would be.

Two of them behind HAProxy stand for two machines: each has its own var/ (secret key
file, content-version file, local media) and shares only what the environment points
at (PostgreSQL, Redis, the object store). With `worker=True` a host also runs the
background worker beside gunicorn, as `make run` does (Procfile): two hosts, two workers
sharing one outbox. `kill()` is a host dying (SIGKILL, no goodbye);
`stop()` is a clean shutdown.
"""

import os
import signal
import subprocess
import sys
import urllib.request

import psutil

from cluster.base import BASE_DIR, Service
from cluster.gunicorn import GUNICORN


class AppHost(Service):
    name = "host"
    start_timeout = 60

    def __init__(self, var_dir, env, port=None, name=None, worker=False):
        super().__init__(var_dir, port, name)
        self.env = dict(env)
        self.worker = worker

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def environment(self):
        return {
            **os.environ,
            **self.env,
            "PORT": str(self.port),
            "HOST": "127.0.0.1",
            "PRESSROOM_VAR_DIR": str(self.dir / "var"),
        }

    def launch(self):
        # --pid names this folder on the command line: how stop() finds the master and its workers.
        proc = self._spawn(
            [str(GUNICORN), "-c", "pressroom/gunicorn_conf.py", "--pid", str(self.dir / "gunicorn.pid")]
        )
        worker = None
        if self.worker:
            worker = self._spawn([sys.executable, "manage.py", "run_worker", "--worker-id", f"{self.name}-{proc.pid}"])
        self._save_state(pid=proc.pid, worker_pid=worker.pid if worker else None)

    def _spawn(self, command):
        with open(self.log_file, "ab") as log:
            return subprocess.Popen(
                command,
                cwd=BASE_DIR,
                env=self.environment(),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                start_new_session=True,
            )

    def processes(self):
        """gunicorn's processes (they name this folder) and the worker's (its pid is kept)."""
        found = super().processes()
        pid = self._state().get("worker_pid")
        if pid and self.dir.exists():
            try:
                worker = psutil.Process(pid)
                if "run_worker" in " ".join(worker.cmdline()) and worker.status() != psutil.STATUS_ZOMBIE:
                    found.append(worker)
            except psutil.Error:
                pass
        return found

    def healthy(self):
        request = urllib.request.Request(self.url + "/healthz", headers={"Host": "localhost"})  # noqa: S310
        with urllib.request.urlopen(request, timeout=2) as response:  # noqa: S310
            return response.status == 200

    def kill(self):
        """The host dies: every gunicorn process gets SIGKILL at once."""
        for proc in self.processes():
            try:
                proc.send_signal(signal.SIGKILL)
            except OSError:
                pass
