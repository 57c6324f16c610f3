"""A real SMTP server for the tests: aiosmtpd on a free loopback port, keeping what it accepts.

    with SmtpServer() as server:        # or the `smtp_server` fixture (tests/conftest.py)
        ...                             # send through server.host, server.port (or server.url)
        server.wait_for(3)              # the first three messages, parsed
        server.hold_after(5)            # accept five more, then stall the next sender before DATA

A message counts as accepted only when the server answers its DATA with 250, as a
real server's would; one whose sender dies first is not kept.
"""

import asyncio
import email
import threading
import time
from dataclasses import dataclass
from email import policy

from aiosmtpd.controller import Controller

from cluster.base import free_port


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list
    message: email.message.EmailMessage
    raw: bytes


class _Handler:
    def __init__(self, server):
        self.server = server

    async def handle_RCPT(self, smtp, session, envelope, address, rcpt_options):
        # A held server keeps the sender waiting here, before DATA: nothing of it is accepted.
        while self.server._holding():
            await asyncio.sleep(0.02)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, smtp, session, envelope):
        raw = envelope.original_content or envelope.content
        parsed = email.message_from_bytes(raw, policy=policy.default)
        self.server._accept(Received(envelope.mail_from, list(envelope.rcpt_tos), parsed, raw))
        return "250 Message accepted for delivery"


class SmtpServer:
    def __init__(self):
        self.host = "127.0.0.1"
        self.port = free_port()
        self.messages = []
        self._lock = threading.Condition()
        self._hold_after = None
        self._controller = Controller(
            _Handler(self), hostname=self.host, port=self.port, server_hostname="localhost", ready_timeout=5
        )

    @property
    def url(self):
        return f"smtp://{self.host}:{self.port}"

    def __enter__(self):
        self._controller.start()
        return self

    def __exit__(self, *exc):
        self.release()
        self._controller.stop()

    def _accept(self, received):
        with self._lock:
            self.messages.append(received)
            self._lock.notify_all()

    def _holding(self):
        with self._lock:
            return self._hold_after is not None and len(self.messages) >= self._hold_after

    def hold_after(self, count):
        """Accept `count` more messages, then keep the next sender waiting (before DATA) until release()."""
        with self._lock:
            self._hold_after = len(self.messages) + count

    def release(self):
        with self._lock:
            self._hold_after = None

    def wait_for(self, count, timeout=20):
        """The first `count` messages, waiting up to `timeout` seconds for them; fails if they never come."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while len(self.messages) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"the SMTP server received {len(self.messages)} messages, not {count}")
                self._lock.wait(left)
            return list(self.messages[:count])

    def to(self, address):
        """The messages sent to `address`."""
        return [m for m in self.messages if address in m.rcpt_tos]
