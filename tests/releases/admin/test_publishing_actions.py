"""Editing and publishing in the release admin: major and minor edits, schedules, back-dating,
withdrawal, and the links to the public page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from releases.models import ChangeNote, Release
from tests import factories
from tests.admin_helpers import (
    change_url,
    errors_of,
    form_data,
)

pytestmark = pytest.mark.django_db


def test_a_major_edit_needs_a_note_and_adds_it(client, editor):
    release = factories.release(state="published")
    data = form_data(client.get(change_url(release)))
    data["title"] = "Corrected title"
    data["edit_kind"] = "major"
    response = client.post(change_url(release), data)
    assert response.status_code == 200
    assert "change_note" in errors_of(response)

    data["change_note"] = "Corrected the title."
    response = client.post(change_url(release), data)
    assert response.status_code == 302, errors_of(response)
    release.refresh_from_db()
    assert release.title == "Corrected title"
    assert release.updated_at is not None
    assert list(ChangeNote.objects.filter(release=release).values_list("note", flat=True)) == ["Corrected the title."]


def test_a_minor_edit_moves_nothing(client, editor):
    release = factories.release(state="published")
    first_published = release.first_published_at
    data = form_data(client.get(change_url(release)))
    response = client.post(change_url(release), data)
    assert response.status_code == 200
    assert "edit_kind" in errors_of(response)  # a public release's edit must say what kind it is

    data.update(title="Typo fixed", edit_kind="minor")
    response = client.post(change_url(release), data)
    assert response.status_code == 302, errors_of(response)
    release.refresh_from_db()
    assert release.title == "Typo fixed"
    assert release.updated_at is None
    assert release.first_published_at == first_published
    assert not release.change_notes.exists()


def test_drafts_are_not_asked_the_kind_of_edit(client, editor):
    release = factories.release(state="draft")
    response = client.get(change_url(release))
    assert "edit_kind" not in response.context["adminform"].form.fields


def test_a_live_release_cannot_go_back_to_draft_or_into_the_future(client, editor):
    release = factories.release(state="published")
    data = form_data(client.get(change_url(release)))
    data.update(status="draft", edit_kind="minor")
    assert "status" in errors_of(client.post(change_url(release), data))
    data = form_data(client.get(change_url(release)))
    later = timezone.now() + timedelta(days=3)
    data.update(publish_at_0=later.date().isoformat(), publish_at_1="12:00:00", edit_kind="minor")
    assert "publish_at" in errors_of(client.post(change_url(release), data))
    release.refresh_from_db()
    assert release.is_public()


def test_an_editor_schedules_and_back_dates(client, editor):
    release = factories.release(state="draft")
    data = form_data(client.get(change_url(release)))
    later = timezone.now() + timedelta(days=2)
    data.update(status="published", publish_at_0=later.date().isoformat(), publish_at_1="09:00:00")
    assert client.post(change_url(release), data).status_code == 302
    release.refresh_from_db()
    assert release.state == Release.State.SCHEDULED
    assert not Release.objects.public().filter(pk=release.pk).exists()

    imported = factories.release(state="draft")
    data = form_data(client.get(change_url(imported)))
    data.update(
        status="published",
        publish_at_0="2015-06-01",
        publish_at_1="10:00:00",
        first_published_at_0="2015-06-01",
        first_published_at_1="10:00:00",
    )
    response = client.post(change_url(imported), data)
    assert response.status_code == 302, errors_of(response)
    imported.refresh_from_db()
    assert imported.first_published_at.year == 2015
    assert imported.is_public()


def test_withdrawing_in_the_form_needs_a_public_reason(client, editor):
    release = factories.release(state="published")
    data = form_data(client.get(change_url(release)))
    data["status"] = "withdrawn"
    response = client.post(change_url(release), data)
    assert "withdrawal_reason" in errors_of(response)
    data["withdrawal_reason"] = "Issued in error."
    assert client.post(change_url(release), data).status_code == 302
    release.refresh_from_db()
    assert release.state == Release.State.WITHDRAWN
    assert release.withdrawn_at is not None


# --- Links to the public page ----------------------------------------------------


def test_view_on_site_only_for_a_page_readers_can_reach(client, editor):
    public = factories.release(state="published")
    draft = factories.release(state="draft")
    html = client.get(change_url(public)).content.decode()
    assert public.get_absolute_url() in html
    assert "View on site" in html
    html = client.get(change_url(draft)).content.decode()
    assert "View on site" not in html
    assert f'href="{draft.get_absolute_url()}"' in html
    assert "DRAFT: readers cannot see this release yet" in html
    scheduled = factories.release(state="scheduled")
    assert "SCHEDULED: readers cannot see this release yet; it goes live by itself at" in (
        client.get(change_url(scheduled)).content.decode()
    )
