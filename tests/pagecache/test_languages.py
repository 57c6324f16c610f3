"""The page cache never serves one language's page for another's address: the language comes
from the address alone (never Accept-Language or a cookie), so the address-keyed cache, at the
WSGI layer and in the middleware, and shared caches (no `Vary: Accept-Language`) stay right."""

import pytest

from pagecache import wsgi as page_cache_wsgi
from releases import translations
from tests import factories
from tests.pagecache.test_wsgi import Recorder, call, keep_the_test_connection  # noqa: F401

pytestmark = pytest.mark.django_db

SPANISH = {"HTTP_ACCEPT_LANGUAGE": "es-ES,es;q=0.9", "HTTP_COOKIE": "django_language=es"}
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9", "HTTP_COOKIE": "django_language=en"}


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE = True
    settings.ALLOWED_HOSTS = ["testserver"]


def language_of(body):
    return "es" if b'<html lang="es">' in body else "en" if b'<html lang="en">' in body else None


@pytest.mark.parametrize("path", ["/", "/releases/", "/topics/", "/search/?q=program"])
@pytest.mark.parametrize("first_headers", [SPANISH, ENGLISH, {}])
def test_each_address_answers_in_its_own_language_whatever_the_request_says(path, first_headers):
    factories.release("A program in the archive")
    app = page_cache_wsgi.CachedPagesApp(Recorder())
    bare, _, query = path.partition("?")
    spanish_path = "/es" + bare
    # The first request to each address carries the other language's hints, then plain and hinted ones follow.
    for headers in (first_headers, {}, SPANISH, ENGLISH):
        status, response_headers, body = call(app, bare, query, **headers)
        assert status == "200 OK" and language_of(body) == "en", (bare, headers)
        assert response_headers["Content-Language"] == "en"
        assert "Accept-Language" not in response_headers.get("Vary", "")
        status, response_headers, body = call(app, spanish_path, query, **headers)
        assert status == "200 OK" and language_of(body) == "es", (spanish_path, headers)
        assert response_headers["Content-Language"] == "es"
        assert "Accept-Language" not in response_headers.get("Vary", "")


def test_a_release_and_its_translation_are_cached_apart(client):
    original = factories.release("The English original")
    spanish = translations.create_translation(original, "es")
    spanish.title = "El original en español"
    spanish.status, spanish.publish_at = original.status, original.publish_at
    spanish.first_published_at = original.first_published_at
    spanish.save()
    for _ in range(2):
        english_page = client.get(original.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="es")
        spanish_page = client.get(spanish.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
        assert b"The English original</h1>" in english_page.content and language_of(english_page.content) == "en"
        assert b"El original en espa\xc3\xb1ol</h1>" in spanish_page.content
        assert language_of(spanish_page.content) == "es"
    assert english_page["X-Cache"] == "hit" and spanish_page["X-Cache"] == "hit"


def test_addresses_never_stored_are_never_stored_in_any_language():
    from pagecache.store import cacheable_path

    assert not cacheable_path("/es/preview/abc/")
    assert not cacheable_path("/es/healthz")
    assert cacheable_path("/es/releases/")
    assert cacheable_path("/essays/")  # not a language prefix


def test_a_language_cookie_does_not_bypass_or_split_the_cache(client):
    factories.release()
    first = client.get("/es/topics/", HTTP_COOKIE="django_language=en")
    second = client.get("/es/topics/")
    assert first["X-Cache"] == "miss" and second["X-Cache"] == "hit"
    assert second.content == first.content and language_of(second.content) == "es"
