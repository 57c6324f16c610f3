"""What a subscriber does, each step named for the action: confirm, change, remove, stop, export, delete."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from alerts.models import Delivery, Subscriber, Subscription

UNSENT = [Delivery.Status.PENDING, Delivery.Status.SENDING, Delivery.Status.WITHDRAWN]


@transaction.atomic
def confirm(email, kind, target, query, search_text, frequency):
    """The address confirmed: it becomes (or stays) a subscriber and follows this. Idempotent:
    the same link twice changes nothing; a link for something already followed sets its frequency."""
    now = timezone.now()
    try:
        with transaction.atomic():
            subscriber, _ = Subscriber.objects.get_or_create(
                email__iexact=email, defaults={"email": email, "confirmed_at": now}
            )
    except IntegrityError:  # confirmed at the same moment elsewhere
        subscriber = Subscriber.objects.get(email__iexact=email)
    subscription, _ = Subscription.objects.update_or_create(
        subscriber=subscriber,
        kind=kind,
        topic=target if kind == Subscription.Kind.TOPIC else None,
        organization=target if kind == Subscription.Kind.ORGANIZATION else None,
        person=target if kind == Subscription.Kind.PERSON else None,
        query=query if kind == Subscription.Kind.SEARCH else "",
        defaults={"frequency": frequency, "search_text": search_text if kind == Subscription.Kind.SEARCH else ""},
    )
    return subscriber, subscription


def _cancel(deliveries):
    return deliveries.filter(status__in=UNSENT).update(
        status=Delivery.Status.CANCELLED, claimed_by="", lease_until=None
    )


@transaction.atomic
def remove(subscriber, subscription_id):
    """Stop following one thing; what was queued only because of it is not sent."""
    deleted, _ = subscriber.subscriptions.filter(pk=subscription_id).delete()
    if deleted:
        for delivery in subscriber.deliveries.filter(status__in=UNSENT).select_related("release"):
            if not subscriber.subscriptions.matching(delivery.release).exists():
                _cancel(Delivery.objects.filter(pk=delivery.pk))
    return bool(deleted)


def set_frequency(subscriber, subscription_id, frequency):
    return subscriber.subscriptions.filter(pk=subscription_id).update(frequency=frequency)


def set_updates(subscriber, wanted):
    Subscriber.objects.filter(pk=subscriber.pk).update(wants_updates=wanted)


@transaction.atomic
def stop_all(subscriber):
    """Unsubscribe from everything (one-click): nothing more is sent, nothing queued goes out."""
    subscriber.subscriptions.all().delete()
    return _cancel(subscriber.deliveries.all())


@transaction.atomic
def delete_all(subscriber):
    """Forget the address: the subscriber, its subscriptions and its delivery history."""
    subscriber.delete()


def export(subscriber):
    """Everything kept about a subscriber, as JSON-ready data."""

    def moment(value):
        return value.isoformat() if value else None

    return {
        "email": subscriber.email,
        "subscribed_since": moment(subscriber.created_at),
        "confirmed_at": moment(subscriber.confirmed_at),
        "updated_notices": subscriber.wants_updates,
        "subscriptions": [
            {"follows": s.describe(), "frequency": s.get_frequency_display(), "since": moment(s.created_at)}
            for s in subscriber.subscriptions.select_related("topic", "organization", "person").order_by("pk")
        ],
        "emails": [
            {
                "release": d.release.title,
                "url": d.release.get_absolute_url(),
                "kind": "updated notice" if d.change_note_id else "alert",
                "status": d.get_status_display(),
                "queued_at": moment(d.created_at),
                "sent_at": moment(d.sent_at),
            }
            for d in subscriber.deliveries.select_related("release").order_by("pk")
        ],
    }
