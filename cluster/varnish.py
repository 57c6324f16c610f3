"""Varnish with the project's VCL (deploy/varnish/pressroom.vcl) on a loopback port.

The runner writes `site.vcl` (the backend with its /healthz probe, the purgers ACL) into
its folder and puts that folder first on vcl_path, so the repository's VCL is used as is.
"""

import http.client
import os
import subprocess

from cluster.base import DEPLOY_DIR, Service, free_port

VCL = DEPLOY_DIR / "varnish" / "pressroom.vcl"

SITE_VCL = """\
backend default {{
    .host = "{host}";
    .port = "{port}";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    .probe = {{
        .request = "GET {health_path} HTTP/1.1" "Host: {health_host}" "Connection: close";
        .interval = 1s;
        .timeout = 1s;
        .window = 3;
        .threshold = 2;
        .initial = 2;
    }}
}}

acl purgers {{
{purgers}
}}
"""


class Varnish(Service):
    name = "varnish"

    def __init__(
        self,
        var_dir,
        backend,
        port=None,
        purgers=("127.0.0.1", "::1"),
        health_path="/healthz",
        health_host="localhost",
        memory="128m",
        name=None,
    ):
        super().__init__(var_dir, port, name)
        self.backend = backend  # (host, port)
        self.purgers = list(purgers)
        self.health_path = health_path
        self.health_host = health_host
        self.memory = memory

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def prepare(self):
        host, port = self.backend
        purgers = "\n".join(f'    "{address}";' for address in self.purgers)
        (self.dir / "site.vcl").write_text(
            SITE_VCL.format(
                host=host, port=port, purgers=purgers, health_path=self.health_path, health_host=self.health_host
            )
        )
        for path in (self.dir / "site.vcl",):
            path.chmod(0o644)

    def launch(self):
        workdir = self.dir / "work"
        command = [
            "varnishd",
            "-a", f"127.0.0.1:{self.port}",
            "-T", f"127.0.0.1:{free_port()}",
            "-n", str(workdir),
            "-f", str(VCL),
            "-p", f"vcl_path={self.dir}:{VCL.parent}",
            "-s", f"malloc,{self.memory}",
            "-P", str(self.dir / "varnishd.pid"),
        ]  # fmt: skip
        if os.geteuid() != 0:
            command[1:1] = ["-j", "none"]  # the unix jail needs root; as a user, run as that user
        with open(self.log_file, "ab") as log:
            result = subprocess.run(command, stdout=log, stderr=log, timeout=120)
        if result.returncode != 0:
            raise RuntimeError(f"varnishd refused to start:\n{self.log_tail()}")

    def healthy(self):
        return self.request("GET", "/.varnish/health")[0] == 200

    def request(self, method, path, headers=None, source=None):
        """(status, headers, body) of one request to Varnish; `source` binds the client's address."""
        conn = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=10, source_address=(source, 0) if source else None
        )
        try:
            conn.request(method, path, headers=headers or {})
            response = conn.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            conn.close()

    def purge_keys(self, *keys):
        """xkey purge; returns how many objects were dropped."""
        status, _, body = self.request("PURGE", "/", {"xkey-purge": " ".join(keys)})
        if status != 200:
            raise RuntimeError(f"purge answered {status}: {body[:200]!r}")
        return int(body.decode().split("Invalidated ", 1)[1].split()[0])
