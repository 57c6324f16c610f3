"""A release shared under embargo (recipients emailed, their links opened) stays out of every
public surface until its time, then appears: the one visibility rule decides, not the sharing."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from releases import publishing
from releases.models import PreviewLink, Release
from tests import factories
from tests.pages import assert_no_text_of
from worker.runner import drain

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared(client, smtp_server, committing):
    issuer = factories.organization("Embargo Issuer")
    topic = factories.topic("Embargo Topic")
    speaker = factories.person("Embargo Speaker")
    factories.release("Public neighbour", issuer=issuer).topics.add(topic)  # the pages exist and list something
    release = committing(
        factories.release,
        "Zanzibar embargoed marker",
        state="scheduled",
        issuer=issuer,
        subtitle="Deck of the embargoed marker",
        slug="zanzibar-embargoed-marker",
    )
    release.topics.add(topic)
    factories.quote(release, text="Quote from Zanzibar embargoed marker", speaker=speaker)
    factories.signatory(release, issuer)
    for email in ("ana@example.org", "bo@example.org"):
        PreviewLink.objects.create(release=release, recipient_name=email, recipient_email=email)
    drain()
    assert len(smtp_server.messages) == 2
    for link in release.preview_links.all():
        assert client.get(link.get_absolute_url()).status_code == 200  # opened: nothing of it may stick
    return {"release": release, "issuer": issuer, "topic": topic, "speaker": speaker}


def surfaces(s):
    topic, issuer, speaker = s["topic"], s["issuer"], s["speaker"]
    return [
        reverse("releases:home"),
        reverse("releases:release_archive"),
        reverse("releases:release_archive") + f"?topic={topic.slug}",
        reverse("releases:release_archive") + f"?year={timezone.now().year}",
        topic.get_absolute_url(),
        issuer.get_absolute_url(),
        speaker.get_absolute_url(),
        reverse("releases:feed_rss"),
        reverse("releases:feed_atom"),
        reverse("releases:topic_feed_rss", kwargs={"slug": topic.slug}),
        reverse("releases:organization_feed_atom", kwargs={"slug": issuer.slug}),
        "/sitemap.xml",
        "/sitemap-releases.xml",
        reverse("releases:search") + "?q=zanzibar",
        reverse("releases:search") + "?q=embargoed+marker",
        # The JSON API (api/): lists, the release itself, search.
        "/api/v1/releases",
        f"/api/v1/releases?topic={topic.slug}",
        f"/api/v1/organizations/{issuer.slug}",
        f"/api/v1/topics/{topic.slug}",
        "/api/v1/search?q=zanzibar",
        f"/api/v1/releases/{s['release'].slug}",
    ]


def test_an_embargoed_release_shared_with_journalists_leaks_nowhere(client, shared):
    release = shared["release"]
    for url in surfaces(shared):
        response = client.get(url)
        assert response.status_code in (200, 404), (url, response.status_code)
        assert_no_text_of(response, release)
        assert release.slug not in response.content.decode(), url
    assert client.get(release.get_absolute_url()).status_code == 404
    assert client.get(reverse("releases:release_card", args=[release.slug])).status_code == 404
    # "Did you mean" learns no word of it: a misspelling of its one unusual word suggests nothing.
    misspelt = client.get(reverse("releases:search") + "?q=zanzibat").content.decode().lower()
    assert "zanzibar" not in misspelt


def test_at_its_time_it_is_everywhere_and_the_links_forward(client, shared, committing):
    release = shared["release"]
    past = timezone.now() - timedelta(seconds=1)
    committing(Release.objects.filter(pk=release.pk).update, publish_at=past, first_published_at=past)
    committing(release.refresh_from_db)
    committing(publishing.save_release, release)  # its text is public now: search and its vocabulary see it
    assert release.title in client.get(reverse("releases:home")).content.decode()
    assert client.get(release.get_absolute_url()).status_code == 200
    assert "zanzibar" in client.get(reverse("releases:search") + "?q=zanzibat").content.decode().lower()
    for link in release.preview_links.all():
        response = client.get(link.get_absolute_url())
        assert response.status_code == 301 and response["Location"] == release.get_absolute_url()
