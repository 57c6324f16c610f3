"""moto's S3 server on a loopback port: an S3-compatible object store for tests and `make cluster`.

Buckets live in the server's memory: a restart empties them, and `start()` creates the
named buckets again. moto does not check signatures (a tampered signed URL still works),
so tests prove the shape of signed URLs, not their authentication.
"""

import subprocess
import sys
import urllib.request

from cluster.base import Service

ACCESS_KEY = "pressroom-local"
SECRET_KEY = "pressroom-local-secret"
REGION = "us-east-1"


class S3(Service):
    name = "s3"
    access_key = ACCESS_KEY
    secret_key = SECRET_KEY
    region = REGION

    def __init__(self, var_dir, port=None, buckets=("pressroom-media",), name=None):
        super().__init__(var_dir, port, name)
        self.buckets = list(buckets)

    @property
    def endpoint(self):
        return f"http://127.0.0.1:{self.port}"

    def launch(self):
        with open(self.log_file, "ab") as log:
            proc = subprocess.Popen(
                [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)],
                cwd=self.dir,  # how stop() finds it: its working directory is this folder
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                start_new_session=True,
            )
        (self.dir / "moto.pid").write_text(str(proc.pid))

    def healthy(self):
        with urllib.request.urlopen(self.endpoint + "/moto-api/", timeout=1) as response:  # noqa: S310
            return response.status == 200

    def client(self):
        import boto3
        from botocore.config import Config

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=self.access_key,
            aws_secret_access_key=self.secret_key,
            region_name=self.region,
            config=Config(signature_version="s3v4", s3={"addressing_style": "path"}),
        )

    def after_start(self):
        client = self.client()
        existing = {b["Name"] for b in client.list_buckets().get("Buckets", [])}
        for bucket in self.buckets:
            if bucket not in existing:
                client.create_bucket(Bucket=bucket)
