"""After a commit, wait until the replica has replayed it, before caches are invalidated.

Otherwise a purged page could be fetched again at once, rendered from a replica
that has not yet replayed the change, and stored again as the old page.
"""

import logging
import time

from django.conf import settings
from django.db import connections

from replicas.monitor import connect_to_replica, monitor

logger = logging.getLogger(__name__)


def wait_for_replica(timeout=None):
    """Block until the replica has replayed everything the primary has written (up to
    REPLICA_MAX_LAG_SECONDS, or `timeout`); a replica that does not catch up in time is
    taken out of use. Returns the seconds waited (0 without a usable replica)."""
    # Not when it is known to be out of use; but a process that has not checked it yet (a shell,
    # a fresh worker) waits too: readers elsewhere may be reading it.
    if not monitor.configured() or (monitor.checked_at and not monitor.is_usable):
        return 0.0
    timeout = settings.REPLICA_MAX_LAG_SECONDS if timeout is None else timeout
    started = time.monotonic()
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT pg_current_wal_insert_lsn()::text")
            (target,) = cursor.fetchone()
        conn = connect_to_replica()
        conn.autocommit = True
        try:
            with conn.cursor() as cur:
                while True:
                    cur.execute("SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), %s) >= 0", [target])
                    if cur.fetchone()[0]:
                        return time.monotonic() - started
                    if time.monotonic() - started > timeout:
                        break
                    time.sleep(0.002)
        finally:
            conn.close()
    except Exception as exc:
        monitor.mark_down(f"could not wait for it ({type(exc).__name__})")
        return time.monotonic() - started
    monitor.mark_down(f"did not replay a commit within {timeout:g} s")
    logger.warning("Replica did not replay a commit within %s s; reads on the primary", timeout)
    return time.monotonic() - started
