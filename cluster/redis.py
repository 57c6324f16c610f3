"""A private redis-server on a loopback port (never the machine's 6379), nothing kept on disk."""

import socket
import subprocess

from cluster.base import Service


class Redis(Service):
    name = "redis"

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def launch(self):
        subprocess.run(
            [
                "redis-server",
                "--bind", "127.0.0.1",
                "--port", str(self.port),
                "--dir", str(self.dir),
                "--daemonize", "yes",
                "--pidfile", str(self.dir / "redis.pid"),
                "--logfile", str(self.log_file),
                "--save", "",
                "--appendonly", "no",
                "--maxmemory", "256mb",
                "--maxmemory-policy", "allkeys-lru",
            ],
            check=True,
            capture_output=True,
            timeout=30,
        )  # fmt: skip

    def healthy(self):
        with socket.create_connection(("127.0.0.1", self.port), timeout=1) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
