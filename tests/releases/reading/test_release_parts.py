"""A release page's rendered parts are cached under its render key, and are never stale.

The page cache is off here (as in the other tests): what is checked is the
second cache, the one that keeps serving every untouched release cheaply after
a save elsewhere has started a new page-cache version.
"""

import pytest
from django.core.cache import cache

from releases import publishing
from releases.models import Release
from releases.reading import release_parts
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def release(committing):
    release = committing(factories.release, "A release with every part", dateline="Washington, DC")
    committing(factories.quote, release, text="Words as first printed.")
    committing(factories.signatory, release)
    committing(factories.resource, release, title="The coalition letter")
    return Release.objects.get(pk=release.pk)


def page(client, release):
    response = client.get(release.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_an_untouched_release_is_drawn_from_its_cached_parts(client, release, committing, django_assert_num_queries):
    first = page(client, release)
    committing(factories.release, "Another release, published elsewhere in the archive")
    # The release itself and its neighbours: no quotes, signatories or resources read again.
    with django_assert_num_queries(2):
        again = page(client, release)
    assert "Words as first printed." in again
    assert first.count("The coalition letter") == again.count("The coalition letter") == 1


def test_the_cached_parts_are_the_parts_rendered_afresh(client, release):
    cold = page(client, release)
    warm = page(client, release)
    assert cache.get(release_parts.cache_key(Release.objects.get(pk=release.pk))) is not None
    assert cold == warm


@pytest.mark.parametrize(
    "change, expected",
    [
        (lambda r: _set(r.quotes.first(), text="Words as corrected."), "Words as corrected."),
        (lambda r: _set(r.quotes.first().speaker, name="Renamed Speaker"), "Renamed Speaker"),
        (lambda r: _set(r.issuer, about="A new About paragraph."), "A new About paragraph."),
        (lambda r: _set(r.issuer, name="Renamed Issuer"), "Renamed Issuer"),
        (lambda r: _set(r.signatories.first().organization, name="Renamed Signer"), "Renamed Signer"),
        (lambda r: _set(r.resources.first(), title="The corrected letter"), "The corrected letter"),
        (lambda r: factories.signatory(r, factories.organization("A Late Signer")), "A Late Signer"),
        (lambda r: r.topics.add(factories.topic("Newly Added Topic")), "Newly Added Topic"),
        (lambda r: publishing.record_major_edit(r, "Corrected a figure."), "Corrected a figure."),
        (lambda r: publishing.withdraw(r, "Issued in error."), "Issued in error."),
        (lambda r: _set(r, title="A corrected headline"), "A corrected headline"),
    ],
    ids=[
        "quote-text",
        "speaker-renamed",
        "issuer-about",
        "issuer-renamed",
        "signatory-renamed",
        "resource-title",
        "signatory-added",
        "topic-added",
        "change-note",
        "withdrawn",
        "title",
    ],
)
def test_every_change_to_what_the_page_prints_shows_at_once(client, release, committing, change, expected):
    assert expected not in page(client, release)
    committing(change, Release.objects.get(pk=release.pk))
    assert expected in page(client, Release.objects.get(pk=release.pk))


def test_a_speakers_organization_renamed_shows_at_once(client, committing):
    org = committing(factories.organization, "Speaker's Group")
    release = committing(factories.release, "Quoted release")
    committing(factories.quote, release, speaker_organization=org)
    assert "Speaker&#x27;s Group" in page(client, release)
    org.name = "Renamed Group"
    committing(org.save)
    assert "Renamed Group" in page(client, release)


def test_a_topic_renamed_shows_at_once(client, committing):
    topic = committing(factories.topic, "Old Topic Name")
    release = committing(factories.release, "Tagged release")
    committing(release.topics.add, topic)
    assert "Old Topic Name" in page(client, release)
    topic.name = "New Topic Name"
    committing(topic.save)
    assert "New Topic Name" in page(client, release)


def test_drafts_and_scheduled_releases_are_never_cached(client, admin_user):
    client.force_login(admin_user)
    for state in ("draft", "scheduled"):
        release = factories.release(f"An unpublished {state}", state=state)
        assert f"An unpublished {state}" in page(client, release)
        assert cache.get(release_parts.cache_key(release)) is None


def test_keys_change_with_the_render_key_and_the_state(release, committing):
    before = release_parts.cache_key(release)
    committing(factories.quote, release, text="Another quote.")
    after = release_parts.cache_key(Release.objects.get(pk=release.pk))
    assert before != after
    assert str(release.pk) in before and "published" in before


def _set(obj, **fields):
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.save()
