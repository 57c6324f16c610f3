"""Reads from a PostgreSQL streaming replica, when one is configured (DATABASE_REPLICA_URL).

Who reads where (router.ReplicaRouter, decided per request by middleware.ReplicaReadsMiddleware):

- an anonymous GET or HEAD of a public page may read from the replica;
- every write, every request with a session cookie (staff, so they always read
  their own writes) or credentials, every preview link, the admin and any code
  outside a request (commands, workers, the shell) use the primary ("default").

The replica is used only while it answers and its replay lag is under
REPLICA_MAX_LAG_SECONDS (monitor.ReplicaMonitor, checked at most every
REPLICA_CHECK_SECONDS per process). A replica that fails in the middle of a
request is taken out of use at once and the request is answered again from the
primary, so a reader never sees the failure. After a save, `wait_for_replica()`
holds the cache invalidation until the replica has replayed the commit, so a
page re-rendered from the replica right after a purge is never the old one.

Works behind PgBouncer in transaction mode (DB_TRANSACTION_POOLING=true turns off
server-side cursors, which do not survive a pooled connection).
"""
