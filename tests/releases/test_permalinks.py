"""Permalinks never break: slug changes, chains, reserved old slugs and legacy URLs."""

import pytest
from django.core.exceptions import ValidationError

from releases import publishing
from tests import factories

pytestmark = pytest.mark.django_db


def rename(release, slug):
    release.slug = slug
    return publishing.save_release(release)


def test_changed_slug_answers_301_to_the_new_permalink(client):
    release = factories.release(slug="first-slug")
    rename(release, "second-slug")
    response = client.get("/releases/first-slug/")
    assert response.status_code == 301
    assert response["Location"] == "/releases/second-slug/"
    assert client.get("/releases/second-slug/").status_code == 200


def test_chains_collapse_to_one_hop(client):
    release = factories.release(slug="slug-a")
    rename(release, "slug-b")
    rename(release, "slug-c")
    for old in ("slug-a", "slug-b"):
        response = client.get(f"/releases/{old}/")
        assert response.status_code == 301
        assert response["Location"] == "/releases/slug-c/"


def test_moving_back_to_an_old_slug_makes_it_live_again(client):
    release = factories.release(slug="slug-one")
    rename(release, "slug-two")
    rename(release, "slug-one")
    assert client.get("/releases/slug-one/").status_code == 200
    assert client.get("/releases/slug-two/")["Location"] == "/releases/slug-one/"


def test_an_old_slug_cannot_be_taken_by_another_release(client):
    first = factories.release(slug="taken-slug")
    rename(first, "new-home")
    second = factories.release(slug="other-release")
    second.slug = "taken-slug"
    with pytest.raises(ValidationError) as error:
        second.full_clean()
    assert "slug" in error.value.message_dict
    # The release that moved may go back to it.
    first.slug = "taken-slug"
    first.full_clean()


def test_a_draft_renamed_before_publication_leaves_no_redirect(client):
    draft = factories.release(slug="draft-slug", state="draft")
    rename(draft, "draft-slug-final")
    assert client.get("/releases/draft-slug/").status_code == 404


def test_legacy_url_is_registered_when_the_release_is_published(client):
    release = factories.release(
        state="draft", slug="imported", source_url="http://old.example.org/press-releases/old-slug/"
    )
    assert client.get("/press-releases/old-slug/").status_code == 404  # not before publication
    publishing.publish(release)
    response = client.get("/press-releases/old-slug/")
    assert response.status_code == 301
    assert response["Location"] == "/releases/imported/"


def test_legacy_url_follows_later_slug_changes(client):
    release = factories.release(slug="before", source_url="https://old.example.org/press-releases/legacy/")
    rename(release, "after")
    assert client.get("/press-releases/legacy/")["Location"] == "/releases/after/"


def test_legacy_url_that_points_at_our_own_paths_is_ignored(client):
    release = factories.release(slug="own-path", source_url="https://old.example.org/releases/something-else/")
    assert client.get("/releases/something-else/").status_code == 404
    assert client.get(release.get_absolute_url()).status_code == 200
