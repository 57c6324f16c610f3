"""Sending the outbox: claim a batch with a lease, send each message, record it sent at once.

Exactly once per (subscriber, release), with several workers on several hosts:
- a row is claimed with `SELECT … FOR UPDATE SKIP LOCKED` (two workers never claim one row)
  and marked `sending` with a lease (ALERTS_LEASE_SECONDS) under the worker's id;
- before each chunk of ALERTS_CHUNK messages the worker checks, in one UPDATE that also
  extends the lease, that the rows are still its own and their release still public
  (a withdrawal, an unsubscribe, another worker taking over: those rows are skipped);
- each message is recorded `sent` in its own commit as soon as the server accepts it;
- rows held by a worker that died (its heartbeat stopped: worker.models) or whose lease ran
  out are claimed again by the next worker.
The one moment left: a worker killed after the SMTP server accepted a message (its 250
reply) and before that commit (a millisecond) leaves the row `sending`; it is sent again,
with the same Message-ID. See the README's "Exactly once, and the one window left".
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.utils import timezone

from alerts.messages import Renderer
from alerts.models import Delivery, Subscriber, Subscription
from releases.models import Release
from worker.models import WorkerProcess

logger = logging.getLogger("alerts")


def lease():
    return timedelta(seconds=settings.ALERTS_LEASE_SECONDS)


def claimable(now, frequency):
    """Rows of `frequency` ready to send: pending and due, or held by a worker that died or overran
    its lease; and only for releases the public can see now."""
    live = WorkerProcess.objects.live().values("pk")
    abandoned = Q(status=Delivery.Status.SENDING) & (Q(lease_until__lt=now) | ~Q(claimed_by__in=Subquery(live)))
    return (
        Delivery.objects.filter(frequency=frequency)
        .filter(Q(status=Delivery.Status.PENDING, not_before__lte=now) | abandoned)
        .filter(Exists(Release.objects.public(now).filter(pk=OuterRef("release_id"))))
    )


def _claim(rows, worker_id, now):
    return Delivery.objects.filter(pk__in=rows).update(
        status=Delivery.Status.SENDING, claimed_by=worker_id, lease_until=now + lease(), attempts=F("attempts") + 1
    )


def claim_immediate(worker_id, size):
    """Claim up to `size` immediate deliveries for this worker; returns them with what a message needs."""
    now = timezone.now()
    with transaction.atomic():
        ids = list(
            claimable(now, Subscription.Frequency.IMMEDIATE)
            .order_by("pk")
            .select_for_update(skip_locked=True, of=("self",))
            .values_list("pk", flat=True)[:size]
        )
        if ids:
            _claim(ids, worker_id, now)
    return list(
        Delivery.objects.filter(pk__in=ids)
        .select_related("subscriber", "release__issuer", "change_note")
        .order_by("pk")
    )


def still_mine(ids, worker_id):
    """Of these claimed rows, those still this worker's to send (their release still public), leases renewed."""
    now = timezone.now()
    rows = Delivery.objects.filter(pk__in=ids, status=Delivery.Status.SENDING, claimed_by=worker_id).filter(
        Exists(Release.objects.public(now).filter(pk=OuterRef("release_id")))
    )
    mine = set(rows.values_list("pk", flat=True))
    Delivery.objects.filter(pk__in=mine).update(lease_until=now + lease())
    return mine


def mark_sent(ids):
    # Whatever happened to the row meanwhile (a withdrawal), the message went: the record says so.
    Delivery.objects.filter(pk__in=ids).update(
        status=Delivery.Status.SENT, sent_at=timezone.now(), lease_until=None, error=""
    )


def mark_failed(ids, error):
    Delivery.objects.filter(pk__in=ids).update(
        status=Delivery.Status.FAILED, lease_until=None, error=str(error)[:2000]
    )


def put_back(ids, error="", retry=True):
    """Back to pending (later, after a failure), or failed after ALERTS_MAX_ATTEMPTS tries."""
    now = timezone.now()
    rows = Delivery.objects.filter(pk__in=ids, status=Delivery.Status.SENDING)
    if retry:
        rows.filter(attempts__gte=settings.ALERTS_MAX_ATTEMPTS).update(
            status=Delivery.Status.FAILED, lease_until=None, error=str(error)[:2000]
        )
        for delivery in rows:
            wait = timedelta(seconds=min(3600, 30 * 2 ** max(delivery.attempts - 1, 0)))
            Delivery.objects.filter(pk=delivery.pk).update(
                status=Delivery.Status.PENDING,
                not_before=now + wait,
                claimed_by="",
                lease_until=None,
                error=str(error)[:2000],
            )
    else:  # never tried (the worker is stopping): as it was
        rows.update(status=Delivery.Status.PENDING, claimed_by="", lease_until=None, attempts=F("attempts") - 1)


