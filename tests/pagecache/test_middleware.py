"""The anonymous page cache never serves a page older than the last save."""

import time
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.utils import timezone

from cluster.gunicorn import Gunicorn
from releases import publishing
from tests import factories
from tests.servers import fetch, project_env

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE = True


def test_second_anonymous_request_is_served_from_the_cache(client):
    release = factories.release("Cached release title")
    first = client.get(release.get_absolute_url())
    second = client.get(release.get_absolute_url())
    assert first.status_code == second.status_code == 200
    assert first["X-Cache"] == "miss"
    assert second["X-Cache"] == "hit"
    assert second.content == first.content


def test_an_edit_shows_at_once_after_the_save(client, committing):
    release = factories.release("The original headline", body="Body text.")
    assert b"The original headline" in client.get(release.get_absolute_url()).content
    release.title = "The corrected headline"
    committing(release.save)
    response = client.get(release.get_absolute_url())
    assert response["X-Cache"] == "miss"
    assert b"The corrected headline" in response.content
    assert b"The original headline" not in response.content


def test_an_edit_to_a_quote_or_organization_shows_at_once(client, committing):
    release = factories.release("Release with parts")
    quote = factories.quote(release, text="Words as first printed.")
    client.get(release.get_absolute_url())
    quote.text = "Words as corrected."
    committing(quote.save)
    assert b"Words as corrected." in client.get(release.get_absolute_url()).content
    release.issuer.name = "Renamed Issuer"
    committing(release.issuer.save)
    assert b"Renamed Issuer" in client.get(release.get_absolute_url()).content


def test_a_withdrawn_release_leaves_the_cached_archive_at_once(client, committing):
    release = factories.release("Soon to be withdrawn")
    assert b"Soon to be withdrawn" in client.get("/releases/").content
    committing(publishing.withdraw, release, "Issued in error.")
    assert b"Soon to be withdrawn" not in client.get("/releases/").content
    page = client.get(release.get_absolute_url())
    assert b"Issued in error." in page.content


def test_a_scheduled_release_appears_when_its_time_comes_without_any_save(client, committing):
    factories.release("Already public")
    release = committing(
        factories.release,
        "Scheduled for a second from now",
        state="scheduled",
        at=timezone.now() + timedelta(seconds=1),
    )
    assert b"Scheduled for a second from now" not in client.get("/releases/").content
    time.sleep(1.2)
    assert release.is_public()
    assert b"Scheduled for a second from now" in client.get("/releases/").content


def test_staff_bypass_the_cache(client, admin_user):
    release = factories.release()
    client.force_login(admin_user)
    client.get(release.get_absolute_url())
    response = client.get(release.get_absolute_url())
    assert "X-Cache" not in response


def test_etag_revalidation_answers_304(client):
    release = factories.release()
    first = client.get(release.get_absolute_url())
    assert first.has_header("ETag") and first.has_header("Last-Modified")
    assert "must-revalidate" in first["Cache-Control"]
    assert "Cookie" in first["Vary"]
    again = client.get(release.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""


def test_works_with_the_redis_backend(client, settings):
    import redis

    try:
        redis.Redis.from_url("redis://127.0.0.1:6379/15", socket_connect_timeout=1).ping()
    except redis.RedisError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": f"pressroom-test-{time.time_ns()}",
        }
    }
    settings.PAGE_CACHE_VERSION_FILE = None  # the version lives in Redis too
    try:
        release = factories.release("Shared through Redis")
        assert client.get(release.get_absolute_url())["X-Cache"] == "miss"
        assert client.get(release.get_absolute_url())["X-Cache"] == "hit"
    finally:
        caches["default"].clear()


@pytest.mark.slow
# Serialized rollback, as every committing test here has: a plain flush would let post_migrate
# make content types anew under new ids, which a later serialized test then cannot load.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_worker_process_sees_a_save_at_once(settings, tmp_path):
    """Two gunicorn workers, each with its own local-memory page cache, both holding
    the page: a save made in another process (here, the test's) reaches both."""
    from urllib.parse import quote

    from django.db import connection

    release = factories.release("The headline as first published")
    factories.quote(release, text="The quote as first printed.")
    db = connection.settings_dict
    env = project_env(
        DATABASE_URL=f"postgres://{db['USER']}@{quote(db['HOST'] or '', safe='')}:{db['PORT']}/{db['NAME']}",
        SECRET_KEY="test-only-secret-key-for-the-worker-processes-0123456789",
        PRESSROOM_VAR_DIR=str(settings.PAGE_CACHE_VERSION_FILE.parent),  # the same version file as this process
        WEB_CONCURRENCY="2",
        ALLOWED_HOSTS="127.0.0.1",
        PAGE_CACHE="true",
    )
    with Gunicorn(env, log_path=tmp_path / "gunicorn.log", ready_within=30) as server:
        url = server.url(release.get_absolute_url())
        # Fresh connections: the two workers take turns accepting them, and both store the page.
        answers = [fetch(url)[1] for _ in range(20)]
        assert all("The headline as first published" in body for body in answers)

        release.title = "The corrected headline"
        release.save()  # autocommit: the version moves before save() returns
        quote_row = release.quotes.get()
        quote_row.text = "The quote as corrected."
        quote_row.save()

        answers = [fetch(url)[1] for _ in range(20)]
        stale = [body for body in answers if "The corrected headline" not in body or "as corrected" not in body]
        assert not stale, f"{len(stale)} of 20 answers were stale"
