"""Revision history: a release is versioned with its quotes, signatories, resources and notes."""

import pytest
from django.urls import reverse
from reversion.models import Version

from releases.models import Release
from tests import factories
from tests.admin_helpers import (
    change_url,
    errors_of,
    form_data,
    new_release_data,
    post_confirming_paste,
    set_inline_rows,
)

pytestmark = pytest.mark.django_db


def make_release_in_admin(client):
    speaker = factories.person("Zenen Jaimez Perez")
    data = new_release_data(factories.organization(), slug="versioned", paste_signatories="Alpha, Beta")
    set_inline_rows(
        data,
        "quotes",
        [{"text": "First words.", "speaker": speaker.pk}, {"text": "Second words.", "speaker": speaker.pk}],
        start=0,
    )
    set_inline_rows(data, "resources", [{"kind": "video", "title": "The video", "url": "https://example.org/v"}], 0)
    response = post_confirming_paste(client, reverse("admin:releases_release_add"), data)
    assert response.status_code == 302, errors_of(response)
    return Release.objects.get(slug="versioned")


def snapshot(release):
    return {
        "title": Release.objects.get(pk=release.pk).title,
        "quotes": list(release.quotes.values_list("position", "text")),
        "signatories": list(release.signatories.values_list("organization__name", flat=True)),
        "resources": list(release.resources.values_list("title", flat=True)),
    }


def test_revert_brings_back_the_release_with_its_inlines(client, editor):
    release = make_release_in_admin(client)
    before = snapshot(release)
    assert before["quotes"] == [(1, "First words."), (2, "Second words.")]
    assert before["signatories"] == ["Alpha", "Beta"]
    first_version = Version.objects.get_for_object(release).last()

    data = form_data(client.get(change_url(release)))
    data["title"] = "Rewritten"
    data["quotes-0-text"] = "Changed words."
    data["quotes-1-DELETE"] = "on"
    data["signatories-0-DELETE"] = "on"
    data["resources-0-title"] = "Renamed video"
    data["paste_signatories"] = "Gamma"
    response = post_confirming_paste(client, change_url(release), data)
    assert response.status_code == 302, errors_of(response)
    after = snapshot(release)
    assert after == {
        "title": "Rewritten",
        "quotes": [(1, "Changed words.")],
        "signatories": ["Beta", "Gamma"],
        "resources": ["Renamed video"],
    }

    history = client.get(reverse("admin:releases_release_history", args=[release.pk]))
    assert history.status_code == 200
    revision_url = reverse("admin:releases_release_revision", args=[release.pk, first_version.pk])
    assert revision_url in history.content.decode()

    page = client.get(revision_url)  # shows the old version, changes nothing yet
    assert page.status_code == 200
    assert snapshot(release) == after
    response = client.post(revision_url, form_data(page))
    assert response.status_code == 302, errors_of(response)
    assert snapshot(release) == before


