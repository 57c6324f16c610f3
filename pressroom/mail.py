"""The laptop's mail transport: each message a `.eml` file in EMAIL_FILE_PATH (var/mail/ by default).

Django's own file backend appends every message of a connection to one `.log`
file; one file per message opens in any mail program (double-click it) and is
easy for a test or a person to find: the newest file is the last message sent.
"""

import os
import secrets
import threading
from datetime import datetime, timezone
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend


class EmlFileBackend(BaseEmailBackend):
    def __init__(self, file_path=None, **kwargs):
        super().__init__(**kwargs)
        self.folder = Path(file_path or settings.EMAIL_FILE_PATH)
        self._lock = threading.Lock()

    def send_messages(self, email_messages):
        sent = 0
        with self._lock:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            for message in email_messages:
                if not message.recipients():
                    continue
                self._write(message)
                sent += 1
        return sent

    def _write(self, message):
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S.%fZ")
        path = self.folder / f"{stamp}-{secrets.token_hex(4)}.eml"
        partial = path.with_suffix(".eml.part")
        # Addresses are personal data: readable by the owner only. Renamed into place whole.
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(message.message().as_bytes(linesep="\n"))
        os.replace(partial, path)
