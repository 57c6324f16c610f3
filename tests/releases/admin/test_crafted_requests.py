"""The admin under requests crafted by hand.

It refuses anonymous and Writer POSTs it never offered, and answers malformed
ids with 3xx/4xx. What test_permissions already tries is not repeated here.
"""

import pytest
import reversion
from django.contrib.auth.models import Permission, User
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from releases import publishing
from releases.models import Organization, Person, Release, Topic
from tests import factories
from tests.admin_helpers import add_url, change_url, changelist_url, form_data, new_release_data, staff
from tests.factories import draft_with_text

pytestmark = pytest.mark.django_db


def editor_client():
    client = Client()
    client.force_login(staff("Editor"))
    return client


# --- The admin under crafted requests ------------------------------------------------------


def admin_requester(kind):
    client = Client()
    if kind == "member with every release permission":
        # Not staff: the permissions alone must not open the admin.
        user = User.objects.create_user("not-staff", password="x")
        user.user_permissions.add(*Permission.objects.filter(content_type__app_label="releases"))
        client.force_login(user)
    elif kind == "forged session cookie":
        client.cookies["sessionid"] = "forged" * 6
    return client


@pytest.mark.parametrize("kind", ["anonymous", "forged session cookie", "member with every release permission"])
def test_admin_posts_without_a_staff_login_change_nothing(kind):
    draft = draft_with_text("Admin target draft")
    live = factories.release("Admin target live")
    with reversion.create_revision():
        draft.save()
    version = Version.objects.get_for_object(draft).first()
    count = Release.objects.count()
    client = admin_requester(kind)
    posts = [
        (add_url(), new_release_data(factories.organization(), slug="made-without-login")),
        (change_url(draft), {"title": "Defaced", "status": "published"}),
        (reverse("admin:releases_release_delete", args=[draft.pk]), {"post": "yes"}),
        (changelist_url(), {"action": "publish_selected", "_selected_action": [draft.pk]}),
        (changelist_url(), {"action": "delete_selected", "_selected_action": [draft.pk, live.pk], "post": "yes"}),
        (
            changelist_url(),
            {"action": "withdraw_selected", "_selected_action": [live.pk], "apply": "1", "reason": "Hacked."},
        ),
        (reverse("admin:releases_release_revision", args=[draft.pk, version.pk]), {"title": "Reverted"}),
        (reverse("admin:releases_release_recover", args=[version.pk]), {"title": "Recovered"}),
    ]
    login_url = reverse("admin:login")
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code == 302, (url, response.status_code)
        assert response["Location"].startswith(login_url), (url, response["Location"])
    assert Release.objects.count() == count
    assert not Release.objects.filter(slug="made-without-login").exists()
    draft.refresh_from_db()
    live.refresh_from_db()
    assert (draft.title, draft.state) == ("Admin target draft", Release.State.DRAFT)
    assert (live.title, live.state) == ("Admin target live", Release.State.PUBLISHED)


@pytest.fixture
def writer_client():
    client = Client()
    client.force_login(staff("Writer"))
    return client


def test_a_writer_cannot_revert_one_release_through_anothers_history(writer_client):
    alpha = draft_with_text("Alpha as it stands")
    bravo = draft_with_text("Bravo as it stands")
    with reversion.create_revision():
        bravo.title = "Bravo as versioned"
        bravo.save()
    Release.objects.filter(pk=bravo.pk).update(title="Bravo as it stands")
    bravo_version = Version.objects.get_for_object(bravo).first()
    own_url = reverse("admin:releases_release_revision", args=[bravo.pk, bravo_version.pk])
    data = form_data(editor_client().get(own_url))
    url = reverse("admin:releases_release_revision", args=[alpha.pk, bravo_version.pk])
    assert writer_client.get(url).status_code == 404
    assert writer_client.post(url, data).status_code == 404
    alpha.refresh_from_db()
    bravo.refresh_from_db()
    assert alpha.title == "Alpha as it stands"
    assert bravo.title == "Bravo as it stands"


