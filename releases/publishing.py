"""Publishing steps that touch several fields or rows, each named for the action.

Every staff save of a release goes through `save_release()` (the admin, the
verbs below, the demo content and imports): it renders the body, derives the
lead, saves, and keeps the release's old addresses answering. `Release.save()`
keeps only the model's own invariants.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator

from releases import markdown, permalinks, signals
from releases.models import ChangeNote, Release

LEAD_LENGTH = 320


def render_text(release):
    """The body as safe HTML and the lead (the summary, or the opening paragraph)."""
    release.body_html = markdown.render(release.body)
    release.lead = Truncator(release.summary.strip() or markdown.first_paragraph(release.body_html)).chars(LEAD_LENGTH)


def keep_addresses(release, old_slug):
    """A public address never breaks: a changed slug, and the release's address on the old
    site (`source_url`, once it is published or scheduled), answer 301 to its permalink."""
    if old_slug and old_slug != release.slug and release.first_published_at:
        permalinks.record_slug_change(old_slug, release.slug)
    if release.source_url and release.first_published_at and release.status != Release.Status.DRAFT:
        permalinks.register_legacy_url(release.source_url, release)


@transaction.atomic
def save_release(release):
    """Save a release as staff wrote it: rendered, saved, its old addresses kept."""
    old_slug = getattr(release, "stored_slug", None)
    render_text(release)
    release.save()
    keep_addresses(release, old_slug)
    return release


def next_scheduled_publication():
    """Epoch seconds of the next scheduled release's publish time, or 0 (the page cache's next change)."""
    upcoming = Release.objects.scheduled().order_by("publish_at").values_list("publish_at", flat=True).first()
    return upcoming.timestamp() if upcoming else 0


def can_publish(user):
    return user.has_perm("releases.publish_release")


@transaction.atomic
def publish(release, at=None):
    """Publish now, or schedule for `at`. First-published is set once, never moved
    (unless it was only ever a schedule that had not come): Release.save() keeps that rule."""
    release.status = Release.Status.PUBLISHED
    release.publish_at = at or release.publish_at or timezone.now()
    release.withdrawn_at = None
    release.withdrawal_reason = ""
    save_release(release)
    signals.release_published.send(sender=Release, release=release)
    return release


@transaction.atomic
def unpublish(release):
    """Back to draft. Only for releases the public has not yet seen: a live
    permalink never breaks, so a live release can only be withdrawn."""
    if release.state in Release.READER_VISIBLE:
        raise ValueError("A release the public has seen cannot be unpublished; withdraw it instead.")
    release.status = Release.Status.DRAFT
    save_release(release)
    return release


@transaction.atomic
def withdraw(release, reason):
    """Withdraw: the page stays with the public reason; the release leaves every list."""
    if not (reason or "").strip():
        raise ValueError("A withdrawal needs a public reason.")
    release.status = Release.Status.WITHDRAWN
    release.withdrawal_reason = reason.strip()
    release.withdrawn_at = timezone.now()
    save_release(release)
    signals.release_withdrawn.send(sender=Release, release=release)
    return release


@transaction.atomic
def record_major_edit(release, note, at=None):
    """A major edit: a public change note, and "last updated" moves."""
    at = at or timezone.now()
    change_note = ChangeNote.objects.create(release=release, note=note.strip(), created_at=at)
    Release.objects.filter(pk=release.pk).update(updated_at=at)
    release.updated_at = at
    signals.release_corrected.send(sender=Release, release=release, change_note=change_note)
    return release
