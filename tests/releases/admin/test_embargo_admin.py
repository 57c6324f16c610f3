"""Embargo recipients and preview links on the release form (issue 15, issue 12 defect 8): a
scheduled release is shared with journalists, each emailed a personal link once, their openings
shown to the editors there and in the embargo list; a preview link added blank is never lost."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from releases import publishing
from releases.models import PreviewLink
from tests import factories
from tests.admin_helpers import change_url, errors_of, form_data, set_inline_rows
from worker.runner import drain

pytestmark = pytest.mark.django_db

EMPTY_TIME = {"expires_at_0": "", "expires_at_1": ""}


def recipients(*people):
    return [{"recipient_name": n, "recipient_outlet": o, "recipient_email": e, **EMPTY_TIME} for n, o, e in people]


def test_an_editor_shares_a_scheduled_release_and_sees_who_opened_it(client, editor, smtp_server, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    release = factories.release("Shared budget", state="scheduled")
    data = form_data(client.get(change_url(release)))
    people = recipients(("Ana Ruiz", "El Diario", "ana@example.org"), ("Bo Chen", "Wire", "bo@example.org"))
    set_inline_rows(data, "embargo_recipients", people)
    response = client.post(change_url(release), data)
    assert response.status_code == 302, errors_of(response)
    ana, bo = release.preview_links.order_by("recipient_name")
    assert ana.created_by == editor and ana.recipient == "Ana Ruiz (El Diario)"
    drain()  # the nudge the save queued
    assert sorted(m.rcpt_tos[0] for m in smtp_server.messages) == ["ana@example.org", "bo@example.org"]

    client.logout()
    client.get(ana.get_absolute_url(), HTTP_X_FORWARDED_FOR="203.0.113.5")
    client.force_login(editor)
    page = client.get(change_url(release)).content.decode()
    assert "1 time, last" in page  # Ana's row
    assert "203.0.113.5" in page and "Ana Ruiz (El Diario)" in page  # the openings log
    assert page.count("Not yet") == 1  # Bo's row
    listing = client.get(reverse("admin:releases_release_embargoes")).content.decode()
    assert "Shared budget" in listing
    assert "Ana Ruiz (El Diario):" in listing and "opened 1 time" in listing
    assert "Bo Chen (Wire):" in listing and "not opened" in listing


def test_recipients_are_offered_only_on_a_scheduled_release(client, editor):
    draft = factories.release(state="draft")
    response = client.get(change_url(draft))
    assert "embargo_recipients-TOTAL_FORMS" not in response.content.decode()
    # A hand-made POST with recipients on a draft makes none.
    data = form_data(response)
    set_inline_rows(data, "embargo_recipients", recipients(("Ana", "", "ana@example.org")))
    client.post(change_url(draft), data)
    assert not PreviewLink.objects.for_recipients().exists()


def test_a_journalist_twice_and_an_expiry_after_the_embargo_are_form_errors(client, editor):
    release = factories.release(state="scheduled")
    data = form_data(client.get(change_url(release)))
    set_inline_rows(
        data, "embargo_recipients", recipients(("Ana", "", "ana@example.org"), ("Ana again", "", "ANA@example.org"))
    )
    response = client.post(change_url(release), data)
    assert response.status_code == 200
    assert "has a link for this release already" in str(errors_of(response))
    later = timezone.localtime(release.publish_at + timedelta(days=1))
    data = form_data(client.get(change_url(release)))
    row = recipients(("Ana", "", "ana@example.org"))[0]
    row.update(expires_at_0=later.strftime("%Y-%m-%d"), expires_at_1=later.strftime("%H:%M:%S"))
    set_inline_rows(data, "embargo_recipients", [row])
    response = client.post(change_url(release), data)
    assert response.status_code == 200
    assert "After the embargo lifts" in str(errors_of(response))
    assert not release.preview_links.exists()


def test_a_recipient_is_revoked_not_deleted(client, editor):
    release = factories.release(state="scheduled")
    link = PreviewLink.objects.create(release=release, recipient_name="Ana", recipient_email="ana@example.org")
    data = form_data(client.get(change_url(release)))
    assert "embargo_recipients-0-DELETE" not in data
    data["embargo_recipients-0-revoke"] = "on"
    assert client.post(change_url(release), data).status_code == 302
    link.refresh_from_db()
    assert link.revoked_at is not None
    assert client.get(link.get_absolute_url()).status_code == 410


def test_a_preview_link_added_blank_is_made_with_a_default_label(client, editor, settings):
    """Issue 12, defect 8: "Add another preview link" with the label blank saved nothing and said nothing."""
    settings.TIME_ZONE = "America/New_York"
    release = factories.release(state="draft")
    data = form_data(client.get(change_url(release)))
    set_inline_rows(data, "preview_links", [{"label": "", **EMPTY_TIME}])
    assert client.post(change_url(release), data).status_code == 302
    link = release.preview_links.get()
    assert link.label.startswith("Preview link of ") and link.label.endswith(("EST", "EDT"))
    page = client.get(change_url(release)).content.decode()
    assert 'class="shared-link" href="http' in page and link.get_absolute_url() in page
    assert "js/copy_link" in page


def test_a_preview_link_expires(client, editor):
    release = factories.release(state="draft")
    soon = timezone.localtime(timezone.now() + timedelta(hours=2))
    data = form_data(client.get(change_url(release)))
    row = {"label": "Colleague", "expires_at_0": soon.strftime("%Y-%m-%d"), "expires_at_1": soon.strftime("%H:%M:%S")}
    set_inline_rows(data, "preview_links", [row])
    assert client.post(change_url(release), data).status_code == 302
    link = release.preview_links.get()
    assert link.expires_at is not None
    assert client.get(link.get_absolute_url()).status_code == 200
    PreviewLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(link.get_absolute_url()).status_code == 410
    past = timezone.localtime(timezone.now() - timedelta(hours=2))
    data = form_data(client.get(change_url(release)))
    row = {"label": "Late", "expires_at_0": past.strftime("%Y-%m-%d"), "expires_at_1": past.strftime("%H:%M:%S")}
    set_inline_rows(data, "preview_links", [row])
    response = client.post(change_url(release), data)
    assert response.status_code == 200 and "This time has passed" in str(errors_of(response))


def test_the_sharing_inlines_sit_right_after_publishing(client, editor):
    release = factories.release(state="scheduled")
    PreviewLink.objects.create(release=release, label="AP")
    page = client.get(change_url(release)).content.decode()
    publishing_at = page.index(">Publishing</")
    assert publishing_at < page.index('id="embargo_recipients-group"') < page.index('id="preview_links-group"')
    assert page.index('id="preview_links-group"') < page.index("Who opened the shared links")


def test_the_embargo_list_shows_only_what_is_under_embargo(client, editor):
    factories.release("Scheduled one", state="scheduled")
    factories.release("Published one")
    factories.release("Draft one", state="draft")
    later = factories.release("Back to draft", state="scheduled")
    publishing.unpublish(later)
    page = client.get(reverse("admin:releases_release_embargoes")).content.decode()
    assert "Scheduled one" in page
    for title in ("Published one", "Draft one", "Back to draft"):
        assert title not in page
    changelist = client.get(reverse("admin:releases_release_changelist")).content.decode()
    assert reverse("admin:releases_release_embargoes") in changelist
