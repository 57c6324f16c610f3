"""gunicorn settings for `make run` / `make serve` (production-style).

Workers and threads come from the environment; the defaults were chosen by
measurement on a 2-core machine (see the README's Performance section).
"""

import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 10
keepalive = 5
max_requests = 5000
max_requests_jitter = 500
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
errorlog = "-"
preload_app = True
wsgi_app = "pressroom.wsgi:application"
# No runtime control socket: several servers (bench, tests) may run side by side.
control_socket_disable = True


def when_ready(server):
    if not os.environ.get("DATABASE_URL"):
        from pressroom import embedded_db

        embedded_db.hold()


def on_exit(server):
    if not os.environ.get("DATABASE_URL"):
        from pressroom import embedded_db

        embedded_db.release()


def _headers_and_first_bytes_in_one_send():
    """gunicorn sends a response's headers and its first body bytes in two writes. A host that
    dies between the two leaves a proxy holding headers with no body, which it cannot retry, and
    the reader gets a cut response. Sent together, a dying host leaves either nothing (HAProxy's
    `retry-on empty-response` asks the other host) or the whole of a page."""
    from gunicorn.http.wsgi import Response

    if getattr(Response, "_pressroom_one_send", False):
        return

    class Collect:
        def __init__(self):
            self.parts = []

        def sendall(self, data):
            self.parts.append(bytes(data))

    write = Response.write

    def write_with_headers(self, arg):
        if self.headers_sent or not isinstance(arg, bytes) or not arg:
            return write(self, arg)
        sock, self.sock = self.sock, Collect()
        try:
            write(self, arg)
            parts = self.sock.parts
        finally:
            self.sock = sock
        sock.sendall(b"".join(parts))

    Response.write = write_with_headers
    Response._pressroom_one_send = True


_headers_and_first_bytes_in_one_send()
