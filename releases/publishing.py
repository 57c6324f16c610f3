"""The publishing workflow: its verbs, each named for the action, and the steps they share.

    draft --submit_for_review--> in review --schedule(at)--> scheduled --(its time)--> published
      ^                              |       --publish_now----------------------------^   |
      +------------unpublish---------+ (from in review or scheduled)          withdraw(reason)
                                                                                          v
                                            publish_now (republish) <---------------- withdrawn

Which verb applies in which state is named on the model (Release.WITHDRAWABLE,
BACK_TO_DRAFT, SCHEDULABLE, PUBLISHABLE_NOW); a verb asked of a release in any
other state raises NotAllowed, whose message is written for staff. The database
backs the rules that matter to readers (a constraint: only a release first
published in the past can be withdrawn).

Every staff save of a release goes through `save_release()` (the admin, the
verbs below, the demo content and imports): it renders the body, derives the
lead, saves, and keeps the release's old addresses answering. `Release.save()`
keeps only the model's own invariants.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator

from releases import markdown, permalinks, signals, versions
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
@transaction.atomic
def save_release(release):
    """Save a release as staff wrote it: rendered, saved, its old addresses kept; the text readers
    saw until now kept with its published version (releases.versions). One transaction, so the
    after-commit work (new render key, content version, purge) follows all of it, never part."""
    old_slug = getattr(release, "stored_slug", None)
    render_text(release)
    versions.before_save(release)
    release.save()
    keep_addresses(release, old_slug)
    versions.after_save(release)
    return release


def next_scheduled_publication():
    """Epoch seconds of the next scheduled release's publish time, or 0 (the page cache's next change)."""
    upcoming = Release.objects.scheduled().order_by("publish_at").values_list("publish_at", flat=True).first()
    return upcoming.timestamp() if upcoming else 0


def can_publish(user):
    return user.has_perm("releases.publish_release")


def can_see_unpublished(user):
    """Staff who may read drafts and scheduled releases at their permalink (and their press kit)."""
    return user.is_staff and user.has_perm("releases.view_release")


class NotAllowed(ValueError):
    """A verb the release's state does not allow; the message says why, for staff."""


def _require(release, states, message):
    if release.state not in states:
        raise NotAllowed(message)


@transaction.atomic
def submit_for_review(release, by=None):
    """A Writer hands a draft to the Editors, who are told (in the admin, and by email where email is set up)."""
    _require(release, Release.WRITER_EDITABLE, "Only a draft can be submitted for review.")
    release.status = Release.Status.REVIEW
    release.submitted_at = timezone.now()
    release.submitted_by = by
    save_release(release)
    from releases import notifications

    transaction.on_commit(lambda: notifications.review_requested(release))
    return release


@transaction.atomic
def schedule(release, at):
    """Goes live by itself at `at`, which must still be to come."""
    _require(release, Release.SCHEDULABLE, "Readers can already see this release: it cannot be scheduled again.")
    if at is None or at <= timezone.now():
        raise NotAllowed("A schedule needs a time still to come; to publish at once, use “Publish now”.")
    return publish(release, at=at)


@transaction.atomic
def publish_now(release):
    """Readers see it from this moment (a withdrawn release comes back, its first publication kept)."""
    _require(release, Release.PUBLISHABLE_NOW, "This release is already published.")
    return publish(release, at=timezone.now())


@transaction.atomic
def publish(release, at=None):
    """Publish at `at` (now by default; a past time back-dates an imported release, a future
    one schedules it). First-published is set once, never moved (unless it was only ever a
    schedule that had not come): Release.save() keeps that rule. The admin uses the verbs above."""
    release.status = Release.Status.PUBLISHED
    release.publish_at = at or release.publish_at or timezone.now()
    release.withdrawn_at = None
    release.withdrawal_reason = ""
    save_release(release)
    signals.release_published.send(sender=Release, release=release)
    return release


@transaction.atomic
def unpublish(release):
    """Back to draft, from review or a schedule. A release readers have seen keeps its
    permalink and can only be withdrawn."""
    if release.state in Release.READER_VISIBLE:
        raise NotAllowed("Readers have seen this release, so it cannot go back to draft; withdraw it instead.")
    _require(release, Release.BACK_TO_DRAFT, "This release is a draft already.")
    release.status = Release.Status.DRAFT
    save_release(release)
    return release


@transaction.atomic
def withdraw(release, reason):
    """Withdraw what readers have seen: the page stays with the public reason; the release
    leaves every list. A release readers have not seen goes back to draft instead (unpublish)."""
    _require(
        release,
        Release.WITHDRAWABLE,
        "Only a published release can be withdrawn; one readers have not seen goes back to draft instead.",
    )
    if not (reason or "").strip():
        raise NotAllowed("A withdrawal needs a public reason.")
    release.status = Release.Status.WITHDRAWN
    release.withdrawal_reason = reason.strip()
    release.withdrawn_at = timezone.now()
    save_release(release)
    signals.release_withdrawn.send(sender=Release, release=release)
    return release


@transaction.atomic
def record_major_edit(release, note, at=None):
    """A major edit: a public change note, "last updated" moves, and the release as it is now
    becomes its next published version (call it once the edit is saved, quotes and all)."""
    at = at or timezone.now()
    change_note = ChangeNote.objects.create(release=release, note=note.strip(), created_at=at)
    Release.objects.filter(pk=release.pk).update(updated_at=at)
    release.updated_at = at
    versions.record_major_edit(release, change_note)
    signals.release_corrected.send(sender=Release, release=release, change_note=change_note)
    return release


# --- The next steps staff are offered ------------------------------------------------

SAVE, SUBMIT, SCHEDULE, PUBLISH_NOW, UNPUBLISH = "save", "submit", "schedule", "publish_now", "unpublish"
STEP_LABELS = {
    SUBMIT: "Submit for review",
    SCHEDULE: "Schedule",
    PUBLISH_NOW: "Publish now",
    UNPUBLISH: "Back to draft",
}


def next_steps(state, can_publish):
    """The verbs a release in `state` offers (besides saving and withdrawing), the obvious
    next one first: Draft → Submit for review (Writers) → Schedule or Publish now (Editors)."""
    if not can_publish:
        return [SUBMIT] if state == Release.State.DRAFT else []
    steps = {
        Release.State.DRAFT: [PUBLISH_NOW, SCHEDULE],
        Release.State.REVIEW: [PUBLISH_NOW, SCHEDULE, UNPUBLISH],
        Release.State.SCHEDULED: [PUBLISH_NOW, UNPUBLISH],
        Release.State.WITHDRAWN: [PUBLISH_NOW],
    }
    return steps.get(state, [])


def outcome(release, step):
    """What a save did, in words, with the time in the newsroom's zone ("Scheduled for 29 Nov 2026, 12:17 EST")."""
    from releases.times import newsroom_time

    state = release.state
    if step == SUBMIT:
        return "Submitted for review: the editors have been told."
    if step == PUBLISH_NOW:
        return f"Published now ({newsroom_time(release.publish_at)}): readers can see it."
    if step == UNPUBLISH:
        return "Back to draft: readers cannot see it."
    if state == Release.State.SCHEDULED:
        return f"Scheduled for {newsroom_time(release.publish_at)}: it goes live by itself then."
    return {
        Release.State.DRAFT: "Saved as draft.",
        Release.State.REVIEW: "Saved; it waits for an editor's review.",
        Release.State.PUBLISHED: "Saved: readers see the change now.",
        Release.State.WITHDRAWN: "Saved; it stays withdrawn.",
    }[state]
