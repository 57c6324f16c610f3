"""The page cache fails open: with Redis or the content version's store failing, pages
are served uncached, saves go through, /healthz says "degraded", and everything comes
back by itself. Redis here is a real redis-server on a free port, started, stopped and
started again by the test (cluster.Redis: --save '' --appendonly no); never the
machine's Redis."""

import json
import os
import subprocess
import time
from urllib.parse import quote

import pytest
from django.db import connection

from cluster import Redis, deps, make_var_dir
from cluster.gunicorn import Gunicorn
from pagecache import backends
from releases import publishing
from tests import factories
from tests.servers import fetch_with_headers, project_env, wait_until

WORKERS = 2


def require_redis():
    missing = deps.missing("redis")
    if missing:
        message = f"needs redis-server: {deps.HOW}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def redis_server(tmp_path):
    require_redis()
    server = Redis(make_var_dir(tmp_path / "services"), name="redis").start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def redis_cache(settings, redis_server):
    """This process's cache and content version in that Redis, as an app server's are."""
    settings.CACHES = {
        "default": {
            "BACKEND": "pagecache.backends.FailOpenRedisCache",
            "LOCATION": redis_server.url,
            "KEY_PREFIX": f"pressroom-test-{time.time_ns()}",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    settings.PAGE_CACHE_VERSION_FILE = None
    settings.PAGE_CACHE = True
    return settings.CACHES["default"]


def health(base):
    """(status, the overall state, the database's and the cache's) from /healthz."""
    status, _headers, body, _seconds = fetch_with_headers(base + "/healthz")
    return status, {key: value for key, value in json.loads(body).items() if key in ("status", "database", "cache")}


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_pages_are_served_uncached_while_redis_is_away_and_cached_again_when_it_returns(
    tmp_path, redis_server, redis_cache
):
    release = factories.release("Harbour pilots strike over night shifts")
    factories.quote(release, text="We will not sail blind.")
    release.topics.add(factories.topic("Harbours"))
    db = connection.settings_dict
    env = project_env(
        DATABASE_URL=f"postgres://{db['USER']}@{quote(db['HOST'] or '', safe='')}:{db['PORT']}/{db['NAME']}",
        SECRET_KEY="test-only-secret-key-for-the-worker-processes-0123456789",
        REDIS_URL=redis_server.url,
        CACHE_PREFIX=redis_cache["KEY_PREFIX"],
        WEB_CONCURRENCY=str(WORKERS),
        ALLOWED_HOSTS="127.0.0.1",
        PAGE_CACHE="true",
    )
    pages = {
        "/": "Harbour pilots strike",
        "/releases/": "Harbour pilots strike",
        release.get_absolute_url(): "We will not sail blind.",
        "/search/?q=pilots": "Harbour pilots strike",
        release.issuer.get_absolute_url(): "Harbour pilots strike",
    }

    def answers():
        found = {}
        for path, text in pages.items():
            status, headers, body, seconds = fetch_with_headers(server.url(path))
            found[path] = (status, headers.get("X-Cache"), text in body, round(seconds, 2))
        return found

    with Gunicorn(env, log_path=tmp_path / "gunicorn.log", ready_within=30) as server:
        answers()
        cached = [answers() for _ in range(2 * WORKERS)][-1]  # every worker has stored every page
        assert all(a[:3] == (200, "hit", True) for a in cached.values()), cached
        assert health(server.base) == (200, {"status": "ok", "database": "ok", "cache": "ok"})

        redis_server.stop()
        during = [answers() for _ in range(3)]
        for found in during:
            for path, (status, x_cache, shown, seconds) in found.items():
                assert (status, shown) == (200, True), (path, found)
                assert x_cache != "hit", (path, found)
                assert seconds < 2, (path, found)
        assert health(server.base) == (200, {"status": "degraded", "database": "ok", "cache": "degraded"})

        # A save while Redis is away goes through (here, the version cannot move) and shows at once.
        pages = {path: "Harbour pilots end their strike" for path in pages}
        release.title = "Harbour pilots end their strike"
        publishing.save_release(release)
        after_save = answers()
        assert all(a[0] == 200 and a[1] != "hit" and a[2] for a in after_save.values()), after_save

        redis_server.start()  # the same port, empty
        assert wait_until(lambda: health(server.base)[1]["cache"] == "ok", timeout=10, interval=0.2)
        # Each worker notices on its own (its retry timing): soon every page is stored and served again.
        recovered = {}

        def cached_again():
            recovered.update(answers())
            return all(a[:3] == (200, "hit", True) for a in recovered.values())

        assert wait_until(cached_again, timeout=20, interval=0.2), recovered

        log = server.log_text()
    assert "Traceback" not in log, log[-3000:]
    warnings = log.count("unavailable:")
    # Rate-limited: a few lines per worker for the whole outage, not one per request.
    assert 1 <= warnings <= 2 * 2 * WORKERS, log[-3000:]
    assert "available again" in log
    print(f"\nredis outage: {sum(len(f) for f in during)} page answers, all 200 uncached; {warnings} warnings")


@pytest.mark.slow
@pytest.mark.django_db
def test_a_stalled_redis_is_a_miss_and_a_save_meanwhile_is_not_lost(client, redis_server, redis_cache):
    """Redis pauses (CLIENT PAUSE): reads and writes time out, the version cannot move, and
    afterwards Redis still holds the old version and the old page. Neither may be served."""
    release = factories.release("The ferry timetable as first printed")
    assert client.get(release.get_absolute_url())["X-Cache"] == "miss"
    assert client.get(release.get_absolute_url())["X-Cache"] == "hit"

    pause_ms = 1200
    subprocess.run(
        ["redis-cli", "-p", str(redis_server.port), "CLIENT", "PAUSE", str(pause_ms), "ALL"], check=True, timeout=5
    )
    paused_at = time.monotonic()
    release.title = "The ferry timetable as corrected"
    publishing.save_release(release)  # its version bump times out: logged, not raised
    during = client.get(release.get_absolute_url())
    assert during.status_code == 200 and b"as corrected" in during.content
    assert "X-Cache" not in during
    assert client.get("/healthz").json()["cache"] == "degraded"

    time.sleep(max(0, pause_ms / 1000 + backends.RETRY_AFTER - (time.monotonic() - paused_at)) + 0.2)
    after = client.get(release.get_absolute_url())
    assert after.status_code == 200 and b"as corrected" in after.content, after.get("X-Cache")
    assert after["X-Cache"] == "miss"  # a new version: the page stored before the pause is not served
    assert client.get(release.get_absolute_url())["X-Cache"] == "hit"
    assert client.get("/healthz").json()["cache"] == "ok"


@pytest.fixture
def broken_version_file(settings, tmp_path):
    """A version file whose folder is a plain file: every read and write of it fails (even as root)."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    settings.PAGE_CACHE_VERSION_FILE = blocker / "content-version"
    settings.PAGE_CACHE = True
    return blocker


@pytest.mark.django_db
def test_a_version_file_that_cannot_be_used_means_uncached_pages_not_errors(
    client, committing, broken_version_file, settings
):
    release = factories.release("Lighthouse keepers recalled")
    first, second = client.get(release.get_absolute_url()), client.get(release.get_absolute_url())
    assert (first.status_code, second.status_code) == (200, 200)
    assert "X-Cache" not in second and first["ETag"] == second["ETag"]
    release.title = "Lighthouse keepers recalled for the winter"
    committing(publishing.save_release, release)  # the bump after commit cannot write: no error
    assert b"for the winter" in client.get(release.get_absolute_url()).content
    health = client.get("/healthz")
    assert (health.status_code, health.json()["cache"]) == (200, "degraded")

    broken_version_file.unlink()
    broken_version_file.mkdir()  # the folder is usable again
    assert client.get(release.get_absolute_url())["X-Cache"] == "miss"
    assert client.get(release.get_absolute_url())["X-Cache"] == "hit"
    assert client.get("/healthz").json()["cache"] == "ok"


@pytest.mark.django_db
def test_a_version_that_could_not_be_moved_is_not_trusted(client, committing, settings):
    settings.PAGE_CACHE = True
    path = settings.PAGE_CACHE_VERSION_FILE
    release = factories.release("Canal tolls unchanged")
    client.get(release.get_absolute_url())
    assert client.get(release.get_absolute_url())["X-Cache"] == "hit"
    blocker = path.with_name(f".{path.name}.{os.getpid()}")  # where the next version is written first
    blocker.mkdir()
    try:
        release.title = "Canal tolls doubled"
        committing(publishing.save_release, release)  # cannot write the new version
        page = client.get(release.get_absolute_url())
        assert b"Canal tolls doubled" in page.content and "X-Cache" not in page
    finally:
        blocker.rmdir()
    assert b"Canal tolls doubled" in client.get(release.get_absolute_url()).content
    assert client.get(release.get_absolute_url())["X-Cache"] == "hit"
