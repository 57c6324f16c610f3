"""What the worker finds by looking (registered in AlertsConfig.ready()).

- find_due_work: releases that became public (published, or their scheduled time came)
  and corrections not yet announced; releases that left the public since they were
  announced; finished announcements. Within ALERTS_SCAN_SECONDS, no cron.
- outbox.send_immediate and outbox.send_digests: the outbox (alerts.outbox).
- housekeeping: old rate-limit counts.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils import timezone

from alerts import fanout, throttle
from alerts.models import OPEN, Announcement, Delivery
from releases.models import ChangeNote, Release

SCAN_LIMIT = 100
# A release saved a moment ago gets its search document right after its commit; a scan
# waits this long for it, so that saved searches see it (the publish nudge needs no wait).
SETTLE = timedelta(seconds=1)


def find_due_work(worker=None):
    now = timezone.now()
    oldest = now - fanout.max_age()
    public = Release.objects.public(now)
    seen = Announcement.objects.filter(release=OuterRef("pk"), change_note=None)
    new = (
        public.filter(publish_at__gte=oldest, modified_at__lte=now - SETTLE)
        .exclude(Exists(seen))
        .order_by("publish_at")
        .values_list("pk", flat=True)[:SCAN_LIMIT]
    )
    republished = Announcement.objects.filter(
        change_note=None, state=Announcement.State.WITHDRAWN, release__in=public
    ).values_list("release_id", flat=True)[:SCAN_LIMIT]
    corrections = (
        ChangeNote.objects.filter(created_at__gte=oldest, release__in=public)
        .exclude(Exists(Announcement.objects.filter(change_note=OuterRef("pk"))))
        .values_list("pk", flat=True)[:SCAN_LIMIT]
    )
    open_announcements = Announcement.objects.filter(finished_at=None, state=Announcement.State.ANNOUNCED)
    left_public = open_announcements.exclude(release__in=public).values_list("release_id", flat=True)[:SCAN_LIMIT]
    for release_id in [*new, *republished]:
        fanout.announce(release_id)
    for note_id in corrections:
        fanout.announce_correction(note_id)
    for release_id in set(left_public):
        fanout.withdraw(release_id)
    open_announcements.exclude(
        Exists(Delivery.objects.filter(release=OuterRef("release_id"), status__in=OPEN))
    ).update(finished_at=now)
    return False


def housekeeping(worker=None):
    throttle.forget_old()
    return False


def every():
    return settings.ALERTS_SCAN_SECONDS
