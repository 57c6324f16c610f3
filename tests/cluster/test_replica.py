"""The read replica behind PgBouncer: anonymous reads go to it, staff read their own writes on
the primary, a lagging or stopped replica is taken out of use (no reader sees a failure), and
it is used again once it is back."""

import uuid
from collections import Counter

import pytest

from tests.cluster.helpers import Browser, burst, health, make_release, part_is, wait_for

pytestmark = pytest.mark.cluster


def caught_up(topology):
    """A fresh commit on the primary, replayed: the replica's lag clock starts from now."""
    topology.primary.query("CREATE TABLE IF NOT EXISTS heartbeat (at timestamptz)", database="pressroom")
    topology.primary.query("INSERT INTO heartbeat VALUES (now())", database="pressroom")
    wait_for(lambda: topology.replica.lag_bytes() == 0)


def test_anonymous_readers_read_the_replica_staff_the_primary_and_a_lagging_replica_is_left_out(topology):
    replica = topology.replica
    # Scheduled for tomorrow now, made public below by one statement on the primary while the
    # replica's replay is paused (a shell started then would eat into the lag allowance).
    path = make_release(topology, "Only on the primary so far", state="'scheduled'")
    slug = path.strip("/").split("/")[-1]
    reader, staff = Browser(topology.hosts[0].url), Browser(topology.hosts[0].url)
    staff.log_in()
    wait_for(lambda: health(topology)[0]["replica"] == "ok")
    caught_up(topology)
    replica.pause_replay()
    try:
        topology.primary.query(
            "UPDATE releases_release SET publish_at = now() - interval '1 minute', "
            "first_published_at = now() - interval '1 minute' WHERE slug = %s",
            [slug],
            database="pressroom",
        )
        # The replica has not replayed it: an anonymous reader does not see it yet ...
        assert reader.request(path)[0] == 404
        # ... a signed-in staff member does (staff read the primary).
        status, _, body = staff.request(path)
        assert status == 200 and "Only on the primary so far" in body
        # Past REPLICA_MAX_LAG_SECONDS the replica is taken out of use: readers get the primary.
        wait_for(lambda: reader.request(path)[0] == 200, timeout=20, step=0.25)
        # Every worker checks on its own (each at most a second behind): /healthz says so too.
        # (The answer that says "degraded" is the one checked: another worker may be a moment behind.)
        seen = []
        wait_for(lambda: seen.append(health(topology)) or seen[-1][0]["replica"] == "degraded", timeout=10)
        parts, headers = seen[-1]
        assert parts["details"]["replica"].startswith("lagging")
        assert "replica" in headers["X-Health-Degraded"]
    finally:
        replica.resume_replay()
    wait_for(part_is(topology, "replica", "ok"), timeout=20)


def test_a_replica_stopped_under_load_costs_no_reader_a_request_and_is_used_again_when_back(topology):
    haproxy, replica = topology.haproxy, topology.replica
    wait_for(part_is(topology, "replica", "ok"))
    run = uuid.uuid4().hex[:6]
    # Every address is new (a page-cache miss), so every request reads the database. A request
    # caught on the replica as it stops waits for PgBouncer (query_wait_timeout, 3 s), fails
    # and is answered again from the primary; the monitor takes the replica out within a second.
    try:
        statuses = burst(lambda i: f"{haproxy.url}/releases/2015/?run={run}&n={i}", clients=32, requests_each=4,
                         during=replica.stop, delay=0.3)  # fmt: skip
        logs = "".join(host.log_tail(3000) for host in topology.hosts)
        assert Counter(statuses) == {200: 32 * 4}, logs
        wait_for(lambda: health(topology)[0]["replica"] == "degraded", timeout=10)
        wait_for(lambda: "replica" in health(topology)[1].get("X-Health-Degraded", ""), timeout=10)
    finally:
        replica.start()
    wait_for(part_is(topology, "replica", "ok"), timeout=20)
    assert Browser(haproxy.url).request("/search/?q=water+back")[0] == 200