def test_a_deleted_release_can_be_recovered_with_its_parts(client, editor):
    release = make_release_in_admin(client)
    before = snapshot(release)
    pk = release.pk
    response = client.post(reverse("admin:releases_release_delete", args=[pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Release.objects.filter(pk=pk).exists()

    recover_list = client.get(reverse("admin:releases_release_recoverlist"))
    version = Version.objects.get_deleted(Release).get()
    recover_url = reverse("admin:releases_release_recover", args=[version.pk])
    assert recover_url in recover_list.content.decode()
    response = client.post(recover_url, form_data(client.get(recover_url)))
    assert response.status_code == 302, errors_of(response)
    assert snapshot(Release.objects.get(pk=pk)) == before


def test_a_major_edit_is_part_of_the_revision(client, editor):
    release = factories.release(state="published")
    data = form_data(client.get(change_url(release)))
    data.update(edit_kind="major", change_note="Added a quote.")
    assert client.post(change_url(release), data).status_code == 302
    version = Version.objects.get_for_object(release).first()
    models_in_revision = {v.content_type.model for v in version.revision.version_set.all()}
    assert "changenote" in models_in_revision
    assert version.field_dict["updated_at"] is not None


def test_a_nonsense_history_address_is_404(client, editor):
    url = reverse("admin:releases_release_revision", args=["not-a-number", 1])
    assert client.get(url).status_code == 404


def edit(client, release, **changes):
    data = form_data(client.get(change_url(release)))
    data.update(changes)
    response = client.post(change_url(release), data)
    assert response.status_code == 302, errors_of(response)
    release.refresh_from_db()
    return release


def revert(client, release, version, **changes):
    url = reverse("admin:releases_release_revision", args=[release.pk, version.pk])
    data = form_data(client.get(url))
    data.update(changes)
    return client.post(url, data)


def test_reverting_across_a_slug_change_keeps_both_addresses(client, editor):
    """Defect 4 of issue 12: the release's own old slug was refused as "another release's" address."""
    release = factories.release("Moving release", state="published", slug="first-address")
    edit(client, release, edit_kind="minor", title="Moving release, first edit")
    first = Version.objects.get_for_object(release).first()
    edit(client, release, edit_kind="minor", slug="second-address")

    response = revert(client, release, first, edit_kind="minor")
    assert response.status_code == 302, errors_of(response)
    release.refresh_from_db()
    assert release.slug == "first-address"
    client.logout()
    assert client.get("/releases/first-address/").status_code == 200
    moved = client.get("/releases/second-address/")
    assert (moved.status_code, moved["Location"]) == (301, "/releases/first-address/")


def test_reverting_a_correction_keeps_the_public_record(client, editor):
    """Defect 5 of issue 12: reverting to the revision before a major edit removed its change note
    and the "Updated" date; a revert of a published release is itself a recorded edit."""
    release = factories.release("Corrected release", state="published")
    edit(client, release, edit_kind="minor", title="Corrected release, as first saved")
    before_correction = Version.objects.get_for_object(release).first()
    edit(client, release, edit_kind="major", change_note="Corrected the number of signatories.", title="Fixed")
    updated = release.updated_at
    assert updated is not None

    response = revert(client, release, before_correction)
    assert response.status_code == 200
    assert "edit_kind" in errors_of(response)  # a revert of a published release is an edit like any other
    response = revert(client, release, before_correction, edit_kind="major", change_note="Reverted the correction.")
    assert response.status_code == 302, errors_of(response)
    release.refresh_from_db()
    assert release.title == "Corrected release, as first saved"
    assert list(release.change_notes.values_list("note", flat=True)) == [
        "Corrected the number of signatories.",
        "Reverted the correction.",
    ]
    assert release.updated_at > updated
    assert release.state == Release.State.PUBLISHED

    # A minor revert moves nothing public either.
    response = revert(client, release, before_correction, edit_kind="minor")
    assert response.status_code == 302, errors_of(response)
    release.refresh_from_db()
    assert release.change_notes.count() == 2 and release.updated_at is not None


def test_a_revert_does_not_change_whether_readers_see_the_release(client, editor):
    release = factories.release("Drafted then published", state="draft")
    edit(client, release, title="Drafted then published, edited")
    draft_version = Version.objects.get_for_object(release).first()
    from releases import publishing

    publishing.publish_now(release)
    response = revert(client, release, draft_version, edit_kind="minor")
    assert response.status_code == 302, errors_of(response)
    release.refresh_from_db()
    assert release.title == "Drafted then published, edited"
    assert release.state == Release.State.PUBLISHED


def test_change_notes_are_append_only_in_the_form(client, editor):
    release = factories.release(state="published")
    edit(client, release, edit_kind="major", change_note="First correction.")
    html = client.get(change_url(release)).content.decode()
    assert "First correction." in html
    assert 'name="change_notes-0-note"' not in html
    assert 'name="change_notes-0-DELETE"' not in html
