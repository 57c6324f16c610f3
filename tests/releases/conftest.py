"""Fixtures for the releases tests: staff signed in to the test client."""

import pytest

from tests.admin_helpers import login


@pytest.fixture
def editor(client):
    """An Editor (may publish, schedule, withdraw) signed in to `client`."""
    return login(client, "Editor")


@pytest.fixture
def writer(client):
    """A Writer (drafts only) signed in to `client`."""
    return login(client, "Writer")
