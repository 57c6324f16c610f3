"""The alerts' tasks: nudges from the publishing workflow, and the confirmation email.

The nudges only make things happen at once: the worker's duties (alerts.duties) find the
same work by looking within ALERTS_SCAN_SECONDS, so a lost nudge delays, never loses.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.urls import reverse

from alerts import fanout, messages, targets, throttle, tokens
from alerts.models import Subscription
from worker import task

logger = logging.getLogger("alerts")


@task()
def release_became_public(release_id):
    return fanout.announce(release_id)


@task()
def release_withdrawn(release_id):
    return fanout.withdraw(release_id)


@task()
def release_corrected(change_note_id):
    return fanout.announce_correction(change_note_id)


def describe(kind, target, query):
    return Subscription(
        kind=kind,
        topic=target if kind == "topic" else None,
        organization=target if kind == "organization" else None,
        person=target if kind == "person" else None,
        query=query,
    ).describe()


@task()
def send_confirmation(email, kind, target_pk, query, frequency):
    """Email the link that confirms a subscription, at most ALERTS_CONFIRMATIONS_PER_ADDRESS a day per address.

    Run by the worker, not the request: the visitor's page answers the same, as fast,
    whoever the address belongs to."""
    if not throttle.allow(
        "confirm-address", email.lower(), settings.ALERTS_CONFIRMATIONS_PER_ADDRESS, timedelta(days=1)
    ):
        logger.info("alerts: confirmation not sent (the address had its share today)")
        return "throttled"
    target = targets.by_pk(kind, target_pk) if kind in ("topic", "organization", "person") else None
    if kind in ("topic", "organization", "person") and target is None:
        return "gone"  # no longer public: nothing to confirm
    token = tokens.confirmation_token(email, kind, target, query, frequency)
    url = settings.SITE_URL + reverse("alerts:confirm", args=[token])
    label = Subscription.Frequency(frequency).label.lower()
    messages.confirmation(email, describe(kind, target, query), label, url).send()
    return "sent"