def test_a_writer_cannot_revert_a_bulk_revision_that_holds_a_live_release(writer_client):
    """A list action saves every release it touched in one revision, and reverting restores all of it."""
    editor = editor_client()
    alpha = factories.release("Alpha, back to draft", state="scheduled")
    bravo = factories.release("Bravo, since published", state="scheduled")
    editor.post(changelist_url(), {"action": "unpublish_selected", "_selected_action": [alpha.pk, bravo.pk]})
    editor.post(changelist_url(), {"action": "publish_selected", "_selected_action": [bravo.pk]})
    bravo.refresh_from_db()
    assert bravo.is_public()
    version = Version.objects.get_for_object(alpha).first()
    assert version.field_dict["status"] == Release.Status.DRAFT
    assert version.revision.version_set.count() == 2  # alpha and bravo, both as drafts

    url = reverse("admin:releases_release_revision", args=[alpha.pk, version.pk])
    data = form_data(editor.get(url))  # what the revert form would post, were it offered
    assert writer_client.get(url).status_code == 403
    assert writer_client.post(url, data).status_code == 403
    bravo.refresh_from_db()
    assert bravo.is_public()  # a Writer cannot take a live release down


def test_a_writer_cannot_recover_an_old_draft_over_a_live_release(writer_client):
    """Recovering does not check that the release was deleted: it would overwrite the live row."""
    editor = editor_client()
    release = factories.release("Once a draft, now live", state="draft")
    with reversion.create_revision():
        release.save()
    draft_version = Version.objects.get_for_object(release).first()
    publishing.publish(release)
    url = reverse("admin:releases_release_recover", args=[draft_version.pk])
    data = form_data(editor.get(url))
    assert writer_client.get(url).status_code == 403
    assert writer_client.post(url, data).status_code == 403
    release.refresh_from_db()
    assert release.is_public()


def test_a_writer_cannot_even_open_the_revert_form_of_a_published_version(writer_client):
    release = factories.release("Published, then drafted by hand", state="draft")
    with reversion.create_revision():
        publishing.publish(release)
    version = Version.objects.get_for_object(release).first()
    Release.objects.filter(pk=release.pk).update(status=Release.Status.DRAFT)
    url = reverse("admin:releases_release_revision", args=[release.pk, version.pk])
    response = writer_client.get(url)
    assert response.status_code == 403
    release.refresh_from_db()
    assert release.status == Release.Status.DRAFT


BAD_IDS = ["abc", "-1", "0", "1.5", "99999999999999999999", "1%00", "%27%20OR%201=1", "..%2F", "%C3%A9", "%20"]


@pytest.mark.parametrize("group", ["Editor", "Writer"])
def test_malformed_object_ids_answer_3xx_or_4xx(group):
    client = Client(raise_request_exception=False)
    client.force_login(staff(group))
    release = factories.release("Untouched by bad ids", state="draft")
    with reversion.create_revision():
        release.save()
    base = changelist_url()
    failures = []
    for bad in BAD_IDS:
        for url in (
            f"{base}{bad}/change/",
            f"{base}{bad}/delete/",
            f"{base}{bad}/history/",
            f"{base}{bad}/history/1/",
            f"{base}{release.pk}/history/{bad}/",
            f"{base}recover/{bad}/",
            f"{base}{bad}/",
        ):
            for response in (client.get(url), client.post(url, {"post": "yes", "title": "Changed"})):
                if not 300 <= response.status_code < 500:
                    failures.append((response.status_code, response.request["REQUEST_METHOD"], url))
    for url in (f"{base}{release.pk}/history/99999999999999999999/", f"{base}recover/99999999999999999999/"):
        status = client.get(url).status_code
        if status != 404:
            failures.append((status, "GET", url))
    assert failures == []
    release.refresh_from_db()
    assert release.title == "Untouched by bad ids"


DIRECTORY = {
    "release": lambda: factories.release(state="draft"),
    "organization": factories.organization,
    "person": factories.person,
    "topic": factories.topic,
}
MODELS = {"release": Release, "organization": Organization, "person": Person, "topic": Topic}


@pytest.mark.parametrize("model", sorted(DIRECTORY))
@pytest.mark.parametrize(
    "selected",
    [["abc"], ["{pk}", "abc"], ["1.5"], [""], ["\u0661"], ["-1"], ["99999999999999999999"]],
    ids=["letters", "real-and-letters", "decimal", "empty", "arabic-indic-one", "negative", "too-large"],
)
def test_crafted_selected_ids_in_a_list_action_are_refused_not_500(model, selected):
    """An Editor may delete, so only the ids stand between the POST and the rows."""
    client = Client(raise_request_exception=False)
    client.force_login(staff("Editor"))
    row = DIRECTORY[model]()
    ids = [value.format(pk=row.pk) for value in selected]
    url = reverse(f"admin:releases_{model}_changelist")
    response = client.post(url, {"action": "delete_selected", "_selected_action": ids, "post": "yes"})
    assert 300 <= response.status_code < 500, response.status_code
    assert MODELS[model].objects.filter(pk=row.pk).exists()
