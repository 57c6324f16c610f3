"""Whether the replica may be used: it answers, it is in recovery, and its replay lag is small.

Each process checks at most every REPLICA_CHECK_SECONDS, in a background thread on
its own short-lived connection (given up after a second), so no request and no
/healthz ever waits for the replica.

Lag is the standard measure: zero when everything received has been replayed,
else the time since the last replayed transaction.
"""

import threading
import time

from django.conf import settings

CHECK_BUDGET_SECONDS = 1.0

LAG_SQL = """
SELECT pg_is_in_recovery(),
       CASE WHEN pg_last_wal_receive_lsn() IS NULL THEN NULL
            WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
            ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) END
"""


def connect_to_replica():
    """A short-lived connection of its own to the replica (given up after a second), outside
    Django's connection handling, so no request's connection is touched."""
    import psycopg2

    params = settings.DATABASES["replica"]
    return psycopg2.connect(
        dbname=params["NAME"],
        user=params.get("USER") or None,
        password=params.get("PASSWORD") or None,
        host=params.get("HOST") or None,
        port=params.get("PORT") or None,
        connect_timeout=1,
    )


class ReplicaMonitor:
    def __init__(self):
        self._lock = threading.Lock()
        self.reset()

    def reset(self):
        self._checking = False
        self.checked_at = 0.0
        self.is_usable = False
        self.lag = None
        self.problem = "not checked yet"

    @staticmethod
    def configured():
        return "replica" in settings.DATABASES

    def usable(self):
        """Whether reads may go to the replica now. Never waits: when the last check is older
        than REPLICA_CHECK_SECONDS a new one starts in the background, and the answer is the
        last one known (False before the first check ends)."""
        if not self.configured():
            return False
        if time.monotonic() - self.checked_at >= settings.REPLICA_CHECK_SECONDS:
            with self._lock:
                if not self._checking and time.monotonic() - self.checked_at >= settings.REPLICA_CHECK_SECONDS:
                    self._checking = True
                    threading.Thread(target=self._check_in_background, daemon=True, name="replica-check").start()
        return self.is_usable

    def _check_in_background(self):
        try:
            self.check()
        finally:
            self._checking = False

    def check(self):
        try:
            in_recovery, lag = self._measure_within(CHECK_BUDGET_SECONDS)
        except Exception as exc:  # any failure to measure means: do not use it
            self._set(
                False, None, f"unreachable ({str(exc).strip().splitlines()[0] if str(exc) else type(exc).__name__})"
            )
            return
        if not in_recovery:
            self._set(False, None, "not a replica (pg_is_in_recovery() is false)")
        elif lag is None:
            self._set(False, None, "not streaming")
        elif lag > settings.REPLICA_MAX_LAG_SECONDS:
            self._set(False, lag, f"lagging {lag:.1f} s (limit {settings.REPLICA_MAX_LAG_SECONDS:g} s)")
        else:
            self._set(True, lag, "")

    def mark_down(self, reason):
        """Stop using the replica now (a query on it failed); checked again after the interval."""
        self._set(False, None, reason)

    def _set(self, usable, lag, problem):
        self.is_usable, self.lag, self.problem = usable, lag, problem
        self.checked_at = time.monotonic()

    def _measure_within(self, seconds):
        """_measure() in a thread, given up after `seconds`: behind a pooler a query to a
        server that is down waits for a server connection (PgBouncer's query_wait_timeout)."""
        outcome = {}

        def run():
            try:
                outcome["value"] = self._measure()
            except Exception as exc:
                outcome["error"] = exc

        thread = threading.Thread(target=run, daemon=True, name="replica-check")
        thread.start()
        thread.join(seconds)
        if "error" in outcome:
            raise outcome["error"]
        if "value" not in outcome:
            raise TimeoutError(f"no answer within {seconds:g} s")
        return outcome["value"]

    @staticmethod
    def _measure():
        conn = connect_to_replica()
        try:
            with conn.cursor() as cur:
                # SET LOCAL: inside the transaction, so safe behind a transaction-mode pooler.
                cur.execute("SET LOCAL statement_timeout = 1000")
                cur.execute(LAG_SQL)
                in_recovery, lag = cur.fetchone()
            conn.rollback()
        finally:
            conn.close()
        return in_recovery, None if lag is None else float(lag)

    def status(self):
        """(state, detail) for /healthz: "off", "ok" or "degraded"."""
        if not self.configured():
            return "off", "no replica configured"
        if self.usable():
            return "ok", f"lag {self.lag or 0:.2f} s"
        return "degraded", f"{self.problem}; reads on the primary"


monitor = ReplicaMonitor()
