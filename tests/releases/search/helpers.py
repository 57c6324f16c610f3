"""Helpers for the search tests: the results page fetched, and the titles it lists.
(Search documents are refreshed after commit: build what a test searches with the
`committing` fixture from tests/conftest.py.)"""

from django.urls import reverse

URL = reverse("releases:search")


def titles(response):
    return [hit.release.title for hit in response.context["results"].hits]


def get(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200, response.status_code
    return response
