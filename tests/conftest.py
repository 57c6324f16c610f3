import os
import shutil
import tempfile
from pathlib import Path

import pytest
from django.conf import settings


def pytest_configure(config):
    # Fast overrides for tests (STYLE.md): cheap password hashing, a private cache.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
    # Tests run inside transactions that never commit, so the page cache (which is
    # invalidated after commit) is off unless a test turns it on: see tests/pagecache/test_middleware.py.
    settings.PAGE_CACHE = False
    # The content version file of this run, not the one a running server uses.
    settings.PAGE_CACHE_VERSION_FILE = Path(tempfile.mkdtemp(prefix="pressroom-tests-")) / "content-version"
    # django-axes needs the request in authenticate(), which Client.login() does not pass;
    # the lockout tests (test_lockout.py) turn it back on.
    settings.AXES_ENABLED = False
    # The interface's translations, compiled from their .po files (pure Python: no msgfmt needed).
    from pressroom import catalogs

    catalogs.compile_all()
    if settings.EMBEDDED_DATABASE:
        from pressroom import embedded_db

        embedded_db.hold()


def pytest_unconfigure(config):
    shutil.rmtree(settings.PAGE_CACHE_VERSION_FILE.parent, ignore_errors=True)
    if settings.EMBEDDED_DATABASE and not os.environ.get("PYTEST_XDIST_WORKER"):
        from pressroom import embedded_db

        embedded_db.release()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Press-kit files (releases.models.assets) go to the private storage: a folder of the test's too.
    private = {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path / "private"}}
    if settings.STORAGES["private"]["BACKEND"] == private["BACKEND"]:
        settings.STORAGES = {**settings.STORAGES, "private": private}


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    from releases.reading import site

    cache.clear()
    site.forget()
    settings.PAGE_CACHE_VERSION_FILE.unlink(missing_ok=True)
    yield
    cache.clear()


@pytest.fixture
def committing(django_capture_on_commit_callbacks):
    """committing(func, *args): call it and run its after-commit work (search documents,
    render keys, the page cache's version) as a real commit would; tests never commit."""

    def run(func, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return func(*args, **kwargs)

    return run


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server (aiosmtpd) on a free loopback port, and Django's SMTP backend pointed at it.

    pytest-django swaps EMAIL_BACKEND for local memory; this puts the SMTP backend back, so
    a message the code sends travels over SMTP and is parsed here as a mail client would.
    `smtp_server.messages` lists what arrived; `.url` is an EMAIL_URL for a child process.
    """
    from tests.smtp import SmtpServer

    with SmtpServer() as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = server.host, server.port
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_TIMEOUT = 5
        yield server
