"""sitemap.xml lists exactly the public releases, with lastmod, and the pages around them."""

import xml.etree.ElementTree as ET
from datetime import datetime
from datetime import timezone as dt_timezone

import pytest

from releases import publishing
from tests import factories

pytestmark = pytest.mark.django_db

SITE = "https://press.example.org"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def get_xml(client, url):
    assert url.startswith(SITE), url
    response = client.get(url.removeprefix(SITE))
    assert response.status_code == 200, url
    return ET.fromstring(response.content)


def sitemap(client):
    """Every address in every section the index lists, with its lastmod."""
    index = get_xml(client, SITE + "/sitemap.xml")
    assert index.tag.endswith("}sitemapindex")
    urls = {}
    for section in index.findall("s:sitemap", NS):
        for url in get_xml(client, section.find("s:loc", NS).text).findall("s:url", NS):
            urls[url.find("s:loc", NS).text] = getattr(url.find("s:lastmod", NS), "text", None)
    return urls


def test_sitemap_lists_exactly_the_public_releases_with_lastmod(client):
    org, topic, person = factories.organization(), factories.topic(), factories.person()
    public = factories.release(issuer=org, at=datetime(2019, 5, 1, tzinfo=dt_timezone.utc))
    public.topics.add(topic)
    factories.quote(public, speaker=person)
    updated = factories.release(at=datetime(2019, 6, 1, tzinfo=dt_timezone.utc))
    publishing.record_major_edit(updated, "Fixed.", at=datetime(2020, 2, 3, tzinfo=dt_timezone.utc))
    hidden = [factories.release(state=state) for state in ("draft", "scheduled", "withdrawn")]
    urls = sitemap(client)
    archives = (SITE + "/releases/", SITE + "/es/releases/")
    release_urls = {loc for loc in urls if "/releases/" in loc and loc not in archives}
    assert release_urls == {SITE + public.get_absolute_url(), SITE + updated.get_absolute_url()}
    assert urls[SITE + public.get_absolute_url()] == "2019-05-01"
    assert urls[SITE + updated.get_absolute_url()] == "2020-02-03"
    for release in hidden:
        assert SITE + release.get_absolute_url() not in urls
    for page in (org, topic, person):
        assert SITE + page.get_absolute_url() in urls
    assert SITE + "/" in urls and SITE + "/organizations/" in urls


def test_sitemap_leaves_out_pages_that_only_hidden_releases_reach(client):
    org, topic, person, signer = (
        factories.organization(),
        factories.topic(),
        factories.person(),
        factories.organization(),
    )
    hidden = factories.release(state="scheduled", issuer=org)
    hidden.topics.add(topic)
    factories.quote(hidden, speaker=person)
    factories.signatory(hidden, signer)
    urls = sitemap(client)
    for page in (org, topic, person, signer):
        assert SITE + page.get_absolute_url() not in urls


def test_sitemap_sections_are_paginated_and_all_pages_are_in_the_index(client, monkeypatch):
    from releases.views.sitemaps import ReleaseSitemap

    monkeypatch.setattr(ReleaseSitemap, "limit", 2)
    issuer = factories.organization()
    releases = [factories.release(issuer=issuer) for _ in range(5)]
    index = client.get("/sitemap.xml").content.decode()
    assert f"{SITE}/sitemap-releases.xml?p=3</loc>" in index
    assert f"{SITE}/sitemap-releases.xml?p=4</loc>" not in index
    urls = sitemap(client)
    assert {SITE + r.get_absolute_url() for r in releases} <= set(urls)


def test_sitemap_bad_input_is_404(client):
    factories.release()
    assert client.get("/sitemap-releases.xml?p=abc").status_code == 404
    assert client.get("/sitemap-releases.xml?p=999").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404
