"""Writers draft; only Editors publish, schedule, withdraw, back-date or delete.

Each way in is tried: the form, the list actions, and POSTs crafted by hand.
"""

from datetime import timedelta

import pytest
import reversion
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from releases.models import Release
from tests import factories
from tests.admin_helpers import change_url, changelist_url, errors_of, form_data, login, new_release_data

pytestmark = pytest.mark.django_db


def test_a_writer_drafts_a_release(client, writer):
    issuer = factories.organization()
    response = client.post(reverse("admin:releases_release_add"), new_release_data(issuer, slug="writers-draft"))
    assert response.status_code == 302, errors_of(response)
    assert Release.objects.get(slug="writers-draft").state == Release.State.DRAFT


def test_a_writer_sees_publishing_fields_read_only(client, writer):
    release = factories.release(state="draft")
    response = client.get(change_url(release))
    fields = response.context["adminform"].form.fields
    for name in ("publish_at", "first_published_at", "withdrawal_reason"):
        assert name not in fields
    assert "title" in fields
    assert "An editor publishes" in response.content.decode()


def test_a_crafted_add_post_cannot_publish(client, writer):
    yesterday = timezone.now() - timedelta(days=1)
    data = new_release_data(
        factories.organization(),
        slug="sneaky",
        status="published",
        publish_at_0=yesterday.date().isoformat(),
        publish_at_1="10:00:00",
        first_published_at_0="2001-01-01",
        first_published_at_1="10:00:00",
    )
    refused = client.post(reverse("admin:releases_release_add"), {**data, "step": "publish_now"})
    assert refused.status_code == 200
    assert "That step is not open to you" in str(errors_of(refused))
    assert not Release.objects.filter(slug="sneaky").exists()
    response = client.post(reverse("admin:releases_release_add"), data)
    assert response.status_code == 302, errors_of(response)
    release = Release.objects.get(slug="sneaky")
    assert release.status == Release.Status.DRAFT
    assert release.publish_at is None
    assert release.first_published_at is None
    assert not Release.objects.public().exists()


def test_a_crafted_change_post_cannot_publish_a_draft(client, writer):
    release = factories.release(state="draft")
    data = form_data(client.get(change_url(release)))
    data.update(status="published", publish_at_0="2020-01-01", publish_at_1="10:00:00", title="Retitled")
    response = client.post(change_url(release), data)
    assert response.status_code == 302, errors_of(response)
    release.refresh_from_db()
    assert release.title == "Retitled"  # the edit itself is allowed
    assert release.status == Release.Status.DRAFT
    assert release.publish_at is None


@pytest.mark.parametrize("state", ["published", "scheduled", "withdrawn"])
def test_a_writer_cannot_change_what_has_left_draft(client, writer, state):
    release = factories.release(state=state, title="As the editor left it")
    response = client.get(change_url(release))
    assert response.status_code == 200  # read-only view
    assert "adminform" in response.context
    assert not response.context["has_change_permission"]

    data = {"title": "Rewritten by a writer", "status": "draft", "withdrawal_reason": ""}
    assert client.post(change_url(release), data).status_code == 403
    release.refresh_from_db()
    assert release.title == "As the editor left it"
    assert release.state == state


def test_a_writer_has_no_publishing_actions(client, writer):
    factories.release(state="draft")
    action_form = client.get(changelist_url()).context["action_form"]
    actions = [value for value, _label in action_form.fields["action"].choices] if action_form else []
    assert not {"publish_selected", "unpublish_selected", "withdraw_selected", "delete_selected"} & set(actions)


@pytest.mark.parametrize(
    ("action", "state", "extra"),
    [
        ("publish_selected", "draft", {}),
        ("unpublish_selected", "scheduled", {}),
        ("withdraw_selected", "published", {"apply": "Withdraw", "reason": "Because I say so."}),
        ("delete_selected", "draft", {"post": "yes"}),
    ],
)
def test_a_crafted_action_post_is_refused(client, writer, action, state, extra):
    release = factories.release(state=state)
    client.post(changelist_url(), {"action": action, "_selected_action": [release.pk], **extra})
    release.refresh_from_db()  # still there
    assert release.state == state


def test_a_writer_cannot_delete_a_release(client, writer):
    release = factories.release(state="draft")
    assert client.post(reverse("admin:releases_release_delete", args=[release.pk]), {"post": "yes"}).status_code == 403
    assert Release.objects.filter(pk=release.pk).exists()


def test_a_writer_cannot_revert_to_a_published_version(client, writer):
    release = factories.release(state="draft")
    with reversion.create_revision():
        release.status = Release.Status.PUBLISHED
        release.publish_at = release.first_published_at = timezone.now() - timedelta(hours=1)
        release.save()
    published_version = Version.objects.get_for_object(release).first()
    Release.objects.filter(pk=release.pk).update(status=Release.Status.DRAFT)
    url = reverse("admin:releases_release_revision", args=[release.pk, published_version.pk])
    assert client.post(url, {}).status_code == 403
    release.refresh_from_db()
    assert release.status == Release.Status.DRAFT


def test_a_writer_cannot_recover_a_deleted_published_release(client, writer):
    release = factories.release(state="published")
    with reversion.create_revision():
        release.save()
    version = Version.objects.get_for_object(release).first()
    release.delete()
    assert client.post(reverse("admin:releases_release_recover", args=[version.pk]), {}).status_code == 403
    assert not Release.objects.exists()


def test_an_editor_can_do_what_a_writer_cannot(client):
    login(client, "Editor")
    release = factories.release(state="draft")
    data = form_data(client.get(change_url(release)))
    data["step"] = "publish_now"
    assert client.post(change_url(release), data).status_code == 302
    release.refresh_from_db()
    assert release.is_public()
    response = client.post(reverse("admin:releases_release_delete", args=[release.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Release.objects.filter(pk=release.pk).exists()


def test_the_groups_hold_the_permission_split(django_user_model):
    from django.contrib.auth.models import Group

    writer = Group.objects.get(name="Writer").permissions.values_list("codename", flat=True)
    editor = Group.objects.get(name="Editor").permissions.values_list("codename", flat=True)
    assert "publish_release" not in writer
    assert "delete_release" not in writer
    assert {"publish_release", "delete_release", "add_release", "change_release"} <= set(editor)


def test_a_writer_still_edits_a_release_waiting_for_review_with_its_parts(client, writer):
    from releases import publishing

    release = factories.release(state="draft")
    factories.quote(release, text="First words.")
    publishing.submit_for_review(release, by=writer)
    response = client.get(change_url(release))
    assert response.context["has_change_permission"]
    quotes = next(i for i in response.context["inline_admin_formsets"] if i.formset.prefix == "quotes")
    assert quotes.has_change_permission
    data = form_data(response)
    data["quotes-0-text"] = "Better words."
    assert client.post(change_url(release), data).status_code == 302
    release.refresh_from_db()
    assert release.state == Release.State.REVIEW
    assert release.quotes.get().text == "Better words."
