"""Helpers for the search tests: the `indexed` fixture (import `indexed_fixture` to use it), the
results page fetched, and the titles it lists."""

import pytest
from django.urls import reverse

URL = reverse("releases:search")


@pytest.fixture(name="indexed")
def indexed_fixture(django_capture_on_commit_callbacks):
    """Run the after-commit refresh of search documents for whatever the test creates."""

    def run(build):
        with django_capture_on_commit_callbacks(execute=True):
            return build()

    return run


def titles(response):
    return [hit.release.title for hit in response.context["results"].hits]


def get(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200, response.status_code
    return response
