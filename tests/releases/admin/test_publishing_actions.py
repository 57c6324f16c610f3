"""Editing and publishing in the release admin: major and minor edits, schedules, back-dating,
withdrawal, and the links to the public page."""

from datetime import timedelta

import pytest
from django.urls import reverse
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
    data.update(step="unpublish", edit_kind="minor")
    assert "That step is not open to you" in str(errors_of(client.post(change_url(release), data)))
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
    data.update(step="schedule", publish_at_0=later.date().isoformat(), publish_at_1="09:00:00")
    assert client.post(change_url(release), data).status_code == 302
    release.refresh_from_db()
    assert release.state == Release.State.SCHEDULED
    assert not Release.objects.public().filter(pk=release.pk).exists()

    imported = factories.release(state="draft")
    data = form_data(client.get(change_url(imported)))
    data["step"] = "publish_now"
    assert client.post(change_url(imported), data).status_code == 302
    data = form_data(client.get(change_url(imported)))  # first published appears once it applies
    data.update(edit_kind="minor", first_published_at_0="2015-06-01", first_published_at_1="10:00:00")
    response = client.post(change_url(imported), data)
    assert response.status_code == 302, errors_of(response)
    imported.refresh_from_db()
    assert imported.first_published_at.year == 2015
    assert imported.is_public()


def test_withdrawing_from_the_form_asks_for_a_public_reason(client, editor):
    release = factories.release(state="published")
    url = reverse("admin:releases_release_withdraw", args=[release.pk])
    assert f'href="{url}"' in client.get(change_url(release)).content.decode()
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200 and response.context["form"].errors["reason"]
    response = client.post(url, {"reason": "Issued in error."})
    assert response.status_code == 302
    release.refresh_from_db()
    assert release.state == Release.State.WITHDRAWN
    assert release.withdrawn_at is not None and release.withdrawal_reason == "Issued in error."


def test_an_embargoed_release_has_no_withdraw_step(client, editor):
    """Defect 0 of issue 12, in the form: a release readers have not seen goes back to draft instead."""
    scheduled = factories.release(state="scheduled")
    html = client.get(change_url(scheduled)).content.decode()
    assert "Withdraw…" not in html
    assert 'name="step" value="unpublish"' in html
    response = client.post(reverse("admin:releases_release_withdraw", args=[scheduled.pk]), {"reason": "Why"})
    assert response.status_code == 302
    scheduled.refresh_from_db()
    assert scheduled.state == Release.State.SCHEDULED


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


# --- Defect 1 of issue 12: the newsroom's time, and no publishing in the past by mistake ----


def messages_of(response):
    from django.contrib.messages import get_messages

    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def test_a_time_that_has_passed_never_publishes_an_unseen_release(client, editor, settings):
    """Typed as local time in a browser five hours behind the server, 07:17 was read as 07:17 UTC:
    the embargoed release went out at once, back-dated. Now the time is refused, with its zone."""
    settings.TIME_ZONE = "UTC"
    release = factories.release("Embargoed statement", state="draft")
    typed = timezone.localtime(timezone.now() - timedelta(hours=5) + timedelta(minutes=2))
    data = form_data(client.get(change_url(release)))
    # The old form's "Published" status, and the new form's "Schedule" button: neither may publish it.
    data.update(
        status="published",
        step="schedule",
        publish_at_0=typed.date().isoformat(),
        publish_at_1=typed.strftime("%H:%M:%S"),
    )
    response = client.post(change_url(release), data)
    assert response.status_code == 200
    error = " ".join(errors_of(response)["publish_at"])
    assert f"{typed:%H:%M} UTC has passed" in error and "Publish now" in error
    release.refresh_from_db()
    assert release.state == Release.State.DRAFT
    client.logout()
    assert client.get(release.get_absolute_url()).status_code == 404


def test_times_are_the_newsrooms_beside_every_field_and_in_every_message(client, editor, settings):
    settings.TIME_ZONE = "America/New_York"
    release = factories.release("Scheduled statement", state="draft")
    page = client.get(change_url(release))
    assert 'class="timezone-label">New York time (E' in page.content.decode()  # EST or EDT, as the season says
    later = timezone.localtime(timezone.now() + timedelta(days=2)).replace(hour=12, minute=17, second=0)
    data = form_data(page)
    data.update(step="schedule", publish_at_0=later.date().isoformat(), publish_at_1="12:17:00")
    response = client.post(change_url(release), data, follow=True)
    zone = later.strftime("%Z")
    assert f"Scheduled for {later.day} {later:%b %Y}, 12:17 {zone}: it goes live by itself then." in (
        messages_of(response)
    )
    release.refresh_from_db()
    assert release.state == Release.State.SCHEDULED

    data = form_data(client.get(change_url(release)))
    data["step"] = "publish_now"
    response = client.post(change_url(release), data, follow=True)
    assert "Published now (" in messages_of(response), errors_of(response)
    release.refresh_from_db()
    assert release.state == Release.State.PUBLISHED


def test_a_draft_saves_as_a_draft_and_says_so(client, editor):
    release = factories.release("Still a draft", state="draft")
    response = client.post(change_url(release), form_data(client.get(change_url(release))), follow=True)
    assert "Saved as draft." in messages_of(response)
    assert "was changed successfully" not in messages_of(response)


def test_a_writer_submits_for_review_and_the_editors_see_it(client, writer, committing):
    release = factories.release("For the editors", state="draft")
    page = client.get(change_url(release))
    assert 'name="step" value="submit"' in page.content.decode()
    assert 'value="publish_now"' not in page.content.decode()
    data = form_data(page)
    data["step"] = "submit"
    response = committing(client.post, change_url(release), data, follow=True)
    assert "Submitted for review" in messages_of(response)
    release.refresh_from_db()
    assert release.state == Release.State.REVIEW and release.submitted_by == writer
    # Still the writer's to edit while it waits; the editors find it on the admin's front page.
    assert client.get(change_url(release)).context["has_change_permission"]
    from tests.admin_helpers import login

    login(client, "Editor")
    index = client.get(reverse("admin:index")).content.decode()
    assert "Waiting for review" in index and "For the editors" in index
