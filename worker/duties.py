"""Periodic duties: what the worker does by looking rather than by being told.

An app registers its duties once, in its AppConfig.ready():

    from worker import duties
    duties.register("send due alerts", send_due_alerts, every=1)

A duty is called with the worker (`worker.running` turns False when it is asked
to stop: check it between chunks of a long job) and returns True when it did
something and has more to do; it is then called again at once instead of after
`every` seconds. Every worker on every host runs every duty, so a duty must be
safe to run twice at once (claim rows with SKIP LOCKED, rely on unique constraints).
"""

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import close_old_connections, connection

logger = logging.getLogger("worker")


@dataclass
class Duty:
    name: str
    function: Callable
    every: float
    due_at: float = 0.0


_duties = []


def register(name, function, *, every):
    if not any(duty.function is function for duty in _duties):
        _duties.append(Duty(name, function, every))


def registered():
    return list(_duties)


def wake():
    """Make every duty due now (a task ran: it may have left them work)."""
    for duty in _duties:
        duty.due_at = 0.0


def run_due(worker):
    """Run each duty that is due; True when one of them has more to do at once."""
    busy = False
    for duty in _duties:
        if not worker.running:
            break
        now = time.monotonic()
        if now < duty.due_at:
            continue
        try:
            more = bool(duty.function(worker))
        except Exception:
            logger.exception("worker duty %r failed; trying again in %s s", duty.name, duty.every)
            more = False
            if not connection.in_atomic_block:
                close_old_connections()  # a dropped connection is replaced on the next query
        duty.due_at = now if more else now + duty.every
        busy = busy or more
    return busy
