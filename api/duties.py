"""The worker's duty for the archive download: look whether the archive changed since the
published export and, if so, write it again, in a thread of its own so the worker's other
work (alerts) goes on meanwhile. At most one export every EXPORT_EVERY seconds; on several
hosts, the advisory lock in api.export lets one write it and the others skip."""

import logging
import threading
import time
from datetime import datetime

from django.conf import settings
from django.db import connections

from api import export

logger = logging.getLogger("worker")
_thread = None


def refresh_export(worker):
    """Start an export when the archive changed and the last one is old enough. Returns False:
    the work goes on in its thread, and this is looked at again in a minute."""
    global _thread
    if _thread is not None and _thread.is_alive():
        return False
    known = export.description()
    if known is not None:
        age = time.time() - datetime.fromisoformat(known.generated_at).timestamp()
        if age < settings.EXPORT_EVERY or known.fingerprint == export.fingerprint():
            return False
    _thread = threading.Thread(target=_export, args=(worker,), name="archive export", daemon=True)
    _thread.start()
    return False


def _export(worker):
    try:
        summary = export.publish(keep_running=lambda: worker.running)
        if summary:
            logger.info(
                "archive export: %s releases, %s bytes in %.1f s", summary.records, summary.size, summary.seconds
            )
    except InterruptedError:
        logger.info("archive export stopped with the worker")
    except Exception:
        logger.exception("archive export failed; trying again later")
    finally:
        connections.close_all()  # this thread's own connection