def permanent(error):
    """A refusal that trying again will not change (5xx for this recipient)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    if isinstance(error, (smtplib.SMTPSenderRefused, smtplib.SMTPDataError)):
        return error.smtp_code >= 500
    return False


def send_messages(worker, batches):
    """Send [(ids, build_message)] over one connection, chunk by chunk; True if it got through them all.

    Each item is the delivery ids one message stands for and a callable that builds the
    message from those of them still to be sent (a digest leaves out a withdrawn release).
    """
    if not batches:
        return True
    connection = get_connection()
    try:
        connection.open()
    except (smtplib.SMTPException, OSError) as error:
        logger.warning("alerts: the mail server is not reachable (%s); trying again later", error)
        put_back([pk for ids, _ in batches for pk in ids], error)
        return False
    try:
        for start in range(0, len(batches), settings.ALERTS_CHUNK):
            chunk = batches[start : start + settings.ALERTS_CHUNK]
            if not worker.running:
                put_back([pk for ids, _ in batches[start:] for pk in ids], retry=False)
                return False
            mine = still_mine([pk for ids, _ in chunk for pk in ids], worker.worker_id)
            for position, (ids, build_message) in enumerate(chunk):
                ids = [pk for pk in ids if pk in mine]
                if not ids:
                    continue
                try:
                    sent = connection.send_messages([build_message(ids)])
                except (smtplib.SMTPException, OSError) as error:
                    if permanent(error):
                        mark_failed(ids, error)
                        continue
                    logger.warning("alerts: sending failed (%s); the rest of the batch waits", error)
                    rest = [
                        pk for later_ids, _ in chunk[position:] + batches[start + len(chunk) :] for pk in later_ids
                    ]
                    put_back(rest, error)
                    return False
                if sent:
                    mark_sent(ids)
                else:
                    put_back(ids, "the mail backend did not send it")
    finally:
        try:
            connection.close()
        except (smtplib.SMTPException, OSError):
            pass
    return True


def send_immediate(worker):
    """Duty: send a batch of immediate alerts and updated notices. True while there may be more."""
    deliveries = claim_immediate(worker.worker_id, settings.ALERTS_BATCH)
    if not deliveries:
        return False
    renderer = Renderer()
    send_messages(worker, [([d.pk], lambda ids, d=d: renderer.alert(d)) for d in deliveries])
    return True


def last_digest_moment(now=None):
    """The most recent ALERTS_DIGEST_HOUR:00 in the newsroom's time zone (today's, or yesterday's)."""
    local = timezone.localtime(now or timezone.now())
    moment = local.replace(hour=settings.ALERTS_DIGEST_HOUR, minute=0, second=0, microsecond=0)
    if moment > local:
        moment -= timedelta(days=1)
    return moment


def claim_digests(worker_id, size):
    """Claim the due daily deliveries of up to `size` subscribers: {subscriber: [deliveries]}.
    A subscriber's row is locked while claiming, so two workers never split one digest."""
    now = timezone.now()
    due = claimable(now, Subscription.Frequency.DAILY).filter(created_at__lte=last_digest_moment(now))
    with transaction.atomic():
        subscribers = list(
            Subscriber.objects.filter(Exists(due.filter(subscriber=OuterRef("pk"))))
            .order_by("pk")
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:size]
        )
        ids = list(due.filter(subscriber__in=subscribers).values_list("pk", flat=True))
        if ids:
            _claim(ids, worker_id, now)
    grouped = {}
    for delivery in (
        Delivery.objects.filter(pk__in=ids)
        .select_related("subscriber", "release__issuer", "change_note")
        .order_by("release__first_published_at", "pk")
    ):
        grouped.setdefault(delivery.subscriber, []).append(delivery)
    return grouped


def send_digests(worker):
    """Duty: once ALERTS_DIGEST_HOUR has passed, each subscriber's day of releases in one message."""
    grouped = claim_digests(worker.worker_id, settings.ALERTS_DIGEST_BATCH)
    if not grouped:
        return False
    renderer = Renderer()
    send_messages(
        worker,
        [
            (
                [d.pk for d in deliveries],
                lambda ids, s=subscriber, ds=deliveries: renderer.digest(s, [d for d in ds if d.pk in ids]),
            )
            for subscriber, deliveries in grouped.items()
        ],
    )
    return True
