"""The publishing workflow's verbs (releases.publishing): which state each leads to, which
states refuse it, and the Editors told by email when a Writer submits a release for review."""

from datetime import timedelta

import pytest
from django.utils import timezone

from releases import publishing
from releases.models import Release
from tests import factories
from tests.admin_helpers import staff

pytestmark = pytest.mark.django_db


def test_a_draft_goes_through_review_to_a_schedule_and_live_by_itself(committing):
    writer = staff("Writer")
    release = factories.release(state="draft")
    committing(publishing.submit_for_review, release, by=writer)
    assert release.state == Release.State.REVIEW
    assert release.submitted_by == writer and release.submitted_at is not None
    assert not Release.objects.at_permalink().filter(pk=release.pk).exists()

    at = timezone.now() + timedelta(hours=2)
    publishing.schedule(release, at)
    assert release.state == Release.State.SCHEDULED
    assert release.first_published_at == at
    moment = timezone.now()  # as if its time had come
    Release.objects.filter(pk=release.pk).update(publish_at=moment, first_published_at=moment)
    release.refresh_from_db()
    assert release.state == Release.State.PUBLISHED

    publishing.withdraw(release, "Issued in error.")
    assert release.state == Release.State.WITHDRAWN
    publishing.publish_now(release)  # republished, first publication kept
    assert release.state == Release.State.PUBLISHED


@pytest.mark.parametrize(
    ("state", "verb"),
    [
        ("published", lambda r: publishing.schedule(r, timezone.now() + timedelta(days=1))),
        ("published", publishing.publish_now),
        ("published", publishing.unpublish),
        ("withdrawn", publishing.unpublish),
        ("draft", publishing.unpublish),
        ("draft", lambda r: publishing.withdraw(r, "Why")),
        ("scheduled", lambda r: publishing.withdraw(r, "Why")),
        ("published", publishing.submit_for_review),
        ("draft", lambda r: publishing.schedule(r, timezone.now() - timedelta(minutes=1))),
        ("draft", lambda r: publishing.schedule(r, None)),
        ("published", lambda r: publishing.withdraw(r, "  ")),
    ],
)
def test_a_verb_the_state_does_not_allow_changes_nothing(state, verb):
    release = factories.release(state=state)
    before = Release.objects.filter(pk=release.pk).values().get()
    with pytest.raises(publishing.NotAllowed):
        verb(release)
    assert Release.objects.filter(pk=release.pk).values().get() == before


def test_unpublish_sends_review_and_schedules_back_to_draft():
    for state in ("scheduled", "draft"):
        release = factories.release(state=state)
        if state == "draft":
            publishing.submit_for_review(release)
        publishing.unpublish(release)
        assert release.state == Release.State.DRAFT


def test_the_editors_are_emailed_when_a_writer_submits(committing, smtp_server):
    writer = staff("Writer")
    writer.first_name, writer.last_name = "Ana", "Writer"
    writer.save()
    editor = staff("Editor")
    editor.email = "editor@pressroom.test"
    editor.save()
    staff("Editor")  # no email address: not mailed
    release = factories.release("Clinic hours extended", state="draft")
    committing(publishing.submit_for_review, release, by=writer)
    [received] = smtp_server.wait_for(1)
    assert received.rcpt_tos == ["editor@pressroom.test"]
    message = received.message
    assert message["Subject"] == "For review: Clinic hours extended"
    body = message.get_content()
    assert "Ana Writer submitted a release for review" in body
    assert f"/releases/release/{release.pk}/change/" in body


def test_nothing_is_mailed_for_a_submission_that_rolls_back(smtp_server):
    editor = staff("Editor")
    editor.email = "editor@pressroom.test"
    editor.save()
    publishing.submit_for_review(factories.release(state="draft"))  # never committed (the test's transaction)
    assert smtp_server.messages == []


def test_a_mail_server_that_is_away_does_not_stop_the_submission(committing, settings, smtp_server, caplog):
    editor = staff("Editor")
    editor.email = "editor@pressroom.test"
    editor.save()
    settings.EMAIL_PORT = 1  # nothing listens there
    release = factories.release(state="draft")
    committing(publishing.submit_for_review, release)
    assert release.state == Release.State.REVIEW
    assert "not emailed" in caplog.text
