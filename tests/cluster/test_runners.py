"""Each runner in cluster/: it starts the real service, the service does its job, a second
start changes nothing, and stop leaves no process behind (and a restart keeps the port)."""

import concurrent.futures
import time
import urllib.error
import urllib.request
from collections import Counter

import psycopg2
import pytest

from cluster import S3, HAProxy, PgBouncer, Postgres, Redis, Replica, Varnish, processes_under
from cluster.base import port_is_free
from tests.cluster.helpers import Backend, require, wait_for

pytestmark = pytest.mark.cluster


def assert_stopped(service):
    service.stop()
    assert processes_under(service.dir) == []
    assert port_is_free(service.port)


# --- Redis -------------------------------------------------------------------------------


def test_redis_serves_restarts_on_its_port_and_stops_clean(cluster_var):
    require("redis")
    import redis as redis_client

    service = Redis(cluster_var, name="redis-runner").start()
    try:
        client = redis_client.Redis.from_url(service.url)
        client.set("pressroom:test", "Saldaña")
        assert client.get("pressroom:test").decode() == "Saldaña"
        pids = sorted(p.pid for p in service.processes())
        assert service.start() is service  # already running: left alone
        assert sorted(p.pid for p in service.processes()) == pids

        port = service.port
        assert_stopped(service)
        with pytest.raises(redis_client.ConnectionError):
            client.ping()
        service.start()
        assert service.port == port
        assert client.ping()  # the same URL works again; nothing was kept on disk
        assert client.get("pressroom:test") is None
    finally:
        assert_stopped(service)


# --- S3 (moto) ---------------------------------------------------------------------------


def test_s3_server_stores_objects_and_hands_out_signed_urls(cluster_var):
    service = S3(cluster_var, buckets=["pressroom-runner"], name="s3-runner").start()
    try:
        client = service.client()
        assert "pressroom-runner" in {b["Name"] for b in client.list_buckets()["Buckets"]}
        client.put_object(Bucket="pressroom-runner", Key="kits/saldaña.txt", Body="Saldaña ✓".encode())
        assert client.get_object(Bucket="pressroom-runner", Key="kits/saldaña.txt")["Body"].read().decode() == (
            "Saldaña ✓"
        )
        url = client.generate_presigned_url(
            "get_object", Params={"Bucket": "pressroom-runner", "Key": "kits/saldaña.txt"}, ExpiresIn=60
        )
        assert "X-Amz-Signature=" in url and "X-Amz-Expires=60" in url
        with urllib.request.urlopen(url, timeout=5) as response:
            assert response.read().decode() == "Saldaña ✓"
        service.start()
        assert len(service.processes()) == 1
    finally:
        assert_stopped(service)
    service.start()  # a new server: the buckets are made again, empty
    try:
        assert service.client().list_objects_v2(Bucket="pressroom-runner")["KeyCount"] == 0
    finally:
        assert_stopped(service)


# --- Varnish -----------------------------------------------------------------------------

PAGE = "public, max-age=0, must-revalidate, s-maxage=600"


@pytest.fixture(scope="module")
def varnished(cluster_var):
    """Varnish with the project's VCL in front of a stand-in app."""
    require("varnish", "xkey")
    app = Backend(
        {
            "/healthz": (200, {"Cache-Control": "no-store"}, "ok"),
            "/releases/a/": (200, {"Cache-Control": PAGE, "xkey": "release-1 org-7 list-home"}, None),
            "/releases/b/": (200, {"Cache-Control": PAGE, "xkey": "release-2 org-8"}, None),
            "/": (200, {"Cache-Control": PAGE, "xkey": "list-home", "Surrogate-Key": "list-home",
                        "Cache-Tag": "list-home"}, None),
            "/short/": (200, {"Cache-Control": "public, max-age=0, s-maxage=1"}, None),
            "/browser-only/": (200, {"Cache-Control": "public, max-age=600"}, None),
            "/no-policy/": (404, {}, None),
            "/sets-cookie/": (200, {"Cache-Control": PAGE, "Set-Cookie": "csrftoken=x; Path=/"}, None),
        },
        name="app",
    )  # fmt: skip
    service = Varnish(cluster_var, ("127.0.0.1", app.port), name="varnish-runner").start()
    try:
        yield service, app
    finally:
        assert_stopped(service)
        app.stop()


def get(varnish, path, headers=None):
    status, response_headers, body = varnish.request("GET", path, headers)
    return status, response_headers.get("X-Cache"), body.decode()


def test_varnish_stores_a_page_for_its_s_maxage_even_when_browsers_must_revalidate(varnished):
    varnish, app = varnished
    first = get(varnish, "/releases/a/")
    second = get(varnish, "/releases/a/")
    assert first[1] == "MISS" and second[1] == "HIT"
    assert first[2] == second[2]
    assert app.renders("/releases/a/") == 1


