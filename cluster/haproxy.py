"""HAProxy with the project's configuration (deploy/haproxy/pressroom.cfg) on a loopback port.

The configuration takes its addresses from the environment; this runner sets them.
Its runtime API (a Unix socket in the folder) reports each server's state and can put
one in maintenance (the one-host half of `make bench-cluster`).
"""

import csv
import io
import os
import socket
import subprocess
import urllib.request

from cluster.base import DEPLOY_DIR, Service

CONFIG = DEPLOY_DIR / "haproxy" / "pressroom.cfg"


class HAProxy(Service):
    name = "haproxy"

    def __init__(self, var_dir, servers, port=None, health_host="localhost", name=None):
        """`servers`: two (host, port) pairs, app1 and app2."""
        super().__init__(var_dir, port, name)
        if len(servers) != 2:
            raise ValueError("deploy/haproxy/pressroom.cfg names two servers, app1 and app2")
        self.servers = list(servers)
        self.health_host = health_host

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    @property
    def admin_socket(self):
        return self.dir / "admin.sock"

    def environment(self):
        (app1_host, app1_port), (app2_host, app2_port) = self.servers
        return {
            **os.environ,
            "PRESSROOM_HTTP_BIND": f"127.0.0.1:{self.port}",
            "PRESSROOM_APP1": f"{app1_host}:{app1_port}",
            "PRESSROOM_APP2": f"{app2_host}:{app2_port}",
            "PRESSROOM_HEALTH_HOST": self.health_host,
            "PRESSROOM_ADMIN_SOCKET": str(self.admin_socket),
        }

    def launch(self):
        env = self.environment()
        check = subprocess.run(["haproxy", "-c", "-q", "-f", str(CONFIG)], env=env, capture_output=True, text=True)
        if check.returncode != 0:
            raise RuntimeError(f"haproxy refused {CONFIG}:\n{check.stdout}{check.stderr}")
        with open(self.log_file, "ab") as log:
            subprocess.run(
                ["haproxy", "-D", "-f", str(CONFIG), "-p", str(self.dir / "haproxy.pid")],
                env=env,
                cwd=self.dir,  # how stop() finds the worker: its working directory is this folder
                stdout=log,
                stderr=log,
                check=True,
                timeout=30,
            )

    def healthy(self):
        return self.admin_socket.exists() and bool(self.command("show info"))

    def command(self, line):
        """One runtime API command; its answer as text."""
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.settimeout(2)
            conn.connect(str(self.admin_socket))
            conn.sendall(line.encode() + b"\n")
            chunks = []
            while chunk := conn.recv(65536):
                chunks.append(chunk)
        return b"".join(chunks).decode()

    def server_states(self):
        """{"app1": "UP", "app2": "DOWN", ...}: each server's check status."""
        rows = csv.DictReader(io.StringIO(self.command("show stat").lstrip("# ")))
        return {row["svname"]: row["status"] for row in rows if row["pxname"] == "app" and row["svname"] != "BACKEND"}

    def stats(self, server):
        rows = csv.DictReader(io.StringIO(self.command("show stat").lstrip("# ")))
        return next(row for row in rows if row["pxname"] == "app" and row["svname"] == server)

    def set_state(self, server, state):
        """state: "ready", "drain" or "maint"."""
        answer = self.command(f"set server app/{server} state {state}")
        if answer.strip():
            raise RuntimeError(answer)

    def get(self, path, timeout=10):
        with urllib.request.urlopen(self.url + path, timeout=timeout) as response:  # noqa: S310
            return response.status, response.read()
