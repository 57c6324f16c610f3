"""The anonymous page cache never serves a page older than the last save."""

import time
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.utils import timezone

from releases import publishing
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE = True


@pytest.fixture
def committing(django_capture_on_commit_callbacks):
    """Run after-commit work (the version bump) as a real commit would."""

    def run(func, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return func(*args, **kwargs)

    return run


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
    try:
        release = factories.release("Shared through Redis")
        assert client.get(release.get_absolute_url())["X-Cache"] == "miss"
        assert client.get(release.get_absolute_url())["X-Cache"] == "hit"
    finally:
        caches["default"].clear()
