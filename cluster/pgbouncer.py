"""PgBouncer in transaction mode on a loopback port, in front of the given PostgreSQL servers.

Django behind it needs `DISABLE_SERVER_SIDE_CURSORS = True` (a server-side cursor does
not survive the server connection changing between transactions). As root it runs as
the embedded-postgres user (`-u`), since it refuses to run as root.
"""

import subprocess

import psycopg2

from cluster.base import Service, chown_to, service_user

INI = """\
[databases]
{databases}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {port}
unix_socket_dir =
auth_type = trust
auth_file = {dir}/userlist.txt
pool_mode = transaction
default_pool_size = {pool_size}
max_client_conn = 500
admin_users = postgres
ignore_startup_parameters = extra_float_digits,options
server_connect_timeout = 2
server_login_retry = 1
query_wait_timeout = 3
logfile = {dir}/pgbouncer.log
pidfile = {dir}/pgbouncer.pid
"""


class PgBouncer(Service):
    name = "pgbouncer"

    def __init__(self, var_dir, databases, port=None, pool_size=20, name=None):
        """`databases`: {alias: (host, port, dbname)}; clients connect to `alias`."""
        super().__init__(var_dir, port, name)
        self.databases = dict(databases)
        self.pool_size = pool_size
        self.user = service_user()

    @property
    def ini(self):
        return self.dir / "pgbouncer.ini"

    def url(self, alias):
        return f"postgres://postgres@127.0.0.1:{self.port}/{alias}"

    def prepare(self):
        lines = [f"{alias} = host={h} port={p} dbname={db}" for alias, (h, p, db) in self.databases.items()]
        self.ini.write_text(
            INI.format(databases="\n".join(lines), port=self.port, dir=self.dir, pool_size=self.pool_size)
        )
        (self.dir / "userlist.txt").write_text('"postgres" ""\n')
        # A log left by a run as another user makes the daemon die silently (RECIPES.md 8).
        (self.dir / "pgbouncer.log").unlink(missing_ok=True)
        chown_to(self.dir, self.user)

    def launch(self):
        command = ["pgbouncer", "-d", str(self.ini)]
        if self.user:
            command[1:1] = ["-u", self.user]
        subprocess.run(command, cwd=self.dir, check=True, capture_output=True, timeout=30)

    def admin(self, command):
        """One command on PgBouncer's admin console (SHOW POOLS, PAUSE, ...): its rows as dicts."""
        conn = psycopg2.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname="pgbouncer", connect_timeout=1
        )
        conn.autocommit = True
        try:
            with conn.cursor() as cur:
                cur.execute(command)
                if cur.description is None:
                    return []
                names = [c.name for c in cur.description]
                return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
        finally:
            conn.close()

    def healthy(self):
        return bool(self.admin("SHOW VERSION"))

    def pools(self):
        return self.admin("SHOW POOLS")
