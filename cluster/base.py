"""What every runner shares: a folder of its own, a loopback port kept across restarts,
an idempotent start that waits until the service answers, and a stop that leaves no
process behind.

A runner's folder is ``<var>/<name>/``. Its ``state.json`` remembers the port, so a
service stopped and started again (a failure test, ``make cluster stop``/``start``) comes
back on the same address and its clients reconnect by themselves. Processes are found
by that folder: a process belongs to a runner when its command line names the folder
or its working directory lies inside it (PostgreSQL's children rename themselves, but
they keep the data directory as their working directory).
"""

import contextlib
import json
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import psutil

BASE_DIR = Path(__file__).resolve().parent.parent
DEPLOY_DIR = BASE_DIR / "deploy"
EMBEDDED_USER = "embedded_postgres"


class ServiceError(RuntimeError):
    pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_is_free(port):
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def port_answers(port, timeout=0.5):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout):
            return True
    except OSError:
        return False


def make_var_dir(path):
    """A folder other system users (varnish, embedded_postgres) can walk through."""
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    path.chmod(0o755)
    return path


def _alive(proc):
    try:
        return proc.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def processes_under(folder):
    """Live processes whose command line names `folder` or whose working directory is inside it."""
    folder = str(Path(folder).resolve())
    named = re.compile(re.escape(folder) + r"(?=$|[/:,\s])")
    found = []
    for proc in psutil.process_iter(["pid", "cmdline"]):
        if proc.pid == os.getpid():
            continue
        cmdline = " ".join(proc.info["cmdline"] or [])
        try:
            cwd = proc.cwd()
        except psutil.Error:
            cwd = ""
        if (named.search(cmdline) or cwd == folder or cwd.startswith(folder + os.sep)) and _alive(proc):
            found.append(proc)
    return found


def stop_processes(processes, timeout=15):
    """SIGTERM, then SIGKILL whatever is still there after `timeout` seconds."""
    for proc in processes:
        with contextlib.suppress(psutil.Error):
            proc.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and any(_alive(p) for p in processes):
        time.sleep(0.05)
    for proc in processes:
        if _alive(proc):
            with contextlib.suppress(psutil.Error):
                proc.kill()


def service_user():
    """The system user that runs PostgreSQL and PgBouncer when we are root (both refuse root).

    It is the user the embedded-postgres package itself creates and runs its server as
    (`embedded_postgres`, made the same way), so no other account appears on the machine.
    None when we are not root: then they run as us.
    """
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(EMBEDDED_USER)
    except KeyError:
        subprocess.run(["useradd", "-s", "/bin/bash", EMBEDDED_USER], check=True, capture_output=True)
    return EMBEDDED_USER


def open_to_others(path):
    """Let other users read and traverse `path` (files and folders below it), and walk to it."""
    path = Path(path)
    for parent in path.parents:
        parent.chmod(parent.stat().st_mode | 0o055)
    for root, _dirs, files in os.walk(path):
        os.chmod(root, os.stat(root).st_mode | 0o055)  # noqa: S103 -- read-only for others, as the package does
        for name in files:
            file = os.path.join(root, name)
            if not os.path.islink(file):
                os.chmod(file, os.stat(file).st_mode | 0o044 | (0o011 if os.stat(file).st_mode & 0o100 else 0))


def chown_to(path, user):
    if user is None:
        return
    entry = pwd.getpwnam(user)
    for root, dirs, files in os.walk(path):
        os.chown(root, entry.pw_uid, entry.pw_gid)
        for name in dirs + files:
            os.lchown(os.path.join(root, name), entry.pw_uid, entry.pw_gid)


class Service:
    """One real service on a loopback port, its files in ``<var>/<name>/``.

    Subclasses give `name`, `launch()` (start the process; it may daemonize) and
    `healthy()` (True when it answers). `start()` is idempotent: a service already
    running and healthy is left alone.
    """

    name = "service"
    start_timeout = 30

    def __init__(self, var_dir, port=None, name=None):
        if name:
            self.name = name
        self.var_dir = Path(var_dir).resolve()
        self.dir = self.var_dir / self.name
        self._port = port

    # -- state ------------------------------------------------------------------
    @property
    def state_file(self):
        return self.dir / "state.json"

    def _state(self):
        try:
            return json.loads(self.state_file.read_text())
        except (OSError, ValueError):
            return {}

    def _save_state(self, **values):
        state = {**self._state(), **values}
        self.state_file.write_text(json.dumps(state))

    @property
    def port(self):
        if self._port is None:
            self._port = self._state().get("port")
        return self._port

    @property
    def log_file(self):
        return self.dir / f"{self.name}.log"

    def log_tail(self, chars=3000):
        try:
            return self.log_file.read_text(errors="replace")[-chars:]
        except OSError:
            return ""

    # -- life cycle ---------------------------------------------------------------
    def processes(self):
        return processes_under(self.dir) if self.dir.exists() else []

    def running(self):
        return bool(self.processes())

    def healthy(self):
        raise NotImplementedError

    def answers(self):
        """healthy(), with any error (refused, timed out) as False."""
        try:
            return bool(self.healthy())
        except Exception:
            return False

    def launch(self):
        raise NotImplementedError

    def prepare(self):
        """Files the service needs before it starts (runs on every start, before launch)."""

    def after_start(self):
        """Work once the service answers (buckets, databases)."""

    def start(self):
        if self.begin():
            self.finish()
        else:
            self.after_start()
        return self

    def reserve_port(self):
        """Choose the port now (kept in state.json), before the service starts."""
        make_var_dir(self.dir)
        if self.port is None:
            self._port = free_port()
            self._save_state(port=self._port)
        return self._port

    def begin(self):
        """Launch the service unless it already runs and answers; True when launched.
        `finish()` then waits for it: several services can be launched before waiting."""
        if self.running() and self.port and self.answers():
            return False
        if self.running():  # there but not answering: start afresh
            self.stop()
        port = self.reserve_port()
        if not port_is_free(port):
            raise ServiceError(f"{self.name}: port {port} (kept from its last run) is taken by another process")
        self.prepare()
        self.launch()
        return True

    def finish(self):
        self.wait_healthy()
        self.after_start()

    def wait_healthy(self, timeout=None):
        deadline = time.monotonic() + (timeout or self.start_timeout)
        while time.monotonic() < deadline:
            try:
                if self.healthy():
                    return
            except Exception:  # noqa: S110 -- not answering yet
                pass
            time.sleep(0.1)
        tail = self.log_tail()
        self.stop()
        raise ServiceError(f"{self.name} did not become healthy within {timeout or self.start_timeout} s:\n{tail}")

    def stop(self):
        """Stop every process of this service; files stay (a later start reuses them)."""
        self.shutdown()
        stop_processes(self.processes())
        deadline = time.monotonic() + 10
        while self.port and not port_is_free(self.port) and time.monotonic() < deadline:
            time.sleep(0.05)

    def shutdown(self):
        """The service's own clean shutdown, when it has one (pg_ctl stop); the default is SIGTERM."""

    def remove(self):
        """Stop and delete the folder."""
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