def test_varnish_fetches_again_once_s_maxage_has_passed(varnished):
    varnish, app = varnished
    assert get(varnish, "/short/")[1] == "MISS"
    assert get(varnish, "/short/")[1] == "HIT"
    time.sleep(1.3)
    assert get(varnish, "/short/")[1] == "MISS"
    assert app.renders("/short/") == 2


def test_varnish_stores_only_what_the_app_marks_for_shared_caches(varnished):
    varnish, app = varnished
    # max-age without s-maxage, no Cache-Control at all (a 404), a cookie being set: never stored.
    for path in ("/browser-only/", "/no-policy/", "/sets-cookie/"):
        get(varnish, path)
        assert get(varnish, path)[1] != "HIT"
        assert app.renders(path) == 2


def test_xkey_purge_drops_exactly_the_pages_carrying_a_key(varnished):
    varnish, app = varnished
    for path in ("/releases/a/", "/releases/b/", "/"):
        get(varnish, path)
        assert get(varnish, path)[1] == "HIT"
    assert varnish.purge_keys("list-home") == 2  # the home page and release a show the list
    assert get(varnish, "/")[1] == "MISS"
    assert get(varnish, "/releases/a/")[1] == "MISS"
    assert get(varnish, "/releases/b/")[1] == "HIT"
    assert varnish.purge_keys("org-8", "no-such-key") == 1
    assert get(varnish, "/releases/b/")[1] == "MISS"


def test_purge_is_refused_from_an_address_outside_the_acl(varnished):
    varnish, app = varnished
    get(varnish, "/releases/b/")
    assert get(varnish, "/releases/b/")[1] == "HIT"
    # 127.0.0.2 is this machine too, but not in the purgers ACL (127.0.0.1, ::1).
    status, _, _ = varnish.request("PURGE", "/", {"xkey-purge": "release-2"}, source="127.0.0.2")
    assert status == 403
    status, _, _ = varnish.request("PURGE", "/releases/b/", source="127.0.0.2")
    assert status == 403
    assert get(varnish, "/releases/b/")[1] == "HIT"


def test_a_signed_in_reader_bypasses_the_cache_and_anonymous_cookies_are_dropped(varnished):
    varnish, app = varnished
    get(varnish, "/releases/a/")
    # An anonymous reader with a CSRF cookie gets the stored page; the app never sees the cookie.
    assert get(varnish, "/releases/a/", {"Cookie": "csrftoken=abc"})[1] == "HIT"
    # Staff (the session cookie) and credentials go to the app, every time, cookie intact.
    before = app.renders("/releases/a/")
    for headers in ({"Cookie": "csrftoken=abc; sessionid=s3cret"}, {"Authorization": "Basic eDp5"}):
        assert get(varnish, "/releases/a/", headers)[1] == "PASS"
    assert app.renders("/releases/a/") == before + 2
    passed = [headers for path, headers in app.requests if path == "/releases/a/"][-2:]
    assert passed[0].get("Cookie") == "csrftoken=abc; sessionid=s3cret"
    assert passed[1].get("Authorization") == "Basic eDp5"
    anonymous = [h for p, h in app.requests if p == "/releases/a/" and "Authorization" not in h and "Cookie" not in h]
    assert anonymous  # the first, anonymous render reached the app without cookies
    assert get(varnish, "/releases/a/")[1] == "HIT"  # the staff view did not replace the public copy


def test_surrogate_keys_are_not_shown_to_readers(varnished):
    varnish, app = varnished
    get(varnish, "/")
    status, headers, _ = varnish.request("GET", "/")
    assert status == 200
    assert not {"xkey", "Surrogate-Key", "Cache-Tag"} & set(headers)


def test_varnish_start_is_idempotent(varnished):
    varnish, app = varnished
    pids = sorted(p.pid for p in varnish.processes())
    assert len(pids) == 2  # the manager and the cache child
    varnish.start()
    assert sorted(p.pid for p in varnish.processes()) == pids


# --- HAProxy -----------------------------------------------------------------------------


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""
    except OSError as error:
        return 0, repr(error)


def test_haproxy_keeps_every_request_answered_when_a_server_dies_and_takes_it_back(cluster_var):
    require("haproxy")
    app1 = Backend({"/healthz": (200, {}, "ok")}, name="app1")
    app2 = Backend({"/healthz": (200, {}, "ok")}, name="app2")
    service = HAProxy(cluster_var, [("127.0.0.1", app1.port), ("127.0.0.1", app2.port)], name="haproxy-runner")
    service.start()
    try:
        assert wait_for(lambda: service.server_states() == {"app1": "UP", "app2": "UP"})
        # Both stand-ins answer from this process: a modest burst keeps their health checks prompt.
        with concurrent.futures.ThreadPoolExecutor(12) as pool:
            futures = [pool.submit(fetch, service.url + f"/page/{i}") for i in range(240)]
            time.sleep(0.2)
            app1.stop()  # the host dies in the middle of the burst
            results = [f.result() for f in futures]
        statuses = Counter(status for status, _ in results)
        assert statuses == {200: 240}, statuses
        served_by = Counter(body.split()[0] for _, body in results)
        assert served_by["app1"] > 0 and served_by["app2"] > 0
        assert wait_for(lambda: service.server_states()["app1"] == "DOWN")

        revived = Backend({"/healthz": (200, {}, "ok")}, name="app1", port=app1.port)
        try:
            assert wait_for(lambda: service.server_states()["app1"] == "UP")
            service.set_state("app2", "maint")  # one host only, as the benchmark compares
            assert {fetch(service.url + "/x")[1].split()[0] for _ in range(6)} == {"app1"}
            service.set_state("app2", "ready")
            pids = sorted(p.pid for p in service.processes())
            service.start()
            assert sorted(p.pid for p in service.processes()) == pids
        finally:
            revived.stop()
    finally:
        assert_stopped(service)
        app2.stop()


