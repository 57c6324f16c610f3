"""Publishing steps that touch several fields or rows, each named for the action."""

from django.db import transaction
from django.utils import timezone

from releases.models import ChangeNote, Release


def next_scheduled_publication():
    """Epoch seconds of the next scheduled release's publish time, or 0 (the page cache's next change)."""
    upcoming = Release.objects.scheduled().order_by("publish_at").values_list("publish_at", flat=True).first()
    return upcoming.timestamp() if upcoming else 0


def can_publish(user):
    return user.has_perm("releases.publish_release")


@transaction.atomic
def publish(release, at=None):
    """Publish now, or schedule for `at`. First-published is set once, never moved
    (unless it was only ever a schedule that had not come)."""
    now = timezone.now()
    release.status = Release.Status.PUBLISHED
    release.publish_at = at or release.publish_at or now
    if release.first_published_at is None or release.first_published_at > now:
        release.first_published_at = release.publish_at
    release.withdrawn_at = None
    release.withdrawal_reason = ""
    release.save()
    return release


@transaction.atomic
def unpublish(release):
    """Back to draft. Only for releases the public has not yet seen: a live
    permalink never breaks, so a live release can only be withdrawn."""
    if release.state in Release.READER_VISIBLE:
        raise ValueError("A release the public has seen cannot be unpublished; withdraw it instead.")
    release.status = Release.Status.DRAFT
    release.save()
    return release


@transaction.atomic
def withdraw(release, reason):
    """Withdraw: the page stays with the public reason; the release leaves every list."""
    if not (reason or "").strip():
        raise ValueError("A withdrawal needs a public reason.")
    release.status = Release.Status.WITHDRAWN
    release.withdrawal_reason = reason.strip()
    release.withdrawn_at = timezone.now()
    release.save()
    return release


@transaction.atomic
def record_major_edit(release, note, at=None):
    """A major edit: a public change note, and "last updated" moves."""
    at = at or timezone.now()
    ChangeNote.objects.create(release=release, note=note.strip(), created_at=at)
    Release.objects.filter(pk=release.pk).update(updated_at=at)
    release.updated_at = at
    return release
