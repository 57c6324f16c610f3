"""A counting SMTP server for `make bench-alerts`: accepts every message, keeps none, and writes how
many it accepted (and when the first and last arrived) to a file twice a second.

    python bench/smtp_sink.py PORT COUNT_FILE
"""

import json
import os
import sys
import threading
import time

from aiosmtpd.controller import Controller


class Counter:
    def __init__(self):
        self.count = 0
        self.first = self.last = None

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        now = time.time()
        self.count += 1
        self.first = self.first or now
        self.last = now
        return "250 Message accepted for delivery"


def main():
    port, path = int(sys.argv[1]), sys.argv[2]
    counter = Counter()
    controller = Controller(counter, hostname="127.0.0.1", port=port, server_hostname="localhost", ready_timeout=10)
    controller.start()
    stop = threading.Event()
    try:
        while not stop.wait(0.5):
            with open(path + ".part", "w") as handle:
                json.dump({"count": counter.count, "first": counter.first, "last": counter.last}, handle)
            os.replace(path + ".part", path)
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
