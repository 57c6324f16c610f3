"""Browser checks: real Chromium through Playwright, axe-core and the Nu HTML Checker.

Without the tools (Chromium, Java, the Node packages from package.json) these
tests are skipped with a message saying how to install them; in CI (CI=true)
a missing tool fails the run instead.

The pages come from pytest-django's `live_server`, which runs in a thread of
this process: the data must be committed (`transactional_db`) for it to see
them, and Playwright's sync API keeps an event loop in this thread, which
Django refuses unless DJANGO_ALLOW_ASYNC_UNSAFE is set.
"""

import os
from pathlib import Path

import pytest

from tests.browser.helpers import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, require

# Playwright's sync API runs an event loop in this thread; Django must allow it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if Path(item.fspath).is_relative_to(here):
            # pytest-base-url (pulled in by pytest-playwright) defines a session fixture
            # the way pytest 9 deprecates; the warning is theirs, not ours.
            item.add_marker(pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    require("chromium")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1280, "height": 900}, "locale": "en-US"}


@pytest.fixture(scope="session")
def serialized_db(django_db_setup):
    """The test database's initial contents, as Django serialized them when it made the database.

    Django keeps them on the connection object, and Django's connection objects are
    per context: once Playwright's event loop runs in this thread, `connections`
    hands out new ones without them. Then the serialized rollback silently restores
    nothing, and the Writer and Editor groups (made by a migration) are gone for
    every later test in the session, browser or not. `share_serialized` puts them back.
    """
    from django.db import connections

    return {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }


def share_serialized(serialized):
    from django.db import connections

    for alias, contents in serialized.items():
        if not hasattr(connections[alias], "_test_serialized_contents"):
            connections[alias]._test_serialized_contents = contents


@pytest.fixture(scope="session")
def playwright(serialized_db, playwright):
    """pytest-playwright's, with the serialized contents shared as soon as its event loop runs.

    Session fixtures start before a test's own: a transactional test's set-up (a serialized
    rollback, after an earlier test emptied the tables) already sees the loop's connection.
    """
    share_serialized(serialized_db)
    return playwright


@pytest.fixture
def page(serialized_db, page):
    """pytest-playwright's page, failing after 10 s instead of 30 when something never appears."""
    share_serialized(serialized_db)
    page.set_default_timeout(10_000)
    return page


@pytest.fixture
def shared_serialized(serialized_db):
    share_serialized(serialized_db)


@pytest.fixture
def site(shared_serialized, transactional_db, django_db_serialized_rollback, settings):
    """Settings for pages served to Chromium by `live_server`.

    The live server's static handler looks files up by their source names, so
    the manifest storage's hashed names would be 404s (pages without CSS, and
    axe judging unstyled text): plain storage here. The serialized rollback
    brings back the Writer and Editor groups (made by a migration) after the flush.
    """
    plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    settings.STORAGES = {**settings.STORAGES, "staticfiles": plain}
    settings.PAGE_CACHE = False
    return settings


@pytest.fixture
def demo(site):
    """The demo archive in a database the live server can see: {slug: release}."""
    from releases.sample_data import demo as demo_content

    releases = demo_content.load_all()
    return {release.slug: release for release in releases}


@pytest.fixture
def artifacts():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
