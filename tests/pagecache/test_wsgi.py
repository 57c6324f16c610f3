"""CachedPagesApp answers cache hits before Django, exactly as the middleware would."""

import io

import pytest
from django.core.handlers.wsgi import WSGIHandler

from pagecache import wsgi as page_cache_wsgi
from releases.models import Release
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE = True
    settings.ALLOWED_HOSTS = ["testserver"]


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """As Django's test client does: a request's end must not close the test's transaction."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


class Recorder:
    """The app behind: counts the requests that reach Django."""

    def __init__(self):
        self.django = WSGIHandler()
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.django(environ, start_response)


def call(app, path, query="", method="GET", **headers):
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.url_scheme": "http",
        "wsgi.errors": io.StringIO(),
        **headers,
    }
    answer = {}

    def start_response(status, response_headers, exc_info=None):
        answer["status"], answer["headers"] = status, dict(response_headers)

    body = b"".join(app(environ, start_response))
    return answer["status"], answer["headers"], body


@pytest.fixture
def release():
    return factories.release("Served before Django")


def test_a_hit_is_served_without_django_and_matches_a_django_hit(release):
    inner = Recorder()
    app = page_cache_wsgi.CachedPagesApp(inner)
    path = release.get_absolute_url()
    miss = call(app, path)
    via_django = call(page_cache_wsgi.CachedPagesApp(lambda *a: pytest.fail("not reached")), path)
    assert inner.calls == 1  # the miss; the second app never called its inner app
    assert miss[0] == via_django[0] == "200 OK"
    assert miss[1]["X-Cache"] == "miss" and via_django[1]["X-Cache"] == "hit"
    assert via_django[2] == miss[2] and b"Served before Django" in via_django[2]
    for name in ("Content-Type", "ETag", "Cache-Control", "Vary", "Content-Security-Policy", "X-Content-Type-Options"):
        assert via_django[1][name] == miss[1][name], name


@pytest.mark.parametrize(
    "method, path_suffix, query, headers",
    [
        ("HEAD", "", "", {}),
        ("POST", "", "", {}),
        ("GET", "", "", {"HTTP_COOKIE": "sessionid=abc"}),
        ("GET", "", "", {"HTTP_IF_NONE_MATCH": '"x"'}),
        ("GET", "", "", {"HTTP_AUTHORIZATION": "Basic eDp5"}),
        ("GET", "", "", {"HTTP_HOST": "evil.example"}),
        ("GET", "", "q=%22a%20b%22&x=<script>", {}),
        ("GET", "caf%C3%A9/", "", {}),
    ],
    ids=["head", "post", "session", "conditional", "authorization", "bad-host", "odd-query", "odd-path"],
)
def test_anything_but_a_plain_anonymous_get_goes_to_django(release, method, path_suffix, query, headers):
    path = release.get_absolute_url() + path_suffix
    call(page_cache_wsgi.CachedPagesApp(WSGIHandler()), path, query)  # stored, where storable
    inner = Recorder()
    status, _, _ = call(page_cache_wsgi.CachedPagesApp(inner), path, query, method=method, **headers)
    assert inner.calls == 1, status


def test_after_a_save_the_old_page_is_not_served(release, django_capture_on_commit_callbacks):
    app = page_cache_wsgi.CachedPagesApp(WSGIHandler())
    path = release.get_absolute_url()
    call(app, path)
    assert call(app, path)[1]["X-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        Release.objects.get(pk=release.pk).save()  # the content version moves after commit
    release.title = "A corrected headline"
    with django_capture_on_commit_callbacks(execute=True):
        release.save()
    status, headers, body = call(app, path)
    assert headers["X-Cache"] == "miss" and b"A corrected headline" in body


def test_the_wsgi_application_is_wrapped():
    from pressroom.wsgi import application

    assert isinstance(application, page_cache_wsgi.CachedPagesApp)
