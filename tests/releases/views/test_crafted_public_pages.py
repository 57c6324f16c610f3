"""Drafts and scheduled releases stay hidden under requests crafted by hand.

Odd slugs and junk query parameters must not reach a draft at its permalink,
whoever asks; lists never take a parameter that shows one. What
test_permissions and test_visibility already try is not repeated here.
"""

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from releases.models import PreviewLink
from releases.views.sitemaps import sitemaps
from tests import factories
from tests.admin_helpers import staff
from tests.factories import draft_with_text
from tests.pages import assert_no_text_of

pytestmark = pytest.mark.django_db


# --- Drafts and scheduled releases at their permalink --------------------------------------


def viewer(kind):
    """A client for someone who must not see unpublished releases."""
    client = Client()
    view_release = Permission.objects.get(codename="view_release", content_type__app_label="releases")
    if kind == "member":
        client.force_login(User.objects.create_user("member", password="x"))
    elif kind == "member with view permission":
        user = User.objects.create_user("member-with-permission", password="x")
        user.user_permissions.add(view_release)
        client.force_login(user)
    elif kind == "staff without view permission":
        client.force_login(User.objects.create_user("staff-no-permission", password="x", is_staff=True))
    elif kind == "inactive staff with view permission":
        user = User.objects.create_user("gone", password="x", is_staff=True, is_active=False)
        user.user_permissions.add(view_release)
        client.force_login(user)
    elif kind == "forged session cookie":
        client.cookies["sessionid"] = "forged" * 6
    else:
        assert kind == "anonymous"
    return client


VIEWERS = [
    "anonymous",
    "forged session cookie",
    "member",
    "member with view permission",
    "staff without view permission",
    "inactive staff with view permission",
]


def crafted_permalinks(release, token):
    url = release.get_absolute_url()
    return [
        url,
        url + "?preview=1",
        url + "?preview=true&draft=1&status=draft&staff=1&is_staff=True",
        url + f"?token={token}",
        url + f"?slug={release.slug}&format=json",
        url.rstrip("/"),
        url.replace(release.slug, release.slug.upper()),
        url.replace(release.slug, release.slug + "%20"),
        url.replace(release.slug, "%20" + release.slug),
        url.replace(release.slug, release.slug + "%00"),
        url + "/",
    ]


@pytest.mark.parametrize("state", ["draft", "scheduled"])
@pytest.mark.parametrize("kind", VIEWERS)
def test_unpublished_permalink_is_404_under_crafted_urls(state, kind):
    release = draft_with_text(f"Unpublished {state} permalink", state=state)
    token = PreviewLink.objects.create(release=release).token
    # A Writer does see it there, so a 404 below is the rule at work, not a wrong address.
    writer = Client()
    writer.force_login(staff("Writer"))
    assert writer.get(release.get_absolute_url()).status_code == 200

    client = viewer(kind)
    for url in crafted_permalinks(release, token):
        response = client.get(url, follow=True)
        assert response.status_code == 404, (url, response.redirect_chain)
        assert_no_text_of(response, release)
    response = client.head(release.get_absolute_url())
    assert response.status_code == 404
    assert response.content == b""


@pytest.fixture
def hidden_beside_public(committing):
    """A public release and two hidden ones sharing its issuer, topic and a search word; indexed."""

    def build():
        issuer = factories.organization("Harbour Coalition")
        topic = factories.topic("Harbour safety")
        public = factories.release("Public harbour notice", issuer=issuer)
        draft = draft_with_text("Draft harbour zebra", issuer=issuer)
        scheduled = draft_with_text("Scheduled harbour zebra", state="scheduled", issuer=issuer)
        for release in (public, draft, scheduled):
            release.topics.add(topic)
            release.save()
        return {"public": public, "hidden": [draft, scheduled], "issuer": issuer, "topic": topic}

    return committing(build)


def crafted_list_urls(issuer, topic):
    year = timezone.now().year
    junk = "?status=draft&preview=1&state=scheduled&include_drafts=1&all=1&staff=1"
    urls = [
        reverse("releases:home") + junk,
        reverse("releases:release_archive") + junk,
        reverse("releases:release_archive") + f"?year={year}&status=draft&topic={topic.slug}",
        reverse("releases:release_year", kwargs={"year": year}) + junk,
        reverse("releases:search") + "?q=zebra" + junk.replace("?", "&"),
        reverse("releases:search") + "?q=harbour&status=draft&preview=1",
        issuer.get_absolute_url() + junk,
        topic.get_absolute_url() + junk,
        reverse("releases:feed_rss") + junk,
        reverse("releases:feed_atom") + junk,
        reverse("releases:topic_feed_rss", kwargs={"slug": topic.slug}) + junk,
        reverse("releases:topic_feed_atom", kwargs={"slug": topic.slug}) + junk,
        reverse("releases:organization_feed_rss", kwargs={"slug": issuer.slug}) + junk,
        reverse("releases:organization_feed_atom", kwargs={"slug": issuer.slug}) + junk,
        "/sitemap.xml" + junk,
    ]
    urls += [f"/sitemap-{section}.xml{junk}&p=1" for section in sorted(sitemaps)]
    return urls


@pytest.mark.parametrize("kind", ["anonymous", "writer"])
def test_no_parameter_brings_hidden_releases_into_lists(hidden_beside_public, kind):
    client = Client()
    if kind == "writer":  # staff who may see drafts at their permalink still get public lists
        client.force_login(staff("Writer"))
    archive = client.get(reverse("releases:release_archive") + "?status=draft&preview=1")
    assert "Public harbour notice" in archive.content.decode()  # the page still lists what is public
    found = client.get(reverse("releases:search") + "?q=harbour&status=draft")
    assert "Public harbour notice" in found.content.decode()  # and search has the words indexed
    for url in crafted_list_urls(hidden_beside_public["issuer"], hidden_beside_public["topic"]):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for release in hidden_beside_public["hidden"]:
            assert release.title not in body, (url, release.title)
            assert release.slug not in body, (url, release.slug)
            assert_no_text_of(response, release)
