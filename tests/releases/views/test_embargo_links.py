"""Embargo links (a preview link with a recipient): the banner in the newsroom's zone, private and
unindexed, every opening logged with the client's address, refused once revoked or expired,
forwarding once public, and never a draft's text nor another release's."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from pagecache import content_version
from releases import publishing
from releases.models import PreviewLink, PreviewOpening, Release
from tests import factories
from tests.pages import assert_no_text_of, meta

pytestmark = pytest.mark.django_db

NEW_YORK = ZoneInfo("America/New_York")


def recipient_link(release, name="Ana Ruiz", outlet="El Diario", email="ana@example.org", **kwargs):
    return PreviewLink.objects.create(
        release=release, recipient_name=name, recipient_outlet=outlet, recipient_email=email, **kwargs
    )


def embargoed(title="Embargoed budget", **kwargs):
    at = kwargs.pop("at", None) or (timezone.now() + timedelta(days=2))
    return factories.release(title, state="scheduled", at=at, subtitle=f"Deck of {title}", **kwargs)


def private_and_unindexed(response):
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"


def test_the_link_shows_the_embargo_banner_in_the_newsrooms_zone(client, settings):
    settings.TIME_ZONE = "America/New_York"
    year = timezone.now().year + 1
    release = embargoed(at=datetime(year, 11, 29, 9, 0, tzinfo=NEW_YORK))
    response = client.get(recipient_link(release).get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert f'EMBARGOED UNTIL <time datetime="{year}-11-29T09:00:00-05:00">29 Nov {year}, 09:00 EST</time>' in html
    assert "(New York time (EST))" in html
    assert "<h1>Embargoed budget</h1>" in html
    assert "Shared with Ana Ruiz (El Diario) alone" in html
    private_and_unindexed(response)
    assert meta(response, "robots") == "noindex"
    assert response["Referrer-Policy"] == "no-referrer"


def test_every_opening_is_logged_with_the_address_behind_the_proxy_and_never_cached(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    release = embargoed()
    link = recipient_link(release)
    version = content_version.read_version()
    for _ in range(2):
        response = client.get(
            link.get_absolute_url(), REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="192.0.2.1, 198.51.100.7"
        )
        assert response.status_code == 200
    openings = list(link.openings.all())
    assert [o.outcome for o in openings] == ["shown", "shown"]  # the second request was not a cached page
    assert {o.client_ip for o in openings} == {"198.51.100.7"}  # the proxy's vouched-for hop, not the forged one
    assert content_version.read_version() == version  # an opening empties no cache


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(client):
    link = recipient_link(embargoed())
    client.get(link.get_absolute_url(), REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert link.openings.get().client_ip == "10.0.0.2"


def test_a_revoked_link_is_refused_without_text_and_logged(client):
    release = embargoed()
    link = recipient_link(release)
    assert client.get(link.get_absolute_url()).status_code == 200
    link.revoked_at = timezone.now()
    link.save()
    response = client.get(link.get_absolute_url())
    assert response.status_code == 410
    assert_no_text_of(response, release)
    assert "Ana Ruiz" not in response.content.decode()
    private_and_unindexed(response)
    assert link.openings.first().outcome == PreviewOpening.Outcome.REFUSED


def test_an_expired_link_is_refused_before_and_after_publication(client):
    release = embargoed()
    link = recipient_link(release, expires_at=timezone.now() - timedelta(minutes=1))
    response = client.get(link.get_absolute_url())
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert_no_text_of(response, release)
    publishing.publish_now(release)
    assert release.state == Release.State.PUBLISHED
    assert client.get(link.get_absolute_url()).status_code == 410


def test_once_public_the_link_forwards_to_the_permalink(client):
    release = embargoed(slug="lifted-embargo")
    link = recipient_link(release)
    past = timezone.now() - timedelta(seconds=1)  # its time came
    Release.objects.filter(pk=release.pk).update(publish_at=past, first_published_at=past)
    response = client.get(link.get_absolute_url())
    assert response.status_code == 301
    assert response["Location"] == "/releases/lifted-embargo/"
    assert link.openings.get().outcome == PreviewOpening.Outcome.FORWARDED


@pytest.mark.parametrize("state", ["draft", "review"])
def test_a_recipient_link_never_shows_a_release_readers_cannot_be_told_of(client, state):
    """Sent back to draft (or in review) after it was shared: the journalist sees nothing."""
    release = embargoed()
    link = recipient_link(release)
    if state == "draft":
        publishing.unpublish(release)
    else:
        Release.objects.filter(pk=release.pk).update(status=Release.Status.REVIEW)
    response = client.get(link.get_absolute_url())
    assert response.status_code == 404
    assert_no_text_of(response, release)
    private_and_unindexed(response)


def test_a_link_of_one_release_never_opens_another(client):
    first, second = embargoed("First embargoed"), embargoed("Second embargoed")
    first_link, second_link = recipient_link(first), recipient_link(second, email="bo@example.org")
    first_page = client.get(first_link.get_absolute_url()).content.decode()
    assert "First embargoed" in first_page and "Second embargoed" not in first_page
    second_page = client.get(second_link.get_absolute_url()).content.decode()
    assert "Second embargoed" in second_page and "First embargoed" not in second_page
    # A token is the whole key: a prefix, a neighbour's or a changed character opens nothing.
    for token in (first_link.token[:-1], first_link.token[:-1] + ("A" if first_link.token[-1] != "A" else "B")):
        assert client.get(f"/preview/{token}/").status_code == 404
    publishing.publish_now(second)
    assert client.get(first_link.get_absolute_url()).status_code == 200  # still embargoed
    assert client.get(second_link.get_absolute_url())["Location"] == second.get_absolute_url()


def test_one_live_link_per_journalist_and_release(db):
    from django.db import IntegrityError, transaction

    release = embargoed()
    first = recipient_link(release, email="Ana@Example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        recipient_link(release, email="ana@example.org")
    first.revoked_at = timezone.now()
    first.save()
    assert recipient_link(release, email="ana@example.org").pk  # a new link once the old one is revoked


def test_opening_a_link_costs_the_same_with_many_recipients_and_openings(client):
    from releases.reading import site
    from tests.pages import count_queries

    release = embargoed()
    link = recipient_link(release)
    site.current()
    first = count_queries(client, link.get_absolute_url())
    for n in range(30):
        other = recipient_link(release, email=f"journalist{n}@example.org")
        client.get(other.get_absolute_url())
    assert count_queries(client, link.get_absolute_url()) == first
    print(f"queries to open an embargo link: {first}")
    assert first <= 12  # the link and its release, the opening's insert, the release's parts (drafts are not cached)
