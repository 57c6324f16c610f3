"""Drafts, releases in review, scheduled and embargoed releases never appear in the API; a
withdrawn release answers 410 with its notice only. The same archive as the pages' leak tests."""

import json

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def api(name, **kwargs):
    return reverse(f"api-v1:{name}", kwargs=kwargs or None)


def public_api_urls(a):
    return [
        api("releases"),
        api("releases") + "?limit=100",
        api("releases") + f"?organization={a['org'].slug}",
        api("releases") + f"?organization={a['signer'].slug}",
        api("releases") + f"?person={a['person'].slug}",
        api("releases") + f"?topic={a['topic'].slug}",
        api("releases") + "?published_after=2000-01-01&updated_since=2000-01-01T00:00:00Z",
        api("release", slug=a["public"].slug),
        api("release", slug=a["later"].slug),
        api("organizations") + "?limit=100",
        api("organization", slug=a["org"].slug),
        api("organization", slug=a["signer"].slug),
        api("people") + "?limit=100",
        api("person", slug=a["person"].slug),
        api("topics"),
        api("topic", slug=a["topic"].slug),
        api("search") + "?q=marker",
        api("search") + "?q=quote",
        api("search") + "?q=hidden&sort=date",
    ]


def assert_nothing_hidden(body, a, url):
    for release in a["hidden"].values():
        assert release.title not in body, (url, release.title)
        assert release.slug not in body, (url, release.slug)
        assert f"Quote in {release.title}" not in body, url
    for parts in a["own"].values():
        for thing in parts.values():
            assert thing.slug not in body, (url, thing.slug)


def test_no_hidden_release_appears_on_any_api_address(client, archive):
    for url in public_api_urls(archive):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "application/json; charset=utf-8"
        assert_nothing_hidden(response.content.decode(), archive, url)


def test_the_lists_show_the_public_releases(client, archive):
    slugs = [item["slug"] for item in client.get(api("releases")).json()["items"]]
    assert slugs == ["later-visible", "visible-release"]
    topics = client.get(api("topics")).json()["items"]
    assert [(t["slug"], t["release_count"]) for t in topics] == [(archive["topic"].slug, 1)]


@pytest.mark.parametrize("state", ["draft", "review", "scheduled", "embargoed"])
def test_an_unpublished_release_and_its_own_entries_are_not_found(client, archive, state):
    release, own = archive["hidden"][state], archive["own"][state]
    urls = [
        api("release", slug=release.slug),
        api("organization", slug=own["org"].slug),
        api("organization", slug=own["signer"].slug),
        api("person", slug=own["person"].slug),
        api("topic", slug=own["topic"].slug),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 404, url
        assert_nothing_hidden(response.content.decode(), archive, url)
    for param, thing in (("organization", own["org"]), ("person", own["person"]), ("topic", own["topic"])):
        assert client.get(api("releases") + f"?{param}={thing.slug}").json()["items"] == []


def test_a_withdrawn_release_answers_gone_with_its_notice_and_not_its_text(client, archive):
    release = archive["hidden"]["withdrawn"]
    response = client.get(api("release", slug=release.slug))
    assert response.status_code == 410
    notice = response.json()
    assert notice["withdrawal_reason"] == "Issued in error."
    assert notice["withdrawn_at"] == release.withdrawn_at.isoformat()
    assert notice["url"].endswith(release.get_absolute_url())
    body = json.dumps(notice)
    assert "Quote in" not in body and "opening paragraph" not in body
