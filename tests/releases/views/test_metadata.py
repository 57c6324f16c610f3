"""Titles, descriptions, canonical links, Open Graph / Twitter tags, JSON-LD and robots.txt."""

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from releases.media import renditions
from releases.sample_data import demo
from tests import factories
from tests.pages import meta, tags

pytestmark = pytest.mark.django_db

SITE = "https://press.example.org"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def jsonld_blocks(response):
    html = response.content.decode()
    return re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)


def test_release_page_metadata(client):
    release = demo.load_sample()
    response = client.get(release.get_absolute_url())
    canonical = SITE + release.get_absolute_url()
    html = response.content.decode()
    assert f"<title>{release.title} · Pressroom</title>" in html
    assert meta(response, "description").startswith("Today, officials at the Immigration")
    assert tags(response, "link", rel="canonical") == [{"rel": "canonical", "href": canonical}]
    assert meta(response, "og:type") == "article"
    assert meta(response, "og:title") == release.title
    assert meta(response, "og:url") == canonical
    card = SITE + reverse("releases:release_card", kwargs={"slug": release.slug})
    assert meta(response, "og:image").startswith(card + "?v=")
    assert client.get(meta(response, "og:image").removeprefix(SITE))["Content-Type"] == "image/png"
    assert meta(response, "twitter:card") == "summary_large_image"
    assert meta(response, "twitter:image") == meta(response, "og:image")
    assert meta(response, "robots") is None


def test_release_jsonld_parses_with_the_required_fields(client):
    release = demo.load_sample()
    [block] = jsonld_blocks(client.get(release.get_absolute_url()))
    data = json.loads(block)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == release.title
    assert data["datePublished"] == "2015-07-15T14:00:00+00:00"
    assert data["dateModified"] == "2015-07-15T14:00:00+00:00"
    assert data["publisher"] == {
        "@type": "Organization",
        "name": "United We Dream",
        "url": SITE + "/organizations/united-we-dream/",
        "logo": data["publisher"]["logo"],  # the site's, the issuer having none
    }
    assert data["author"]["name"] == "United We Dream"
    assert data["image"][0].startswith(SITE + reverse("releases:release_card", kwargs={"slug": release.slug}))
    assert data["mainEntityOfPage"] == SITE + release.get_absolute_url()


def test_jsonld_cannot_break_out_of_its_script_block(client):
    release = factories.release("Nasty </script><script>alert(1)</script> & <b>title</b>")
    response = client.get(release.get_absolute_url())
    html = response.content.decode()
    assert "</script><script>alert(1)" not in html
    [block] = jsonld_blocks(response)
    assert "<" not in block and ">" not in block and "&" not in block
    assert json.loads(block)["headline"] == release.title


def test_featured_image_is_the_og_image_when_set(client):
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (40, 20), "red").save(buffer, "PNG")
    release = factories.release(featured_image_alt="A red rectangle")
    release.featured_image.save("red.png", SimpleUploadedFile("red.png", buffer.getvalue()), save=True)
    response = client.get(release.get_absolute_url())
    # Its large rendition (made now: the image was saved outside the admin), never the original upload.
    large = renditions.rendition_url(release.featured_image, "large")
    assert meta(response, "og:image") == SITE + large
    assert client.get(large)["Content-Type"] == "image/png"
    assert meta(response, "og:image:alt") == "A red rectangle"
    assert tags(response, "img", alt="A red rectangle")


def test_updated_release_has_date_modified(client):
    from releases import publishing

    release = factories.release()
    publishing.record_major_edit(release, "Fixed a typo.")
    data = json.loads(jsonld_blocks(client.get(release.get_absolute_url()))[0])
    assert data["dateModified"] == release.updated_at.isoformat()
    assert data["dateModified"] > data["datePublished"]


@pytest.mark.parametrize(
    ("name", "kwargs_of", "title"),
    [
        ("releases:home", None, "Pressroom: press releases"),
        ("releases:release_archive", None, "All releases · Pressroom"),
        ("releases:organization_list", None, "Organizations · Pressroom"),
        ("org", "organization", "Metadata Org · Pressroom"),
        ("person", "person", "Metadata Person · Pressroom"),
        ("topic", "topic", "Metadata Topic · Pressroom"),
    ],
)
def test_every_page_has_title_description_canonical_and_one_h1(client, name, kwargs_of, title):
    org = factories.organization("Metadata Org")
    release = factories.release(issuer=org)
    person = factories.person("Metadata Person")
    factories.quote(release, speaker=person)
    topic = factories.topic("Metadata Topic")
    release.topics.add(topic)
    url = {"organization": org, "person": person, "topic": topic}[kwargs_of].get_absolute_url() if kwargs_of else None
    url = url or reverse(name)
    response = client.get(url)
    html = response.content.decode()
    assert f"<title>{title}</title>" in html
    assert meta(response, "description")
    assert tags(response, "link", rel="canonical")[0]["href"] == SITE + url
    assert meta(response, "og:url") == SITE + url
    assert html.count("<h1") == 1
    assert tags(response, "main", id="main") and tags(response, "a", href="#main")


def test_paginated_canonical_keeps_the_page_number(client):
    issuer = factories.organization()
    for _ in range(21):
        factories.release(issuer=issuer)
    response = client.get(reverse("releases:release_archive") + "?page=2&utm_source=x")
    assert tags(response, "link", rel="canonical")[0]["href"] == SITE + "/releases/?page=2"


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert f"Sitemap: {SITE}/sitemap.xml" in body
    assert "Disallow: /preview/" in body
    assert "Disallow: /admin/" in body


def test_pages_use_no_inline_scripts_or_styles(client):
    release = demo.load_sample()
    for url in [release.get_absolute_url(), reverse("releases:home"), reverse("releases:release_archive")]:
        html = client.get(url).content.decode()
        assert "style=" not in html and "<style" not in html
        # JSON-LD data blocks, and the site's own script files, only: no inline code.
        assert re.findall(r"<script(?![^>]*(?:application/ld\+json|src=\"/static/))", html) == []


# --- Defect 11 of issue 12 --------------------------------------------------------------


def test_release_and_preview_pages_name_the_site(client, settings):
    from releases.models import PreviewLink

    settings.SITE_NAME = "Harbor City Press Office"
    public = factories.release("A public release")
    assert meta(client.get(public.get_absolute_url()), "og:site_name") == "Harbor City Press Office"
    link = PreviewLink.objects.create(release=factories.release("An embargoed one", state="scheduled"))
    assert meta(client.get(link.get_absolute_url()), "og:site_name") == "Harbor City Press Office"


def test_the_publisher_has_a_logo_even_when_the_issuer_has_none(client):
    release = factories.release("Issued without a logo")
    data = [json.loads(block) for block in jsonld_blocks(client.get(release.get_absolute_url()))]
    article = next(d for d in data if d.get("@type") == "NewsArticle")
    assert article["publisher"]["name"] == release.issuer.name
    assert article["publisher"]["logo"].startswith(SITE + "/static/img/logo")
    assert article["publisher"]["logo"].endswith(".png")