# --- PostgreSQL primary, streaming replica, PgBouncer -------------------------------------


@pytest.fixture(scope="module")
def databases(cluster_var):
    primary = Postgres(cluster_var, fast=True, databases=["pressroom"], name="pg-runner").start()
    replica = Replica(cluster_var, primary, name="pg-runner-replica").start()
    try:
        yield primary, replica
    finally:
        assert_stopped(replica)
        assert_stopped(primary)


def test_the_replica_streams_what_the_primary_commits_and_refuses_writes(databases):
    primary, replica = databases
    assert replica.streaming()
    primary.query("CREATE TABLE IF NOT EXISTS notes (body text)", database="pressroom")
    primary.query("INSERT INTO notes VALUES ('Saldaña')", database="pressroom")
    assert wait_for(lambda: replica.query("SELECT count(*) FROM notes", database="pressroom") == [(1,)])
    with pytest.raises(psycopg2.errors.ReadOnlySqlTransaction):
        replica.query("INSERT INTO notes VALUES ('x')", database="pressroom")
    assert replica.query("SELECT pg_is_in_recovery()") == [(True,)]


def test_replica_lag_is_measured_and_goes_away_when_replay_resumes(databases):
    primary, replica = databases
    primary.query("CREATE TABLE IF NOT EXISTS bulk (n int)", database="pressroom")
    assert wait_for(lambda: replica.lag_bytes() == 0)
    replica.pause_replay()
    try:
        primary.query("INSERT INTO bulk SELECT generate_series(1, 5000)", database="pressroom")
        assert wait_for(lambda: replica.lag_bytes() > 0)
        assert replica.query("SELECT count(*) FROM bulk", database="pressroom") == [(0,)]
    finally:
        replica.resume_replay()
    assert wait_for(lambda: replica.lag_bytes() == 0)
    assert replica.query("SELECT count(*) FROM bulk", database="pressroom") == [(5000,)]


def test_a_stopped_replica_comes_back_on_its_port_and_catches_up(databases):
    primary, replica = databases
    port = replica.port
    replica.stop()
    assert processes_under(replica.dir) == []
    primary.query("CREATE TABLE IF NOT EXISTS while_away (n int)", database="pressroom")
    primary.query("INSERT INTO while_away VALUES (1)", database="pressroom")
    replica.start()
    assert replica.port == port
    assert wait_for(lambda: replica.streaming() and replica.lag_bytes() == 0)
    assert replica.query("SELECT count(*) FROM while_away", database="pressroom") == [(1,)]


def test_primary_start_is_idempotent(databases):
    primary, _ = databases
    postmaster = (primary.data_dir / "postmaster.pid").read_text().split()[0]
    primary.start()
    assert (primary.data_dir / "postmaster.pid").read_text().split()[0] == postmaster


def test_pgbouncer_pools_both_servers_in_transaction_mode(cluster_var, databases):
    require("pgbouncer")
    primary, replica = databases
    service = PgBouncer(
        cluster_var,
        {"pressroom": ("127.0.0.1", primary.port, "pressroom"),
         "pressroom_replica": ("127.0.0.1", replica.port, "pressroom")},
        pool_size=2,
        name="pgbouncer-runner",
    ).start()  # fmt: skip
    try:
        # Ten clients, each in its own transaction, share two server connections.
        clients = [psycopg2.connect(service.url("pressroom")) for _ in range(10)]
        backends = set()
        for conn in clients:
            with conn.cursor() as cur:
                cur.execute("SELECT pg_backend_pid(), pg_is_in_recovery()")
                pid, in_recovery = cur.fetchone()
                backends.add(pid)
                assert in_recovery is False
            conn.commit()
        assert len(backends) <= 2
        for conn in clients:
            conn.close()
        with psycopg2.connect(service.url("pressroom_replica")) as conn, conn.cursor() as cur:
            cur.execute("SELECT pg_is_in_recovery()")
            assert cur.fetchone() == (True,)
        modes = {pool["database"]: pool["pool_mode"] for pool in service.pools()}
        assert modes["pressroom"] == "transaction"
        assert modes["pressroom_replica"] == "transaction"
        pids = sorted(p.pid for p in service.processes())
        service.start()
        assert sorted(p.pid for p in service.processes()) == pids
    finally:
        assert_stopped(service)
