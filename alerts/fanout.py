"""Queueing alerts: when a release becomes public, one outbox row per matching subscriber.

Each function is safe to run twice at once, on two hosts: it holds an advisory lock on
the release for its transaction, records what it did in an Announcement (unique), and
inserts deliveries with ON CONFLICT DO NOTHING against the (subscriber, release) key.
The visibility rule decides: only `Release.objects.public()` is ever queued.

- announce(release_id): queue the release for everyone it matches — once. A release already
  older than ALERTS_MAX_AGE when first seen public (an import, a back-dated record) is noted
  and not sent. Republishing a withdrawn release queues again what the withdrawal stopped.
- announce_correction(note_id): an "updated" notice to those who were sent the release and
  asked for such notices (a correction never sends the release again).
- withdraw(release_id): what is not yet sent is not sent.
"""

from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from alerts.models import Announcement, Delivery, Subscription
from releases.models import ChangeNote, Release

LOCK_NAMESPACE = 16_016  # pg_advisory_xact_lock(namespace, release id): this module's locks

QUEUE_SQL = """
INSERT INTO alerts_delivery
    (subscriber_id, frequency, release_id, change_note_id, status, created_at, not_before, attempts, claimed_by, error)
SELECT matched.subscriber_id, matched.frequency, %s, NULL, 'pending', %s, %s, 0, '', ''
FROM ({matching}) AS matched
ON CONFLICT (subscriber_id, release_id) WHERE change_note_id IS NULL DO NOTHING
"""

QUEUE_UPDATES_SQL = """
INSERT INTO alerts_delivery
    (subscriber_id, frequency, release_id, change_note_id, status, created_at, not_before, attempts, claimed_by, error)
SELECT d.subscriber_id, d.frequency, d.release_id, %s, 'pending', %s, %s, 0, '', ''
FROM alerts_delivery d JOIN alerts_subscriber s ON s.id = d.subscriber_id
WHERE d.release_id = %s AND d.change_note_id IS NULL AND d.status = 'sent' AND s.wants_updates
ON CONFLICT (subscriber_id, change_note_id) WHERE change_note_id IS NOT NULL DO NOTHING
"""


def max_age():
    return timedelta(hours=settings.ALERTS_MAX_AGE_HOURS)


def _lock(release_id):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [LOCK_NAMESPACE, int(release_id) % 2**31])


def queue_for_subscribers(release, now):
    """One delivery per subscriber with a subscription matching the release; its frequency
    is the most urgent of them (one statement, however many subscribers)."""
    matching = (
        Subscription.objects.matching(release)
        .order_by()
        .values("subscriber_id")
        .annotate(frequency=Max("frequency"))  # "immediate" sorts after "daily"
        .values("subscriber_id", "frequency")
    )
    sql, params = matching.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(QUEUE_SQL.format(matching=sql), [release.pk, now, now, *params])
        return cursor.rowcount


@transaction.atomic
def announce(release_id):
    """Queue the release's alerts if it is public and not yet announced; returns how many were queued."""
    _lock(release_id)
    now = timezone.now()
    release = Release.objects.public(now).filter(pk=release_id).first()
    if release is None:
        return 0
    announcement = Announcement.objects.filter(release=release, change_note=None).first()
    if announcement is None:
        if release.publish_at < now - max_age():
            Announcement.objects.create(release=release, state=Announcement.State.TOO_OLD, announced_at=now)
            return 0
        queued = queue_for_subscribers(release, now)
        Announcement.objects.create(
            release=release, state=Announcement.State.ANNOUNCED, announced_at=now, queued=queued
        )
    elif announcement.state == Announcement.State.WITHDRAWN:
        # Public again: what the withdrawal stopped goes out now; what was sent is never sent again.
        queued = Delivery.objects.filter(release=release, status=Delivery.Status.WITHDRAWN).update(
            status=Delivery.Status.PENDING, not_before=now, claimed_by="", lease_until=None
        )
        Announcement.objects.filter(release=release, state=Announcement.State.WITHDRAWN).update(
            state=Announcement.State.ANNOUNCED, finished_at=None
        )
    else:
        return 0
    _ping_feeds(release)
    return queued


@transaction.atomic
def announce_correction(note_id):
    """Queue "updated" notices for a correction of a public release, once."""
    note = ChangeNote.objects.filter(pk=note_id).first()
    if note is None:
        return 0
    _lock(note.release_id)
    now = timezone.now()
    if not Release.objects.public(now).filter(pk=note.release_id).exists():
        return 0
    if Announcement.objects.filter(change_note=note).exists():
        return 0
    if note.created_at < now - max_age():
        Announcement.objects.create(
            release_id=note.release_id, change_note=note, state=Announcement.State.TOO_OLD, announced_at=now
        )
        return 0
    with connection.cursor() as cursor:
        cursor.execute(QUEUE_UPDATES_SQL, [note.pk, now, now, note.release_id])
        queued = cursor.rowcount
    Announcement.objects.create(
        release_id=note.release_id,
        change_note=note,
        state=Announcement.State.ANNOUNCED,
        announced_at=now,
        queued=queued,
    )
    _ping_feeds(note.release)
    return queued


@transaction.atomic
def withdraw(release_id):
    """The release is no longer public: nothing more of it is sent. Returns how many were stopped."""
    _lock(release_id)
    if Release.objects.public().filter(pk=release_id).exists():
        return 0  # public again already
    stopped = Delivery.objects.filter(release_id=release_id, status__in=["pending", "sending"]).update(
        status=Delivery.Status.WITHDRAWN, claimed_by="", lease_until=None
    )
    Announcement.objects.filter(release_id=release_id, state=Announcement.State.ANNOUNCED).update(
        state=Announcement.State.WITHDRAWN
    )
    release = Release.objects.filter(pk=release_id).first()
    if release is not None:
        _ping_feeds(release)
    return stopped


def _ping_feeds(release):
    from alerts import websub

    websub.queue_ping(release)
