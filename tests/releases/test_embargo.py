"""Embargo links by email: each recipient of a scheduled release gets their personal link once,
through a real SMTP server and the worker; drafts, revoked and expired links are never sent."""

import threading
from datetime import timedelta

import pytest
from django.db import connections, transaction
from django.utils import timezone

from releases import embargo, publishing
from releases.models import PreviewLink
from tests import factories
from tests.alerts.helpers import links, text_of
from worker.runner import drain

pytestmark = pytest.mark.django_db


def recipient(release, email, name="Ana Ruiz", outlet="El Diario", **kwargs):
    return PreviewLink.objects.create(
        release=release, recipient_name=name, recipient_outlet=outlet, recipient_email=email, **kwargs
    )


def test_each_recipient_gets_their_own_link_once(client, smtp_server, settings):
    settings.TIME_ZONE = "America/New_York"
    release = factories.release("Budget under embargo", state="scheduled", subtitle="The deck line")
    ana = recipient(release, "ana@example.org")
    bo = recipient(release, "bo@example.org", name="Bo Chen", outlet="Wire")
    embargo.send_links.enqueue(release.pk)  # the admin's nudge
    drain()
    drain()  # the duty finds nothing left: nothing twice
    assert len(smtp_server.messages) == 2
    by_address = {m.rcpt_tos[0]: m.message for m in smtp_server.messages}
    message = by_address["ana@example.org"]
    until = timezone.localtime(release.publish_at).strftime("%H:%M")
    assert message["Subject"].startswith("Embargoed until ") and until in message["Subject"]
    assert message["Subject"].endswith(": Budget under embargo")
    assert message["Message-ID"].startswith(f"<embargo.{ana.pk}@")
    text = text_of(message)
    assert "Dear Ana Ruiz" in text and "The deck line" in text and "New York time" in text
    [path] = links(message, "/preview/")
    assert path == ana.get_absolute_url()
    assert bo.token not in text
    assert "Budget under embargo" in client.get(path).content.decode()
    ana.refresh_from_db()
    assert ana.emailed_at is not None


def test_drafts_revoked_and_expired_links_are_never_emailed(smtp_server):
    draft = factories.release("Draft never shared", state="draft")
    recipient(draft, "draft@example.org")
    scheduled = factories.release("Scheduled one", state="scheduled")
    recipient(scheduled, "revoked@example.org", revoked_at=timezone.now())
    recipient(scheduled, "expired@example.org", expires_at=timezone.now() - timedelta(minutes=1))
    public = factories.release("Already public")
    recipient(public, "late@example.org")
    review = factories.release("In review", state="scheduled")
    recipient(review, "review@example.org")
    publishing.unpublish(review)
    drain()
    assert smtp_server.messages == []
    # Scheduled once more: the link waiting for it goes now.
    publishing.schedule(review, timezone.now() + timedelta(days=1))
    drain()
    assert [m.rcpt_tos for m in smtp_server.messages] == [["review@example.org"]]
    assert "In review" in smtp_server.messages[0].message["Subject"]


def test_a_refusing_mail_server_is_tried_again_then_shown(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1  # nothing listens
    link = recipient(factories.release(state="scheduled"), "ana@example.org")
    for _ in range(embargo.MAX_TRIES + 2):
        embargo.send_due()
    link.refresh_from_db()
    assert link.emailed_at is None and link.email_tries == embargo.MAX_TRIES
    assert link.email_error


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_link_another_worker_holds_is_not_sent_twice(smtp_server):
    """Two workers at once (two hosts): the one that claimed the link sends it; the other skips it."""
    link = recipient(factories.release(state="scheduled"), "ana@example.org")
    claimed, release_it = threading.Event(), threading.Event()

    def other_worker():
        try:
            with transaction.atomic():
                list(embargo.due().select_for_update(skip_locked=True, of=("self",)).filter(pk=link.pk))
                claimed.set()
                release_it.wait(10)
        finally:
            connections.close_all()

    thread = threading.Thread(target=other_worker)
    thread.start()
    assert claimed.wait(10)
    embargo.send_due()
    assert smtp_server.messages == []  # held by the other worker: skipped, not sent
    release_it.set()
    thread.join()
    embargo.send_due()
    embargo.send_due()
    assert len(smtp_server.messages) == 1
